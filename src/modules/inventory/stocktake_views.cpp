// What a stocktake shows: the stocktake with its lines, the list, the variance report, and the
// printed count sheet and variance report. A blind count shows no book quantity and no variance
// while it is counting (STK-003).
#include <boost/json.hpp>

#include "modules/finance/amount.hpp"
#include "modules/inventory/stocktake_internal.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Value;

namespace {

json::value id_or_null(const Row& row, std::size_t column) {
  if (row.is_null(column) || row.int64(column).value_or(0) == 0) return nullptr;
  return row.int64(column).value_or(0);
}

json::value text_or_null(const Row& row, std::size_t column) {
  if (row.is_null(column)) return nullptr;
  return json::value(row.text(column).value_or(""));
}

json::value quantity_or_null(const Row& row, std::size_t column) {
  if (row.is_null(column)) return nullptr;
  return json::value(format_quantity(row.int64(column).value_or(0)));
}

json::value moment_or_null(const Row& row, std::size_t column) {
  if (row.is_null(column)) return nullptr;
  return json::value(row.timestamp(column).value_or(storage::Timestamp{}).to_string());
}

// Columns 0..7 of both line queries: the line and where it is.
constexpr const char* kLinePlace =
    "SELECT s.id, s.line_no, s.item_id, i.code, i.name, i.specification, u.name, s.location_id, p.code, s.lot_id, "
    "t.lot_number, s.book, s.counted, s.counted_by, ";
constexpr const char* kLineJoins =
    " FROM stocktake_lines s JOIN items i ON i.id = s.item_id LEFT JOIN units_of_measure u ON u.id = i.uom_id "
    "LEFT JOIN locations p ON p.id = s.location_id LEFT JOIN lots t ON t.id = s.lot_id ";

json::object place_json(const Row& row) {
  json::object line{{"id", row.int64(0).value_or(0)},        {"line_no", row.int64(1).value_or(0)},
                    {"item_id", row.int64(2).value_or(0)},   {"item_code", row.text(3).value_or("")},
                    {"item_name", row.text(4).value_or("")}, {"specification", row.text(5).value_or("")},
                    {"unit", row.text(6).value_or("")}};
  line["location_id"] = id_or_null(row, 7);
  line["location"] = text_or_null(row, 8);
  line["lot_id"] = id_or_null(row, 9);
  line["lot_number"] = text_or_null(row, 10);
  line["counted"] = quantity_or_null(row, 12);
  line["counted_by"] = id_or_null(row, 13);
  return line;
}

Result<json::array> lines_json(Connection& c, std::int64_t stocktake, bool show_book,
                               const std::optional<std::vector<std::int64_t>>& only) {
  std::vector<Value> params{stocktake};
  std::string filter;
  if (only) {
    for (std::int64_t id : *only) {
      params.emplace_back(id);
      filter += (filter.empty() ? " AND s.id IN ($" : ", $") + std::to_string(params.size());
    }
    filter += ")";
  }
  auto rows =
      c.query(std::string(kLinePlace) + "who.display_name, s.counted_at, s.book_at_post, s.difference, s.posted_value" +
                  kLineJoins + "LEFT JOIN users who ON who.id = s.counted_by WHERE s.stocktake_id = $1" + filter +
                  " ORDER BY s.line_no",
              params);
  if (!rows) return rows.error();
  json::array lines;
  for (const Row& row : *rows) {
    json::object line = place_json(row);
    if (show_book) line["book"] = format_quantity(row.int64(11).value_or(0));
    line["counted_by_name"] = text_or_null(row, 14);
    line["counted_at"] = moment_or_null(row, 15);
    if (!row.is_null(16)) {
      line["book_at_post"] = format_quantity(row.int64(16).value_or(0));
      line["difference"] = format_quantity(row.int64(17).value_or(0));
      line["value"] = finance::format_amount(row.int64(18).value_or(0));
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<std::optional<json::object>> header_json(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(
      "SELECT s.id, s.number, s.warehouse_id, w.name, s.category_id, k.name, s.location_ids, s.blind, "
      "s.include_zero, s.count_date, s.note, s.state, s.uncounted_as, s.stock_document_id, d.number, s.created_by, "
      "s.created_at, s.closed_by, s.closed_at, s.posted_by, s.posted_at, s.cancelled_by, s.cancelled_at, s.version, "
      "(SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = s.id), "
      "(SELECT COUNT(l.counted_by) FROM stocktake_lines l WHERE l.stocktake_id = s.id) "
      "FROM stocktakes s JOIN warehouses w ON w.id = s.warehouse_id LEFT JOIN item_categories k ON "
      "k.id = s.category_id LEFT JOIN stock_documents d ON d.id = s.stock_document_id "
      "WHERE s.id = $1 AND s.company_id = $2",
      {id, company});
  if (!row) return row.error();
  if (!*row) return std::optional<json::object>();
  const Row& r = **row;
  const bool blind = r.boolean(7).value_or(false);
  const std::string state = r.text(11).value_or("");
  json::array locations;
  for (std::int64_t location : location_list(r.text(6).value_or(""))) locations.push_back(location);
  json::object header{{"id", r.int64(0).value_or(0)},
                      {"number", r.text(1).value_or("")},
                      {"warehouse_id", r.int64(2).value_or(0)},
                      {"warehouse", r.text(3).value_or("")},
                      {"location_ids", std::move(locations)},
                      {"blind", blind},
                      {"include_zero", r.boolean(8).value_or(false)},
                      {"date", r.date(9) ? r.date(9)->to_string() : ""},
                      {"state", state},
                      {"book_visible", book_visible(blind, state)},
                      {"created_by", r.int64(15).value_or(0)},
                      {"version", r.int64(23).value_or(0)},
                      {"lines_total", r.int64(24).value_or(0)},
                      {"lines_counted", r.int64(25).value_or(0)}};
  header["category_id"] = id_or_null(r, 4);
  header["category"] = text_or_null(r, 5);
  header["note"] = text_or_null(r, 10);
  header["uncounted_as"] = text_or_null(r, 12);
  header["stock_document_id"] = id_or_null(r, 13);
  header["stock_document_number"] = text_or_null(r, 14);
  header["created_at"] = moment_or_null(r, 16);
  header["closed_by"] = id_or_null(r, 17);
  header["closed_at"] = moment_or_null(r, 18);
  header["posted_by"] = id_or_null(r, 19);
  header["posted_at"] = moment_or_null(r, 20);
  header["cancelled_by"] = id_or_null(r, 21);
  header["cancelled_at"] = moment_or_null(r, 22);
  return std::optional<json::object>(std::move(header));
}

std::string text(const json::object& from, std::string_view key) {
  const json::value* value = from.if_contains(key);
  if (value == nullptr || value->is_null()) return {};
  if (value->is_string()) return std::string(value->as_string());
  return json::serialize(*value);
}

}  // namespace

Result<std::optional<json::object>> stocktake_json(Connection& c, std::int64_t company, std::int64_t id,
                                                   const std::optional<std::vector<std::int64_t>>& line_ids) {
  auto header = header_json(c, company, id);
  if (!header || !*header || (line_ids && line_ids->empty())) return header;
  auto lines = lines_json(c, id, (*header)->at("book_visible").as_bool(), line_ids);
  if (!lines) return lines.error();
  (**header)["lines"] = std::move(*lines);
  return header;
}

Result<json::object> list_stocktakes(Connection& c, std::int64_t company, std::string_view state) {
  auto rows = c.query(
      "SELECT s.id, s.number, s.count_date, s.warehouse_id, w.name, s.state, s.blind, s.stock_document_id, "
      "(SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = s.id), "
      "(SELECT COUNT(l.counted_by) FROM stocktake_lines l WHERE l.stocktake_id = s.id) "
      "FROM stocktakes s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.company_id = $1 "
      "AND ($2 = '' OR s.state = $2) ORDER BY s.count_date DESC, s.id DESC LIMIT 500",
      {company, std::string(state)});
  if (!rows) return rows.error();
  json::array items;
  for (const Row& row : *rows) {
    json::object item{{"id", row.int64(0).value_or(0)},
                      {"number", row.text(1).value_or("")},
                      {"date", row.date(2) ? row.date(2)->to_string() : ""},
                      {"warehouse_id", row.int64(3).value_or(0)},
                      {"warehouse", row.text(4).value_or("")},
                      {"state", row.text(5).value_or("")},
                      {"blind", row.boolean(6).value_or(false)},
                      {"lines_total", row.int64(8).value_or(0)},
                      {"lines_counted", row.int64(9).value_or(0)}};
    item["stock_document_id"] = id_or_null(row, 7);
    items.push_back(std::move(item));
  }
  return json::object{{"items", std::move(items)}};
}

Result<json::object> stocktake_variance(Connection& c, std::int64_t company, std::int64_t id) {
  auto header = header_json(c, company, id);
  if (!header) return header.error();
  if (!*header) return make_error(ErrorKind::not_found, "error.not_found");
  json::object report = std::move(**header);
  if (!report.at("book_visible").as_bool()) {
    Error error = make_error(ErrorKind::conflict, "stocktake.blind_counting");
    error.rule = "STK-003";
    return error;
  }
  const bool posted = report.at("state").as_string() == "posted";
  auto rows = c.query(std::string(kLinePlace) +
                          "COALESCE(l.on_hand, 0), s.book_at_post, s.difference, s.posted_value, c.quantity, c.value, "
                          "i.standard_cost" +
                          kLineJoins +
                          "LEFT JOIN stock_levels l ON l.company_id = $2 AND l.warehouse_id = $3 AND l.item_id = "
                          "s.item_id AND l.location_id = s.location_id AND l.lot_id = s.lot_id LEFT JOIN stock_costs c "
                          "ON c.company_id = $2 AND c.item_id = s.item_id WHERE s.stocktake_id = $1 ORDER BY s.line_no",
                      {id, company, report.at("warehouse_id").as_int64()});
  if (!rows) return rows.error();
  json::array lines;
  Cents gains = 0;
  Cents losses = 0;
  std::int64_t counted = 0;
  std::int64_t changed = 0;
  for (const Row& row : *rows) {
    json::object line = place_json(row);
    const Qty book = row.int64(11).value_or(0);
    const Qty now = posted ? row.int64(15).value_or(0) : row.int64(14).value_or(0);
    line["book"] = format_quantity(book);
    line["book_now"] = format_quantity(now);
    line["book_changed"] = now != book;
    changed += now != book ? 1 : 0;
    if (posted && row.is_null(13)) line["counted_as"] = report.at("uncounted_as");
    if (row.is_null(12)) {
      line["status"] = "uncounted";
      lines.push_back(std::move(line));
      continue;
    }
    ++counted;
    const Qty difference = row.int64(12).value_or(0) - now;
    Cents value = 0;
    if (posted) {
      value = row.int64(17).value_or(0);
    } else {
      std::optional<Decimal> standard;
      if (!row.is_null(20)) standard = row.decimal(20).value_or(Decimal());
      auto valued = value_of_difference(difference, row.int64(18).value_or(0), row.int64(19).value_or(0), standard);
      if (!valued) return valued.error();
      value = *valued;
    }
    (difference >= 0 ? gains : losses) += value;
    line["difference"] = format_quantity(difference);
    line["value"] = finance::format_amount(value);
    line["status"] = difference > 0 ? "gain" : difference < 0 ? "loss" : "match";
    lines.push_back(std::move(line));
  }
  const auto total = static_cast<std::int64_t>(lines.size());
  report["lines"] = std::move(lines);
  report["totals"] = json::object{{"lines", total},
                                  {"counted", counted},
                                  {"uncounted", total - counted},
                                  {"book_changed", changed},
                                  {"gains", finance::format_amount(gains)},
                                  {"losses", finance::format_amount(losses)},
                                  {"net", finance::format_amount(gains + losses)}};
  return report;
}

exporting::Table stocktake_table(std::string_view report, const json::object& shown, const i18n::Catalog& catalog,
                                 std::string_view locale) {
  auto say = [&](std::string_view id, std::vector<MessageArg> args = {}) { return catalog.text(locale, id, args); };
  const std::vector<MessageArg> title{
      {"number", text(shown, "number")}, {"warehouse", text(shown, "warehouse")}, {"date", text(shown, "date")}};
  exporting::Table table;
  table.headers = {
      say("stocktake.column.line"),      say("stocktake.column.location"),      say("stocktake.column.item_code"),
      say("stocktake.column.item_name"), say("stocktake.column.specification"), say("stocktake.column.unit"),
      say("stocktake.column.lot")};
  const std::vector<std::string_view> place{"line_no",       "location", "item_code", "item_name",
                                            "specification", "unit",     "lot_number"};
  const json::array& lines = shown.at("lines").as_array();
  if (report == "sheet") {
    const bool show_book = shown.at("book_visible").as_bool() && !shown.at("blind").as_bool();
    table.sheet_name =
        say(shown.at("blind").as_bool() ? "stocktake.blind_sheet_title" : "stocktake.sheet_title", title);
    if (show_book) table.headers.push_back(say("stocktake.column.book"));
    table.headers.push_back(say("stocktake.column.counted"));
    for (const auto& value : lines) {
      const json::object& line = value.as_object();
      std::vector<std::string> cells;
      for (std::string_view key : place) cells.push_back(text(line, key));
      if (show_book) cells.push_back(text(line, "book"));
      cells.emplace_back();  // written in by the counter
      table.rows.push_back(std::move(cells));
    }
    return table;
  }
  table.sheet_name = say("stocktake.variance_title", title);
  for (const char* column : {"book", "book_now", "counted", "difference", "value", "status"}) {
    table.headers.push_back(say(std::string("stocktake.column.") + column));
  }
  for (const auto& value : lines) {
    const json::object& line = value.as_object();
    std::vector<std::string> cells;
    for (std::string_view key : place) cells.push_back(text(line, key));
    for (const char* key : {"book", "book_now", "counted", "difference", "value"}) cells.push_back(text(line, key));
    cells.push_back(say("stocktake.status." + text(line, "status")));
    table.rows.push_back(std::move(cells));
  }
  const json::object& totals = shown.at("totals").as_object();
  for (const char* total : {"gains", "losses", "net"}) {
    std::vector<std::string> cells(table.headers.size());
    cells[3] = say(std::string("stocktake.total.") + total);
    cells[table.headers.size() - 2] = text(totals, total);
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace verp::inventory
