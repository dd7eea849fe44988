// HTTP for sales' reports (sales_reports.hpp), JSON or ?format=csv|xlsx|pdf, all under
// sales_order:read and the caller's data scope on orders:
//   GET /api/v1/sales/reports/sales?group=customer|item|salesperson|region|month&from=&to=
//   GET /api/v1/sales/reports/backlog
//   GET /api/v1/sales/reports/on-time-delivery?from=&to=
//   GET /api/v1/sales/reports/margin?group=order|customer&from=&to=
//   GET /api/v1/sales/reports/aging?as_of=
#include "modules/finance/report_tables.hpp"
#include "modules/inventory/inventory_http.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/sales/sales_http.hpp"
#include "modules/sales/sales_reports.hpp"

namespace verp::sales {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

// ?from= and ?to= as dates, each optional; a bad one is a 400 naming it.
Result<ReportRange> range_of(const Request& request) {
  auto from = inventory::date_param(request, "from");
  if (!from) return from.error();
  auto to = inventory::date_param(request, "to");
  if (!to) return to.error();
  return ReportRange{*from, *to};
}

std::string group_of(const Request& request, std::string_view otherwise) {
  const std::string group = query_text(request, "group");
  return group.empty() ? std::string(otherwise) : group;
}

}  // namespace

void add_sales_report_routes(http::Router& router, const SalesHttp& kit) {
  storage::Database* database = kit.ledger.database;
  const finance::LedgerHttp ledger = kit.ledger;
  // Reads the report for the caller's scope and answers it as JSON or as a file.
  auto answer = [database, ledger](Request& request, std::string_view kind, const auto& build) {
    const OrderScope scope = order_scope_of(*request.principal);
    auto report = database->read([&](Connection& c) -> Result<json::object> { return build(c, scope); });
    return ledger.answer_report(request, kind, report, finance::report_table, "sales.export");
  };
  const auto options = [](std::string_view summary) {
    return http::RouteOptions{.access = Access::permission("sales_order", "read"), .openapi = openapi(summary, "Sales order")};
  };

  router.get("/api/v1/sales/reports/sales", [=](Request& request) {
    auto range = range_of(request);
    if (!range) return ledger.problem(range.error(), request);
    const std::string group = group_of(request, "customer");
    return answer(request, "sales", [&](Connection& c, const OrderScope& scope) {
      return sales_report(c, scope, group, *range);
    });
  }, options("Sales by customer, item, salesperson, region or month"));

  router.get("/api/v1/sales/reports/backlog", [=](Request& request) {
    const storage::Date today = inventory::local_today(*ledger.clock);
    return answer(request, "backlog", [&](Connection& c, const OrderScope& scope) {
      return backlog_report(c, scope, today);
    });
  }, options("Open order lines still to ship, with days late"));

  router.get("/api/v1/sales/reports/on-time-delivery", [=](Request& request) {
    auto range = range_of(request);
    if (!range) return ledger.problem(range.error(), request);
    return answer(request, "on-time-delivery", [&](Connection& c, const OrderScope& scope) {
      return on_time_delivery_report(c, scope, *range);
    });
  }, options("On-time delivery per customer"));

  router.get("/api/v1/sales/reports/margin", [=](Request& request) {
    auto range = range_of(request);
    if (!range) return ledger.problem(range.error(), request);
    const std::string group = group_of(request, "order");
    return answer(request, "margin", [&](Connection& c, const OrderScope& scope) {
      return margin_report(c, scope, group, *range);
    });
  }, options("Gross margin per order or customer: invoiced revenue against cost of what shipped"));

  router.get("/api/v1/sales/reports/aging", [=](Request& request) {
    auto as_of = inventory::date_param(request, "as_of");
    if (!as_of) return ledger.problem(as_of.error(), request);
    const storage::Date on = as_of->value_or(inventory::local_today(*ledger.clock));
    return answer(request, "aging", [&](Connection& c, const OrderScope& scope) {
      return receivables_aging_report(c, scope, on);
    });
  }, options("Customers' receivables (1122) by age"));
}

}  // namespace verp::sales
