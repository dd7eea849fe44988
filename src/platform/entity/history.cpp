// Versions of a record: every save keeps the whole record, so any two can be compared and any
// old one restored (as a new version).
#include <boost/json/parse.hpp>

#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity {

using storage::Connection;
using storage::Value;

namespace {

Result<std::string> snapshot_text(Connection& c, const EntitySpec& spec, std::int64_t id, std::int64_t version) {
  auto row = c.query_row("SELECT data FROM entity_versions WHERE entity = $1 AND record_id = $2 AND version = $3",
                         {spec.name, id, version});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "entity.no_such_version");
  return (*row)->text(0);
}

}  // namespace

Result<std::vector<VersionInfo>> EntityStore::versions(const EntitySpec& spec, const security::Principal& principal,
                                                       std::int64_t id) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  return database_.read([&](Connection& c) -> Result<std::vector<VersionInfo>> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "read", id, cipher_); !visible) {
      return visible.error();
    }
    auto rows = c.query(
        "SELECT v.version, v.action, v.changed_at, v.changed_by, u.display_name FROM entity_versions v "
        "LEFT JOIN users u ON u.id = v.changed_by WHERE v.entity = $1 AND v.record_id = $2 ORDER BY v.version DESC",
        {spec.name, id});
    if (!rows) return rows.error();
    std::vector<VersionInfo> list;
    for (const auto& row : *rows) {
      VersionInfo info;
      info.version = row.int64(0).value_or(0);
      info.action = row.text(1).value_or("");
      info.changed_at = row.timestamp(2).value_or(storage::Timestamp{});
      if (!row.is_null(3)) info.changed_by = row.int64(3).value_or(0);
      if (!row.is_null(4)) info.changed_by_name = row.text(4).value_or("");
      list.push_back(std::move(info));
    }
    return list;
  });
}

Result<boost::json::object> EntityStore::version_snapshot(const EntitySpec& spec, const security::Principal& principal,
                                                          std::int64_t id, std::int64_t version) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  return database_.read([&](Connection& c) -> Result<boost::json::object> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "read", id, cipher_); !visible) {
      return visible.error();
    }
    auto text = snapshot_text(c, spec, id, version);
    if (!text) return text.error();
    auto values = detail::values_of_snapshot(*fields, *text, cipher_);
    if (!values) return values.error();
    boost::json::object json{{"id", id}, {"version", version}};
    for (const Field& field : *fields) {
      if (principal.field_access(spec.name, field.name) == security::FieldAccess::hidden) continue;
      json[field.name] = encode_json(field, (*values)[field.name]);
    }
    return json;
  });
}

Result<std::vector<FieldDifference>> EntityStore::diff(const EntitySpec& spec, const security::Principal& principal,
                                                       std::int64_t id, std::int64_t from, std::int64_t to) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  return database_.read([&](Connection& c) -> Result<std::vector<FieldDifference>> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "read", id, cipher_); !visible) {
      return visible.error();
    }
    auto before_text = snapshot_text(c, spec, id, from);
    if (!before_text) return before_text.error();
    auto after_text = snapshot_text(c, spec, id, to);
    if (!after_text) return after_text.error();
    auto before = detail::values_of_snapshot(*fields, *before_text, cipher_);
    if (!before) return before.error();
    auto after = detail::values_of_snapshot(*fields, *after_text, cipher_);
    if (!after) return after.error();
    std::vector<FieldDifference> differences;
    for (const Field& field : *fields) {
      if (principal.field_access(spec.name, field.name) == security::FieldAccess::hidden) continue;
      const Value& old_value = (*before)[field.name];
      const Value& new_value = (*after)[field.name];
      if (old_value == new_value) continue;
      differences.push_back({field.name, encode_json(field, old_value), encode_json(field, new_value)});
    }
    return differences;
  });
}

Result<Record> EntityStore::restore_version(const EntitySpec& spec, const security::Principal& principal,
                                            std::int64_t id, std::int64_t version, std::int64_t current_version,
                                            const Caller& caller) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  auto text = database_.read([&](Connection& c) -> Result<std::string> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "update", id, cipher_); !visible) {
      return visible.error();
    }
    return snapshot_text(c, spec, id, version);
  });
  if (!text) return text.error();
  auto values = detail::values_of_snapshot(*fields, *text, cipher_);
  if (!values) return values.error();
  // Restoring is a patch of every field the caller may change back to its old value, so it
  // passes the same checks (a value that is no longer valid is refused, not smuggled back).
  boost::json::object patch{{"version", current_version}};
  for (const Field& field : *fields) {
    if (field.read_only || principal.field_access(spec.name, field.name) != security::FieldAccess::editable) continue;
    patch[field.name] = encode_json(field, (*values)[field.name]);
  }
  return save_patch(spec, principal, id, patch, caller, "restore_version");
}

Result<std::vector<std::string>> check_history(storage::Database& database, const Registry& registry) {
  return database.read([&](Connection& c) -> Result<std::vector<std::string>> {
    std::vector<std::string> problems;
    for (const auto& spec : registry.all()) {
      auto row = c.query_row("SELECT count(*), min(t.id) FROM " + detail::sql_name(spec->table) +
                                 " t WHERE NOT EXISTS (SELECT 1 FROM entity_versions v WHERE v.entity = $1 "
                                 "AND v.record_id = t.id AND v.version = t.version)",
                             {spec->name});
      if (!row) return row.error();
      const auto missing = (*row)->int64(0).value_or(0);
      if (missing > 0) {
        problems.push_back(spec->name + ": " + std::to_string(missing) +
                           " record(s) changed outside verp (current version missing from history), first id " +
                           std::to_string((*row)->int64(1).value_or(0)));
      }
    }
    return problems;
  });
}

}  // namespace verp::entity
