#include "platform/entity/codec.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <climits>
#include <set>

#include "platform/base/utf8.hpp"

namespace verp::entity {
namespace {

using storage::Value;

void add(std::vector<FieldError>& errors, const std::string& path, std::string code, std::string message_id,
         std::vector<MessageArg> args = {}) {
  errors.push_back(FieldError{path, std::move(code), std::move(message_id), std::move(args)});
}

std::string_view trim(std::string_view text) {
  // ASCII white space and U+3000 IDEOGRAPHIC SPACE, which Chinese input methods type.
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (char c : {' ', '\t', '\r', '\n'}) {
      if (!text.empty() && text.front() == c) text.remove_prefix(1), trimmed = true;
      if (!text.empty() && text.back() == c) text.remove_suffix(1), trimmed = true;
    }
    if (text.starts_with(kIdeographicSpace)) text.remove_prefix(3), trimmed = true;
    if (text.ends_with(kIdeographicSpace)) text.remove_suffix(3), trimmed = true;
  }
  return text;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool valid_email(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = text.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return std::none_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == ',' || c == ';' || c == '<' || c == '>'; });
}

bool valid_phone(std::string_view text) {
  int digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != '-' && c != ' ' && c != '(' && c != ')') return false;
  }
  return digits >= 3;
}

bool valid_url(std::string_view text) {
  return (text.starts_with("https://") || text.starts_with("http://")) && text.size() > 8 &&
         std::none_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '"' || c == '<' || c == '>'; });
}

// Text-kind values: trimmed, UTF-8, kind-specific form.
std::optional<Value> decode_text(const Field& field, std::string_view raw, const std::string& path,
                                 std::vector<FieldError>& errors) {
  if (!utf8_length(raw)) {
    add(errors, path, "invalid_utf8", "field.invalid_utf8");
    return std::nullopt;
  }
  if (raw.find('\0') != std::string_view::npos) {
    add(errors, path, "invalid_text", "entity.invalid_text");
    return std::nullopt;
  }
  std::string_view text = trim(raw);
  if (text.empty()) return Value();
  switch (field.kind) {
    case FieldKind::email:
      if (!valid_email(text)) {
        add(errors, path, "invalid_email", "entity.invalid_email");
        return std::nullopt;
      }
      return Value(lower_ascii(text));
    case FieldKind::phone:
      if (!valid_phone(text)) {
        add(errors, path, "invalid_phone", "entity.invalid_phone");
        return std::nullopt;
      }
      break;
    case FieldKind::url:
      if (!valid_url(text)) {
        add(errors, path, "invalid_url", "entity.invalid_url");
        return std::nullopt;
      }
      break;
    default: break;
  }
  return Value(std::string(text));
}

std::optional<Value> decode_decimal_text(const Field& field, std::string_view text, const std::string& path,
                                         std::vector<FieldError>& errors) {
  auto parsed = Decimal::parse(text);
  if (!parsed) {
    add(errors, path, "invalid_decimal", "entity.invalid_decimal");
    return std::nullopt;
  }
  if (parsed->scale() > field.effective_scale()) {
    add(errors, path, "too_precise", "entity.too_precise", {{"scale", std::to_string(field.effective_scale())}});
    return std::nullopt;
  }
  auto scaled = parsed->rescale(field.effective_scale());
  if (!scaled) {
    add(errors, path, "invalid_decimal", "entity.invalid_decimal");
    return std::nullopt;
  }
  return Value(*scaled);
}

std::optional<Value> decode_integer_text(std::string_view text, const std::string& path, std::vector<FieldError>& errors) {
  std::int64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    add(errors, path, "not_integer", "field.not_integer");
    return std::nullopt;
  }
  return Value(number);
}

std::optional<Value> decode_date_text(const Field& field, std::string_view text, const std::string& path,
                                      std::vector<FieldError>& errors) {
  if (field.kind == FieldKind::date) {
    auto date = storage::Date::parse(text);
    if (!date || !date->valid()) {
      add(errors, path, "invalid_date", "entity.invalid_date");
      return std::nullopt;
    }
    return Value(*date);
  }
  auto at = storage::Timestamp::parse(text);
  if (!at) {
    add(errors, path, "invalid_datetime", "entity.invalid_datetime");
    return std::nullopt;
  }
  return Value(*at);
}

std::optional<Value> decode_enum_text(const Field& field, std::string_view text, bool labels_too, const std::string& path,
                                      std::vector<FieldError>& errors) {
  for (const auto& option : field.options) {
    if (option.value == text || (labels_too && (option.label.zh == text || option.label.en == text))) {
      return Value(option.value);
    }
  }
  std::string allowed;
  for (const auto& option : field.options) allowed += (allowed.empty() ? "" : ", ") + option.value;
  add(errors, path, "not_an_option", "entity.not_an_option", {{"options", allowed}});
  return std::nullopt;
}

std::optional<Value> encode_tags(const Field& field, const std::vector<std::string_view>& raw, const std::string& path,
                                 std::vector<FieldError>& errors) {
  boost::json::array tags;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    auto length = utf8_length(raw[i]);
    if (!length) {
      add(errors, item_path, "invalid_utf8", "field.invalid_utf8");
      continue;
    }
    std::string_view tag = trim(raw[i]);
    if (tag.empty()) continue;
    if (*utf8_length(tag) > field.effective_max_length()) {
      add(errors, item_path, "too_long", "field.too_long", {{"max", std::to_string(field.effective_max_length())}});
      continue;
    }
    if (seen.insert(std::string(tag)).second) tags.emplace_back(boost::json::string(tag));
  }
  if (tags.size() > 50) add(errors, path, "too_many", "entity.too_many_tags", {{"max", "50"}});
  if (tags.empty()) return Value();
  return Value(boost::json::serialize(tags));
}

std::optional<Value> encode_links(const std::vector<std::int64_t>& raw, const std::string& path,
                                  std::vector<FieldError>& errors) {
  boost::json::array ids;
  std::set<std::int64_t> seen;
  for (std::int64_t id : raw) {
    if (id <= 0) {
      add(errors, path, "not_integer", "field.not_integer");
      return std::nullopt;
    }
    if (seen.insert(id).second) ids.emplace_back(id);
  }
  if (ids.size() > 200) {
    add(errors, path, "too_many", "entity.too_many_values", {{"max", "200"}});
    return std::nullopt;
  }
  if (ids.empty()) return Value();
  return Value(boost::json::serialize(ids));
}

}  // namespace

std::vector<std::int64_t> link_ids(const Value& value) {
  std::vector<std::int64_t> ids;
  const auto* text = value.get_if<std::string>();
  if (text == nullptr) return ids;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(*text, ec);
  if (ec || !parsed.is_array()) return ids;
  for (const auto& id : parsed.as_array()) {
    if (id.is_int64()) ids.push_back(id.as_int64());
  }
  return ids;
}

std::optional<Value> decode_json(const Field& field, const boost::json::value& json, const std::string& path,
                                 std::vector<FieldError>& errors) {
  if (json.is_null()) return Value();
  switch (field.kind) {
    case FieldKind::text:
    case FieldKind::email:
    case FieldKind::phone:
    case FieldKind::url:
      if (!json.is_string()) break;
      return decode_text(field, json.as_string(), path, errors);
    case FieldKind::enumeration:
      if (!json.is_string()) break;
      return decode_enum_text(field, json.as_string(), false, path, errors);
    case FieldKind::integer:
    case FieldKind::link:
    case FieldKind::attachment:
      if (json.is_int64()) return Value(json.as_int64());
      if (json.is_uint64() && json.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return Value(static_cast<std::int64_t>(json.as_uint64()));
      }
      add(errors, path, "not_integer", "field.not_integer");
      return std::nullopt;
    case FieldKind::decimal:
    case FieldKind::money:
    case FieldKind::quantity:
      if (!json.is_string()) {
        add(errors, path, "decimal_as_string", "entity.decimal_as_string");
        return std::nullopt;
      }
      return decode_decimal_text(field, json.as_string(), path, errors);
    case FieldKind::boolean:
      if (json.is_bool()) return Value(json.as_bool());
      add(errors, path, "not_boolean", "field.not_boolean");
      return std::nullopt;
    case FieldKind::date:
    case FieldKind::datetime:
      if (!json.is_string()) break;
      return decode_date_text(field, json.as_string(), path, errors);
    case FieldKind::tags: {
      if (!json.is_array()) {
        add(errors, path, "not_list", "field.not_list");
        return std::nullopt;
      }
      std::vector<std::string_view> raw;
      for (const auto& item : json.as_array()) {
        if (!item.is_string()) {
          add(errors, path, "not_text", "field.not_text");
          return std::nullopt;
        }
        raw.emplace_back(item.as_string());
      }
      return encode_tags(field, raw, path, errors);
    }
    case FieldKind::links: {
      if (!json.is_array()) {
        add(errors, path, "not_list", "field.not_list");
        return std::nullopt;
      }
      std::vector<std::int64_t> raw;
      for (const auto& item : json.as_array()) {
        if (!item.is_int64()) {
          add(errors, path, "not_integer", "field.not_integer");
          return std::nullopt;
        }
        raw.push_back(item.as_int64());
      }
      return encode_links(raw, path, errors);
    }
    case FieldKind::json:
      if (!json.is_object() && !json.is_array()) {
        add(errors, path, "not_json", "entity.not_json");
        return std::nullopt;
      }
      return Value(boost::json::serialize(json));
  }
  add(errors, path, "not_text", "field.not_text");
  return std::nullopt;
}

std::optional<Value> decode_cell(const Field& field, std::string_view raw, const std::string& path,
                                 std::vector<FieldError>& errors) {
  const std::string_view text = trim(raw);
  if (text.empty()) return Value();
  switch (field.kind) {
    case FieldKind::text:
    case FieldKind::email:
    case FieldKind::phone:
    case FieldKind::url: return decode_text(field, raw, path, errors);
    case FieldKind::enumeration: return decode_enum_text(field, text, true, path, errors);
    case FieldKind::integer:
    case FieldKind::link:
    case FieldKind::attachment: return decode_integer_text(text, path, errors);
    case FieldKind::decimal:
    case FieldKind::money:
    case FieldKind::quantity: return decode_decimal_text(field, text, path, errors);
    case FieldKind::boolean: {
      const std::string lower = lower_ascii(text);
      if (lower == "true" || lower == "1" || lower == "yes" || text == "是") return Value(true);
      if (lower == "false" || lower == "0" || lower == "no" || text == "否") return Value(false);
      add(errors, path, "not_boolean", "field.not_boolean");
      return std::nullopt;
    }
    case FieldKind::date:
    case FieldKind::datetime: return decode_date_text(field, text, path, errors);
    case FieldKind::tags: {
      std::vector<std::string_view> parts;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= text.size();) {
        std::size_t width = 0;
        if (i == text.size()) width = 0;
        else if (text[i] == ',' || text[i] == ';') width = 1;
        else if (text.substr(i).starts_with("，") || text.substr(i).starts_with("；")) width = 3;
        else {
          ++i;
          continue;
        }
        parts.push_back(text.substr(start, i - start));
        if (width == 0) break;
        i += width;
        start = i;
      }
      return encode_tags(field, parts, path, errors);
    }
    case FieldKind::links: {
      std::vector<std::int64_t> raw;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ',' && text[i] != ';' && text[i] != ' ') continue;
        const std::string_view part = text.substr(start, i - start);
        start = i + 1;
        if (part.empty()) continue;
        std::int64_t id = 0;
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
        if (ec != std::errc() || end != part.data() + part.size()) {
          add(errors, path, "not_integer", "field.not_integer");
          return std::nullopt;
        }
        raw.push_back(id);
      }
      return encode_links(raw, path, errors);
    }
    case FieldKind::json: {
      boost::system::error_code ec;
      auto parsed = boost::json::parse(text, ec);
      if (ec) {
        add(errors, path, "not_json", "entity.not_json");
        return std::nullopt;
      }
      return decode_json(field, parsed, path, errors);
    }
  }
  return std::nullopt;
}

void check_constraints(const Field& field, const Value& value, const std::string& path, std::vector<FieldError>& errors) {
  if (value.is_null()) {
    if (field.required) add(errors, path, "required", "field.required");
    return;
  }
  if (const auto* text = value.get_if<std::string>(); text != nullptr && field.is_text_like() &&
                                                       field.kind != FieldKind::enumeration) {
    const std::size_t length = utf8_length(*text).value_or(0);
    if (length < field.min_length) {
      add(errors, path, "too_short", "field.too_short", {{"min", std::to_string(field.min_length)}});
    } else if (length > field.effective_max_length()) {
      add(errors, path, "too_long", "field.too_long", {{"max", std::to_string(field.effective_max_length())}});
    } else if (field.compiled_pattern && !std::regex_match(*text, *field.compiled_pattern)) {
      add(errors, path, "pattern", "entity.pattern_mismatch");
    }
  }
  std::optional<Decimal> number;
  if (const auto* d = value.get_if<Decimal>()) number = *d;
  if (const auto* i = value.get_if<std::int64_t>(); i != nullptr && field.kind == FieldKind::integer) {
    number = Decimal::from_int(*i);
  }
  if (number) {
    if (field.minimum && *number < *field.minimum) {
      add(errors, path, "below_minimum", "entity.below_minimum", {{"min", field.minimum->to_string()}});
    } else if (field.maximum && *number > *field.maximum) {
      add(errors, path, "above_maximum", "entity.above_maximum", {{"max", field.maximum->to_string()}});
    }
  }
}

boost::json::value encode_json(const Field& field, const Value& value) {
  if (value.is_null()) return nullptr;
  if (const auto* i = value.get_if<std::int64_t>()) return *i;
  if (const auto* b = value.get_if<bool>()) return *b;
  if (const auto* d = value.get_if<Decimal>()) return boost::json::string(d->to_string());
  if (const auto* day = value.get_if<storage::Date>()) return boost::json::string(day->to_string());
  if (const auto* at = value.get_if<storage::Timestamp>()) return boost::json::string(at->to_string());
  if (const auto* text = value.get_if<std::string>()) {
    if (field.kind == FieldKind::tags || field.kind == FieldKind::links || field.kind == FieldKind::json) {
      boost::system::error_code ec;
      auto parsed = boost::json::parse(*text, ec);
      if (!ec) return parsed;
    }
    return boost::json::string(*text);
  }
  return nullptr;
}

std::string encode_cell(const Field& field, const Value& value) {
  if (value.is_null()) return {};
  if (field.kind == FieldKind::links) {
    std::string joined;
    for (std::int64_t id : link_ids(value)) joined += (joined.empty() ? "" : ", ") + std::to_string(id);
    return joined;
  }
  if (field.kind == FieldKind::tags) {
    std::string joined;
    auto json = encode_json(field, value);
    if (json.is_array()) {
      for (const auto& tag : json.as_array()) {
        if (!tag.is_string()) continue;
        if (!joined.empty()) joined += ", ";
        joined += std::string(tag.as_string());
      }
    }
    return joined;
  }
  if (const auto* b = value.get_if<bool>()) return *b ? "true" : "false";
  if (const auto* i = value.get_if<std::int64_t>()) return std::to_string(*i);
  if (const auto* d = value.get_if<Decimal>()) return d->to_string();
  if (const auto* day = value.get_if<storage::Date>()) return day->to_string();
  if (const auto* at = value.get_if<storage::Timestamp>()) return at->to_string();
  if (const auto* text = value.get_if<std::string>()) return *text;
  return {};
}

std::string duplicate_key(DuplicateKey kind, const Value& value) {
  const auto* text = value.get_if<std::string>();
  if (text == nullptr || text->empty()) return {};
  std::string key;
  switch (kind) {
    case DuplicateKey::none: return {};
    case DuplicateKey::email: return lower_ascii(*text);
    case DuplicateKey::phone: {
      for (char c : *text) {
        if (c >= '0' && c <= '9') key += c;
      }
      // +86 / 0086 country prefix of mainland numbers: 13800138000 and +86 138-0013-8000 match.
      if (key.size() == 13 && key.starts_with("86")) key.erase(0, 2);
      if (key.size() == 15 && key.starts_with("0086")) key.erase(0, 4);
      return key;
    }
    case DuplicateKey::tax_id:
      for (char c : *text) {
        if (c >= 'a' && c <= 'z') key += static_cast<char>(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) key += c;
      }
      return key;
    case DuplicateKey::name: {
      // Spaces and punctuation (ASCII and full-width) go, letters are lower-cased, and the legal
      // form at the end ("有限公司", "Co., Ltd.") is dropped: "华为技术有限公司" = "华为技术".
      std::string plain;
      for (std::size_t i = 0; i < text->size();) {
        const auto c = static_cast<unsigned char>((*text)[i]);
        if (c < 0x80) {
          if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) plain += static_cast<char>(c);
          else if (c >= 'A' && c <= 'Z') plain += static_cast<char>(c - 'A' + 'a');
          ++i;
          continue;
        }
        const std::size_t width = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        const std::string_view ch(text->data() + i, std::min(width, text->size() - i));
        static const std::set<std::string_view> kPunctuation{"（", "）", "，", "。", "、", "·", "－", "　", "“", "”"};
        if (!kPunctuation.contains(ch)) plain += ch;
        i += width;
      }
      static const std::vector<std::string_view> kSuffixes{
          "股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "coltd", "limited", "ltd", "inc", "corp", "co"};
      for (bool stripped = true; stripped;) {
        stripped = false;
        for (auto suffix : kSuffixes) {
          if (plain.size() > suffix.size() && plain.ends_with(suffix)) {
            plain.resize(plain.size() - suffix.size());
            stripped = true;
          }
        }
      }
      return plain;
    }
  }
  return key;
}

std::string search_text_of(const Field& field, const Value& value) {
  std::string text = encode_cell(field, value);
  if (field.kind == FieldKind::enumeration) {
    for (const auto& option : field.options) {
      if (option.value == text) text += " " + option.label.zh + " " + option.label.en;
    }
  }
  return lower_ascii(text);
}

Value default_of(const Field& field) {
  if (!field.default_value) return Value();
  std::vector<FieldError> ignored;
  auto value = decode_cell(field, *field.default_value, field.name, ignored);
  return value ? *value : Value();
}

}  // namespace verp::entity
