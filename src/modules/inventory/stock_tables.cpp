// The stock tables: lots, the move ledger, the three balances it keeps, reservations, stock
// documents and their number sequences.
#include "modules/finance/ledger_columns.hpp"
#include "modules/inventory/stock_ledger.hpp"

namespace verp::inventory {

using storage::Column;
using storage::ColumnType;
using storage::Index;
using storage::TableDef;

std::vector<TableDef> stock_tables() {
  using namespace finance::columns;
  // Balance keys use 0 for "no location" and "no lot" so that they can be primary keys (a NULL
  // is never equal to another NULL in a unique index).
  return {
      TableDef{.name = "lots",
               .columns = {key(), refers("company_id", "companies"), refers("item_id", "items"), words("lot_number"),
                           day("produced_on", false), day("expires_on", false),
                           refers("supplier_id", "suppliers", false), moment("created_at", true)},
               .indexes = {Index{.name = "lots_number_idx", .columns = {"company_id", "item_id", "lot_number"}, .unique = true},
                           Index{.name = "lots_expiry_idx", .columns = {"company_id", "expires_on"}}}},
      TableDef{.name = "stock_documents",
               .columns = {key(), refers("company_id", "companies"), words("kind"), words("number"), day("document_date"),
                           refers("warehouse_id", "warehouses"), refers("to_warehouse_id", "warehouses", false),
                           words("reason", false), words("note", false), words("source_type", false),
                           number("source_id", false), cents("value"), refers("voucher_id", "vouchers", false),
                           words("state", false), refers("transit_warehouse_id", "warehouses", false),
                           day("arrived_on", false),
                           refers("created_by", "users"), moment("created_at", true)},
               .indexes = {Index{.name = "stock_documents_number_idx", .columns = {"company_id", "number"}, .unique = true},
                           Index{.name = "stock_documents_date_idx", .columns = {"company_id", "document_date", "id"}}}},
      TableDef{.name = "stock_moves",
               .columns = {key(), refers("company_id", "companies"), refers("item_id", "items"),
                           refers("warehouse_id", "warehouses"), refers("location_id", "locations", false),
                           refers("lot_id", "lots", false), number("quantity"), cents("value"), words("move_type"),
                           words("reason", false), words("document_type"), number("document_id"),
                           words("document_number"), number("line_no"), words("entered_quantity", false),
                           refers("entered_uom_id", "units_of_measure", false), day("moved_on"),
                           refers("created_by", "users"), moment("created_at", true)},
               .indexes = {Index{.name = "stock_moves_item_idx", .columns = {"company_id", "item_id", "moved_on", "id"}},
                           Index{.name = "stock_moves_document_idx", .columns = {"company_id", "document_type", "document_id"}},
                           Index{.name = "stock_moves_lot_idx", .columns = {"lot_id"}}}},
      TableDef{.name = "stock_levels",
               .columns = {refers("company_id", "companies"), refers("item_id", "items"),
                           refers("warehouse_id", "warehouses"), number("location_id"), number("lot_id"),
                           number("on_hand")},
               .primary_key = {"company_id", "item_id", "warehouse_id", "location_id", "lot_id"}},
      TableDef{.name = "stock_positions",
               .columns = {refers("company_id", "companies"), refers("item_id", "items"),
                           refers("warehouse_id", "warehouses"), number("on_hand"), number("reserved")},
               .primary_key = {"company_id", "item_id", "warehouse_id"}},
      TableDef{.name = "stock_costs",
               .columns = {refers("company_id", "companies"), refers("item_id", "items"), number("quantity"),
                           cents("value")},
               .primary_key = {"company_id", "item_id"}},
      TableDef{.name = "stock_reservations",
               .columns = {key(), refers("company_id", "companies"), refers("item_id", "items"),
                           refers("warehouse_id", "warehouses"), number("quantity"), number("open_quantity"),
                           words("source_type"), number("source_id"), number("source_line"), words("state"),
                           moment("created_at", true), moment("updated_at", true)},
               .indexes = {Index{.name = "stock_reservations_source_idx",
                                 .columns = {"company_id", "source_type", "source_id"}}}},
      TableDef{.name = "document_sequences",
               .columns = {refers("company_id", "companies"), words("prefix"), words("period"), number("last_number")},
               .primary_key = {"company_id", "prefix", "period"}},
  };
}

}  // namespace verp::inventory
