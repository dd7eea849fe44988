// The stocktake tables: the count's header and its lines, one per item × location × lot.
#include "modules/finance/ledger_columns.hpp"
#include "modules/inventory/stocktake.hpp"

namespace verp::inventory {

using storage::Index;
using storage::TableDef;

std::vector<TableDef> stocktake_tables() {
  using namespace finance::columns;
  return {
      TableDef{.name = "stocktakes",
               .columns = {key(),
                           refers("company_id", "companies"),
                           words("number"),
                           refers("warehouse_id", "warehouses"),
                           refers("category_id", "item_categories", false),
                           words("location_ids", false),
                           flag("blind"),
                           flag("include_zero"),
                           day("count_date"),
                           words("note", false),
                           words("state"),
                           words("uncounted_as", false),
                           refers("stock_document_id", "stock_documents", false),
                           refers("created_by", "users"),
                           moment("created_at", true),
                           refers("closed_by", "users", false),
                           moment("closed_at"),
                           refers("posted_by", "users", false),
                           moment("posted_at"),
                           refers("cancelled_by", "users", false),
                           moment("cancelled_at"),
                           number("version")},
               .indexes = {Index{.name = "stocktakes_number_idx", .columns = {"company_id", "number"}, .unique = true},
                           Index{.name = "stocktakes_state_idx", .columns = {"company_id", "state", "id"}}}},
      // Like the stock levels they are counted against, location and lot are 0 for "none", so
      // that one place has one line.
      TableDef{
          .name = "stocktake_lines",
          .columns = {key(), refers("stocktake_id", "stocktakes"), refers("company_id", "companies"), number("line_no"),
                      refers("item_id", "items"), number("location_id"), number("lot_id"), number("book"),
                      number("counted", false), refers("counted_by", "users", false), moment("counted_at"),
                      number("book_at_post", false), number("difference", false), number("posted_value", false)},
          .indexes = {Index{.name = "stocktake_lines_place_idx",
                            .columns = {"stocktake_id", "item_id", "location_id", "lot_id"},
                            .unique = true},
                      Index{.name = "stocktake_lines_no_idx", .columns = {"stocktake_id", "line_no"}}}},
  };
}

}  // namespace verp::inventory
