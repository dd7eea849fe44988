// HTTP for the ledger's reports, each also as a file with ?format=csv|xlsx:
//   GET /api/v1/finance/trial-balance?from=2026-01&to=2026-03[&scope=consolidated]
//   GET /api/v1/finance/balance-sheet?at=2026-03[&scope=consolidated], /income-statement?from=&to=[&scope=…],
//       /cash-flow?from=&to=[&scope=…]
//   GET /api/v1/finance/ledger?account=1122&from=&to=&customer_id=…
//   GET /api/v1/finance/audit-analysis?from=&to=&round_threshold=10000.00
#include <boost/json.hpp>

#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"
#include "modules/finance/audit_analysis.hpp"
#include "modules/finance/statements.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

void add_report_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };
  auto range_of = [kit](Connection& c, const Request& request) { return kit.range_of(c, request); };
  auto answer_report = [kit](Request& request, std::string_view kind, const Result<json::object>& report) {
    return kit.answer_report(request, kind, report);
  };

  // ?scope=consolidated reads every member company the user belongs to: it needs the widest scope.
  auto consolidated = [](const Request& request) -> Result<bool> {
    if (query_text(request, "scope") != "consolidated") return false;
    if (request.principal->scope_for("ledger", "read") != security::DataScope::all_companies) {
      return make_error(ErrorKind::forbidden, "finance.consolidation_needs_all_companies");
    }
    return true;
  };

  // ---- reports -------------------------------------------------------------------------------

  router.get("/api/v1/finance/trial-balance", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      auto group = consolidated(request);
      if (!group) return group.error();
      if (*group) {
        return consolidated_trial_balance(c, request.principal->company_ids, request.principal->company_id, *range,
                                          request.locale);
      }
      return trial_balance(c, request.principal->company_id, *range, request.locale);
    });
    return answer_report(request, "trial-balance", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Trial balance (科目余额表) for a range of periods", "Ledger")});

  router.get("/api/v1/finance/balance-sheet", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto group = consolidated(request);
      if (!group) return group.error();
      auto sheet_at = [&](const Period& period) {
        return *group ? consolidated_balance_sheet(c, request.principal->company_ids, period, request.locale)
                      : balance_sheet(c, request.principal->company_id, period, request.locale);
      };
      const std::string at = query_text(request, "at");
      if (!at.empty()) {
        auto period = period_by_code(c, request.principal->company_id, at);
        if (!period) return period.error();
        if (!*period) return field_error("at", "unknown_period", "finance.period_unknown", {{"period", at}});
        return sheet_at(**period);
      }
      auto range = range_of(c, request);
      if (!range) return range.error();
      return sheet_at(range->to);
    });
    return answer_report(request, "balance-sheet", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Balance sheet (资产负债表) at the end of a period, with the year's opening figures", "Ledger")});

  router.get("/api/v1/finance/income-statement", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      auto group = consolidated(request);
      if (!group) return group.error();
      if (*group) return consolidated_income_statement(c, request.principal->company_ids, *range, request.locale);
      return income_statement(c, request.principal->company_id, *range, request.locale);
    });
    return answer_report(request, "income-statement", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Income statement (利润表) for a range of periods and the year to date", "Ledger")});

  router.get("/api/v1/finance/cash-flow", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      auto group = consolidated(request);
      if (!group) return group.error();
      if (*group) return consolidated_cash_flow_statement(c, request.principal->company_ids, *range, request.locale);
      return cash_flow_statement(c, request.principal->company_id, *range, request.locale);
    });
    return answer_report(request, "cash-flow", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Cash-flow statement (现金流量表), direct method from the items on cash and bank lines", "Ledger")});

  router.get("/api/v1/finance/audit-analysis", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      AuditAnalysisOptions options;
      if (const std::string threshold = query_text(request, "round_threshold"); !threshold.empty()) {
        auto cents = parse_amount(threshold);
        if (!cents || *cents <= 0) return field_error("round_threshold", "invalid", "finance.amount_as_text");
        options.round_threshold = *cents;
      }
      return audit_analysis(c, request.principal->company_id, *range, options);
    });
    if (!report) return problem(report.error(), request);
    return http::json_response(200, *report);
  }, {.access = Access::permission("audit_log", "read"),
      .openapi = openapi("Audit analysis (审计分析): refused attempts, reversals, self-posting, role changes, "
                         "after-hours work, large round amounts",
                         "Ledger")});

  router.get("/api/v1/finance/ledger", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      const std::int64_t company = request.principal->company_id;
      LedgerQuery query{.range = *range,
                        .customer_id = request.integer_query("customer_id"),
                        .supplier_id = request.integer_query("supplier_id"),
                        .department_id = request.integer_query("department_id"),
                        .employee_id = request.integer_query("employee_id"),
                        .project_id = request.integer_query("project_id"),
                        .item_id = request.integer_query("item_id")};
      const std::string account = query_text(request, "account");
      auto row = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = $2", {company, account});
      if (!row) return row.error();
      if (!*row) return field_error("account", "unknown", "finance.account_unknown", {{"account", account}});
      query.account_id = (*row)->int64(0).value_or(0);
      return account_ledger(c, company, query, request.locale);
    });
    return answer_report(request, "ledger", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("An account's ledger (明细账), optionally for one dimension value", "Ledger")});
}

}  // namespace verp::finance
