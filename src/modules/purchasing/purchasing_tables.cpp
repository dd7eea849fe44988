// The module's own tables: order lines, receipts and returns with their lines, the invoices'
// links to order lines, and the company's tolerances.
#include "modules/finance/ledger_columns.hpp"
#include "modules/purchasing/purchasing.hpp"

namespace verp::purchasing {

using storage::Column;
using storage::ColumnType;
using storage::Index;
using storage::TableDef;

std::vector<TableDef> purchasing_tables() {
  using namespace finance::columns;
  auto fraction = [](std::string name) {
    return Column{.name = std::move(name), .type = ColumnType::decimal, .not_null = true};
  };
  // A quantity in ten-thousandths of the stock unit (inventory/quantity.hpp), zero unless written.
  auto qty = [](std::string name) { return cents(std::move(name)); };
  return {
      TableDef{.name = "purchase_order_lines",
               .columns = {refers("order_id", "purchase_orders"), number("line_no"), refers("item_id", "items"),
                           refers("uom_id", "units_of_measure"), fraction("factor"), number("quantity"),
                           words("entered_quantity"), fraction("price"), fraction("tax_rate"), cents("amount"),
                           cents("tax"), day("expected_date", false), qty("received"), qty("rejected"),
                           qty("returned"), qty("rejected_returned"), qty("invoiced"), cents("received_value"), cents("invoiced_amount")},
               .primary_key = {"order_id", "line_no"}},
      TableDef{.name = "goods_receipts",
               .columns = {key(), refers("company_id", "companies"), words("kind"), words("number"),
                           refers("order_id", "purchase_orders"), refers("supplier_id", "suppliers"),
                           refers("warehouse_id", "warehouses"), refers("quarantine_warehouse_id", "warehouses", false),
                           day("document_date"), words("reason", false), words("note", false), cents("value"),
                           refers("voucher_id", "vouchers", false), refers("created_by", "users"),
                           moment("created_at", true)},
               .indexes = {Index{.name = "goods_receipts_number_idx", .columns = {"company_id", "number"}, .unique = true},
                           Index{.name = "goods_receipts_order_idx", .columns = {"order_id", "id"}}}},
      TableDef{.name = "goods_receipt_lines",
               .columns = {refers("receipt_id", "goods_receipts"), number("seq"), number("line_no"),
                           refers("item_id", "items"), number("quantity"), number("accepted"), number("rejected"),
                           words("reject_reason", false), refers("lot_id", "lots", false), cents("value")},
               .primary_key = {"receipt_id", "seq"}},
      TableDef{.name = "supplier_invoice_lines",
               .columns = {refers("invoice_id", "finance_invoices"), refers("order_id", "purchase_orders"),
                           number("line_no"), number("quantity"), fraction("price"), cents("amount")},
               .primary_key = {"invoice_id", "line_no"},
               .indexes = {Index{.name = "supplier_invoice_lines_order_idx", .columns = {"order_id", "line_no"}}}},
      TableDef{.name = "purchasing_settings",
               .columns = {refers("company_id", "companies"), fraction("over_receipt"), fraction("invoice_quantity"),
                           fraction("invoice_price")},
               .primary_key = {"company_id"}},
  };
}

}  // namespace verp::purchasing
