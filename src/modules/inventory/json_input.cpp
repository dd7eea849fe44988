#include "modules/inventory/json_input.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace verp::inventory {

namespace json = boost::json;

void JsonReader::only(const json::object& from, std::initializer_list<std::string_view> known,
                      const std::string& prefix) {
  for (const auto& member : from) {
    if (std::find(known.begin(), known.end(), member.key()) == known.end()) {
      fail(prefix + std::string(member.key()), "unknown", "inventory.field_unknown");
    }
  }
}

std::string JsonReader::text(const json::object& from, std::string_view key, const std::string& path, bool required,
                             std::size_t max_length) {
  const json::value* value = from.if_contains(key);
  if (value == nullptr || value->is_null() || (value->is_string() && value->as_string().empty())) {
    if (required) fail(path, "required", "field.required");
    return {};
  }
  if (!value->is_string()) {
    fail(path, "not_text", value->is_number() ? "inventory.number_as_text" : "field.not_text");
    return {};
  }
  if (value->as_string().size() > max_length) {
    fail(path, "too_long", "field.too_long");
    return {};
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> JsonReader::id(const json::object& from, std::string_view key, const std::string& path,
                                           bool required) {
  const json::value* value = from.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) fail(path, "required", "field.required");
    return std::nullopt;
  }
  if (value->is_int64() && value->as_int64() > 0) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() > 0 && value->as_uint64() < (1ULL << 62)) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  fail(path, "not_an_id", "inventory.not_an_id");
  return std::nullopt;
}

std::optional<storage::Date> JsonReader::date(const json::object& from, std::string_view key, const std::string& path,
                                              bool required) {
  const std::string value = text(from, key, path, required, 10);
  if (value.empty()) return std::nullopt;
  auto parsed = storage::Date::parse(value);
  if (!parsed) {
    fail(path, "invalid", "inventory.date_invalid");
    return std::nullopt;
  }
  return *parsed;
}

const json::array* JsonReader::lines(const json::object& from, std::string_view key, std::size_t max_items) {
  const json::value* value = from.if_contains(key);
  if (value == nullptr || !value->is_array() || value->as_array().empty()) {
    fail(std::string(key), "required", "inventory.lines_required");
    return nullptr;
  }
  if (value->as_array().size() > max_items) {
    fail(std::string(key), "too_many", "inventory.too_many_lines");
    return nullptr;
  }
  return &value->as_array();
}

Status problems_as_error(std::vector<FieldError> problems) {
  if (problems.empty()) return {};
  Error error = make_error(ErrorKind::validation, "error.validation");
  error.fields = std::move(problems);
  return error;
}

}  // namespace verp::inventory
