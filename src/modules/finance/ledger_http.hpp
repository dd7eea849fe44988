// What the ledger's route files share: the database, the catalogue for problems, the clock, and
// the answers every ledger route gives the same way (a problem, the acting user, a period range,
// a report as JSON or a file).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_reports.hpp"
#include "platform/export/table.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/module/module.hpp"

namespace verp::finance {

struct LedgerHttp {
  storage::Database* database = nullptr;
  const i18n::Catalog* catalog = nullptr;
  const Clock* clock = nullptr;
  files::FileStore* files = nullptr;  // a voucher's source documents

  http::Response problem(const Error& error, const http::Request& request) const;
  Actor actor_of(const http::Request& request) const;
  // "from"/"to" as period codes; either defaults to the other, both to the current period.
  Result<PeriodRange> range_of(storage::Connection& c, const http::Request& request) const;
  // A report as JSON, or with ?format=csv|xlsx|pdf as a file (the export is audited).
  http::Response answer_report(http::Request& request, std::string_view kind,
                               const Result<boost::json::object>& report) const;
  // The same for another module's reports: `table` lays the report out (report_tables.hpp does
  // the ledger's), and the export is audited as `audit_action` (e.g. "stock.export").
  using ReportTable =
      std::function<exporting::Table(std::string_view kind, const boost::json::object& report, std::string_view locale)>;
  http::Response answer_report(http::Request& request, std::string_view kind, const Result<boost::json::object>& report,
                               const ReportTable& table, std::string_view audit_action) const;
};

std::string openapi(std::string_view summary, std::string_view tag);
std::string query_text(const http::Request& request, std::string_view name);
boost::json::object period_json(const Period& period);
boost::json::object ref_json(const VoucherRef& ref);

void add_period_routes(http::Router& router, const LedgerHttp& kit);
void add_voucher_routes(http::Router& router, const LedgerHttp& kit);
void add_posting_rule_routes(http::Router& router, const LedgerHttp& kit);
void add_receivable_routes(http::Router& router, const LedgerHttp& kit);
void add_budget_routes(http::Router& router, const LedgerHttp& kit);
void add_report_routes(http::Router& router, const LedgerHttp& kit);
void add_invoice_routes(http::Router& router, const LedgerHttp& kit);

}  // namespace verp::finance
