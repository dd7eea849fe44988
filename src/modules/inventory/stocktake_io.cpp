// The bodies that create, count and post a stocktake, read field by field (json_input.hpp).
#include <boost/json.hpp>

#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stocktake.hpp"

namespace verp::inventory {

namespace json = boost::json;

namespace {

bool flag(JsonReader& read, const json::object& from, std::string_view key) {
  const json::value* value = from.if_contains(key);
  if (value == nullptr || value->is_null()) return false;
  if (!value->is_bool()) {
    read.fail(std::string(key), "not_boolean", "stocktake.not_boolean");
    return false;
  }
  return value->as_bool();
}

std::vector<std::int64_t> ids(JsonReader& read, const json::object& from, std::string_view key) {
  std::vector<std::int64_t> found;
  const json::value* value = from.if_contains(key);
  if (value == nullptr || value->is_null()) return found;
  if (!value->is_array()) {
    read.fail(std::string(key), "not_array", "stocktake.not_id_list");
    return found;
  }
  const json::array& list = value->as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    json::object holder{{"id", list[i]}};
    if (auto id = read.id(holder, "id", std::string(key) + "[" + std::to_string(i) + "]", true)) found.push_back(*id);
  }
  return found;
}

const json::object* object_of(const json::value& body) { return body.if_object(); }

}  // namespace

Result<StocktakeInput> stocktake_from_json(const json::value& body) {
  const json::object* object = object_of(body);
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  StocktakeInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"warehouse_id", "category_id", "location_ids", "blind", "include_zero", "date", "note"}, "");
  input.warehouse_id = read.id(*object, "warehouse_id", "warehouse_id", true).value_or(0);
  input.category_id = read.id(*object, "category_id", "category_id");
  input.location_ids = ids(read, *object, "location_ids");
  input.blind = flag(read, *object, "blind");
  input.include_zero = flag(read, *object, "include_zero");
  input.date = read.date(*object, "date", "date", true).value_or(storage::Date{});
  input.note = read.text(*object, "note", "note", false, 500);
  return input;
}

Result<CountsInput> counts_from_json(const json::value& body) {
  const json::object* object = object_of(body);
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  CountsInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"counts"}, "");
  const json::array* counts = read.lines(*object, "counts", 1000);
  if (counts == nullptr) return input;
  for (std::size_t i = 0; i < counts->size(); ++i) {
    auto at = [&](std::string_view field) { return JsonReader::path("counts", i, field); };
    const json::object* count = (*counts)[i].if_object();
    input.counts.emplace_back();
    if (count == nullptr) {
      read.fail("counts[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
      continue;
    }
    read.only(*count, {"line_id", "item_id", "item", "location_id", "lot_number", "counted"},
              "counts[" + std::to_string(i) + "].");
    CountInput& parsed = input.counts.back();
    parsed.line_id = read.id(*count, "line_id", at("line_id"));
    parsed.item_id = read.id(*count, "item_id", at("item_id"));
    parsed.item = read.text(*count, "item", at("item"), !parsed.line_id && !parsed.item_id, 100);
    parsed.location_id = read.id(*count, "location_id", at("location_id"));
    parsed.lot_number = read.text(*count, "lot_number", at("lot_number"), false, 64);
    parsed.counted = read.text(*count, "counted", at("counted"), true, 40);
    if (parsed.line_id &&
        (parsed.item_id || !parsed.item.empty() || parsed.location_id || !parsed.lot_number.empty())) {
      read.fail(at("line_id"), "ambiguous", "stocktake.line_or_item");
    }
  }
  return input;
}

Result<PostInput> post_input_from_json(const json::value& body) {
  PostInput input;
  const json::object* object = object_of(body);
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  JsonReader read(input.unreadable);
  read.only(*object, {"uncounted", "date"}, "");
  input.uncounted = read.text(*object, "uncounted", "uncounted", false, 20);
  if (!input.uncounted.empty() && input.uncounted != "as_zero" && input.uncounted != "as_book") {
    read.fail("uncounted", "invalid", "stocktake.uncounted_invalid");
  }
  input.date = read.date(*object, "date", "date");
  return input;
}

}  // namespace verp::inventory
