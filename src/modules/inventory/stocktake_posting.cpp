// Posting a stocktake: every difference between the counts and the book quantity *now* becomes a
// line of one stock adjustment (STK-005), posted by someone who counted nothing (STK-006), once
// every line is counted or the poster says how to take the rest (STK-004).
#include <boost/json.hpp>
#include <cstdlib>
#include <map>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/inventory/stocktake_internal.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

struct PostingLine {
  std::int64_t id = 0;
  std::int64_t line_no = 0;
  std::int64_t item_id = 0;
  std::int64_t location_id = 0;
  std::int64_t lot_id = 0;
  std::optional<Qty> counted;
  Qty book = 0;       // now
  std::string label;  // "A-01 M-1 L-7" for messages
};

std::string line_path(std::int64_t line_no) { return "lines[" + std::to_string(line_no - 1) + "]"; }

// Every item on the sheet gets its warehouse position row locked (created at zero if it has
// none), so no move of these items in this warehouse slips between reading the book and
// adjusting it: every move updates that row (stock_ledger.cpp).
Status lock_positions(Connection& c, std::int64_t company, std::int64_t warehouse, std::int64_t stocktake) {
  auto locked = c.execute(
      "INSERT INTO stock_positions (company_id, item_id, warehouse_id, on_hand, reserved) SELECT DISTINCT $1, "
      "item_id, $2, 0, 0 FROM stocktake_lines WHERE stocktake_id = $3 ON CONFLICT (company_id, item_id, warehouse_id) "
      "DO UPDATE SET on_hand = stock_positions.on_hand",
      {company, warehouse, stocktake});
  if (!locked) return locked.error();
  return {};
}

Result<std::vector<PostingLine>> lines_with_book(Connection& c, std::int64_t company, std::int64_t warehouse,
                                                 std::int64_t stocktake) {
  auto rows = c.query(
      "SELECT s.id, s.line_no, s.item_id, s.location_id, s.lot_id, s.counted, COALESCE(l.on_hand, 0), i.code, "
      "p.code, t.lot_number FROM stocktake_lines s JOIN items i ON i.id = s.item_id LEFT JOIN stock_levels l ON "
      "l.company_id = $1 AND l.warehouse_id = $2 AND l.item_id = s.item_id AND l.location_id = s.location_id AND "
      "l.lot_id = s.lot_id LEFT JOIN locations p ON p.id = s.location_id LEFT JOIN lots t ON t.id = s.lot_id "
      "WHERE s.stocktake_id = $3 ORDER BY s.line_no",
      {company, warehouse, stocktake});
  if (!rows) return rows.error();
  std::vector<PostingLine> lines;
  for (const auto& row : *rows) {
    PostingLine line{.id = row.int64(0).value_or(0),
                     .line_no = row.int64(1).value_or(0),
                     .item_id = row.int64(2).value_or(0),
                     .location_id = row.int64(3).value_or(0),
                     .lot_id = row.int64(4).value_or(0),
                     .book = row.int64(6).value_or(0)};
    if (!row.is_null(5)) line.counted = row.int64(5).value_or(0);
    for (std::size_t column : {8, 7, 9}) {
      if (row.is_null(column)) continue;
      line.label += (line.label.empty() ? "" : " ") + row.text(column).value_or("");
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// STK-004: a 409 naming every line still uncounted.
Error uncounted_error(const std::vector<const PostingLine*>& uncounted) {
  Error error = make_error(ErrorKind::conflict, "stocktake.lines_uncounted");
  error.rule = "STK-004";
  std::string labels;
  for (const PostingLine* line : uncounted) {
    if (labels.size() < 200) labels += (labels.empty() ? "" : "; ") + line->label;
    error.fields.push_back({line_path(line->line_no),
                            "uncounted",
                            "stocktake.line_uncounted",
                            {{"line", std::to_string(line->line_no)}, {"place", line->label}}});
  }
  error.args = {{"count", std::to_string(uncounted.size())}, {"lines", labels}};
  return error;
}

// The adjustment names its own lines "lines[i]"; the caller knows the stocktake's.
Error in_stocktake_terms(Error error, const std::vector<std::int64_t>& line_no_of) {
  auto rename = [&](std::string& field) {
    if (!field.starts_with("lines[")) return;
    const std::size_t close = field.find(']');
    const std::size_t index = static_cast<std::size_t>(std::atoll(field.c_str() + 6));
    if (close == std::string::npos || index >= line_no_of.size()) return;
    field = line_path(line_no_of[index]) + field.substr(close + 1);
  };
  rename(error.field);
  for (FieldError& field : error.fields) rename(field.field);
  return error;
}

// What each adjustment line moved, in value: line number → cents.
Result<std::map<std::int64_t, Cents>> values_of(Connection& c, std::int64_t company, std::int64_t document) {
  auto rows = c.query(
      "SELECT line_no, SUM(value) FROM stock_moves WHERE company_id = $1 AND document_type = 'stock_document' AND "
      "document_id = $2 GROUP BY line_no",
      {company, document});
  if (!rows) return rows.error();
  std::map<std::int64_t, Cents> values;
  for (const auto& row : *rows) values[row.int64(0).value_or(0)] = row.int64(1).value_or(0);
  return values;
}

}  // namespace

Result<std::optional<std::int64_t>> post_stocktake(Connection& c, const Actor& actor, std::int64_t id,
                                                   const PostInput& input) {
  const std::int64_t company = actor.principal.company_id;
  const std::int64_t me = actor.principal.user_id;
  auto header = claim_stocktake(c, company, id, {"counting", "counted"});
  if (!header) return header.error();
  if (!input.unreadable.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = input.unreadable;
    return error;
  }
  auto counter = c.query_row("SELECT 1 FROM stocktake_lines WHERE stocktake_id = $1 AND counted_by = $2", {id, me});
  if (!counter) return counter.error();
  if (*counter) {
    Error error = make_error(ErrorKind::forbidden, "stocktake.poster_counted");
    error.rule = "STK-006";
    return error;
  }
  if (Status locked = lock_positions(c, company, header->warehouse_id, id); !locked) return locked.error();
  auto lines = lines_with_book(c, company, header->warehouse_id, id);
  if (!lines) return lines.error();
  std::vector<const PostingLine*> uncounted;
  for (const PostingLine& line : *lines) {
    if (!line.counted) uncounted.push_back(&line);
  }
  if (!uncounted.empty() && input.uncounted.empty()) return uncounted_error(uncounted);

  StockDocumentInput adjustment{.kind = "adjustment",
                                .date = input.date.value_or(header->date),
                                .warehouse_id = header->warehouse_id,
                                .reason = "stocktake",
                                .note = "库存盘点 " + header->number};
  std::vector<std::int64_t> line_no_of;  // adjustment line → stocktake line number
  std::vector<Qty> counted_of(lines->size());
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const PostingLine& line = (*lines)[i];
    counted_of[i] = line.counted.value_or(input.uncounted == "as_book" ? line.book : 0);
    const Qty difference = counted_of[i] - line.book;
    if (difference == 0) continue;
    adjustment.lines.push_back(
        StockLineInput{.item_id = line.item_id,
                       .quantity = format_quantity(difference),
                       .location_id = line.location_id != 0 ? std::optional(line.location_id) : std::nullopt,
                       .lot_id = line.lot_id != 0 ? std::optional(line.lot_id) : std::nullopt,
                       .reason = difference > 0 ? "count_gain" : "count_loss",
                       .exact_place = true});
    line_no_of.push_back(line.line_no);
  }
  std::optional<std::int64_t> document;
  std::map<std::int64_t, Cents> values;  // by adjustment line number
  if (!adjustment.lines.empty()) {
    auto posted = post_stock_document(c, actor, adjustment);
    if (!posted) return in_stocktake_terms(posted.error(), line_no_of);
    document = *posted;
    auto moved = values_of(c, company, *document);
    if (!moved) return moved.error();
    values = std::move(*moved);
    auto linked = c.execute("UPDATE stock_documents SET source_type = 'stocktake', source_id = $2 WHERE id = $1",
                            {*document, id});
    if (!linked) return linked.error();
  }

  std::vector<std::vector<Value>> updates;
  Cents gains = 0;
  Cents losses = 0;
  std::int64_t adjusted = 0;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const PostingLine& line = (*lines)[i];
    const Qty difference = counted_of[i] - line.book;
    const Cents value = difference != 0 ? values[++adjusted] : 0;
    (value >= 0 ? gains : losses) += value;
    updates.push_back({line.id, counted_of[i], line.book, difference, value});
  }
  if (!updates.empty()) {
    auto written = c.execute_batch(
        "UPDATE stocktake_lines SET counted = $2, book_at_post = $3, difference = $4, posted_value = $5 WHERE id = $1",
        updates);
    if (!written) return written.error();
  }
  auto marked = c.execute(
      "UPDATE stocktakes SET state = 'posted', posted_by = $2, posted_at = $3, uncounted_as = $4, "
      "stock_document_id = $5 WHERE id = $1",
      {id, me, Timestamp::from_system(actor.clock.now()), uncounted.empty() ? Value() : Value(input.uncounted),
       Value(document)});
  if (!marked) return marked.error();
  json::object change{{"number", header->number},
                      {"from", header->state},
                      {"to", "posted"},
                      {"adjusted_lines", adjusted},
                      {"uncounted", static_cast<std::int64_t>(uncounted.size())},
                      {"gains", finance::format_amount(gains)},
                      {"losses", finance::format_amount(losses)}};
  change["uncounted_as"] = uncounted.empty() ? json::value() : json::value(input.uncounted);
  change["stock_document_id"] = document ? json::value(*document) : json::value();
  if (Status recorded = record_stocktake(c, actor, id, "stocktake.post", change); !recorded) return recorded.error();
  return document;
}

}  // namespace verp::inventory
