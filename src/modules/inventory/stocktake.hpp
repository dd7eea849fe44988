// Stocktake (库存盘点): counting what is really in a warehouse and booking the difference.
//
// A stocktake is created for one warehouse, optionally limited to an item category (with its
// sub-categories) and to some of its locations. Creating it snapshots the book quantity of every
// item × location × lot in scope (the count sheet's lines); counters then enter what they find,
// by line or by scanning, until the count is posted: one stock adjustment (stock_documents.hpp)
// books every difference against the book quantity *at posting time*, valued at the moving
// average. The rules (STK-001…STK-007) are in README.md; the code that enforces each cites it.
//
//   counting ──close──▶ counted ──post──▶ posted
//      ▲  └────────────reopen──┘ │
//      └──────── post ───────────┼──────▶ posted
//   counting | counted ──cancel──▶ cancelled
//
// Every function runs in the caller's write (or read) transaction, scoped to the actor's company:
// another company's stocktake is not found. Mutations are audited and announced to live clients.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/inventory/stock_ledger.hpp"
#include "platform/export/table.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::inventory {

std::vector<storage::TableDef> stocktake_tables();

// ---- creating ---------------------------------------------------------------------------------

struct StocktakeInput {
  std::int64_t warehouse_id = 0;
  std::optional<std::int64_t> category_id;  // with its sub-categories
  std::vector<std::int64_t> location_ids;   // empty: the whole warehouse, "no location" included
  bool blind = false;                       // STK-003
  bool include_zero = false;                // items in scope without stock get a line with book 0
  storage::Date date;
  std::string note;
  std::vector<FieldError> unreadable;  // what the JSON decoder could not read
};

Result<StocktakeInput> stocktake_from_json(const boost::json::value& body);

// Numbers the stocktake ("PD-202603-0001") and snapshots its lines (STK-001). Errors: validation
// naming "warehouse_id", "category_id", "location_ids[i]" (not of the company or warehouse), or
// "warehouse_id" "stocktake.too_many_lines" beyond kMaxStocktakeLines.
inline constexpr std::int64_t kMaxStocktakeLines = 10'000;
Result<std::int64_t> create_stocktake(storage::Connection& c, const Actor& actor, const StocktakeInput& input);

// ---- counting ---------------------------------------------------------------------------------

// One count: a line by id, or a place by item (id, code or scanned barcode) + location + lot.
struct CountInput {
  std::optional<std::int64_t> line_id;
  std::optional<std::int64_t> item_id;
  std::string item;  // a code or barcode; a packing unit's barcode counts in that unit
  std::optional<std::int64_t> location_id;
  std::string lot_number;
  std::string counted;  // decimal text, not below zero
};

struct CountsInput {
  std::vector<CountInput> counts;
  std::vector<FieldError> unreadable;
};

Result<CountsInput> counts_from_json(const boost::json::value& body);

// Records the counts (STK-002): each replaces the line's earlier count and remembers who counted
// and when; a place not on the sheet gets a new line (found goods). All or nothing. Returns the
// ids of the lines counted, in the order given. Errors: not_found; invalid_transition
// "stocktake.not_counting"; validation naming "counts[i].…".
Result<std::vector<std::int64_t>> enter_counts(storage::Connection& c, const Actor& actor, std::int64_t stocktake,
                                               const CountsInput& input);

// ---- deciding ---------------------------------------------------------------------------------

enum class StocktakeAction { close, reopen, cancel };

// close: counting → counted (no more counts; a blind count's book and variance become visible);
// reopen: counted → counting (a recount); cancel: counting | counted → cancelled.
// Errors: not_found; invalid_transition "stocktake.wrong_state".
Status act_on_stocktake(storage::Connection& c, const Actor& actor, std::int64_t stocktake, StocktakeAction action);

struct PostInput {
  std::string uncounted;              // "", "as_zero" or "as_book" (STK-004)
  std::optional<storage::Date> date;  // the adjustment's date; default the stocktake's
  std::vector<FieldError> unreadable;
};

Result<PostInput> post_input_from_json(const boost::json::value& body);

// Books every difference between the counts and the current book quantities as one adjustment
// (STK-005) and marks the stocktake posted. Returns the adjustment's id, or nullopt when nothing
// differed. Errors: not_found; invalid_transition "stocktake.wrong_state"; forbidden
// "stocktake.poster_counted" (STK-006); conflict "stocktake.lines_uncounted" naming each line
// (STK-004); the adjustment's errors (post_stock_document), e.g. insufficient stock where stock
// is reserved.
Result<std::optional<std::int64_t>> post_stocktake(storage::Connection& c, const Actor& actor, std::int64_t stocktake,
                                                   const PostInput& input);

// ---- reading ----------------------------------------------------------------------------------

// The stocktake with its lines (all of them, or only `line_ids`; none when that is empty). Book quantities and
// differences are left out while a blind count is counting (STK-003). nullopt: not found.
Result<std::optional<boost::json::object>> stocktake_json(
    storage::Connection& c, std::int64_t company, std::int64_t id,
    const std::optional<std::vector<std::int64_t>>& line_ids = {});
// Newest first; `state` filters when not empty.
Result<boost::json::object> list_stocktakes(storage::Connection& c, std::int64_t company, std::string_view state);

// The variance report: per line the snapshot and current book, the count, the difference and
// its value; totals of gains and losses. Errors: not_found; conflict "stocktake.blind_counting"
// while a blind count is counting (STK-003).
Result<boost::json::object> stocktake_variance(storage::Connection& c, std::int64_t company, std::int64_t id);

// `report` as printed: "sheet" (the count sheet of stocktake_json, an empty count column, no book
// column when blind) or "variance" (of stocktake_variance), headers in `locale`.
exporting::Table stocktake_table(std::string_view report, const boost::json::object& shown,
                                 const i18n::Catalog& catalog, std::string_view locale);

}  // namespace verp::inventory
