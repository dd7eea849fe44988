// Sales' reports, each describing its own columns (title, columns, rows; finance's
// described_report) so that the API answers it as JSON and as CSV, Excel or PDF alike:
//   sales by customer, item, salesperson, region or month (销售汇总), the backlog of open order
//   lines (未发货订单), on-time delivery per customer (准时交货率), gross margin per order or
//   customer (毛利分析) and the customers' receivables by age (应收账龄).
// Money is in decimal strings from integer cents; quantities in the order line's unit.
#pragma once

#include <boost/json/object.hpp>

#include "modules/sales/sales.hpp"
#include "platform/security/principal.hpp"

namespace verp::sales {

// Which orders a report reaches: the company's, narrowed to the caller's data scope on sales
// orders (a salesperson with the `own` scope sees their own orders' figures only).
struct OrderScope {
  std::int64_t company = 0;
  std::optional<std::int64_t> owner;       // own: orders this user owns
  std::optional<std::int64_t> department;  // department: also the department's orders
};
OrderScope order_scope_of(const security::Principal& principal);

struct ReportRange {
  std::optional<storage::Date> from;
  std::optional<storage::Date> to;
};

// Confirmed orders (not draft, pending, rejected or cancelled) dated in the range, grouped by
// "customer", "item", "salesperson", "region" (the customer's) or "month": orders, ordered
// amount and tax, cost of sales (what left the warehouse less what came back) and invoiced
// amount (net of credit notes). Errors: validation "group".
Result<boost::json::object> sales_report(storage::Connection& c, const OrderScope& scope, std::string_view group,
                                         const ReportRange& range);
// Lines of open orders still to ship (ordered − cancelled − shipped), earliest promised first,
// with their open value and how many days late they are on `today`.
Result<boost::json::object> backlog_report(storage::Connection& c, const OrderScope& scope, storage::Date today);
// Per customer, over the delivery lines shipped in the range: lines, on time (shipped on or
// before the line's delivery date, else the order's; no date promised counts as on time), late,
// the on-time rate and the average days late.
Result<boost::json::object> on_time_delivery_report(storage::Connection& c, const OrderScope& scope,
                                                    const ReportRange& range);
// Revenue (invoiced, net of credit notes) against cost (shipped less returned) of confirmed
// orders dated in the range, per "order" or "customer": gross margin and margin %. Errors:
// validation "group".
Result<boost::json::object> margin_report(storage::Connection& c, const OrderScope& scope, std::string_view group,
                                          const ReportRange& range);
// What customers owe on 1122 at `as_of` by age (finance::aging, 0–30, 31–60, 61–90, 91–180 and
// over 180 days), with advances; narrowed to customers of orders in scope unless the caller sees
// the whole company's orders.
Result<boost::json::object> receivables_aging_report(storage::Connection& c, const OrderScope& scope,
                                                     storage::Date as_of);

}  // namespace verp::sales
