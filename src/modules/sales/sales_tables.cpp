// The module's own tables: order lines, delivery notes and returns with their lines, the sales
// invoices' links to order lines, the reminders already sent and the company's settings.
#include "modules/finance/ledger_columns.hpp"
#include "modules/sales/sales.hpp"

namespace verp::sales {

using storage::Column;
using storage::ColumnType;
using storage::Index;
using storage::TableDef;

std::vector<TableDef> sales_tables() {
  using namespace finance::columns;
  auto fraction = [](std::string name) {
    return Column{.name = std::move(name), .type = ColumnType::decimal, .not_null = true};
  };
  // A quantity in ten-thousandths of the stock unit (inventory/quantity.hpp), zero unless written.
  auto qty = [](std::string name) { return cents(std::move(name)); };
  return {
      TableDef{.name = "sales_order_lines",
               .columns = {refers("order_id", "sales_orders"), number("line_no"), refers("item_id", "items"),
                           refers("uom_id", "units_of_measure"), fraction("factor"), number("quantity"),
                           words("entered_quantity"), fraction("list_price"), fraction("price"), fraction("discount"),
                           fraction("tax_rate"), cents("amount"), cents("tax"), day("delivery_date", false),
                           qty("shipped"), qty("returned"), qty("invoiced"), qty("cancelled"), cents("invoiced_amount"),
                           cents("shipped_value"), cents("returned_value")},
               .primary_key = {"order_id", "line_no"}},
      // Delivery notes (kind delivery: picking → shipped | cancelled) and returns (kind return).
      TableDef{.name = "sales_deliveries",
               .columns = {key(), refers("company_id", "companies"), words("kind"), words("number"),
                           refers("customer_id", "customers"), refers("warehouse_id", "warehouses"), words("state"),
                           day("document_date"), day("shipped_on", false), words("carrier", false),
                           words("tracking_number", false), words("ship_to", false), words("reason", false),
                           refers("order_id", "sales_orders", false), cents("value"),
                           refers("voucher_id", "vouchers", false), refers("credit_note_id", "finance_invoices", false),
                           refers("refund_voucher_id", "vouchers", false), refers("created_by", "users"),
                           moment("created_at", true), refers("shipped_by", "users", false), moment("shipped_at")},
               .indexes = {Index{.name = "sales_deliveries_number_idx", .columns = {"company_id", "number"}, .unique = true},
                           Index{.name = "sales_deliveries_customer_idx", .columns = {"company_id", "customer_id", "id"}}}},
      TableDef{.name = "sales_delivery_lines",
               .columns = {refers("delivery_id", "sales_deliveries"), number("seq"), refers("order_id", "sales_orders"),
                           number("line_no"), refers("item_id", "items"), number("quantity"),
                           refers("lot_id", "lots", false), refers("location_id", "locations", false), cents("value")},
               .primary_key = {"delivery_id", "seq"},
               .indexes = {Index{.name = "sales_delivery_lines_order_idx", .columns = {"order_id", "line_no"}}}},
      TableDef{.name = "sales_invoice_lines",
               .columns = {refers("invoice_id", "finance_invoices"), number("seq"), refers("order_id", "sales_orders"),
                           number("line_no"), refers("delivery_id", "sales_deliveries", false), number("quantity"),
                           fraction("price"), cents("amount"), cents("tax")},
               .primary_key = {"invoice_id", "seq"},
               .indexes = {Index{.name = "sales_invoice_lines_order_idx", .columns = {"order_id", "line_no"}}}},
      TableDef{.name = "sales_reminders",
               .columns = {refers("invoice_id", "finance_invoices"), day("due_date"), refers("company_id", "companies"),
                           moment("sent_at", true)},
               .primary_key = {"invoice_id", "due_date"}},
      TableDef{.name = "sales_settings",
               .columns = {refers("company_id", "companies"), words("invoice_basis")},
               .primary_key = {"company_id"}},
  };
}

}  // namespace verp::sales
