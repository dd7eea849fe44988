// Each order line's shipped and returned quantities and values equal its delivery notes' and
// returns' lines, and its invoiced quantity and amount equal its invoices' and credit notes'
// lines (cancelled invoices aside); no line ships or reserves more than it orders.
#include "modules/sales/sales_checks.hpp"

#include "modules/finance/amount.hpp"
#include "modules/inventory/quantity.hpp"

namespace verp::sales {

using storage::Connection;
using storage::Row;

std::vector<Check> sales_checks() {
  auto lines_match = [](storage::Database& database) -> Result<std::vector<std::string>> {
    return database.read([](Connection& c) -> Result<std::vector<std::string>> {
      auto rows = c.query(
          "SELECT l.order_id, l.line_no, l.shipped, COALESCE(d.shipped, 0), l.returned, COALESCE(d.returned, 0), "
          "l.shipped_value, COALESCE(d.shipped_value, 0), l.returned_value, COALESCE(d.returned_value, 0), l.invoiced, "
          "COALESCE(v.quantity, 0), l.invoiced_amount, COALESCE(v.amount, 0), l.quantity, l.cancelled "
          "FROM sales_order_lines l LEFT JOIN (SELECT x.order_id, x.line_no, "
          "SUM(CASE WHEN s.kind = 'delivery' THEN x.quantity ELSE 0 END) AS shipped, "
          "SUM(CASE WHEN s.kind = 'return' THEN x.quantity ELSE 0 END) AS returned, "
          "SUM(CASE WHEN s.kind = 'delivery' THEN x.value ELSE 0 END) AS shipped_value, "
          "SUM(CASE WHEN s.kind = 'return' THEN x.value ELSE 0 END) AS returned_value "
          "FROM sales_delivery_lines x JOIN sales_deliveries s ON s.id = x.delivery_id "
          "WHERE s.state IN ('shipped', 'received') GROUP BY x.order_id, x.line_no) d "
          "ON d.order_id = l.order_id AND d.line_no = l.line_no LEFT JOIN (SELECT i.order_id, i.line_no, "
          "SUM(i.quantity) AS quantity, SUM(i.amount) AS amount FROM sales_invoice_lines i JOIN finance_invoices f "
          "ON f.id = i.invoice_id WHERE f.state <> 'cancelled' GROUP BY i.order_id, i.line_no) v "
          "ON v.order_id = l.order_id AND v.line_no = l.line_no "
          "WHERE l.shipped <> COALESCE(d.shipped, 0) OR l.returned <> COALESCE(d.returned, 0) "
          "OR l.shipped_value <> COALESCE(d.shipped_value, 0) OR l.returned_value <> COALESCE(d.returned_value, 0) "
          "OR l.invoiced <> COALESCE(v.quantity, 0) OR l.invoiced_amount <> COALESCE(v.amount, 0) "
          "OR l.shipped + l.cancelled > l.quantity");
      if (!rows) return rows.error();
      std::vector<std::string> problems;
      using finance::format_amount;
      using inventory::format_quantity;
      for (const Row& row : *rows) {
        auto q = [&](std::size_t i) { return format_quantity(row.int64(i).value_or(0)); };
        auto m = [&](std::size_t i) { return format_amount(row.int64(i).value_or(0)); };
        problems.push_back("sales order " + std::to_string(row.int64(0).value_or(0)) + " line " +
                           std::to_string(row.int64(1).value_or(0)) + ": shipped/returned/invoiced " + q(2) + "/" + q(4) +
                           "/" + q(10) + " (values " + m(6) + "/" + m(8) + ", invoiced " + m(12) +
                           ") but its documents say " + q(3) + "/" + q(5) + "/" + q(11) + " (" + m(7) + "/" + m(9) +
                           ", " + m(13) + "); ordered " + q(14) + ", cancelled " + q(15));
      }
      return problems;
    });
  };
  return {Check{.name = "sales: order lines equal their deliveries, returns and invoices", .run = lines_match}};
}

}  // namespace verp::sales
