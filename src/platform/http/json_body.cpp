#include "platform/http/json_body.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace verp::http {

JsonBody::JsonBody(const Request& request) {
  if (request.body.empty()) {
    root_ = boost::json::object();
    return;
  }
  boost::system::error_code ec;
  root_ = boost::json::parse(request.body, ec);
  if (ec || !root_.is_object()) malformed_ = true;
}

Error JsonBody::error() const {
  Error error = make_error(ErrorKind::validation, malformed_ ? "http.body_not_json_object" : "error.validation");
  error.fields = fields_;
  return error;
}

const boost::json::value* JsonBody::raw(std::string_view field) const {
  if (!root_.is_object()) return nullptr;
  const auto& object = root_.as_object();
  auto it = object.find(field);
  return it == object.end() || it->value().is_null() ? nullptr : &it->value();
}

bool JsonBody::has(std::string_view field) const { return raw(field) != nullptr; }

void JsonBody::add_error(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args) {
  fields_.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), std::move(args)});
}

void JsonBody::allow_only(std::initializer_list<std::string_view> fields) {
  if (!root_.is_object()) return;
  for (const auto& [key, value] : root_.as_object()) {
    if (std::find(fields.begin(), fields.end(), std::string_view(key)) == fields.end()) {
      add_error(std::string(key), "not_writable", "field.not_writable");
    }
  }
}

std::optional<std::string> JsonBody::optional_text(std::string_view field, TextRule rule) {
  const boost::json::value* value = raw(field);
  if (value == nullptr) {
    if (rule.required) add_error(std::string(field), "required", "field.required");
    return std::nullopt;
  }
  if (!value->is_string()) {
    add_error(std::string(field), "not_text", "field.not_text");
    return std::nullopt;
  }
  std::string text(value->as_string());
  auto length = utf8_length(text);
  if (!length) {
    add_error(std::string(field), "invalid_utf8", "field.invalid_utf8");
  } else if (rule.required && *length == 0) {
    add_error(std::string(field), "required", "field.required");
  } else if (*length < rule.min_length) {
    add_error(std::string(field), "too_short", "field.too_short", {{"min", std::to_string(rule.min_length)}});
  } else if (*length > rule.max_length) {
    add_error(std::string(field), "too_long", "field.too_long", {{"max", std::to_string(rule.max_length)}});
  }
  return text;
}

std::string JsonBody::text(std::string_view field, TextRule rule) { return optional_text(field, rule).value_or(""); }

std::optional<std::int64_t> JsonBody::integer(std::string_view field, bool required) {
  const boost::json::value* value = raw(field);
  if (value == nullptr) {
    if (required) add_error(std::string(field), "required", "field.required");
    return std::nullopt;
  }
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  add_error(std::string(field), "not_integer", "field.not_integer");
  return std::nullopt;
}

std::optional<bool> JsonBody::boolean(std::string_view field, bool required) {
  const boost::json::value* value = raw(field);
  if (value == nullptr) {
    if (required) add_error(std::string(field), "required", "field.required");
    return std::nullopt;
  }
  if (value->is_bool()) return value->as_bool();
  add_error(std::string(field), "not_boolean", "field.not_boolean");
  return std::nullopt;
}

std::vector<std::string> JsonBody::text_list(std::string_view field) {
  std::vector<std::string> out;
  const boost::json::value* value = raw(field);
  if (value == nullptr) return out;
  if (!value->is_array()) {
    add_error(std::string(field), "not_list", "field.not_list");
    return out;
  }
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) {
      add_error(std::string(field), "not_text", "field.not_text");
      return {};
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

Response json_response(int status, const boost::json::value& body) {
  return Response::json(status, boost::json::serialize(body));
}

}  // namespace verp::http
