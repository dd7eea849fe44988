// Entering counts (STK-002): by line, or by item and place as a scanner reads them; a place not
// on the sheet becomes a new line (found goods).
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "modules/inventory/stock_documents.hpp"
#include "modules/inventory/stocktake_internal.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

// Item, location and lot, 0 for none: a line's key within its stocktake.
using Place = std::tuple<std::int64_t, std::int64_t, std::int64_t>;

struct SheetLine {
  std::int64_t id = 0;
  Place place;
  bool lot_tracked = false;
  std::optional<Qty> counted;
};

// The lines already on the sheet, by id and by place.
struct Sheet {
  std::map<std::int64_t, SheetLine> by_id;
  std::map<Place, std::int64_t> by_place;
  std::int64_t last_line_no = 0;
};

Result<Sheet> sheet_of(Connection& c, std::int64_t stocktake) {
  auto rows = c.query(
      "SELECT s.id, s.item_id, s.location_id, s.lot_id, i.lot_tracked, s.counted, s.line_no FROM stocktake_lines s "
      "JOIN items i ON i.id = s.item_id WHERE s.stocktake_id = $1",
      {stocktake});
  if (!rows) return rows.error();
  Sheet sheet;
  for (const auto& row : *rows) {
    SheetLine line{.id = row.int64(0).value_or(0),
                   .place = {row.int64(1).value_or(0), row.int64(2).value_or(0), row.int64(3).value_or(0)},
                   .lot_tracked = row.boolean(4).value_or(false)};
    if (!row.is_null(5)) line.counted = row.int64(5).value_or(0);
    sheet.by_place[line.place] = line.id;
    sheet.by_id[line.id] = line;
    sheet.last_line_no = std::max(sheet.last_line_no, row.int64(6).value_or(0));
  }
  return sheet;
}

// A count made ready: the line it is for (or the new place) and the quantity in stock units.
struct ReadyCount {
  std::optional<std::int64_t> line_id;
  Place place;
  Qty counted = 0;
};

class CountReader {
 public:
  CountReader(Connection& c, std::int64_t company, const StocktakeHeader& header, const Sheet& sheet,
              std::vector<FieldError>& problems)
      : c_(c), company_(company), header_(header), sheet_(sheet), problems_(problems) {}

  // nullopt when the count has a problem (recorded).
  Result<std::optional<ReadyCount>> read(const CountInput& count, std::size_t index) {
    index_ = index;
    ReadyCount ready;
    Decimal factor = Decimal::from_int(1);
    bool lot_tracked = false;
    if (count.line_id) {
      auto line = sheet_.by_id.find(*count.line_id);
      if (line == sheet_.by_id.end()) return refuse("line_id", "unknown", "stocktake.line_unknown");
      ready.line_id = line->first;
      ready.place = line->second.place;
      lot_tracked = line->second.lot_tracked;
    } else {
      auto place = place_of(count, factor, lot_tracked);
      if (!place) return place.error();
      if (!*place) return std::optional<ReadyCount>();
      ready.place = **place;
      if (auto known = sheet_.by_place.find(ready.place); known != sheet_.by_place.end()) ready.line_id = known->second;
    }
    auto counted = quantity_of(count.counted, factor);
    if (!counted) return std::optional<ReadyCount>();
    ready.counted = *counted;
    if (lot_tracked && std::get<2>(ready.place) == 0 && ready.counted > 0) {
      return refuse(count.line_id ? "counted" : "lot_number", "required", "stocktake.lot_required");
    }
    return std::optional<ReadyCount>(ready);
  }

 private:
  std::string at(std::string_view field) const {
    return "counts[" + std::to_string(index_) + "]." + std::string(field);
  }
  std::optional<ReadyCount> refuse(std::string_view field, std::string code, std::string message_id,
                                   std::vector<MessageArg> args = {}) {
    problems_.push_back({at(field), std::move(code), std::move(message_id), std::move(args)});
    return std::nullopt;
  }

  // The place an item count names: the item (by id, code or scanned barcode, which may also
  // give a lot or a packing unit), the location and the lot.
  Result<std::optional<Place>> place_of(const CountInput& count, Decimal& factor, bool& lot_tracked) {
    std::int64_t item = count.item_id.value_or(0);
    std::int64_t lot = 0;
    if (!count.item_id) {
      auto scanned = resolve_scan(c_, company_, count.item);
      if (!scanned) return scanned.error();
      if (!*scanned) {
        refuse("item", "unknown", "inventory.code_unknown", {{"code", count.item}});
        return std::optional<Place>();
      }
      item = (*scanned)->item_id;
      factor = (*scanned)->factor;
      lot = (*scanned)->lot_id.value_or(0);
    }
    auto facts = c_.query_row(
        "SELECT lot_tracked, item_type FROM items WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
        {item, company_});
    if (!facts) return facts.error();
    const std::string item_field = count.item_id ? "item_id" : "item";
    if (!*facts) {
      refuse(item_field, "unknown", "inventory.item_unknown");
      return std::optional<Place>();
    }
    if ((*facts)->text(1).value_or("") == "service") {
      refuse(item_field, "not_stocked", "inventory.service_not_stocked");
      return std::optional<Place>();
    }
    lot_tracked = (*facts)->boolean(0).value_or(false);
    const std::int64_t location = count.location_id.value_or(0);
    auto in_scope = location_in_scope(location);
    if (!in_scope) return in_scope.error();
    if (!*in_scope) return std::optional<Place>();
    if (!count.lot_number.empty()) {
      auto found = c_.query_row("SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                                {company_, item, count.lot_number});
      if (!found) return found.error();
      if (!*found || (lot != 0 && (*found)->int64(0).value_or(0) != lot)) {
        refuse("lot_number", "unknown", "inventory.lot_unknown");
        return std::optional<Place>();
      }
      lot = (*found)->int64(0).value_or(0);
    }
    return std::optional<Place>(Place{item, location, lot});
  }

  // A location of the warehouse, and of the count's locations when it is limited to some.
  Result<bool> location_in_scope(std::int64_t location) {
    const auto& scope = header_.location_ids;
    if (!scope.empty() && std::find(scope.begin(), scope.end(), location) == scope.end()) {
      refuse("location_id", location == 0 ? "required" : "out_of_scope", "stocktake.location_out_of_scope");
      return false;
    }
    if (location == 0) return true;
    auto found = c_.query_row("SELECT 1 FROM locations WHERE id = $1 AND warehouse_id = $2 AND archived_at IS NULL",
                              {location, header_.warehouse_id});
    if (!found) return found.error();
    if (!*found) refuse("location_id", "unknown", "inventory.location_unknown");
    return found->has_value();
  }

  // The counted quantity in stock units: not below zero, at most four decimals as entered.
  std::optional<Qty> quantity_of(const std::string& text, const Decimal& factor) {
    if (text.empty()) return std::nullopt;  // the decoder named it
    auto entered = Decimal::parse(text);
    if (!entered) {
      refuse("counted", "invalid", entered.error().message_id);
      return std::nullopt;
    }
    if (entered->scale() > kQuantityScale) {
      refuse("counted", "too_precise", "inventory.quantity_too_precise");
      return std::nullopt;
    }
    if (entered->is_negative()) {
      refuse("counted", "negative", "stocktake.count_negative");
      return std::nullopt;
    }
    auto quantity = in_stock_units(*entered, factor);
    if (!quantity) {
      refuse("counted", "too_large", quantity.error().message_id);
      return std::nullopt;
    }
    return *quantity;
  }

  Connection& c_;
  std::int64_t company_;
  const StocktakeHeader& header_;
  const Sheet& sheet_;
  std::vector<FieldError>& problems_;
  std::size_t index_ = 0;
};

json::value quantity_or_null(const std::optional<Qty>& quantity) {
  return quantity ? json::value(format_quantity(*quantity)) : json::value();
}

}  // namespace

Result<std::vector<std::int64_t>> enter_counts(Connection& c, const Actor& actor, std::int64_t id,
                                               const CountsInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto header = claim_stocktake(c, company, id, {"counting"}, "stocktake.not_counting");
  if (!header) return header.error();
  auto sheet = sheet_of(c, id);
  if (!sheet) return sheet.error();
  std::vector<FieldError> problems = input.unreadable;
  CountReader reader(c, company, *header, *sheet, problems);
  std::vector<ReadyCount> ready;
  for (std::size_t i = 0; i < input.counts.size(); ++i) {
    auto count = reader.read(input.counts[i], i);
    if (!count) return count.error();
    if (*count) ready.push_back(**count);
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }

  const Timestamp now = Timestamp::from_system(actor.clock.now());
  const std::int64_t me = actor.principal.user_id;
  std::vector<std::int64_t> counted;
  std::vector<std::vector<Value>> updates;
  json::array audited;
  for (ReadyCount& count : ready) {
    std::optional<Qty> before;
    if (!count.line_id) {
      if (auto added = sheet->by_place.find(count.place); added != sheet->by_place.end()) count.line_id = added->second;
    }
    if (count.line_id) {
      before = sheet->by_id[*count.line_id].counted;
      updates.push_back({*count.line_id, count.counted, me, now});
      sheet->by_id[*count.line_id].counted = count.counted;
    } else {
      // Found goods: a new line, its book what the place holds now (usually nothing).
      const auto [item, location, lot] = count.place;
      auto book = book_now(c, company, header->warehouse_id, item, location, lot);
      if (!book) return book.error();
      auto line = c.query_row(
          "INSERT INTO stocktake_lines (stocktake_id, company_id, line_no, item_id, location_id, lot_id, book, "
          "counted, counted_by, counted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
          {id, company, ++sheet->last_line_no, item, location, lot, *book, count.counted, me, now});
      if (!line) return line.error();
      count.line_id = (*line)->int64(0).value_or(0);
      sheet->by_place[count.place] = *count.line_id;
      sheet->by_id[*count.line_id] = SheetLine{.id = *count.line_id, .place = count.place, .counted = count.counted};
    }
    counted.push_back(*count.line_id);
    audited.push_back(json::object{{"line_id", *count.line_id},
                                   {"counted", format_quantity(count.counted)},
                                   {"before", quantity_or_null(before)}});
  }
  if (!updates.empty()) {
    auto written = c.execute_batch(
        "UPDATE stocktake_lines SET counted = $2, counted_by = $3, counted_at = $4 WHERE id = $1", updates);
    if (!written) return written.error();
  }
  if (Status recorded = record_stocktake(c, actor, id, "stocktake.count",
                                         {{"number", header->number}, {"counts", std::move(audited)}});
      !recorded) {
    return recorded.error();
  }
  return counted;
}

}  // namespace verp::inventory
