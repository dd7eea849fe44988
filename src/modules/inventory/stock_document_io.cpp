// Stock documents as JSON: the body that enters one, and the document with its moves as shown.
#include <boost/json.hpp>

#include "modules/inventory/inventory_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_documents.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Date;

Result<StockDocumentInput> stock_document_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  StockDocumentInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"kind", "date", "warehouse_id", "to_warehouse_id", "in_transit", "reason", "note", "lines"}, "");
  if (const json::value* transit = object->if_contains("in_transit"); transit != nullptr && !transit->is_null()) {
    if (transit->is_bool()) input.in_transit = transit->as_bool();
    else read.fail("in_transit", "not_boolean", "inventory.not_boolean");
  }
  input.kind = read.text(*object, "kind", "kind", true, 20);
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.warehouse_id = read.id(*object, "warehouse_id", "warehouse_id", true).value_or(0);
  input.to_warehouse_id = read.id(*object, "to_warehouse_id", "to_warehouse_id");
  input.reason = read.text(*object, "reason", "reason", false, 40);
  input.note = read.text(*object, "note", "note", false, 500);
  if (const json::array* lines = read.lines(*object, "lines")) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json::object* line = (*lines)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        input.lines.emplace_back();
        continue;
      }
      read.only(*line,
                {"item_id", "item", "quantity", "uom_id", "location_id", "to_location_id", "lot_id", "lot_number",
                 "produced_on", "expires_on", "unit_cost", "reason"},
                "lines[" + std::to_string(i) + "].");
      StockLineInput parsed;
      parsed.item_id = read.id(*line, "item_id", at("item_id"));
      parsed.item = read.text(*line, "item", at("item"), !parsed.item_id, 100);
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.uom_id = read.id(*line, "uom_id", at("uom_id"));
      parsed.location_id = read.id(*line, "location_id", at("location_id"));
      parsed.to_location_id = read.id(*line, "to_location_id", at("to_location_id"));
      parsed.lot_id = read.id(*line, "lot_id", at("lot_id"));
      parsed.lot_number = read.text(*line, "lot_number", at("lot_number"), false, 64);
      parsed.produced_on = read.date(*line, "produced_on", at("produced_on"));
      parsed.expires_on = read.date(*line, "expires_on", at("expires_on"));
      parsed.unit_cost = read.text(*line, "unit_cost", at("unit_cost"), false, 40);
      parsed.reason = read.text(*line, "reason", at("reason"), false, 200);
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

json::object move_json(const storage::Row& row) {
  json::object move{{"id", row.int64(0).value_or(0)},
                    {"item_id", row.int64(1).value_or(0)},
                    {"item_code", row.text(2).value_or("")},
                    {"item_name", row.text(3).value_or("")},
                    {"warehouse_id", row.int64(4).value_or(0)},
                    {"warehouse", row.text(5).value_or("")},
                    {"quantity", format_quantity(row.int64(8).value_or(0))},
                    {"value", finance::format_amount(row.int64(9).value_or(0))},
                    {"move_type", row.text(10).value_or("")},
                    {"line_no", row.int64(11).value_or(0)},
                    {"unit", row.text(13).value_or("")}};
  move["location_id"] = row.is_null(6) ? json::value() : json::value(row.int64(6).value_or(0));
  move["lot_id"] = row.is_null(7) ? json::value() : json::value(row.int64(7).value_or(0));
  move["lot_number"] = row.is_null(12) ? json::value() : json::value(row.text(12).value_or(""));
  move["reason"] = row.is_null(14) ? json::value() : json::value(row.text(14).value_or(""));
  return move;
}

}  // namespace

// The moves of one document (or of a filter), with the names a list shows.
std::string move_select() {
  return "SELECT m.id, m.item_id, i.code, i.name, m.warehouse_id, w.name, m.location_id, m.lot_id, m.quantity, "
         "m.value, m.move_type, m.line_no, t.lot_number, u.name, m.reason, m.document_type, m.document_id, "
         "m.document_number, m.moved_on, m.created_at FROM stock_moves m JOIN items i ON i.id = m.item_id "
         "JOIN warehouses w ON w.id = m.warehouse_id LEFT JOIN lots t ON t.id = m.lot_id "
         "LEFT JOIN units_of_measure u ON u.id = i.uom_id ";
}

json::object stock_move_json(const storage::Row& row) {
  json::object move = move_json(row);
  move["document_type"] = row.text(15).value_or("");
  move["document_id"] = row.int64(16).value_or(0);
  move["document_number"] = row.text(17).value_or("");
  move["date"] = row.date(18) ? json::value(row.date(18)->to_string()) : json::value();
  return move;
}

Result<std::optional<json::object>> stock_document_json(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(
      "SELECT d.id, d.kind, d.number, d.document_date, d.warehouse_id, w.name, d.to_warehouse_id, d.reason, d.note, "
      "d.value, d.voucher_id, d.created_by, d.created_at, d.state, d.arrived_on FROM stock_documents d "
      "JOIN warehouses w ON w.id = d.warehouse_id WHERE d.id = $1 AND d.company_id = $2",
      {id, company});
  if (!row) return row.error();
  if (!*row) return std::optional<json::object>();
  const storage::Row& r = **row;
  json::object document{{"id", r.int64(0).value_or(0)},
                        {"kind", r.text(1).value_or("")},
                        {"number", r.text(2).value_or("")},
                        {"date", r.date(3) ? r.date(3)->to_string() : ""},
                        {"warehouse_id", r.int64(4).value_or(0)},
                        {"warehouse", r.text(5).value_or("")},
                        {"value", finance::format_amount(r.int64(9).value_or(0))},
                        {"created_by", r.int64(11).value_or(0)}};
  document["to_warehouse_id"] = r.is_null(6) ? json::value() : json::value(r.int64(6).value_or(0));
  document["reason"] = r.is_null(7) ? json::value() : json::value(r.text(7).value_or(""));
  document["note"] = r.is_null(8) ? json::value() : json::value(r.text(8).value_or(""));
  document["voucher_id"] = r.is_null(10) ? json::value() : json::value(r.int64(10).value_or(0));
  document["state"] = r.is_null(13) ? "posted" : r.text(13).value_or("posted");
  document["arrived_on"] = r.date(14) ? json::value(r.date(14)->to_string()) : json::value();
  auto moves = c.query(move_select() + "WHERE m.company_id = $1 AND m.document_type = 'stock_document' AND "
                                       "m.document_id = $2 ORDER BY m.id",
                       {company, id});
  if (!moves) return moves.error();
  json::array listed;
  for (const auto& move : *moves) listed.push_back(stock_move_json(move));
  document["moves"] = std::move(listed);
  return std::optional<json::object>(std::move(document));
}

Result<json::object> list_stock_documents(Connection& c, std::int64_t company, std::string_view kind,
                                          std::optional<Date> from, std::optional<Date> to) {
  std::string sql =
      "SELECT d.id, d.kind, d.number, d.document_date, w.name, d.reason, d.value, d.voucher_id, "
      "(SELECT COUNT(*) FROM stock_moves m WHERE m.document_type = 'stock_document' AND m.document_id = d.id) "
      "FROM stock_documents d JOIN warehouses w ON w.id = d.warehouse_id WHERE d.company_id = $1 "
      "AND ($2 = '' OR d.kind = $2)";
  std::vector<storage::Value> params{company, std::string(kind)};
  if (from) {
    params.emplace_back(*from);
    sql += " AND d.document_date >= $" + std::to_string(params.size());
  }
  if (to) {
    params.emplace_back(*to);
    sql += " AND d.document_date <= $" + std::to_string(params.size());
  }
  auto rows = c.query(sql + " ORDER BY d.document_date DESC, d.id DESC LIMIT 500", params);
  if (!rows) return rows.error();
  json::array items;
  for (const auto& row : *rows) {
    json::object item{{"id", row.int64(0).value_or(0)},
                      {"kind", row.text(1).value_or("")},
                      {"number", row.text(2).value_or("")},
                      {"date", row.date(3) ? row.date(3)->to_string() : ""},
                      {"warehouse", row.text(4).value_or("")},
                      {"value", finance::format_amount(row.int64(6).value_or(0))},
                      {"moves", row.int64(8).value_or(0)}};
    item["reason"] = row.is_null(5) ? json::value() : json::value(row.text(5).value_or(""));
    item["voucher_id"] = row.is_null(7) ? json::value() : json::value(row.int64(7).value_or(0));
    items.push_back(std::move(item));
  }
  return json::object{{"items", std::move(items)}};
}

}  // namespace verp::inventory
