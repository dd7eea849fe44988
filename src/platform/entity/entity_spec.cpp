#include "platform/entity/entity_spec.hpp"

#include <algorithm>
#include <set>

namespace verp::entity {
namespace {

using storage::Column;
using storage::ColumnType;

Error invalid_spec(std::string detail) { return make_error(ErrorKind::validation, "entity.invalid_spec", std::move(detail)); }

bool is_identifier(std::string_view name) {
  if (name.empty() || name.size() > 55) return false;  // room for "dedupe_" and index suffixes
  if (!(name[0] >= 'a' && name[0] <= 'z')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

const storage::Value kNull;

}  // namespace

const storage::Value& Record::get(std::string_view field) const {
  auto it = values.find(field);
  return it == values.end() ? kNull : it->second;
}

const Field* EntitySpec::field(std::string_view field_name) const {
  for (const Field& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const std::vector<std::string>& system_columns() {
  static const std::vector<std::string> kColumns{"id",         "company_id", "owner_id",   "department_id",
                                                 "version",    "archived_at", "created_at", "created_by",
                                                 "updated_at", "updated_by", "custom",     "search_text"};
  return kColumns;
}

bool is_system_column(std::string_view name) {
  const auto& columns = system_columns();
  return std::find(columns.begin(), columns.end(), name) != columns.end() || name.starts_with("dedupe_");
}

Status check_field(Field& field, const std::function<const EntitySpec*(std::string_view)>& find) {
  if (!is_identifier(field.name) || is_system_column(field.name)) return invalid_spec("bad field name: " + field.name);
  if (field.label.zh.empty() || field.label.en.empty()) return invalid_spec(field.name + ": labels in both languages");
  if (field.kind == FieldKind::enumeration) {
    if (field.options.empty()) return invalid_spec(field.name + ": an enum needs options");
    std::set<std::string> seen;
    for (const auto& option : field.options) {
      if (option.value.empty() || !seen.insert(option.value).second) return invalid_spec(field.name + ": bad option");
    }
  }
  if (field.kind == FieldKind::link || field.kind == FieldKind::links) {
    if (field.link_to.empty() || find(field.link_to) == nullptr) {
      return invalid_spec(field.name + ": links to an unregistered entity " + field.link_to);
    }
  }
  if (field.is_decimal_like() && field.effective_scale() > 12) return invalid_spec(field.name + ": scale above 12");
  if (field.sensitive && (field.searchable || field.unique != Uniqueness::none ||
                          field.duplicate_key != DuplicateKey::none)) {
    return invalid_spec(field.name + ": a sensitive field cannot be searched, unique or a duplicate key");
  }
  if (!field.pattern.empty()) {
    try {
      field.compiled_pattern = std::make_shared<const std::regex>(field.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      return invalid_spec(field.name + ": invalid pattern");
    }
  }
  return {};
}

storage::TableDef table_for(const EntitySpec& spec, const std::function<const EntitySpec*(std::string_view)>& find) {
  storage::TableDef table;
  table.name = spec.table;
  table.columns = {
      Column{.name = "id", .type = ColumnType::int64, .identity = true},
      Column{.name = "company_id",
             .type = ColumnType::int64,
             .not_null = spec.company_scoped,
             .references = storage::Reference{.table = "companies"}},
      Column{.name = "owner_id", .type = ColumnType::int64, .references = storage::Reference{.table = "users"}},
      Column{.name = "department_id", .type = ColumnType::int64},
      Column{.name = "version", .type = ColumnType::int64, .not_null = true, .default_value = storage::Value(1)},
      Column{.name = "archived_at", .type = ColumnType::timestamp},
      Column{.name = "created_at", .type = ColumnType::timestamp, .not_null = true},
      Column{.name = "created_by", .type = ColumnType::int64},
      Column{.name = "updated_at", .type = ColumnType::timestamp, .not_null = true},
      Column{.name = "updated_by", .type = ColumnType::int64},
      Column{.name = "custom", .type = ColumnType::json, .not_null = true, .default_value = storage::Value("{}")},
      Column{.name = "search_text", .type = ColumnType::text, .not_null = true, .default_value = storage::Value("")},
  };
  for (const Field& field : spec.fields) {
    Column column{.name = field.name, .type = field.column_type()};
    if (field.kind == FieldKind::link) {
      if (const EntitySpec* target = find(field.link_to)) column.references = storage::Reference{.table = target->table};
    }
    table.columns.push_back(std::move(column));
    if (field.duplicate_key != DuplicateKey::none) {
      table.columns.push_back(Column{.name = "dedupe_" + field.name, .type = ColumnType::text});
      table.indexes.push_back(storage::Index{.name = spec.table + "_dedupe_" + field.name,
                                             .columns = {"company_id", "dedupe_" + field.name}});
    }
    if (field.unique == Uniqueness::company) {
      table.indexes.push_back(
          storage::Index{.name = spec.table + "_" + field.name + "_key", .columns = {"company_id", field.name}, .unique = true});
    } else if (field.unique == Uniqueness::global) {
      table.indexes.push_back(
          storage::Index{.name = spec.table + "_" + field.name + "_key", .columns = {field.name}, .unique = true});
    } else if (field.kind == FieldKind::link) {
      table.indexes.push_back(storage::Index{.name = spec.table + "_" + field.name + "_idx", .columns = {field.name}});
    }
  }
  table.indexes.push_back(storage::Index{.name = spec.table + "_company_idx", .columns = {"company_id", "id"}});
  // Lists are sorted by the title (name) more than by anything else but the code.
  if (const Field* title = spec.field(spec.title_field); title != nullptr && title->unique == Uniqueness::none &&
                                                         !title->sensitive && title->kind != FieldKind::json) {
    table.indexes.push_back(
        storage::Index{.name = spec.table + "_" + title->name + "_idx", .columns = {"company_id", title->name}});
  }
  table.indexes.push_back(storage::Index{.name = spec.table + "_owner_idx", .columns = {"owner_id"}});
  return table;
}

Status Registry::add(EntitySpec spec) {
  if (!is_identifier(spec.name) || !is_identifier(spec.table)) return invalid_spec("bad entity name " + spec.name);
  if (spec.path.empty() || spec.label.zh.empty() || spec.label.en.empty()) return invalid_spec(spec.name + ": path and labels");
  if (find(spec.name) != nullptr || find_by_path(spec.path) != nullptr) return invalid_spec(spec.name + ": registered twice");
  auto lookup = [&](std::string_view name) -> const EntitySpec* {
    if (name == spec.name) return &spec;  // a tree links to itself (parent category)
    return find(name);
  };
  std::set<std::string> names;
  for (Field& field : spec.fields) {
    if (!names.insert(field.name).second) return invalid_spec(spec.name + ": field twice: " + field.name);
    if (field.custom) return invalid_spec(spec.name + ": declared fields are not custom");
    if (field.name.starts_with("x_")) return invalid_spec(spec.name + ": x_ names are for custom fields");
    if (Status checked = check_field(field, lookup); !checked) {
      Error error = checked.error();
      error.detail = spec.name + "." + error.detail;
      return error;
    }
  }
  if (!spec.title_field.empty() && spec.field(spec.title_field) == nullptr) return invalid_spec(spec.name + ": title field");
  if (!spec.code_field.empty() && spec.field(spec.code_field) == nullptr) return invalid_spec(spec.name + ": code field");
  if (spec.approval) {
    const Field* status = spec.field(spec.approval->status_field);
    if (status == nullptr || status->kind != FieldKind::enumeration || !status->read_only) {
      return invalid_spec(spec.name + ": the approval status field must be a read-only enum");
    }
    for (const std::string* value :
         {&spec.approval->draft, &spec.approval->pending, &spec.approval->approved, &spec.approval->rejected}) {
      const bool offered = std::any_of(status->options.begin(), status->options.end(),
                                       [&](const auto& option) { return option.value == *value; });
      if (!offered) return invalid_spec(spec.name + ": the approval status field lacks " + *value);
    }
  }
  specs_.push_back(std::make_shared<const EntitySpec>(std::move(spec)));
  return {};
}

const EntitySpec* Registry::find(std::string_view name) const {
  for (const auto& spec : specs_) {
    if (spec->name == name) return spec.get();
  }
  return nullptr;
}

const EntitySpec* Registry::find_by_path(std::string_view path) const {
  for (const auto& spec : specs_) {
    if (spec->path == path) return spec.get();
  }
  return nullptr;
}

std::vector<storage::TableDef> Registry::tables() const {
  std::vector<storage::TableDef> tables;
  auto lookup = [this](std::string_view name) { return find(name); };
  for (const auto& spec : specs_) tables.push_back(table_for(*spec, lookup));
  return tables;
}

}  // namespace verp::entity
