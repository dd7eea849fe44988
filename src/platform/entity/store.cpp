// The save pipeline: create, update, remove, unarchive, bulk actions and import.
#include "platform/entity/store.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <set>

#include "platform/audit/audit_log.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store_internal.hpp"
#include "platform/storage/errors.hpp"

namespace verp::entity {

using detail::sql_name;
using detail::Sql;
using storage::Connection;
using storage::Value;

namespace {

Error validation_error(std::vector<FieldError> errors) {
  Error error = make_error(ErrorKind::validation, "error.validation");
  error.fields = std::move(errors);
  return error;
}

// Decodes the writable members of `body` into `values`. Members that are not fields, system
// columns, and fields the caller may not change are each reported; `ignored` names members the
// caller handles itself (the version of a patch).
void decode_body(const EntitySpec& spec, const std::vector<Field>& fields, const security::Principal& principal,
                 const boost::json::object& body, std::initializer_list<std::string_view> ignored,
                 std::map<std::string, Value, std::less<>>& values, std::vector<FieldError>& errors) {
  for (const auto& [key, json] : body) {
    const std::string name(key);
    if (std::find(ignored.begin(), ignored.end(), key) != ignored.end()) continue;
    const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
    if (field == fields.end()) {
      errors.push_back({name, "not_writable", "field.not_writable", {}});
      continue;
    }
    const auto access = principal.field_access(spec.name, name);
    if (field->read_only || access != security::FieldAccess::editable) {
      errors.push_back({name, "read_only", "field.read_only", {}});
      continue;
    }
    if (auto value = decode_json(*field, json, name, errors)) values.insert_or_assign(name, std::move(*value));
  }
}

// Declared constraints of every field (or of the `only` ones), skipping fields that already
// have a decoding error.
void check_all_constraints(const std::vector<Field>& fields, const Record& record,
                           const std::set<std::string, std::less<>>* only, std::vector<FieldError>& errors) {
  const std::size_t decoded_errors = errors.size();
  for (const Field& field : fields) {
    if (only != nullptr && !only->contains(field.name)) continue;
    bool has_error = false;
    for (std::size_t i = 0; i < decoded_errors; ++i) has_error = has_error || errors[i].field == field.name;
    if (!has_error) check_constraints(field, record.get(field.name), field.name, errors);
  }
}

// Declared constraints over the whole record, then links and uniqueness against the database.
Status check_record(Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                    const Registry& registry, const Record& record, const Record* before,
                    const std::set<std::string, std::less<>>* changed, std::vector<FieldError>& errors) {
  for (const Field& field : fields) {
    // A patch checks what it changes; fields it leaves alone were valid (or predate a rule).
    if (changed != nullptr && !changed->contains(field.name)) continue;
    check_constraints(field, record.get(field.name), field.name, errors);
  }
  for (const Field& field : fields) {
    if (changed != nullptr && !changed->contains(field.name)) continue;
    const Value& value = record.get(field.name);
    if (value.is_null()) continue;
    if (field.kind == FieldKind::link) {
      const EntitySpec* target = registry.find(field.link_to);
      if (target == nullptr) continue;
      Sql sql;
      sql.text = "SELECT 1 FROM " + sql_name(target->table) + " WHERE id = " + sql.param(value) +
                 " AND archived_at IS NULL";
      if (target->company_scoped) {
        sql.text += " AND company_id = " + sql.param(Value(record.company_id));
      }
      auto found = connection.query_row(sql.text, sql.params);
      if (!found) return found.error();
      if (!*found) errors.push_back({field.name, "link_not_found", "entity.link_not_found", {{"entity", target->name}}});
    }
    if (field.kind == FieldKind::links) {
      const EntitySpec* target = registry.find(field.link_to);
      const auto ids = link_ids(value);
      if (target == nullptr || ids.empty()) continue;
      Sql sql;
      std::string list;
      for (std::int64_t id : ids) list += (list.empty() ? "" : ", ") + sql.param(id);
      sql.text = "SELECT count(*) FROM " + sql_name(target->table) + " WHERE id IN (" + list + ") AND archived_at IS NULL";
      if (target->company_scoped) sql.text += " AND company_id = " + sql.param(Value(record.company_id));
      auto found = connection.query_row(sql.text, sql.params);
      if (!found) return found.error();
      if ((**found).int64(0).value_or(0) != static_cast<std::int64_t>(ids.size())) {
        errors.push_back({field.name, "link_not_found", "entity.link_not_found", {{"entity", target->name}}});
      }
    }
    if (field.kind == FieldKind::attachment) {
      // An attachment field names one of this record's own attachments.
      auto found = connection.query_row(
          "SELECT 1 FROM entity_attachments WHERE id = $1 AND entity = $2 AND record_id = $3",
          {value, spec.name, before != nullptr ? before->id : std::int64_t{0}});
      if (!found) return found.error();
      if (!*found) errors.push_back({field.name, "attachment_not_found", "entity.attachment_not_found", {}});
    }
    if (field.unique != Uniqueness::none && !field.custom) {
      Sql sql;
      sql.text = "SELECT id FROM " + sql_name(spec.table) + " WHERE " + sql_name(field.name) + " = " + sql.param(value);
      if (field.unique == Uniqueness::company && spec.company_scoped) {
        sql.text += " AND company_id = " + sql.param(Value(record.company_id));
      }
      if (before != nullptr) sql.text += " AND id <> " + sql.param(before->id);
      auto taken = connection.query_row(sql.text, sql.params);
      if (!taken) return taken.error();
      if (*taken) errors.push_back({field.name, "not_unique", "entity.not_unique", {{"value", encode_cell(field, value)}}});
    }
  }
  return {};
}

Status run_entity_rule(Connection& connection, const EntitySpec& spec, const security::Principal& principal,
                       const Record& record, const Record* before, std::vector<FieldError>& errors) {
  if (!spec.validate) return {};
  RuleContext context{connection, principal, record, before, errors};
  return spec.validate(context);
}

std::string search_text_for(const std::vector<Field>& fields, const Record& record) {
  std::string text;
  for (const Field& field : fields) {
    if (!field.searchable || field.sensitive) continue;
    const Value& value = record.get(field.name);
    if (value.is_null()) continue;
    if (!text.empty()) text += " | ";
    text += search_text_of(field, value);
  }
  return text;
}

Result<std::string> custom_json(const std::vector<Field>& fields, const Record& record) {
  boost::json::object custom;
  for (const Field& field : fields) {
    if (!field.custom) continue;
    const Value& value = record.get(field.name);
    if (!value.is_null()) custom[field.name] = encode_json(field, value);
  }
  return boost::json::serialize(custom);
}

Result<std::int64_t> insert_record(Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                                   const Record& record, const security::FieldCipher& cipher) {
  auto columns = detail::stored_columns(spec, fields, record, cipher);
  if (!columns) return columns.error();
  Sql sql;
  std::string names = "company_id, owner_id, department_id, version, created_at, created_by, updated_at, updated_by";
  std::string values = sql.param(Value(record.company_id)) + ", " + sql.param(Value(record.owner_id)) + ", " +
                       sql.param(Value(record.department_id)) + ", 1, " + sql.param(record.created_at) + ", " +
                       sql.param(Value(record.created_by)) + ", " + sql.param(record.updated_at) + ", " +
                       sql.param(Value(record.updated_by));
  for (auto& [name, value] : *columns) {
    names += ", " + sql_name(name);
    values += ", " + sql.param(std::move(value));
  }
  sql.text = "INSERT INTO " + sql_name(spec.table) + " (" + names + ") VALUES (" + values + ") RETURNING id";
  auto row = connection.query_row(sql.text, sql.params);
  if (!row) return row.error();
  return (*row)->int64(0);
}

// Writes the record's values as version expected+1; conflict when someone else got there first.
Status update_record(Connection& connection, const EntitySpec& spec, const std::vector<Field>& fields,
                     const Record& record, std::int64_t expected_version, const security::FieldCipher& cipher) {
  auto columns = detail::stored_columns(spec, fields, record, cipher);
  if (!columns) return columns.error();
  Sql sql;
  std::string assignments = "version = version + 1, updated_at = " + sql.param(record.updated_at) +
                            ", updated_by = " + sql.param(Value(record.updated_by)) + ", owner_id = " +
                            sql.param(Value(record.owner_id)) + ", archived_at = " + sql.param(Value(record.archived_at));
  for (auto& [name, value] : *columns) assignments += ", " + sql_name(name) + " = " + sql.param(std::move(value));
  sql.text = "UPDATE " + sql_name(spec.table) + " SET " + assignments + " WHERE id = " + sql.param(record.id) +
             " AND version = " + sql.param(expected_version);
  auto changed = connection.execute(sql.text, sql.params);
  if (!changed) return changed.error();
  if (*changed == 0) return make_error(ErrorKind::conflict, "entity.stale_version");
  return {};
}

Result<std::vector<DuplicateMatch>> find_duplicates(Connection& connection, const EntitySpec& spec,
                                                    const Record& record) {
  Sql sql;
  std::string conditions;
  std::vector<std::pair<std::string, std::string>> keys;
  for (const Field& field : spec.fields) {
    if (field.duplicate_key == DuplicateKey::none) continue;
    std::string key = duplicate_key(field.duplicate_key, record.get(field.name));
    if (key.empty()) continue;
    conditions += (conditions.empty() ? "" : " OR ") + sql_name("dedupe_" + field.name) + " = " + sql.param(key);
    keys.emplace_back(field.name, key);
  }
  if (conditions.empty()) return std::vector<DuplicateMatch>{};
  std::string select = "id";
  for (const auto& [name, key] : keys) select += ", " + sql_name("dedupe_" + name);
  const std::string title = spec.title_field.empty() ? "id" : sql_name(spec.title_field);
  const std::string code = spec.code_field.empty() ? "''" : sql_name(spec.code_field);
  sql.text = "SELECT " + select + ", " + title + ", " + code + " FROM " + sql_name(spec.table) + " WHERE archived_at IS NULL";
  if (spec.company_scoped) sql.text += " AND company_id = " + sql.param(Value(record.company_id));
  sql.text += " AND (" + conditions + ") ORDER BY id LIMIT 10";
  auto rows = connection.query(sql.text, sql.params);
  if (!rows) return rows.error();
  std::vector<DuplicateMatch> matches;
  for (const auto& row : *rows) {
    DuplicateMatch match;
    match.id = row.int64(0).value_or(0);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (row.text(1 + i).value_or("") == keys[i].second) match.matched_on.push_back(keys[i].first);
    }
    match.title = row.is_null(1 + keys.size()) ? "" : row.text(1 + keys.size()).value_or("");
    match.code = row.is_null(2 + keys.size()) ? "" : row.text(2 + keys.size()).value_or("");
    matches.push_back(std::move(match));
  }
  return matches;
}

// The unique index is the last word when two saves race past check_record: its violation
// names the field like the check does.
Error unique_race_error(const EntitySpec& spec, const Error& error) {
  if (error.message_id != storage::kUniqueViolation) return error;
  for (const Field& field : spec.fields) {
    if (field.unique != Uniqueness::none && error.detail.find(spec.table + "_" + field.name + "_key") != std::string::npos) {
      Error named = make_error(ErrorKind::conflict, "error.conflict");
      named.fields.push_back({field.name, "not_unique", "entity.not_unique", {}});
      return named;
    }
  }
  return error;
}

bool user_in_company(Connection& connection, std::int64_t user, std::optional<std::int64_t> company, Status& failed) {
  auto row = connection.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id = $2",
                                  {user, Value(company)});
  if (!row) {
    failed = row.error();
    return false;
  }
  return row->has_value();
}

}  // namespace

namespace detail {

// Column values of a record in the order of spec.fields, then dedupe keys, as stored.
Result<std::vector<std::pair<std::string, Value>>> stored_columns(const EntitySpec& spec, const std::vector<Field>& fields,
                                                                  const Record& record,
                                                                  const security::FieldCipher& cipher) {
  std::vector<std::pair<std::string, Value>> columns;
  for (const Field& field : spec.fields) {
    Value value = record.get(field.name);
    if (field.sensitive && !value.is_null()) {
      auto sealed = cipher.seal(encode_cell(field, value));
      if (!sealed) return sealed.error();
      value = Value(*sealed);
    }
    columns.emplace_back(field.name, std::move(value));
    if (field.duplicate_key != DuplicateKey::none) {
      std::string key = duplicate_key(field.duplicate_key, record.get(field.name));
      columns.emplace_back("dedupe_" + field.name, key.empty() ? Value() : Value(std::move(key)));
    }
  }
  auto custom = custom_json(fields, record);
  if (!custom) return custom.error();
  columns.emplace_back("custom", std::move(*custom));
  columns.emplace_back("search_text", search_text_for(fields, record));
  return columns;
}

}  // namespace detail

EntityStore::EntityStore(storage::Database& database, const Clock& clock, const security::FieldCipher& cipher,
                         const Registry& registry, files::FileStore& files)
    : database_(database), clock_(clock), cipher_(cipher), registry_(registry), files_(files) {}

Result<std::vector<Field>> EntityStore::fields_for(const EntitySpec& spec, std::optional<std::int64_t> company) const {
  std::vector<Field> fields = spec.fields;
  auto custom = database_.read([&](Connection& c) { return detail::load_custom_fields(c, spec, company); });
  if (!custom) return custom.error();
  fields.insert(fields.end(), custom->begin(), custom->end());
  return fields;
}

Result<Record> EntityStore::get(const EntitySpec& spec, const security::Principal& principal, std::int64_t id) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  return database_.read([&](Connection& c) { return detail::load_visible(c, spec, *fields, principal, "read", id, cipher_); });
}

Result<Record> EntityStore::get_in(Connection& connection, const EntitySpec& spec,
                                   const security::Principal& principal, std::int64_t id,
                                   std::string_view action) const {
  auto fields = fields_in(&connection, spec, principal.company_id);
  if (!fields) return fields.error();
  return detail::load_visible(connection, spec, *fields, principal, action, id, cipher_);
}

Result<Record> EntityStore::transition_in(Connection& connection, const EntitySpec& spec,
                                          const security::Principal& actor, std::int64_t id,
                                          const std::map<std::string, Value, std::less<>>& changes,
                                          std::string_view action, const Caller& caller) const {
  auto row = connection.query_row("SELECT company_id FROM " + sql_name(spec.table) + " WHERE id = $1", {id});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const std::optional<std::int64_t> company =
      (*row)->is_null(0) ? std::nullopt : std::optional<std::int64_t>((*row)->int64(0).value_or(0));
  auto fields = fields_in(&connection, spec, company);
  if (!fields) return fields.error();
  auto loaded = connection.query_row(
      "SELECT " + detail::select_list(spec) + " FROM " + sql_name(spec.table) + " t WHERE t.id = $1", {id});
  if (!loaded) return loaded.error();
  if (!*loaded) return make_error(ErrorKind::not_found, "error.not_found");
  auto before = detail::read_record(spec, *fields, **loaded, cipher_);
  if (!before) return before.error();
  const auto now = storage::Timestamp::from_system(clock_.now());
  Record after = *before;
  for (const auto& [name, value] : changes) {
    if (spec.field(name) == nullptr) return make_error(ErrorKind::internal, "entity.unknown_field", name);
    after.values.insert_or_assign(name, value);
  }
  after.version = before->version + 1;
  after.updated_at = now;
  after.updated_by = actor.user_id;
  if (Status saved = update_record(connection, spec, *fields, after, before->version, cipher_); !saved) {
    return saved.error();
  }
  if (Status kept = detail::write_history(connection, spec, *fields, after, action, actor, now, cipher_); !kept) {
    return kept.error();
  }
  std::string change = detail::change_between(*fields, &*before, &after);
  if (Status audited = detail::write_audit(connection, spec, actor, caller, now, action, id, std::move(change));
      !audited) {
    return audited.error();
  }
  return after;
}

Result<CreateOutcome> EntityStore::create(const EntitySpec& spec, const security::Principal& principal,
                                          const boost::json::object& body, bool confirm_duplicates,
                                          const Caller& caller) const {
  return create_impl(spec, principal, body, confirm_duplicates, caller, nullptr);
}

Result<CreateOutcome> EntityStore::create_in(storage::Connection& connection, const EntitySpec& spec,
                                             const security::Principal& principal, const boost::json::object& body,
                                             bool confirm_duplicates, const Caller& caller) const {
  return create_impl(spec, principal, body, confirm_duplicates, caller, &connection);
}

Result<std::vector<Field>> EntityStore::fields_in(storage::Connection* within, const EntitySpec& spec,
                                                  std::optional<std::int64_t> company) const {
  if (within == nullptr) return fields_for(spec, company);
  std::vector<Field> fields = spec.fields;
  auto custom = detail::load_custom_fields(*within, spec, company);
  if (!custom) return custom.error();
  fields.insert(fields.end(), custom->begin(), custom->end());
  return fields;
}

Result<CreateOutcome> EntityStore::create_impl(const EntitySpec& spec, const security::Principal& principal,
                                               const boost::json::object& body, bool confirm_duplicates,
                                               const Caller& caller, storage::Connection* within) const {
  if (!principal.may(spec.name, "create")) return make_error(ErrorKind::forbidden, "error.forbidden");
  auto fields = fields_in(within, spec, principal.company_id);
  if (!fields) return fields.error();

  const auto now = storage::Timestamp::from_system(clock_.now());
  Record record;
  if (spec.company_scoped) record.company_id = principal.company_id;
  record.owner_id = principal.user_id;
  record.department_id = principal.department_id;
  record.version = 1;
  record.created_at = record.updated_at = now;
  record.created_by = record.updated_by = principal.user_id;
  for (const Field& field : *fields) record.values.emplace(field.name, default_of(field));

  std::vector<FieldError> errors;
  decode_body(spec, *fields, principal, body, {"owner_id"}, record.values, errors);
  if (const auto* owner = body.if_contains("owner_id")) {
    if (!owner->is_int64()) errors.push_back({"owner_id", "not_integer", "field.not_integer", {}});
    else record.owner_id = owner->as_int64();
  }
  // Every declared constraint now, so one answer names every bad field (decoding problems and
  // constraint problems together); the database checks follow only for well-formed input.
  check_all_constraints(*fields, record, nullptr, errors);
  if (!errors.empty()) return validation_error(std::move(errors));

  auto run = [&](Connection& c) -> Result<CreateOutcome> {
    std::vector<FieldError> problems;
    if (record.owner_id != principal.user_id) {
      Status failed;
      if (!user_in_company(c, *record.owner_id, record.company_id, failed)) {
        if (!failed) return failed.error();
        problems.push_back({"owner_id", "not_a_member", "entity.owner_not_member", {}});
      }
    }
    if (Status checked = check_record(c, spec, *fields, registry_, record, nullptr, nullptr, problems); !checked) {
      return checked.error();
    }
    if (Status ruled = run_entity_rule(c, spec, principal, record, nullptr, problems); !ruled) return ruled.error();
    if (!problems.empty()) {
      Error error = validation_error(std::move(problems));
      if (std::all_of(error.fields.begin(), error.fields.end(), [](const FieldError& f) { return f.code == "not_unique"; })) {
        error.kind = ErrorKind::conflict;
        error.message_id = "error.conflict";
      }
      return error;
    }
    CreateOutcome outcome;
    if (!confirm_duplicates) {
      auto duplicates = find_duplicates(c, spec, record);
      if (!duplicates) return duplicates.error();
      if (!duplicates->empty()) {
        outcome.duplicates = std::move(*duplicates);
        return outcome;
      }
    }
    auto id = insert_record(c, spec, *fields, record, cipher_);
    if (!id) return unique_race_error(spec, id.error());
    record.id = *id;
    if (Status saved = detail::write_history(c, spec, *fields, record, "create", principal, now, cipher_); !saved) {
      return saved.error();
    }
    if (Status audited = detail::write_audit(c, spec, principal, caller, now, "create", record.id,
                                             detail::change_between(*fields, nullptr, &record));
        !audited) {
      return audited.error();
    }
    outcome.record = std::move(record);
    return outcome;
  };
  if (within != nullptr) return run(*within);
  return database_.write(run);
}

Result<Record> EntityStore::update(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                                   const boost::json::object& body, const Caller& caller) const {
  return save_patch(spec, principal, id, body, caller, "update");
}

Result<Record> EntityStore::update_in(storage::Connection& connection, const EntitySpec& spec,
                                      const security::Principal& principal, std::int64_t id,
                                      const boost::json::object& body, const Caller& caller) const {
  return save_patch(spec, principal, id, body, caller, "update", &connection);
}

namespace {

// Approvers approve what they saw: a document is edited only as a draft or once rejected; under
// approval, approved, or further on its way (received, shipped, cancelled…) it changes only
// through its module's transitions (EntityStore::transition_in), never through a generic edit.
bool locked_by_approval(const EntitySpec& spec, const Record& record) {
  if (!spec.approval) return false;
  const auto* status = record.get(spec.approval->status_field).get_if<std::string>();
  return status != nullptr && *status != spec.approval->draft && *status != spec.approval->rejected;
}

}  // namespace

Result<Record> EntityStore::save_patch(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                                       const boost::json::object& body, const Caller& caller,
                                       std::string_view action, storage::Connection* within) const {
  auto fields = fields_in(within, spec, principal.company_id);
  if (!fields) return fields.error();
  std::vector<FieldError> errors;
  std::optional<std::int64_t> expected;
  if (const auto* version = body.if_contains("version"); version != nullptr && version->is_int64()) {
    expected = version->as_int64();
  } else {
    errors.push_back({"version", "required", "field.required", {}});
  }
  std::map<std::string, Value, std::less<>> changes;
  decode_body(spec, *fields, principal, body, {"version", "owner_id"}, changes, errors);
  const auto* new_owner = body.if_contains("owner_id");
  if (new_owner != nullptr && !new_owner->is_int64()) errors.push_back({"owner_id", "not_integer", "field.not_integer", {}});
  {
    Record patch;
    patch.values = changes;
    std::set<std::string, std::less<>> named;
    for (const auto& [name, value] : changes) named.insert(name);
    check_all_constraints(*fields, patch, &named, errors);
  }
  if (!errors.empty()) return validation_error(std::move(errors));

  const auto now = storage::Timestamp::from_system(clock_.now());
  auto run = [&](Connection& c) -> Result<Record> {
    auto before = detail::load_visible(c, spec, *fields, principal, "update", id, cipher_);
    if (!before) return before.error();
    if (before->version != *expected) return make_error(ErrorKind::conflict, "entity.stale_version");
    if (before->archived_at) return make_error(ErrorKind::invalid_transition, "entity.archived");
    if (locked_by_approval(spec, *before)) return make_error(ErrorKind::invalid_transition, "entity.locked_by_approval");
    Record after = *before;
    std::set<std::string, std::less<>> changed;
    for (auto& [name, value] : changes) {
      changed.insert(name);
      after.values.insert_or_assign(name, value);
    }
    std::vector<FieldError> problems;
    if (new_owner != nullptr && new_owner->as_int64() != after.owner_id) {
      after.owner_id = new_owner->as_int64();
      Status failed;
      if (!user_in_company(c, *after.owner_id, after.company_id, failed)) {
        if (!failed) return failed.error();
        problems.push_back({"owner_id", "not_a_member", "entity.owner_not_member", {}});
      }
    }
    after.version = before->version + 1;
    after.updated_at = now;
    after.updated_by = principal.user_id;
    if (Status checked = check_record(c, spec, *fields, registry_, after, &*before, &changed, problems); !checked) {
      return checked.error();
    }
    if (Status ruled = run_entity_rule(c, spec, principal, after, &*before, problems); !ruled) return ruled.error();
    if (!problems.empty()) return validation_error(std::move(problems));
    if (Status saved = update_record(c, spec, *fields, after, before->version, cipher_); !saved) {
      return unique_race_error(spec, saved.error());
    }
    if (Status kept = detail::write_history(c, spec, *fields, after, action, principal, now, cipher_); !kept) {
      return kept.error();
    }
    std::string change = detail::change_between(*fields, &*before, &after);
    if (Status audited = detail::write_audit(c, spec, principal, caller, now, action, id, std::move(change)); !audited) {
      return audited.error();
    }
    return after;
  };
  if (within != nullptr) return run(*within);
  return database_.write(run);
}

namespace {

// Archives or deletes one loaded record inside the caller's transaction.
Result<Removal> remove_in(Connection& c, const EntitySpec& spec, const std::vector<Field>& fields,
                          const security::Principal& principal, const Record& record, storage::Timestamp now,
                          const Caller& caller, const security::FieldCipher& cipher) {
  if (locked_by_approval(spec, record)) return make_error(ErrorKind::invalid_transition, "entity.locked_by_approval");
  // Try the delete in a savepoint: a foreign key that still points here turns it into an archive.
  bool referenced = false;
  Status deleted = c.savepoint([&](Connection& inner) -> Status {
    auto done = inner.execute("DELETE FROM " + sql_name(spec.table) + " WHERE id = $1", {record.id});
    if (!done) return done.error();
    return {};
  });
  if (!deleted) {
    if (deleted.error().message_id != storage::kForeignKeyViolation) return deleted.error();
    referenced = true;
  }
  if (!referenced) {
    if (Status audited = detail::write_audit(c, spec, principal, caller, now, "delete", record.id,
                                             detail::change_between(fields, &record, nullptr));
        !audited) {
      return audited.error();
    }
    if (Status published = detail::publish_change(c, spec, record, "delete"); !published) return published.error();
    return Removal::deleted;
  }
  if (record.archived_at) return Removal::archived;
  auto changed = c.execute("UPDATE " + sql_name(spec.table) +
                               " SET archived_at = $1, version = version + 1, updated_at = $1, updated_by = $2 "
                               "WHERE id = $3",
                           {now, principal.user_id, record.id});
  if (!changed) return changed.error();
  Record archived = record;
  archived.archived_at = now;
  archived.version += 1;
  if (Status kept = detail::write_history(c, spec, fields, archived, "archive", principal, now, cipher); !kept) {
    return kept.error();
  }
  if (Status audited = detail::write_audit(c, spec, principal, caller, now, "archive", record.id,
                                           audit::detail_json({{"reason", "referenced"}}));
      !audited) {
    return audited.error();
  }
  return Removal::archived;
}

Result<Record> unarchive_in(Connection& c, const EntitySpec& spec, const std::vector<Field>& fields,
                            const security::Principal& principal, Record record, storage::Timestamp now,
                            const Caller& caller, const security::FieldCipher& cipher) {
  if (!record.archived_at) return record;
  auto changed = c.execute("UPDATE " + sql_name(spec.table) +
                               " SET archived_at = NULL, version = version + 1, updated_at = $1, updated_by = $2 "
                               "WHERE id = $3",
                           {now, principal.user_id, record.id});
  if (!changed) return changed.error();
  record.archived_at.reset();
  record.version += 1;
  record.updated_at = now;
  record.updated_by = principal.user_id;
  if (Status kept = detail::write_history(c, spec, fields, record, "restore", principal, now, cipher); !kept) {
    return kept.error();
  }
  if (Status audited = detail::write_audit(c, spec, principal, caller, now, "restore", record.id, "{}"); !audited) {
    return audited.error();
  }
  return record;
}

}  // namespace

Result<Removal> EntityStore::remove(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                                    const Caller& caller) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  const auto now = storage::Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Result<Removal> {
    auto record = detail::load_visible(c, spec, *fields, principal, "delete", id, cipher_);
    if (!record) return record.error();
    return remove_in(c, spec, *fields, principal, *record, now, caller, cipher_);
  });
}

Result<Record> EntityStore::unarchive(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                                      const Caller& caller) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  const auto now = storage::Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Result<Record> {
    auto record = detail::load_visible(c, spec, *fields, principal, "delete", id, cipher_);
    if (!record) return record.error();
    return unarchive_in(c, spec, *fields, principal, std::move(*record), now, caller, cipher_);
  });
}

Result<std::int64_t> EntityStore::bulk(const EntitySpec& spec, const security::Principal& principal,
                                       std::string_view action, const std::vector<std::int64_t>& ids,
                                       const boost::json::object& values, const Caller& caller) const {
  const std::string permission = action == "update" ? "update" : "delete";
  if (action != "archive" && action != "restore" && action != "delete" && action != "update") {
    return validation_error({{"action", "not_an_option", "entity.not_an_option", {{"options", "archive, restore, delete, update"}}}});
  }
  if (ids.empty() || ids.size() > 1000) {
    return validation_error({{"ids", "bad_count", "entity.bulk_count", {{"max", "1000"}}}});
  }
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  std::map<std::string, Value, std::less<>> changes;
  if (action == "update") {
    std::vector<FieldError> errors;
    decode_body(spec, *fields, principal, values, {}, changes, errors);
    if (changes.empty() && errors.empty()) errors.push_back({"values", "required", "field.required", {}});
    for (auto& error : errors) error.field = "values." + error.field;
    if (!errors.empty()) return validation_error(std::move(errors));
  }
  const auto now = storage::Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Result<std::int64_t> {
    std::int64_t done = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::string path = "ids[" + std::to_string(i) + "]";
      auto record = detail::load_visible(c, spec, *fields, principal, permission, ids[i], cipher_);
      if (!record) {
        Error error = record.error();
        if (error.kind == ErrorKind::not_found) error.field = path;
        return error;
      }
      if (action == "delete" || action == "archive") {
        // "archive" keeps the record even when nothing refers to it.
        if (action == "delete") {
          auto removed = remove_in(c, spec, *fields, principal, *record, now, caller, cipher_);
          if (!removed) return removed.error();
        } else if (!record->archived_at) {
          auto changed = c.execute("UPDATE " + sql_name(spec.table) +
                                       " SET archived_at = $1, version = version + 1, updated_at = $1, updated_by = $2 "
                                       "WHERE id = $3",
                                   {now, principal.user_id, record->id});
          if (!changed) return changed.error();
          Record archived = *record;
          archived.archived_at = now;
          archived.version += 1;
          if (Status kept = detail::write_history(c, spec, *fields, archived, "archive", principal, now, cipher_); !kept) {
            return kept.error();
          }
          if (Status audited = detail::write_audit(c, spec, principal, caller, now, "archive", record->id, "{}"); !audited) {
            return audited.error();
          }
        }
      } else if (action == "restore") {
        auto restored = unarchive_in(c, spec, *fields, principal, std::move(*record), now, caller, cipher_);
        if (!restored) return restored.error();
      } else {
        Record after = *record;
        std::set<std::string, std::less<>> changed;
        for (const auto& [name, value] : changes) {
          changed.insert(name);
          after.values.insert_or_assign(name, value);
        }
        after.version += 1;
        after.updated_at = now;
        after.updated_by = principal.user_id;
        std::vector<FieldError> problems;
        if (Status checked = check_record(c, spec, *fields, registry_, after, &*record, &changed, problems); !checked) {
          return checked.error();
        }
        if (Status ruled = run_entity_rule(c, spec, principal, after, &*record, problems); !ruled) return ruled.error();
        if (!problems.empty()) {
          for (auto& problem : problems) problem.field = path + "." + problem.field;
          return validation_error(std::move(problems));
        }
        if (Status saved = update_record(c, spec, *fields, after, record->version, cipher_); !saved) return saved.error();
        if (Status kept = detail::write_history(c, spec, *fields, after, "bulk_update", principal, now, cipher_); !kept) {
          return kept.error();
        }
        if (Status audited = detail::write_audit(c, spec, principal, caller, now, "update", record->id,
                                                 detail::change_between(*fields, &*record, &after));
            !audited) {
          return audited.error();
        }
      }
      ++done;
    }
    return done;
  });
}

}  // namespace verp::entity
