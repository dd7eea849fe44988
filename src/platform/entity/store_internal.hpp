// Helpers the store's files share. Internal to verp_entity.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "platform/entity/store.hpp"
#include "platform/storage/connection.hpp"

namespace verp::entity::detail {

// SQL text with its parameters, numbered as they are added.
class Sql {
 public:
  std::string text;
  std::vector<storage::Value> params;

  std::string param(storage::Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  }
};

inline std::string sql_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

// The SQL condition limiting `alias`'s rows to what the caller's scope for `action` reaches;
// forbidden when no grant gives the action at all.
Result<std::string> scope_condition(const EntitySpec& spec, const security::Principal& principal,
                                    std::string_view action, Sql& sql, std::string_view alias = "t");

// "t.id, t.company_id, …, t.<field>…" in the order read_record() expects.
std::string select_list(const EntitySpec& spec, std::string_view alias = "t");

// A row selected with select_list() as a Record; custom field values come from the JSON column.
Result<Record> read_record(const EntitySpec& spec, const std::vector<Field>& fields, const storage::Row& row,
                           const security::FieldCipher& cipher);

// Loads one record the caller may reach for `action`; not_found otherwise.
Result<Record> load_visible(storage::Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                            const security::Principal& principal, std::string_view action, std::int64_t id,
                            const security::FieldCipher& cipher);

// The custom fields of `spec` in `company`.
Result<std::vector<Field>> load_custom_fields(storage::Connection& connection, const EntitySpec& spec,
                                              std::optional<std::int64_t> company);

// The record's fields as stored history JSON (sensitive values sealed).
Result<std::string> snapshot_of(const std::vector<Field>& fields, const Record& record,
                                const security::FieldCipher& cipher);
// A history snapshot back to field values (sensitive values opened).
Result<std::map<std::string, storage::Value, std::less<>>> values_of_snapshot(const std::vector<Field>& fields,
                                                                              std::string_view snapshot,
                                                                              const security::FieldCipher& cipher);

Status write_history(storage::Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                     const Record& record, std::string_view action, const security::Principal& principal,
                     storage::Timestamp at, const security::FieldCipher& cipher);

// Publishes the change as a record event (platform/events) for live watchers, at commit.
// write_history() does it for every versioned change; deletes, which leave no version, call it.
Status publish_change(storage::Connection& connection, const EntitySpec& spec, const Record& record,
                      std::string_view action);

Status write_audit(storage::Connection& connection, const EntitySpec& spec, const security::Principal& principal,
                   const Caller& caller, storage::Timestamp at, std::string_view action, std::int64_t record_id,
                   std::string change);

// The audit change JSON between two value sets (sensitive fields redacted).
std::string change_between(const std::vector<Field>& fields, const Record* before, const Record* after);

// SQL expression of a field's value for filters and sorting ("t.name", json extraction for
// custom fields), typed so that comparisons are by value on both databases.
std::string field_expression(const Field& field, storage::Dialect dialect, std::string_view alias = "t");

// One list filter on `field` as an SQL condition on alias "t" (sets by membership); also what
// a module's own query over an entity's table uses (a CRM segment's conditions).
std::string filter_sql(const Field& field, const Filter& filter, storage::Dialect dialect, Sql& sql);

// Column name → stored value for a record's fields (sensitive values sealed), its dedupe keys,
// the custom-field JSON and the search text, in the order of spec.fields.
Result<std::vector<std::pair<std::string, storage::Value>>> stored_columns(const EntitySpec& spec,
                                                                           const std::vector<Field>& fields,
                                                                           const Record& record,
                                                                           const security::FieldCipher& cipher);

// The pseudo-fields for system columns that lists filter and sort on.
const std::vector<Field>& system_fields();

}  // namespace verp::entity::detail
