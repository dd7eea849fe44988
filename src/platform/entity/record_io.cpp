// Rows ↔ records, data scopes, history snapshots and audit entries.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/audit/audit_log.hpp"
#include "platform/entity/codec.hpp"
#include "platform/events/bridge.hpp"
#include "platform/entity/scope.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity::detail {
namespace {

using storage::Value;

constexpr std::size_t kFirstFieldColumn = 11;  // after the system columns select_list() reads

Result<Value> read_cell(const Field& field, const storage::Row& row, std::size_t index,
                        const security::FieldCipher& cipher) {
  if (row.is_null(index)) return Value();
  if (field.sensitive) {
    auto sealed = row.text(index);
    if (!sealed) return sealed.error();
    auto plain = cipher.open(*sealed);
    if (!plain) return plain.error();
    std::vector<FieldError> ignored;
    auto value = decode_cell(field, *plain, field.name, ignored);
    return value ? *value : Value(*plain);
  }
  switch (field.column_type()) {
    case storage::ColumnType::int64: {
      auto v = row.int64(index);
      if (!v) return v.error();
      return Value(*v);
    }
    case storage::ColumnType::boolean: {
      auto v = row.boolean(index);
      if (!v) return v.error();
      return Value(*v);
    }
    case storage::ColumnType::decimal: {
      auto v = row.decimal(index);
      if (!v) return v.error();
      return Value(*v);
    }
    case storage::ColumnType::date: {
      auto v = row.date(index);
      if (!v) return v.error();
      return Value(*v);
    }
    case storage::ColumnType::timestamp: {
      auto v = row.timestamp(index);
      if (!v) return v.error();
      return Value(*v);
    }
    default: {
      auto v = row.text(index);
      if (!v) return v.error();
      return Value(std::move(*v));
    }
  }
}

std::optional<std::int64_t> optional_int(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return std::nullopt;
  auto v = row.int64(index);
  return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

Field system_field(std::string name, FieldKind kind, LocalText label) {
  Field field{.name = std::move(name), .kind = kind, .label = std::move(label)};
  field.read_only = true;
  return field;
}

}  // namespace

const std::vector<Field>& system_fields() {
  static const std::vector<Field> kFields{
      system_field("id", FieldKind::integer, {"编号", "ID"}),
      system_field("company_id", FieldKind::integer, {"成员企业", "Member company"}),
      system_field("owner_id", FieldKind::integer, {"负责人", "Owner"}),
      system_field("department_id", FieldKind::integer, {"部门", "Department"}),
      system_field("version", FieldKind::integer, {"版本", "Version"}),
      system_field("created_at", FieldKind::datetime, {"创建时间", "Created at"}),
      system_field("updated_at", FieldKind::datetime, {"修改时间", "Updated at"}),
  };
  return kFields;
}

Result<std::string> scope_condition(const EntitySpec& spec, const security::Principal& principal,
                                    std::string_view action, Sql& sql, std::string_view alias) {
  const auto scope = principal.scope_for(spec.name, action);
  if (!scope) return make_error(ErrorKind::forbidden, "error.forbidden", spec.name + "." + std::string(action));
  if (!spec.company_scoped) return std::string("1 = 1");
  const std::string a(alias);
  switch (*scope) {
    case security::DataScope::all_companies: {
      if (principal.company_ids.size() <= 1) return a + ".company_id = " + sql.param(principal.company_id);
      std::string list;
      for (auto company : principal.company_ids) list += (list.empty() ? "" : ", ") + sql.param(company);
      if (list.empty()) list = sql.param(principal.company_id);
      return a + ".company_id IN (" + list + ")";
    }
    case security::DataScope::company: return a + ".company_id = " + sql.param(principal.company_id);
    case security::DataScope::department: {
      std::string condition = a + ".company_id = " + sql.param(principal.company_id) + " AND (" + a +
                              ".owner_id = " + sql.param(principal.user_id);
      if (principal.department_id) condition += " OR " + a + ".department_id = " + sql.param(*principal.department_id);
      return condition + ")";
    }
    case security::DataScope::own:
      return a + ".company_id = " + sql.param(principal.company_id) + " AND " + a + ".owner_id = " +
             sql.param(principal.user_id);
  }
  return std::string("1 = 0");
}

}  // namespace verp::entity::detail

namespace verp::entity {

// Keep in step with detail::scope_condition above.
bool in_scope(const EntitySpec& spec, const security::Principal& principal, std::string_view action,
              const RecordFacts& facts) {
  const auto scope = principal.scope_for(spec.name, action);
  if (!scope) return false;
  if (!spec.company_scoped) return true;
  if (!facts.company_id) return false;
  const std::int64_t company = *facts.company_id;
  switch (*scope) {
    case security::DataScope::all_companies:
      if (principal.company_ids.size() <= 1) return company == principal.company_id;
      return principal.belongs_to(company);
    case security::DataScope::company: return company == principal.company_id;
    case security::DataScope::department:
      return company == principal.company_id &&
             (facts.owner_id == principal.user_id ||
              (principal.department_id && facts.department_id == *principal.department_id));
    case security::DataScope::own: return company == principal.company_id && facts.owner_id == principal.user_id;
  }
  return false;
}

}  // namespace verp::entity

namespace verp::entity::detail {

std::string select_list(const EntitySpec& spec, std::string_view alias) {
  const std::string a(alias);
  std::string list = a + ".id, " + a + ".company_id, " + a + ".owner_id, " + a + ".department_id, " + a +
                     ".version, " + a + ".archived_at, " + a + ".created_at, " + a + ".created_by, " + a +
                     ".updated_at, " + a + ".updated_by, " + a + ".custom";
  for (const Field& field : spec.fields) list += ", " + a + "." + sql_name(field.name);
  return list;
}

Result<Record> read_record(const EntitySpec& spec, const std::vector<Field>& fields, const storage::Row& row,
                           const security::FieldCipher& cipher) {
  Record record;
  auto id = row.int64(0);
  if (!id) return id.error();
  record.id = *id;
  record.company_id = optional_int(row, 1);
  record.owner_id = optional_int(row, 2);
  record.department_id = optional_int(row, 3);
  record.version = row.int64(4).value_or(0);
  if (!row.is_null(5)) {
    auto archived = row.timestamp(5);
    if (!archived) return archived.error();
    record.archived_at = *archived;
  }
  record.created_at = row.timestamp(6).value_or(storage::Timestamp{});
  record.created_by = optional_int(row, 7);
  record.updated_at = row.timestamp(8).value_or(storage::Timestamp{});
  record.updated_by = optional_int(row, 9);
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    auto value = read_cell(spec.fields[i], row, kFirstFieldColumn + i, cipher);
    if (!value) return value.error();
    record.values.emplace(spec.fields[i].name, std::move(*value));
  }
  // Custom fields live in the JSON column; a field added after a record was saved reads as null.
  auto custom_text = row.text(10);
  boost::system::error_code ec;
  auto custom = boost::json::parse(custom_text ? *custom_text : std::string("{}"), ec);
  for (const Field& field : fields) {
    if (!field.custom) continue;
    Value value;
    if (!ec && custom.is_object()) {
      if (const auto* json = custom.as_object().if_contains(field.name)) {
        std::vector<FieldError> ignored;
        value = decode_json(field, *json, field.name, ignored).value_or(Value());
      }
    }
    record.values.insert_or_assign(field.name, std::move(value));
  }
  return record;
}

Result<Record> load_visible(storage::Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                            const security::Principal& principal, std::string_view action, std::int64_t id,
                            const security::FieldCipher& cipher) {
  Sql sql;
  auto scope = scope_condition(spec, principal, action, sql);
  if (!scope) return scope.error();
  sql.text = "SELECT " + select_list(spec) + " FROM " + sql_name(spec.table) + " t WHERE t.id = " + sql.param(id) +
             " AND " + *scope;
  auto row = connection.query_row(sql.text, sql.params);
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  return read_record(spec, fields, **row, cipher);
}

Result<std::string> snapshot_of(const std::vector<Field>& fields, const Record& record,
                                const security::FieldCipher& cipher) {
  boost::json::object snapshot;
  for (const Field& field : fields) {
    const Value& value = record.get(field.name);
    if (field.sensitive && !value.is_null()) {
      auto sealed = cipher.seal(encode_cell(field, value));
      if (!sealed) return sealed.error();
      snapshot[field.name] = boost::json::string(*sealed);
    } else {
      snapshot[field.name] = encode_json(field, value);
    }
  }
  return boost::json::serialize(snapshot);
}

Result<std::map<std::string, Value, std::less<>>> values_of_snapshot(const std::vector<Field>& fields,
                                                                     std::string_view snapshot,
                                                                     const security::FieldCipher& cipher) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(snapshot, ec);
  if (ec || !parsed.is_object()) return make_error(ErrorKind::internal, "error.internal", "bad history snapshot");
  std::map<std::string, Value, std::less<>> values;
  for (const Field& field : fields) {
    const auto* json = parsed.as_object().if_contains(field.name);
    if (json == nullptr || json->is_null()) {
      values.emplace(field.name, Value());
      continue;
    }
    std::vector<FieldError> ignored;
    if (field.sensitive && json->is_string()) {
      auto plain = cipher.open(json->as_string());
      if (!plain) return plain.error();
      values.emplace(field.name, decode_cell(field, *plain, field.name, ignored).value_or(Value()));
    } else {
      values.emplace(field.name, decode_json(field, *json, field.name, ignored).value_or(Value()));
    }
  }
  return values;
}

Status write_history(storage::Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                     const Record& record, std::string_view action, const security::Principal& principal,
                     storage::Timestamp at, const security::FieldCipher& cipher) {
  auto snapshot = snapshot_of(fields, record, cipher);
  if (!snapshot) return snapshot.error();
  auto inserted = connection.execute(
      "INSERT INTO entity_versions (entity, record_id, version, company_id, action, data, changed_at, changed_by) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {spec.name, record.id, record.version, Value(record.company_id), std::string(action), *snapshot, at,
       principal.user_id});
  if (!inserted) return inserted.error();
  return publish_change(connection, spec, record, action);
}

Status publish_change(storage::Connection& connection, const EntitySpec& spec, const Record& record,
                      std::string_view action) {
  // An import creates many records in one job, whose own events say when it is done: one
  // notification per row would flood every watcher (and cost a round trip per row on PostgreSQL).
  if (action == "import") return {};
  const std::string_view verb = action == "create"    ? "created"
                                : action == "archive" ? "archived"
                                : action == "restore" ? "restored"
                                : action == "delete"  ? "deleted"
                                                      : "updated";
  return events::publish(connection, {.kind = events::Kind::record,
                                      .company_id = record.company_id,
                                      .entity = spec.name,
                                      .record_id = record.id,
                                      .action = std::string(verb),
                                      .owner_id = record.owner_id,
                                      .department_id = record.department_id,
                                      .data = "{\"version\":" + std::to_string(record.version) + "}"});
}

Status write_audit(storage::Connection& connection, const EntitySpec& spec, const security::Principal& principal,
                   const Caller& caller, storage::Timestamp at, std::string_view action, std::int64_t record_id,
                   std::string change) {
  audit::Entry entry{.at = at.to_system(),
                     .user_id = principal.user_id,
                     .user_name = principal.user_name,
                     .company_id = principal.company_id,
                     .address = caller.address,
                     .request_id = caller.request_id,
                     .action = std::string(action),
                     .target_type = spec.name,
                     .target_id = record_id > 0 ? std::to_string(record_id) : std::string(),
                     .change = std::move(change)};
  auto appended = audit::append(connection, entry);
  if (!appended) return appended.error();
  return {};
}

std::string change_between(const std::vector<Field>& fields, const Record* before, const Record* after) {
  std::vector<audit::FieldChange> changes;
  for (const Field& field : fields) {
    const Value& old_value = before ? before->get(field.name) : Value();
    const Value& new_value = after ? after->get(field.name) : Value();
    if (before && after && old_value == new_value) continue;
    if (!before && new_value.is_null()) continue;
    if (!after && old_value.is_null()) continue;
    audit::FieldChange change{.field = field.name, .sensitive = field.sensitive};
    if (before) change.before = encode_cell(field, old_value);
    if (after) change.after = encode_cell(field, new_value);
    changes.push_back(std::move(change));
  }
  return audit::change_json(changes);
}

std::string field_expression(const Field& field, storage::Dialect dialect, std::string_view alias) {
  const std::string a(alias);
  const bool sqlite = dialect == storage::Dialect::sqlite;
  if (!field.custom) {
    const std::string column = a + "." + sql_name(field.name);
    if (field.is_decimal_like()) return sqlite ? column + " COLLATE verp_decimal" : column;
    return column;
  }
  // Custom fields: stored in the JSON column as their API JSON form.
  if (sqlite) {
    const std::string extracted = "json_extract(" + a + ".custom, '$." + field.name + "')";
    if (field.is_decimal_like()) return extracted + " COLLATE verp_decimal";
    return extracted;
  }
  const std::string extracted = "(" + a + ".custom ->> '" + field.name + "')";
  switch (field.kind) {
    case FieldKind::integer:
    case FieldKind::link:
    case FieldKind::attachment: return extracted + "::bigint";
    case FieldKind::decimal:
    case FieldKind::money:
    case FieldKind::quantity: return extracted + "::numeric";
    case FieldKind::boolean: return extracted + "::boolean";
    case FieldKind::date: return extracted + "::date";
    case FieldKind::datetime: return extracted + "::timestamptz";
    default: return extracted;
  }
}

}  // namespace verp::entity::detail
