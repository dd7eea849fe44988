// What the ledger remembers: the move history, lots with their expiry, and a lot's trace from
// where it came from to where it went.
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"
#include "modules/inventory/stock_queries.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Row;

namespace {

// Columns of move_select() this file reads besides what stock_move_json() shows.
constexpr std::size_t kQuantity = 8, kMoveType = 10, kLineNo = 11, kDocumentType = 15, kDocumentId = 16,
                      kMovedOn = 18;

// "2026-03-05/812": the day and id of the last move of a page; the next page starts below it.
std::string cursor_of(const Row& row) {
  return row.date(kMovedOn).value_or(Date{}).to_string() + "/" + std::to_string(row.int64(0).value_or(0));
}

std::optional<std::pair<Date, std::int64_t>> parse_cursor(std::string_view cursor) {
  const auto slash = cursor.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto day = Date::parse(cursor.substr(0, slash));
  const std::string id(cursor.substr(slash + 1));
  if (!day || id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::pair<Date, std::int64_t>{*day, std::stoll(id)};
}

}  // namespace

Result<json::object> stock_move_history(Connection& c, std::int64_t company, const MoveQuery& query) {
  Sql sql;
  sql.text = move_select() + "WHERE m.company_id = " + sql.param(company);
  if (query.item_id) sql.and_("m.item_id = ", *query.item_id);
  if (query.warehouse_id) sql.and_("m.warehouse_id = ", *query.warehouse_id);
  if (query.lot_id) sql.and_("m.lot_id = ", *query.lot_id);
  if (!query.document_type.empty()) sql.and_("m.document_type = ", query.document_type);
  if (query.document_id) sql.and_("m.document_id = ", *query.document_id);
  if (query.from) sql.and_("m.moved_on >= ", *query.from);
  if (query.to) sql.and_("m.moved_on <= ", *query.to);
  if (!query.cursor.empty()) {
    const auto after = parse_cursor(query.cursor);
    if (!after) return finance::field_error("cursor", "invalid", "inventory.cursor_invalid");
    const std::string day = sql.param(after->first);
    const std::string id = sql.param(after->second);
    sql.text += " AND (m.moved_on < " + day + " OR (m.moved_on = " + day + " AND m.id < " + id + "))";
  }
  sql.text += " ORDER BY m.moved_on DESC, m.id DESC LIMIT " + sql.param(query.limit + 1);
  auto rows = c.query(sql.text, sql.params);
  if (!rows) return rows.error();
  json::array items;
  json::value next;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    if (static_cast<std::int64_t>(i) == query.limit) {
      next = cursor_of((*rows)[i - 1]);
      break;
    }
    items.push_back(stock_move_json((*rows)[i]));
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<json::object> list_lots(Connection& c, std::int64_t company, const LotQuery& query) {
  constexpr const char* kOnHand =
      "COALESCE((SELECT SUM(l.on_hand) FROM stock_levels l WHERE l.company_id = t.company_id AND "
      "l.item_id = t.item_id AND l.lot_id = t.id), 0)";
  Sql sql;
  sql.text = std::string("SELECT t.id, t.item_id, i.code, i.name, t.lot_number, t.produced_on, t.expires_on, "
                         "t.supplier_id, s.name, ") + kOnHand +
             " FROM lots t JOIN items i ON i.id = t.item_id LEFT JOIN suppliers s ON s.id = t.supplier_id "
             "WHERE t.company_id = " + sql.param(company);
  if (query.item_id) sql.and_("t.item_id = ", *query.item_id);
  if (query.expiring_within_days) {
    sql.and_("t.expires_on <= ", Date::from_days(query.today.to_days() + *query.expiring_within_days));
  }
  if (query.with_stock) sql.text += std::string(" AND ") + kOnHand + " > 0";
  sql.text += " ORDER BY CASE WHEN t.expires_on IS NULL THEN 1 ELSE 0 END, t.expires_on, i.code, t.lot_number, t.id";
  sql.text += " LIMIT " + sql.param(query.limit + 1) + " OFFSET " + sql.param(query.offset);
  auto rows = c.query(sql.text, sql.params);
  if (!rows) return rows.error();
  json::array items;
  for (std::size_t i = 0; i < rows->size() && static_cast<std::int64_t>(i) < query.limit; ++i) {
    const Row& row = (*rows)[i];
    json::object lot{{"id", row.int64(0).value_or(0)},
                     {"item_id", row.int64(1).value_or(0)},
                     {"item_code", row.text(2).value_or("")},
                     {"item_name", row.text(3).value_or("")},
                     {"lot_number", row.text(4).value_or("")},
                     {"produced_on", date_or_null(row, 5)},
                     {"expires_on", date_or_null(row, 6)},
                     {"on_hand", format_quantity(row.int64(9).value_or(0))}};
    lot["days_to_expiry"] = row.is_null(6) ? json::value()
                                           : json::value(row.date(6).value_or(Date{}).to_days() - query.today.to_days());
    lot["supplier_id"] = row.is_null(7) ? json::value() : json::value(row.int64(7).value_or(0));
    lot["supplier"] = text_or_null(row, 8);
    items.push_back(std::move(lot));
  }
  json::object answer{{"items", std::move(items)}};
  answer["next_offset"] = static_cast<std::int64_t>(rows->size()) > query.limit
                              ? json::value(query.offset + query.limit)
                              : json::value();
  return answer;
}

Result<std::optional<json::object>> lot_trace(Connection& c, std::int64_t company, std::int64_t lot_id) {
  auto found = c.query_row(
      "SELECT t.id, t.item_id, i.code, i.name, t.lot_number, t.produced_on, t.expires_on, t.supplier_id, s.name, "
      "u.name FROM lots t JOIN items i ON i.id = t.item_id LEFT JOIN suppliers s ON s.id = t.supplier_id "
      "LEFT JOIN units_of_measure u ON u.id = i.uom_id WHERE t.id = $1 AND t.company_id = $2",
      {lot_id, company});
  if (!found) return found.error();
  if (!*found) return std::optional<json::object>();
  const Row& head = **found;
  const std::int64_t item = head.int64(1).value_or(0);
  json::object lot{{"id", lot_id},
                   {"item_id", item},
                   {"item_code", head.text(2).value_or("")},
                   {"item_name", head.text(3).value_or("")},
                   {"lot_number", head.text(4).value_or("")},
                   {"produced_on", date_or_null(head, 5)},
                   {"expires_on", date_or_null(head, 6)},
                   {"unit", head.text(9).value_or("")}};
  lot["supplier_id"] = head.is_null(7) ? json::value() : json::value(head.int64(7).value_or(0));
  lot["supplier"] = text_or_null(head, 8);

  auto moves = c.query(move_select() + "WHERE m.company_id = $1 AND m.item_id = $2 AND m.lot_id = $3 "
                                       "ORDER BY m.moved_on, m.id",
                       {company, item, lot_id});
  if (!moves) return moves.error();
  json::array came_from, went_to;
  Qty received = 0, issued = 0;
  for (const Row& move : *moves) {
    const Qty quantity = move.int64(kQuantity).value_or(0);
    const bool transfer = move.text(kMoveType).value_or("") == "transfer";
    if (quantity > 0 && !transfer) {
      received += quantity;
      came_from.push_back(stock_move_json(move));
    } else if (quantity < 0) {
      if (!transfer) issued -= quantity;
      json::object out = stock_move_json(move);
      if (transfer) {
        // The other leg of the transfer: the same document line arriving with this lot.
        for (const Row& arrival : *moves) {
          if (arrival.int64(kQuantity).value_or(0) > 0 && arrival.text(kMoveType).value_or("") == "transfer" &&
              arrival.text(kDocumentType).value_or("") == move.text(kDocumentType).value_or("") &&
              arrival.int64(kDocumentId).value_or(0) == move.int64(kDocumentId).value_or(0) &&
              arrival.int64(kLineNo).value_or(0) == move.int64(kLineNo).value_or(0)) {
            out["to_warehouse_id"] = arrival.int64(4).value_or(0);
            out["to_warehouse"] = arrival.text(5).value_or("");
            break;
          }
        }
      }
      went_to.push_back(std::move(out));
    }
  }
  auto stock = c.query(
      "SELECT l.warehouse_id, w.name, SUM(l.on_hand) FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id "
      "WHERE l.company_id = $1 AND l.item_id = $2 AND l.lot_id = $3 GROUP BY l.warehouse_id, w.code, w.name "
      "HAVING SUM(l.on_hand) <> 0 ORDER BY w.code",
      {company, item, lot_id});
  if (!stock) return stock.error();
  json::array where;
  Qty on_hand = 0;
  for (const Row& row : *stock) {
    on_hand += row.int64(2).value_or(0);
    where.push_back(json::object{{"warehouse_id", row.int64(0).value_or(0)},
                                 {"warehouse", row.text(1).value_or("")},
                                 {"on_hand", format_quantity(row.int64(2).value_or(0))}});
  }
  lot["received"] = format_quantity(received);
  lot["issued"] = format_quantity(issued);
  lot["on_hand"] = format_quantity(on_hand);
  return std::optional<json::object>(json::object{{"lot", std::move(lot)},
                                                  {"came_from", std::move(came_from)},
                                                  {"went_to", std::move(went_to)},
                                                  {"stock", std::move(where)}});
}

}  // namespace verp::inventory
