#include "platform/events/event.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace verp::events {
namespace {

namespace json = boost::json;

std::optional<std::int64_t> optional_int(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->as_int64();
}

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

json::object to_object(const Event& event, json::value data) {
  json::object object;
  object["kind"] = to_string(event.kind);
  if (event.company_id) object["company_id"] = *event.company_id;
  if (event.user_id) object["user_id"] = *event.user_id;
  if (event.kind == Kind::record) {
    object["entity"] = event.entity;
    object["record_id"] = event.record_id;
    object["action"] = event.action;
    if (event.owner_id) object["owner_id"] = *event.owner_id;
    if (event.department_id) object["department_id"] = *event.department_id;
  }
  object["data"] = std::move(data);
  return object;
}

}  // namespace

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::notification: return "notification";
    case Kind::job: return "job";
    case Kind::record: return "record";
  }
  return "record";
}

std::string encode(const Event& event) {
  boost::system::error_code ec;
  json::value data = json::parse(event.data, ec);
  if (ec || !data.is_object()) data = json::object();
  std::string text = json::serialize(to_object(event, std::move(data)));
  if (text.size() <= kMaxEncodedBytes) return text;
  return json::serialize(to_object(event, json::object{{"truncated", true}}));
}

Result<Event> decode(std::string_view text) {
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return make_error(ErrorKind::validation, "events.bad_payload", std::string(text));
  const json::object& object = parsed.as_object();
  Event event;
  const std::string kind = text_of(object, "kind");
  if (kind == "notification") {
    event.kind = Kind::notification;
  } else if (kind == "job") {
    event.kind = Kind::job;
  } else if (kind == "record") {
    event.kind = Kind::record;
  } else {
    return make_error(ErrorKind::validation, "events.bad_payload", "kind " + kind);
  }
  event.company_id = optional_int(object, "company_id");
  event.user_id = optional_int(object, "user_id");
  event.entity = text_of(object, "entity");
  event.record_id = optional_int(object, "record_id").value_or(0);
  event.action = text_of(object, "action");
  event.owner_id = optional_int(object, "owner_id");
  event.department_id = optional_int(object, "department_id");
  const auto* data = object.if_contains("data");
  event.data = data != nullptr && data->is_object() ? json::serialize(*data) : "{}";
  return event;
}

}  // namespace verp::events
