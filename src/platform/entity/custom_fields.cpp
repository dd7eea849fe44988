// Custom fields: an administrator adds a field to an entity at run time. Its definition is a
// row of entity_custom_fields (per member company); values live in the record's JSON column,
// so no DDL runs and both databases take the field at once.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "platform/audit/audit_log.hpp"
#include "platform/base/utf8.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity {

using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Value;

namespace {

Error invalid(std::string field, std::string code = "invalid") {
  Error error = make_error(ErrorKind::validation, "error.validation");
  error.fields.push_back({std::move(field), std::move(code), "entity.invalid_custom_field", {}});
  return error;
}

std::string text_member(const boost::json::object& json, std::string_view key) {
  const auto* value = json.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

bool bool_member(const boost::json::object& json, std::string_view key) {
  const auto* value = json.if_contains(key);
  return value != nullptr && value->is_bool() && value->as_bool();
}

bool valid_custom_name(std::string_view name) {
  if (!name.starts_with("x_") || name.size() < 3 || name.size() > 40) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// A stored definition (or a client's request) as a Field; errors name the member.
Result<Field> field_from_definition(const boost::json::object& json, const Registry* registry) {
  Field field;
  field.custom = true;
  field.name = text_member(json, "name");
  if (!valid_custom_name(field.name)) return invalid("name", "invalid_name");
  auto kind = parse_field_kind(text_member(json, "kind"));
  if (!kind || *kind == FieldKind::json || *kind == FieldKind::attachment) return invalid("kind", "not_an_option");
  field.kind = *kind;
  field.label = {text_member(json, "label_zh"), text_member(json, "label_en")};
  if (field.label.zh.empty() || utf8_length(field.label.zh).value_or(999) > 50) return invalid("label_zh", "required");
  if (field.label.en.empty() || utf8_length(field.label.en).value_or(999) > 50) return invalid("label_en", "required");
  field.help = {text_member(json, "help_zh"), text_member(json, "help_en")};
  field.required = bool_member(json, "required");
  field.searchable = bool_member(json, "searchable");
  field.in_list = bool_member(json, "in_list");
  field.section = "custom";
  if (const auto* max = json.if_contains("max_length"); max != nullptr && !max->is_null()) {
    if (!max->is_int64() || max->as_int64() < 1 || max->as_int64() > 2000) return invalid("max_length", "out_of_range");
    field.max_length = static_cast<std::size_t>(max->as_int64());
  }
  if (const auto* scale = json.if_contains("scale"); scale != nullptr && !scale->is_null()) {
    if (!scale->is_int64() || scale->as_int64() < 0 || scale->as_int64() > 6) return invalid("scale", "out_of_range");
    field.scale = static_cast<int>(scale->as_int64());
  }
  for (const char* bound : {"minimum", "maximum"}) {
    const std::string text = text_member(json, bound);
    if (text.empty()) continue;
    auto parsed = Decimal::parse(text);
    if (!parsed) return invalid(bound, "invalid_decimal");
    (std::string_view(bound) == "minimum" ? field.minimum : field.maximum) = *parsed;
  }
  field.pattern = text_member(json, "pattern");
  if (const auto* options = json.if_contains("options"); options != nullptr && options->is_array()) {
    for (const auto& option : options->as_array()) {
      if (!option.is_object()) return invalid("options", "invalid");
      EnumOption parsed{text_member(option.as_object(), "value"),
                        {text_member(option.as_object(), "label_zh"), text_member(option.as_object(), "label_en")}};
      if (parsed.value.empty() || parsed.value.size() > 50) return invalid("options", "invalid");
      if (parsed.label.zh.empty()) parsed.label.zh = parsed.value;
      if (parsed.label.en.empty()) parsed.label.en = parsed.value;
      field.options.push_back(std::move(parsed));
    }
  }
  field.link_to = text_member(json, "link_to");
  const std::string default_text = text_member(json, "default");
  if (!default_text.empty()) field.default_value = default_text;
  auto lookup = [registry](std::string_view name) -> const EntitySpec* {
    return registry != nullptr ? registry->find(name) : nullptr;
  };
  if (registry == nullptr && (field.kind == FieldKind::link || field.kind == FieldKind::links)) {
    // Stored definitions were checked when they were added.
    return field;
  }
  if (Status checked = check_field(field, lookup); !checked) return invalid(field.kind == FieldKind::link || field.kind == FieldKind::links ? "link_to" : "options");
  if (field.default_value) {
    std::vector<FieldError> errors;
    auto value = decode_cell(field, *field.default_value, "default", errors);
    if (!value || !errors.empty()) return invalid("default", "invalid");
  }
  return field;
}

}  // namespace

namespace detail {

Result<std::vector<Field>> load_custom_fields(Connection& connection, const EntitySpec& spec,
                                              std::optional<std::int64_t> company) {
  auto rows = connection.query(
      "SELECT definition FROM entity_custom_fields WHERE entity = $1 AND company_id = $2 ORDER BY id",
      {spec.name, Value(company.value_or(0))});
  if (!rows) return rows.error();
  std::vector<Field> fields;
  for (const auto& row : *rows) {
    auto text = row.text(0);
    if (!text) return text.error();
    boost::system::error_code ec;
    auto json = boost::json::parse(*text, ec);
    if (ec || !json.is_object()) continue;
    auto field = field_from_definition(json.as_object(), nullptr);
    if (!field) continue;
    if (!field->pattern.empty()) {
      try {
        field->compiled_pattern = std::make_shared<const std::regex>(field->pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        field->pattern.clear();
      }
    }
    fields.push_back(std::move(*field));
  }
  return fields;
}

}  // namespace detail

Result<Field> add_custom_field(storage::Database& database, const Clock& clock, const Registry& registry,
                               const EntitySpec& spec, const security::Principal& principal,
                               const boost::json::object& definition, const Caller& caller) {
  auto field = field_from_definition(definition, &registry);
  if (!field) return field.error();
  // Keep only what field_from_definition understood, so the stored row is canonical.
  boost::json::object stored = definition;
  for (auto it = stored.begin(); it != stored.end();) {
    static const std::set<std::string_view> kKnown{"name",     "kind",       "label_zh", "label_en", "help_zh",
                                                   "help_en",  "required",   "searchable", "in_list", "max_length",
                                                   "scale",    "minimum",    "maximum",  "pattern",  "options",
                                                   "link_to",  "default"};
    if (!kKnown.contains(it->key())) it = stored.erase(it);
    else ++it;
  }
  const auto now = storage::Timestamp::from_system(clock.now());
  auto saved = database.write([&](Connection& c) -> Status {
    auto existing = c.query_row("SELECT 1 FROM entity_custom_fields WHERE entity = $1 AND company_id = $2 AND name = $3",
                                {spec.name, principal.company_id, field->name});
    if (!existing) return existing.error();
    if (*existing) {
      Error error = make_error(ErrorKind::conflict, "error.conflict");
      error.fields.push_back({"name", "not_unique", "entity.not_unique", {{"value", field->name}}});
      return error;
    }
    const std::string text = boost::json::serialize(stored);
    auto inserted = c.execute(
        "INSERT INTO entity_custom_fields (company_id, entity, name, definition, created_at, created_by) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {principal.company_id, spec.name, field->name, text, now, principal.user_id});
    if (!inserted) return inserted.error();
    return detail::write_audit(c, spec, principal, caller, now, "custom_field.add", 0,
                               audit::detail_json({{"field", field->name}, {"definition", text}}));
  });
  if (!saved) return saved.error();
  return field;
}

Status remove_custom_field(storage::Database& database, const Clock& clock, const EntitySpec& spec,
                           const security::Principal& principal, std::string_view name, const Caller& caller) {
  const auto now = storage::Timestamp::from_system(clock.now());
  return database.write([&](Connection& c) -> Status {
    auto removed = c.execute("DELETE FROM entity_custom_fields WHERE entity = $1 AND company_id = $2 AND name = $3",
                             {spec.name, principal.company_id, std::string(name)});
    if (!removed) return removed.error();
    if (*removed == 0) return make_error(ErrorKind::not_found, "error.not_found");
    // Values stay in the records' JSON (and their history), unseen until a field of the same
    // name returns: removing a field never destroys data.
    return detail::write_audit(c, spec, principal, caller, now, "custom_field.remove", 0,
                               audit::detail_json({{"field", std::string(name)}}));
  });
}

std::vector<storage::TableDef> framework_tables() {
  return {
      storage::TableDef{
          .name = "entity_versions",
          .columns = {Column{.name = "entity", .type = ColumnType::text, .not_null = true},
                      Column{.name = "record_id", .type = ColumnType::int64, .not_null = true},
                      Column{.name = "version", .type = ColumnType::int64, .not_null = true},
                      Column{.name = "company_id", .type = ColumnType::int64},
                      Column{.name = "action", .type = ColumnType::text, .not_null = true},
                      // TEXT, not JSON: kept byte for byte as written.
                      Column{.name = "data", .type = ColumnType::text, .not_null = true},
                      Column{.name = "changed_at", .type = ColumnType::timestamp, .not_null = true},
                      Column{.name = "changed_by", .type = ColumnType::int64}},
          .primary_key = {"entity", "record_id", "version"},
          .indexes = {}},
      storage::TableDef{
          .name = "entity_custom_fields",
          .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                      Column{.name = "company_id", .type = ColumnType::int64, .not_null = true},
                      Column{.name = "entity", .type = ColumnType::text, .not_null = true},
                      Column{.name = "name", .type = ColumnType::text, .not_null = true},
                      Column{.name = "definition", .type = ColumnType::text, .not_null = true},
                      Column{.name = "created_at", .type = ColumnType::timestamp, .not_null = true},
                      Column{.name = "created_by", .type = ColumnType::int64}},
          .primary_key = {},
          .indexes = {storage::Index{.name = "entity_custom_fields_key",
                                     .columns = {"company_id", "entity", "name"},
                                     .unique = true}}},
      storage::TableDef{
          .name = "entity_attachments",
          .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                      Column{.name = "company_id", .type = ColumnType::int64},
                      Column{.name = "entity", .type = ColumnType::text, .not_null = true},
                      Column{.name = "record_id", .type = ColumnType::int64, .not_null = true},
                      Column{.name = "file_name", .type = ColumnType::text, .not_null = true},
                      Column{.name = "content_type", .type = ColumnType::text, .not_null = true},
                      Column{.name = "size", .type = ColumnType::int64, .not_null = true},
                      Column{.name = "sha256", .type = ColumnType::text, .not_null = true},
                      Column{.name = "thumbnail_sha256", .type = ColumnType::text},
                      Column{.name = "created_at", .type = ColumnType::timestamp, .not_null = true},
                      Column{.name = "created_by", .type = ColumnType::int64}},
          .primary_key = {},
          .indexes = {storage::Index{.name = "entity_attachments_record_idx", .columns = {"entity", "record_id"}}}},
  };
}

}  // namespace verp::entity
