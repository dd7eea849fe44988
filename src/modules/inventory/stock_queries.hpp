// Stock queries and reports (库存查询与报表): what is where now or at the end of a past day, the
// move history, lots with their expiry and their trace from receipt to issue, which levels an
// issue would take first-expiry-first-out, and the stock value reconciled with the ledger.
//
// Everything here only reads, always within one company (the caller's). Current figures come
// from the maintained balances (stock_positions, stock_levels, stock_costs); figures "as of" a
// past day add up the append-only moves up to that day. Quantities are Qty (quantity.hpp) and
// amounts Cents, shown as decimal strings. The answers are the JSON the routes send, so that the
// routes stay thin and stock_report_table() can lay the same rows out as CSV, Excel or PDF.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "modules/inventory/stock_ledger.hpp"
#include "platform/base/clock.hpp"

namespace verp::inventory {

inline constexpr std::int64_t kMaxPageRows = 500;
inline constexpr std::int64_t kMaxReportRows = 100'000;  // a download is one page of up to this many

// The calendar day in China (UTC+8), which is what "today" means to the warehouse.
storage::Date local_today(const Clock& clock);

// ---- on hand (库存查询) — GET /api/v1/stock -----------------------------------------------------

struct StockQuery {
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> category_id;  // and its sub-categories
  std::optional<std::int64_t> warehouse_id;
  std::optional<std::int64_t> location_id;
  std::string lot;                               // a lot number
  std::optional<storage::Date> expires_before;   // lots expiring before this day (lots without expiry excluded)
  std::string text;                              // item code or name contains it
  std::string group = "warehouse";               // item, warehouse, location or lot
  std::optional<storage::Date> as_of;            // stock at the end of that day, from the moves
  std::int64_t limit = 100;                      // 1..kMaxReportRows
  std::int64_t offset = 0;
};

// One row per item (× warehouse (× location | lot)) with stock, in item code order:
//   {"rows":[{item_id,item_code,item_name,unit,warehouse_id?,warehouse?,location_id?,location?,
//             lot_id?,lot_number?,expires_on?,on_hand,reserved,available,value}],
//    "totals":{rows,on_hand,reserved,available,value},"next_offset","as_of","group"}
// Reserved is kept per item × warehouse, so `reserved` and `available` are null on rows of a
// location or lot, when a location, lot or expiry filter narrows the rows, and as of a past day.
// The value of a current row is its share of the company's moving-average value of the item
// (value × row quantity ÷ company quantity, to the cent); as of a past day it is the sum of the
// moves' values up to that day (the ledger value). Totals cover every row, not only the page;
// quantity totals add different items' units and mean something when one item is asked for.
// Errors: validation "group" (inventory.group_invalid).
Result<boost::json::object> stock_on_hand(storage::Connection& c, std::int64_t company, const StockQuery& query);

// ---- moves (出入库流水) — GET /api/v1/stock/moves --------------------------------------------------

struct MoveQuery {
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> warehouse_id;
  std::optional<std::int64_t> lot_id;
  std::string document_type;  // with document_id: the moves of one document
  std::optional<std::int64_t> document_id;
  std::optional<storage::Date> from;
  std::optional<storage::Date> to;
  std::int64_t limit = 100;
  std::string cursor;  // next_cursor of the previous page
};

// Newest first (by date, then entry): {"items":[stock move as in a document],"next_cursor"}.
// Pages are keyset cursors, so a deep page costs what the first does. Errors: validation
// "cursor" (inventory.cursor_invalid).
Result<boost::json::object> stock_move_history(storage::Connection& c, std::int64_t company, const MoveQuery& query);

// ---- lots (批次) — GET /api/v1/lots, GET /api/v1/lots/{id}/trace -------------------------------

struct LotQuery {
  std::optional<std::int64_t> item_id;
  std::optional<std::int64_t> expiring_within_days;  // expiry on or before today + n (expired lots too)
  bool with_stock = false;                            // only lots with stock on hand
  storage::Date today;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

// Earliest expiry first: {"items":[{id,item_id,item_code,item_name,lot_number,produced_on,
// expires_on,days_to_expiry,supplier_id,supplier,on_hand}],"next_offset"}.
Result<boost::json::object> list_lots(storage::Connection& c, std::int64_t company, const LotQuery& query);

// Where the lot came from and where it went: {"lot":{…},"came_from":[incoming moves other than
// transfers, with their document],"went_to":[every outgoing move, a transfer with its
// destination warehouse],"stock":[{warehouse_id,warehouse,on_hand}]}. nullopt when the company
// has no such lot.
Result<std::optional<boost::json::object>> lot_trace(storage::Connection& c, std::int64_t company, std::int64_t lot_id);

// ---- first expiry first out (先到期先出) — GET /api/v1/stock/suggest-issue -------------------------

// Which levels an issue of `quantity` (> 0) would take, in the order an issue without a lot or
// location takes them (first_expiry_first_out, the same function the ledger uses), without
// moving anything: {"item_id","warehouse_id","quantity","available","lines":[{location_id,
// location,lot_id,lot_number,expires_on,on_hand,quantity}],"short","sufficient"}. `available` is
// the warehouse's unreserved stock; `sufficient` says the issue would pass both checks.
// Errors: validation "item_id"/"warehouse_id" when the company has no such item or warehouse.
Result<boost::json::object> suggest_issue(storage::Connection& c, std::int64_t company, std::int64_t item,
                                          std::int64_t warehouse, Qty quantity);

// ---- valuation (存货价值) — GET /api/v1/stock/valuation ----------------------------------------------

// The stock value per item, category or warehouse, now (moving average; an item's value split
// over its warehouses by quantity, the last warehouse taking the rounding rest so that the rows
// add up to the company's value exactly) or at the end of `as_of` (the moves' values up to that
// day), with the reconciliation against the ledger: the balance of the inventory accounts
// (kInventoryAccountsOf) on posted vouchers and, apart, on vouchers not yet posted (draft or
// reviewed; void ones never count), dated up to `as_of` when given, per account, and the
// differences:
//   {"rows":[{key,code,name,quantity,value}],"total":{quantity,value},"reconciliation":
//    {"stock_value","posted","unposted","difference" (stock − posted),
//     "difference_with_unposted" (stock − posted − unposted),"accounts":[{code,name,posted,unposted}],
//     "valuation_posting"}}
// Errors: validation "group" (inventory.group_invalid).
Result<boost::json::object> stock_valuation(storage::Connection& c, std::int64_t company, std::string_view group,
                                            std::optional<storage::Date> as_of);

}  // namespace verp::inventory
