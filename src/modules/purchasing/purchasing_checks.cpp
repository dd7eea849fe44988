// Each order line's received, rejected and returned quantities equal its receipts' and returns'
// lines, and its invoiced quantity and amount equal its invoices' lines (cancelled ones aside).
#include "modules/purchasing/purchasing_checks.hpp"

#include "modules/inventory/quantity.hpp"

namespace verp::purchasing {

using storage::Connection;
using storage::Row;

std::vector<Check> purchasing_checks() {
  auto lines_match = [](storage::Database& database) -> Result<std::vector<std::string>> {
    return database.read([](Connection& c) -> Result<std::vector<std::string>> {
      auto rows = c.query(
          "SELECT l.order_id, l.line_no, l.received, l.rejected, COALESCE(g.accepted, 0), COALESCE(g.rejected, 0), "
          "l.returned + l.rejected_returned, COALESCE(-g.returned, 0), l.invoiced, COALESCE(v.quantity, 0) "
          "FROM purchase_order_lines l LEFT JOIN (SELECT r.order_id, x.line_no, SUM(x.accepted) AS accepted, "
          "SUM(x.rejected) AS rejected, SUM(CASE WHEN r.kind = 'return' THEN x.quantity ELSE 0 END) AS returned "
          "FROM goods_receipt_lines x JOIN goods_receipts r ON r.id = x.receipt_id GROUP BY r.order_id, x.line_no) g "
          "ON g.order_id = l.order_id AND g.line_no = l.line_no LEFT JOIN (SELECT s.order_id, s.line_no, "
          "SUM(s.quantity) AS quantity FROM supplier_invoice_lines s JOIN finance_invoices f ON f.id = s.invoice_id "
          "WHERE f.state <> 'cancelled' GROUP BY s.order_id, s.line_no) v ON v.order_id = l.order_id "
          "AND v.line_no = l.line_no WHERE l.received <> COALESCE(g.accepted, 0) OR l.rejected <> COALESCE(g.rejected, 0) "
          "OR l.returned + l.rejected_returned <> COALESCE(-g.returned, 0) OR l.invoiced <> COALESCE(v.quantity, 0)");
      if (!rows) return rows.error();
      std::vector<std::string> problems;
      using inventory::format_quantity;
      for (const Row& row : *rows) {
        problems.push_back("purchase order " + std::to_string(row.int64(0).value_or(0)) + " line " +
                           std::to_string(row.int64(1).value_or(0)) + ": received/rejected/returned/invoiced " +
                           format_quantity(row.int64(2).value_or(0)) + "/" + format_quantity(row.int64(3).value_or(0)) +
                           "/" + format_quantity(row.int64(6).value_or(0)) + "/" + format_quantity(row.int64(8).value_or(0)) +
                           " but its documents say " + format_quantity(row.int64(4).value_or(0)) + "/" +
                           format_quantity(row.int64(5).value_or(0)) + "/" + format_quantity(row.int64(7).value_or(0)) +
                           "/" + format_quantity(row.int64(9).value_or(0)));
      }
      return problems;
    });
  };
  return {Check{.name = "purchasing: order lines equal their receipts, returns and invoices", .run = lines_match}};
}

}  // namespace verp::purchasing
