// Purchasing's reports, each describing its own columns (title, columns, rows, totals) so that
// the API answers it as JSON and as CSV, Excel or PDF alike (finance's report_table):
//   open orders (未完成订单), supplier delivery performance (供应商交货表现), purchase price history
//   (采购价格历史) and purchases by supplier, item or month (采购汇总).
#pragma once

#include <boost/json/object.hpp>

#include "modules/purchasing/purchasing.hpp"

namespace verp::purchasing {

struct ReportRange {
  std::optional<storage::Date> from;
  std::optional<storage::Date> to;
};

// Lines of approved or partly received orders still expecting goods; `today` decides what is late.
Result<boost::json::object> open_orders_report(storage::Connection& c, std::int64_t company, storage::Date today);
// Per supplier, over receipts in the range: lines received, on time (by the line's expected date,
// else the order's), the on-time rate, the average days late, and the share rejected.
Result<boost::json::object> delivery_performance_report(storage::Connection& c, std::int64_t company,
                                                        const ReportRange& range);
// Every ordered price of an item per stock unit, oldest first, with supplier and quantity.
Result<boost::json::object> price_history_report(storage::Connection& c, std::int64_t company, std::int64_t item);
// Ordered amounts (approved orders onwards, cancelled aside) grouped by "supplier", "item" or "month".
// Errors: validation "group".
Result<boost::json::object> purchases_report(storage::Connection& c, std::int64_t company, std::string_view group,
                                             const ReportRange& range);

}  // namespace verp::purchasing
