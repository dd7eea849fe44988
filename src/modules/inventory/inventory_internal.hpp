// Helpers the inventory files share; not part of the module's API.
#pragma once

#include <boost/json/object.hpp>

#include "modules/inventory/stock_ledger.hpp"

namespace verp::inventory {

// One level (item × warehouse × location × lot) an outgoing quantity is taken from, and how much.
struct LevelPart {
  std::int64_t location = 0;  // 0: none
  std::int64_t lot = 0;       // 0: none
  Qty quantity = 0;           // positive: what is taken from this level
  Qty on_hand = 0;            // what the level holds (0 for the shortfall part of negative stock)
  std::string lot_number;
  std::optional<storage::Date> expires_on;
};

// Where `wanted` units of the item would be taken from in the warehouse, first expiry first out:
// levels with stock, earliest expiry first (lots without one last), then the oldest lot, then the
// location; only the given location and lot when they are not 0. Returns the parts in that order
// and what they cannot cover (`short_by`). Reads only: the outgoing move's own conditional UPDATE
// is what guarantees the stock, so a suggestion may be stale by the time it is issued.
struct LevelPick {
  std::vector<LevelPart> parts;
  Qty short_by = 0;
};
Result<LevelPick> first_expiry_first_out(storage::Connection& c, std::int64_t company, std::int64_t item,
                                         std::int64_t warehouse, std::int64_t location, std::int64_t lot, Qty wanted);

// Takes move.consume_reserved off the move's reservation (never below zero: a reservation
// cannot be consumed twice). Errors: conflict "inventory.reservation_exhausted".
Status consume_reservation(storage::Connection& c, std::int64_t company, const MoveInput& move);

// SQL text with its parameters, numbered as conditions are added: the queries build their WHERE
// clause from the filters given, never comparing a parameter with '' (PostgreSQL refuses that on
// a date column).
struct Sql {
  std::string text;
  std::vector<storage::Value> params;

  std::string param(storage::Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  }
  // Appends " AND <left><the parameter>", e.g. and_("m.item_id = ", id).
  void and_(std::string_view left, storage::Value value) {
    text += " AND ";
    text += left;
    text += param(std::move(value));
  }
};

// "<expression> contains <text>", case-insensitive, with LIKE's wildcards in `text` escaped.
std::string contains(Sql& sql, storage::Dialect dialect, std::string_view expression, std::string_view text);

// A nullable column as JSON: null, or its text / its day as "YYYY-MM-DD".
inline boost::json::value text_or_null(const storage::Row& row, std::size_t index) {
  return row.is_null(index) ? boost::json::value() : boost::json::value(row.text(index).value_or(""));
}
inline boost::json::value date_or_null(const storage::Row& row, std::size_t index) {
  return row.is_null(index) ? boost::json::value()
                            : boost::json::value(row.date(index).value_or(storage::Date{}).to_string());
}

// The moves of one document (or of a filter), with the names a list shows; and one such row as
// JSON (stock_document_io.cpp).
std::string move_select();
boost::json::object stock_move_json(const storage::Row& row);

}  // namespace verp::inventory
