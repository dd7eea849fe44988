// Field: one declared property of an entity — its kind, constraints, labels and how the API,
// the list filters, search, import/export and the UI treat it.
//
// Fields are plain data declared once in a module's entity file (or added at run time as
// custom fields, which have the same shape). Everything else — the table column, the JSON
// codec with field-level errors, filters, OpenAPI and the UI metadata — is derived from them.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "platform/storage/schema.hpp"
#include "platform/values/decimal.hpp"

namespace verp::entity {

// Text shown to people, in both languages verp speaks.
struct LocalText {
  std::string zh;  // zh-CN, the default language
  std::string en;
  const std::string& in(std::string_view locale) const { return locale.starts_with("en") ? en : zh; }
  bool empty() const { return zh.empty() && en.empty(); }
};

enum class FieldKind {
  text,
  integer,
  decimal,   // fixed scale (Field::scale)
  money,     // decimal with the currency's minor unit as scale (2 unless declared)
  quantity,  // decimal, scale from the declaration (default 4)
  boolean,
  date,
  datetime,
  enumeration,  // one of Field::options
  link,         // the id of a record of Field::link_to
  links,        // several ids of records of Field::link_to (a JSON array)
  tags,         // a set of short texts
  email,
  phone,
  url,
  json,        // any JSON object or array, stored as is
  attachment,  // the id of a stored attachment of the same record
};

std::string_view to_string(FieldKind kind);
std::optional<FieldKind> parse_field_kind(std::string_view text);

// Where a unique field's values must differ.
enum class Uniqueness { none, company, global };

// How a field feeds duplicate detection: values are compared after this normalisation.
enum class DuplicateKey { none, name, phone, email, tax_id };

struct EnumOption {
  std::string value;  // stored and sent, e.g. "A"
  LocalText label;
};

struct Field {
  std::string name;  // snake_case; the column, JSON member, filter and import column name
  FieldKind kind = FieldKind::text;
  LocalText label;
  LocalText help;

  bool required = false;
  Uniqueness unique = Uniqueness::none;
  std::size_t min_length = 0;  // text kinds, in code points
  std::size_t max_length = 0;  // text kinds; 0: the kind's default (text 200, e-mail 254, phone 30, URL 2000)
  std::optional<Decimal> minimum;  // numeric kinds, inclusive
  std::optional<Decimal> maximum;
  std::string pattern;  // text kinds: an ECMAScript regex the whole value must match
  int scale = -1;  // decimal kinds; -1: the kind's default (money 2, quantity 4, decimal 2)
  std::vector<EnumOption> options;
  std::optional<std::string> default_value;  // as import cell text, e.g. "CNY", "0.00", "true"
  std::string link_to;  // link kind: the target entity's name

  bool searchable = false;  // feeds the full-text `q`
  bool sensitive = false;   // sealed at rest, never searchable, filterable or in audit values
  bool read_only = false;   // set by the system, never by a client
  bool in_list = true;      // shown as a list column by default
  DuplicateKey duplicate_key = DuplicateKey::none;
  bool custom = false;      // added at run time by an administrator
  std::string section;      // form section id in the UI, e.g. "contact"

  std::shared_ptr<const std::regex> compiled_pattern;  // filled by the registry

  int effective_scale() const;
  std::size_t effective_max_length() const;
  bool is_text_like() const;     // text, email, phone, url, enumeration
  bool is_decimal_like() const;  // decimal, money, quantity
  bool is_set() const;           // tags, links: a set of values, filtered by membership
  bool filterable() const;       // not sensitive, not json/attachment
  storage::ColumnType column_type() const;
};

}  // namespace verp::entity
