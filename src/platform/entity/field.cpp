#include "platform/entity/field.hpp"

#include <array>
#include <utility>

namespace verp::entity {
namespace {

constexpr std::array<std::pair<FieldKind, std::string_view>, 17> kKindNames{{
    {FieldKind::text, "text"},
    {FieldKind::integer, "integer"},
    {FieldKind::decimal, "decimal"},
    {FieldKind::money, "money"},
    {FieldKind::quantity, "quantity"},
    {FieldKind::boolean, "boolean"},
    {FieldKind::date, "date"},
    {FieldKind::datetime, "datetime"},
    {FieldKind::enumeration, "enum"},
    {FieldKind::link, "link"},
    {FieldKind::links, "links"},
    {FieldKind::tags, "tags"},
    {FieldKind::email, "email"},
    {FieldKind::phone, "phone"},
    {FieldKind::url, "url"},
    {FieldKind::json, "json"},
    {FieldKind::attachment, "attachment"},
}};

}  // namespace

std::string_view to_string(FieldKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "text";
}

std::optional<FieldKind> parse_field_kind(std::string_view text) {
  for (const auto& [k, name] : kKindNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

int Field::effective_scale() const {
  if (scale >= 0) return scale;
  return kind == FieldKind::quantity ? 4 : 2;
}

std::size_t Field::effective_max_length() const {
  if (max_length > 0) return max_length;
  switch (kind) {
    case FieldKind::email: return 254;
    case FieldKind::phone: return 30;
    case FieldKind::url: return 2000;
    case FieldKind::tags: return 50;  // per tag
    default: return 200;
  }
}

bool Field::is_text_like() const {
  return kind == FieldKind::text || kind == FieldKind::email || kind == FieldKind::phone || kind == FieldKind::url ||
         kind == FieldKind::enumeration;
}

bool Field::is_decimal_like() const {
  return kind == FieldKind::decimal || kind == FieldKind::money || kind == FieldKind::quantity;
}

bool Field::is_set() const { return kind == FieldKind::tags || kind == FieldKind::links; }

bool Field::filterable() const { return !sensitive && kind != FieldKind::json && kind != FieldKind::attachment; }

storage::ColumnType Field::column_type() const {
  using storage::ColumnType;
  if (sensitive) return ColumnType::text;  // sealed text whatever the kind
  switch (kind) {
    case FieldKind::integer:
    case FieldKind::link:
    case FieldKind::attachment: return ColumnType::int64;
    case FieldKind::decimal:
    case FieldKind::money:
    case FieldKind::quantity: return ColumnType::decimal;
    case FieldKind::boolean: return ColumnType::boolean;
    case FieldKind::date: return ColumnType::date;
    case FieldKind::datetime: return ColumnType::timestamp;
    case FieldKind::tags:
    case FieldKind::links:
    case FieldKind::json: return ColumnType::json;
    default: return ColumnType::text;
  }
}

}  // namespace verp::entity
