// Stock on hand now and as of a past day, and the first-expiry-first-out suggestion for an issue.
#include "modules/inventory/stock_queries.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <map>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"
#include "modules/inventory/json_input.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Row;

namespace {

constexpr std::int64_t kChinaOffsetHours = 8;

json::value optional_id(const Row& row, std::size_t index) {
  return row.is_null(index) || row.int64(index).value_or(0) == 0 ? json::value() : json::value(row.int64(index).value_or(0));
}

// The category and every category below it, walked down the parent links.
Result<std::vector<std::int64_t>> category_and_below(Connection& c, std::int64_t company, std::int64_t category) {
  auto rows = c.query("SELECT id, parent_id FROM item_categories WHERE company_id = $1 AND parent_id IS NOT NULL",
                      {company});
  if (!rows) return rows.error();
  std::multimap<std::int64_t, std::int64_t> children;
  for (const Row& row : *rows) children.emplace(row.int64(1).value_or(0), row.int64(0).value_or(0));
  std::vector<std::int64_t> found{category};
  for (std::size_t next = 0; next < found.size(); ++next) {
    auto [first, last] = children.equal_range(found[next]);
    for (auto it = first; it != last; ++it) {
      if (std::find(found.begin(), found.end(), it->second) == found.end()) found.push_back(it->second);
    }
  }
  return found;
}

// The moving-average value of `quantity` of an item the company holds `held` of, worth `value`.
Cents share_of_holding(Cents value, Qty quantity, Qty held) {
  if (quantity == held) return value;
  if (held == 0) return 0;
  return share_of(value, quantity, held);
}

// Where the rows of a stock query come from: the item × warehouse positions (which know what is
// reserved), the levels (which know locations and lots), or the moves up to a day (as of).
enum class Source { positions, levels, moves };

struct Shape {
  Source source = Source::positions;
  bool by_warehouse = true;
  bool by_location = false;
  bool by_lot = false;
  bool lots_joined = false;
};

// Columns, in this order whatever the shape (absent keys are constants):
//   0 item_id, 1 code, 2 name, 3 unit, 4 warehouse_id, 5 code, 6 name, 7 location_id, 8 code, 9 name,
//   10 lot_id, 11 lot_number, 12 expires_on, 13 quantity, 14 reserved, 15 moves' value,
//   16 company quantity, 17 company value
Sql on_hand_sql(Connection& c, std::int64_t company, const StockQuery& query, const Shape& shape,
                const std::vector<std::int64_t>& categories) {
  const bool moves = shape.source == Source::moves;
  const std::string table = moves ? "stock_moves" : shape.source == Source::levels ? "stock_levels" : "stock_positions";
  const std::string quantity = moves ? "s.quantity" : "s.on_hand";
  const std::string location = moves ? "COALESCE(s.location_id, 0)" : "s.location_id";
  const std::string lot = moves ? "COALESCE(s.lot_id, 0)" : "s.lot_id";
  std::string keys = "s.item_id, i.code, i.name, u.name";
  keys += shape.by_warehouse ? ", s.warehouse_id, w.code, w.name" : "";
  keys += shape.by_location ? ", " + location + ", o.code, o.name" : "";
  keys += shape.by_lot ? ", " + lot + ", t.lot_number, t.expires_on" : "";
  keys += moves ? "" : ", k.quantity, k.value";

  Sql sql;
  sql.text = "SELECT s.item_id, i.code, i.name, u.name, ";
  sql.text += shape.by_warehouse ? "s.warehouse_id, w.code, w.name, " : "0, NULL, NULL, ";
  sql.text += shape.by_location ? location + ", o.code, o.name, " : "0, NULL, NULL, ";
  sql.text += shape.by_lot ? lot + ", t.lot_number, t.expires_on, " : "0, NULL, NULL, ";
  sql.text += "SUM(" + quantity + "), ";
  sql.text += shape.source == Source::positions ? "SUM(s.reserved), " : "NULL, ";
  sql.text += moves ? "SUM(s.value), 0, 0" : "0, k.quantity, k.value";
  sql.text += " FROM " + table + " s JOIN items i ON i.id = s.item_id LEFT JOIN units_of_measure u ON u.id = i.uom_id";
  if (shape.by_warehouse) sql.text += " JOIN warehouses w ON w.id = s.warehouse_id";
  if (shape.by_location) sql.text += " LEFT JOIN locations o ON o.id = s.location_id";
  if (shape.lots_joined) sql.text += " LEFT JOIN lots t ON t.id = s.lot_id";
  if (!moves) sql.text += " LEFT JOIN stock_costs k ON k.company_id = s.company_id AND k.item_id = s.item_id";
  sql.text += " WHERE s.company_id = " + sql.param(company);
  if (query.as_of) sql.and_("s.moved_on <= ", *query.as_of);
  if (query.item_id) sql.and_("s.item_id = ", *query.item_id);
  if (query.warehouse_id) sql.and_("s.warehouse_id = ", *query.warehouse_id);
  if (query.location_id) sql.and_("s.location_id = ", *query.location_id);
  if (!query.lot.empty()) sql.and_("t.lot_number = ", query.lot);
  if (query.expires_before) sql.and_("t.expires_on < ", *query.expires_before);
  if (query.category_id) {
    sql.text += " AND i.category_id IN (";
    for (std::size_t i = 0; i < categories.size(); ++i) sql.text += (i > 0 ? ", " : "") + sql.param(categories[i]);
    sql.text += ")";
  }
  if (!query.text.empty()) {
    sql.text += " AND (" + contains(sql, c.dialect(), "i.code", query.text) + " OR " +
                contains(sql, c.dialect(), "i.name", query.text) + ")";
  }
  sql.text += " GROUP BY " + keys + " HAVING SUM(" + quantity + ") <> 0";
  if (shape.source == Source::positions) sql.text += " OR SUM(s.reserved) <> 0";
  if (moves) sql.text += " OR SUM(s.value) <> 0";
  sql.text += " ORDER BY i.code, s.item_id";
  if (shape.by_warehouse) sql.text += ", w.code, s.warehouse_id";
  if (shape.by_location) sql.text += ", CASE WHEN o.code IS NULL THEN 0 ELSE 1 END, o.code, " + location;
  if (shape.by_lot) {
    sql.text += ", CASE WHEN t.expires_on IS NULL THEN 1 ELSE 0 END, t.expires_on, t.lot_number, " + lot;
  }
  return sql;
}

}  // namespace

Date local_today(const Clock& clock) {
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(clock.now().time_since_epoch()).count();
  const std::int64_t local = hours + kChinaOffsetHours;
  return Date::from_days(local >= 0 ? local / 24 : (local - 23) / 24);
}

std::string contains(Sql& sql, storage::Dialect dialect, std::string_view expression, std::string_view text) {
  std::string escaped;
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  const std::string pattern = sql.param("%" + escaped + "%");
  return std::string(expression) + (dialect == storage::Dialect::postgres ? " ILIKE " : " LIKE ") + pattern +
         " ESCAPE '\\'";
}

Result<json::object> stock_on_hand(Connection& c, std::int64_t company, const StockQuery& query) {
  const std::string& group = query.group;
  if (group != "item" && group != "warehouse" && group != "location" && group != "lot") {
    return finance::field_error("group", "invalid", "inventory.group_invalid");
  }
  Shape shape{.by_warehouse = group != "item", .by_location = group == "location", .by_lot = group == "lot"};
  const bool narrowed = query.location_id || !query.lot.empty() || query.expires_before;
  shape.lots_joined = shape.by_lot || !query.lot.empty() || query.expires_before;
  shape.source = query.as_of ? Source::moves
                 : shape.by_location || shape.by_lot || narrowed ? Source::levels
                                                                 : Source::positions;
  std::vector<std::int64_t> categories;
  if (query.category_id) {
    auto found = category_and_below(c, company, *query.category_id);
    if (!found) return found.error();
    categories = std::move(*found);
  }
  const Sql sql = on_hand_sql(c, company, query, shape, categories);
  auto rows = c.query(sql.text, sql.params);
  if (!rows) return rows.error();

  const bool reserved_known = shape.source == Source::positions;
  json::array listed;
  Qty on_hand_total = 0, reserved_total = 0;
  Cents value_total = 0;
  const auto end = static_cast<std::size_t>(query.offset + query.limit);
  for (std::size_t index = 0; index < rows->size(); ++index) {
    const Row& row = (*rows)[index];
    const Qty on_hand = row.int64(13).value_or(0);
    const Qty reserved = reserved_known ? row.int64(14).value_or(0) : 0;
    const Cents value = query.as_of ? row.int64(15).value_or(0)
                                    : share_of_holding(row.int64(17).value_or(0), on_hand, row.int64(16).value_or(0));
    on_hand_total += on_hand;
    reserved_total += reserved;
    value_total += value;
    if (index < static_cast<std::size_t>(query.offset) || index >= end) continue;
    json::object line{{"item_id", row.int64(0).value_or(0)},
                      {"item_code", row.text(1).value_or("")},
                      {"item_name", row.text(2).value_or("")},
                      {"unit", row.text(3).value_or("")}};
    if (shape.by_warehouse) {
      line["warehouse_id"] = row.int64(4).value_or(0);
      line["warehouse_code"] = row.text(5).value_or("");
      line["warehouse"] = row.text(6).value_or("");
    }
    if (shape.by_location) {
      line["location_id"] = optional_id(row, 7);
      line["location_code"] = text_or_null(row, 8);
      line["location"] = text_or_null(row, 9);
    }
    if (shape.by_lot) {
      line["lot_id"] = optional_id(row, 10);
      line["lot_number"] = text_or_null(row, 11);
      line["expires_on"] = date_or_null(row, 12);
    }
    line["on_hand"] = format_quantity(on_hand);
    line["reserved"] = reserved_known ? json::value(format_quantity(reserved)) : json::value();
    line["available"] = reserved_known ? json::value(format_quantity(on_hand - reserved)) : json::value();
    line["value"] = finance::format_amount(value);
    listed.push_back(std::move(line));
  }
  json::object totals{{"rows", static_cast<std::int64_t>(rows->size())},
                      {"on_hand", format_quantity(on_hand_total)},
                      {"value", finance::format_amount(value_total)}};
  totals["reserved"] = reserved_known ? json::value(format_quantity(reserved_total)) : json::value();
  totals["available"] = reserved_known ? json::value(format_quantity(on_hand_total - reserved_total)) : json::value();
  json::object answer{{"group", group}, {"rows", std::move(listed)}, {"totals", std::move(totals)}};
  answer["as_of"] = query.as_of ? json::value(query.as_of->to_string()) : json::value();
  answer["next_offset"] = end < rows->size() ? json::value(static_cast<std::int64_t>(end)) : json::value();
  return answer;
}

Result<json::object> suggest_issue(Connection& c, std::int64_t company, std::int64_t item, std::int64_t warehouse,
                                   Qty quantity) {
  std::vector<FieldError> problems;
  auto known_item = c.query_row("SELECT code, name FROM items WHERE id = $1 AND company_id = $2", {item, company});
  if (!known_item) return known_item.error();
  if (!*known_item) problems.push_back({"item_id", "unknown", "inventory.item_unknown", {}});
  auto known_warehouse = c.query_row("SELECT name FROM warehouses WHERE id = $1 AND company_id = $2", {warehouse, company});
  if (!known_warehouse) return known_warehouse.error();
  if (!*known_warehouse) problems.push_back({"warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
  if (Status refused = problems_as_error(std::move(problems)); !refused) return refused.error();

  auto pick = first_expiry_first_out(c, company, item, warehouse, 0, 0, quantity);
  if (!pick) return pick.error();
  auto position = c.query_row(
      "SELECT on_hand - reserved FROM stock_positions WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3",
      {company, item, warehouse});
  if (!position) return position.error();
  const Qty available = *position ? (*position)->int64(0).value_or(0) : 0;
  auto places = c.query("SELECT id, code, name FROM locations WHERE warehouse_id = $1", {warehouse});
  if (!places) return places.error();
  std::map<std::int64_t, std::pair<std::string, std::string>> location_names;
  for (const Row& row : *places) location_names[row.int64(0).value_or(0)] = {row.text(1).value_or(""), row.text(2).value_or("")};

  json::array lines;
  for (const LevelPart& part : pick->parts) {
    json::object line{{"on_hand", format_quantity(part.on_hand)}, {"quantity", format_quantity(part.quantity)}};
    const auto place = location_names.find(part.location);
    line["location_id"] = part.location != 0 ? json::value(part.location) : json::value();
    line["location_code"] = place != location_names.end() ? json::value(place->second.first) : json::value();
    line["location"] = place != location_names.end() ? json::value(place->second.second) : json::value();
    line["lot_id"] = part.lot != 0 ? json::value(part.lot) : json::value();
    line["lot_number"] = part.lot != 0 ? json::value(part.lot_number) : json::value();
    line["expires_on"] = part.expires_on ? json::value(part.expires_on->to_string()) : json::value();
    lines.push_back(std::move(line));
  }
  return json::object{{"item_id", item},
                      {"item_code", (*known_item)->text(0).value_or("")},
                      {"item_name", (*known_item)->text(1).value_or("")},
                      {"warehouse_id", warehouse},
                      {"warehouse", (*known_warehouse)->text(0).value_or("")},
                      {"quantity", format_quantity(quantity)},
                      {"available", format_quantity(available)},
                      {"lines", std::move(lines)},
                      {"short", format_quantity(pick->short_by)},
                      {"sufficient", pick->short_by == 0 && available >= quantity}};
}

}  // namespace verp::inventory
