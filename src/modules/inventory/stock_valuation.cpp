// The stock value report (存货价值表) and its reconciliation with the inventory accounts.
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"
#include "modules/inventory/stock_checks.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/inventory/stock_queries.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Row;

namespace {

// The value of one item in one warehouse, with what it is grouped by.
struct Piece {
  std::int64_t item = 0, category = 0, warehouse = 0;  // 0: none
  std::string item_code, item_name, category_code, category_name, warehouse_code, warehouse_name;
  Qty quantity = 0;
  Cents value = 0;
};

Piece piece_of(const Row& row) {
  return Piece{.item = row.int64(0).value_or(0),
               .category = row.is_null(3) ? 0 : row.int64(3).value_or(0),
               .warehouse = row.is_null(6) ? 0 : row.int64(6).value_or(0),
               .item_code = row.text(1).value_or(""),
               .item_name = row.text(2).value_or(""),
               .category_code = row.text(4).value_or(""),
               .category_name = row.text(5).value_or(""),
               .warehouse_code = row.text(7).value_or(""),
               .warehouse_name = row.text(8).value_or(""),
               .quantity = row.int64(9).value_or(0)};
}

constexpr const char* kNames =
    "i.code, i.name, i.category_id, g.code, g.name, w.id, w.code, w.name";
constexpr const char* kNameJoins =
    " JOIN items i ON i.id = k.item_id LEFT JOIN item_categories g ON g.id = i.category_id";

// As of the end of a day: what the moves up to it add up to in each warehouse.
Result<std::vector<Piece>> pieces_as_of(Connection& c, std::int64_t company, Date as_of) {
  auto rows = c.query(std::string("SELECT k.item_id, ") + kNames + ", SUM(k.quantity), SUM(k.value) FROM stock_moves k" +
                          kNameJoins + " JOIN warehouses w ON w.id = k.warehouse_id WHERE k.company_id = $1 AND "
                          "k.moved_on <= $2 GROUP BY k.item_id, " + kNames +
                          " HAVING SUM(k.quantity) <> 0 OR SUM(k.value) <> 0",
                      {company, as_of});
  if (!rows) return rows.error();
  std::vector<Piece> pieces;
  for (const Row& row : *rows) {
    pieces.push_back(piece_of(row));
    pieces.back().value = row.int64(10).value_or(0);
  }
  return pieces;
}

// Now: each item's moving-average value split over its warehouses by quantity, the last one
// taking what rounding left, so that the pieces add up to the company's value exactly.
Result<std::vector<Piece>> pieces_now(Connection& c, std::int64_t company) {
  auto rows = c.query(std::string("SELECT k.item_id, ") + kNames + ", COALESCE(p.on_hand, 0), k.quantity, k.value "
                          "FROM stock_costs k" + kNameJoins + " LEFT JOIN stock_positions p ON p.company_id = "
                          "k.company_id AND p.item_id = k.item_id AND p.on_hand <> 0 LEFT JOIN warehouses w ON "
                          "w.id = p.warehouse_id WHERE k.company_id = $1 AND (p.on_hand IS NOT NULL OR "
                          "k.quantity <> 0 OR k.value <> 0) ORDER BY k.item_id, w.id",
                      {company});
  if (!rows) return rows.error();
  std::vector<Piece> pieces;
  Cents left = 0;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const Row& row = (*rows)[i];
    Piece piece = piece_of(row);
    const Qty held = row.int64(10).value_or(0);
    const Cents value = row.int64(11).value_or(0);
    const bool first = i == 0 || (*rows)[i - 1].int64(0).value_or(0) != piece.item;
    const bool last = i + 1 == rows->size() || (*rows)[i + 1].int64(0).value_or(0) != piece.item;
    if (first) left = value;
    piece.value = last ? left : piece.quantity == held ? value : held == 0 ? 0 : share_of(value, piece.quantity, held);
    left -= piece.value;
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

Result<json::object> reconciliation(Connection& c, std::int64_t company, std::optional<Date> as_of, Cents stock) {
  Sql sql;
  sql.text = "SELECT a.code, a.name, COALESCE(SUM(CASE WHEN v.state = 'posted' THEN l.debit - l.credit ELSE 0 END), 0), "
             "COALESCE(SUM(CASE WHEN v.state <> 'posted' THEN l.debit - l.credit ELSE 0 END), 0) "
             "FROM (SELECT id AS company_id FROM companies WHERE id = " + sql.param(company) + ") k "
             "JOIN voucher_lines l ON l.company_id = k.company_id JOIN vouchers v ON v.id = l.voucher_id "
             "AND v.state <> 'void' JOIN accounts a ON a.id = l.account_id WHERE l.account_id IN (" +
             std::string(kInventoryAccountsOf) + ")";
  if (as_of) sql.and_("v.voucher_date <= ", *as_of);
  sql.text += " GROUP BY a.code, a.name ORDER BY a.code";
  auto rows = c.query(sql.text, sql.params);
  if (!rows) return rows.error();
  json::array accounts;
  Cents posted = 0, unposted = 0;
  for (const Row& row : *rows) {
    posted += row.int64(2).value_or(0);
    unposted += row.int64(3).value_or(0);
    accounts.push_back(json::object{{"code", row.text(0).value_or("")},
                                    {"name", row.text(1).value_or("")},
                                    {"posted", finance::format_amount(row.int64(2).value_or(0))},
                                    {"unposted", finance::format_amount(row.int64(3).value_or(0))}});
  }
  auto mode = valuation_posting_of(c, company);
  if (!mode) return mode.error();
  return json::object{{"stock_value", finance::format_amount(stock)},
                      {"posted", finance::format_amount(posted)},
                      {"unposted", finance::format_amount(unposted)},
                      {"difference", finance::format_amount(stock - posted)},
                      {"difference_with_unposted", finance::format_amount(stock - posted - unposted)},
                      {"accounts", std::move(accounts)},
                      {"valuation_posting", *mode}};
}

}  // namespace

Result<json::object> stock_valuation(Connection& c, std::int64_t company, std::string_view group,
                                     std::optional<Date> as_of) {
  if (group != "item" && group != "category" && group != "warehouse") {
    return finance::field_error("group", "invalid", "inventory.group_invalid");
  }
  auto pieces = as_of ? pieces_as_of(c, company, *as_of) : pieces_now(c, company);
  if (!pieces) return pieces.error();
  // The rows in code order (an item without a category, or a value without a warehouse, last).
  std::map<std::tuple<bool, std::string, std::int64_t>, Piece> rows;
  Qty quantity = 0;
  Cents value = 0;
  for (const Piece& piece : *pieces) {
    const std::int64_t key = group == "item" ? piece.item : group == "category" ? piece.category : piece.warehouse;
    const std::string& code = group == "item" ? piece.item_code : group == "category" ? piece.category_code
                                                                                       : piece.warehouse_code;
    auto [row, fresh] = rows.try_emplace({key == 0, code, key}, piece);
    if (!fresh) {
      row->second.quantity += piece.quantity;
      row->second.value += piece.value;
    }
    quantity += piece.quantity;
    value += piece.value;
  }
  json::array listed;
  for (const auto& [order, row] : rows) {
    const std::int64_t key = std::get<2>(order);
    json::object line{{"code", std::get<1>(order)},
                      {"name", group == "item" ? row.item_name : group == "category" ? row.category_name
                                                                                     : row.warehouse_name},
                      {"quantity", format_quantity(row.quantity)},
                      {"value", finance::format_amount(row.value)}};
    line["key"] = key != 0 ? json::value(key) : json::value();
    if (group == "item") line["unit_cost"] = unit_cost(row.value, row.quantity);
    listed.push_back(std::move(line));
  }
  auto reconciled = reconciliation(c, company, as_of, value);
  if (!reconciled) return reconciled.error();
  json::object answer{{"group", std::string(group)},
                      {"rows", std::move(listed)},
                      {"total", json::object{{"quantity", format_quantity(quantity)}, {"value", finance::format_amount(value)}}},
                      {"reconciliation", std::move(*reconciled)}};
  answer["as_of"] = as_of ? json::value(as_of->to_string()) : json::value();
  return answer;
}

}  // namespace verp::inventory
