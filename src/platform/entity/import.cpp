// Bulk import: every row decoded and checked, then the database checks run per column for many
// rows at once (unique values, links, likely duplicates) and valid rows are inserted many to a
// statement, so 100,000 rows cost hundreds of statements, not hundreds of thousands.
#include <algorithm>
#include <map>
#include <set>

#include "platform/audit/audit_log.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity {

using detail::sql_name;
using detail::Sql;
using storage::Connection;
using storage::Value;

namespace {

constexpr std::size_t kLookupChunk = 500;  // values per IN (...) list: cheap to prepare on SQLite too

struct Candidate {
  Record record;
  std::int64_t row_number = 0;
  bool valid = true;
};

// The values of `column` in `table` (within the company when scoped) among `wanted`.
Result<std::set<std::string>> existing_values(Connection& c, const std::string& table, const std::string& column,
                                              const Field* field, std::optional<std::int64_t> company,
                                              bool active_only, const std::vector<Value>& wanted) {
  std::set<std::string> found;
  for (std::size_t start = 0; start < wanted.size(); start += kLookupChunk) {
    Sql sql;
    std::string list;
    const std::size_t end = std::min(wanted.size(), start + kLookupChunk);
    for (std::size_t i = start; i < end; ++i) list += (list.empty() ? "" : ", ") + sql.param(wanted[i]);
    sql.text = "SELECT " + sql_name(column) + " FROM " + sql_name(table) + " WHERE " + sql_name(column) + " IN (" + list + ")";
    if (company) sql.text += " AND company_id = " + sql.param(*company);
    if (active_only) sql.text += " AND archived_at IS NULL";
    auto rows = c.query(sql.text, sql.params);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      if (field != nullptr && (field->kind == FieldKind::link || field->kind == FieldKind::links)) {
        found.insert(std::to_string(row.int64(0).value_or(0)));
      }
      else found.insert(row.text(0).value_or(""));
    }
  }
  return found;
}

std::string key_of(const Field& field, const Value& value) { return encode_cell(field, value); }

Result<std::vector<std::int64_t>> insert_many(Connection& c, const EntitySpec& spec, const std::vector<Field>& fields,
                                              const std::vector<const Record*>& records,
                                              const security::FieldCipher& cipher) {
  std::vector<std::int64_t> ids;
  if (records.empty()) return ids;
  // Parameters per statement. PostgreSQL: many (each statement is a round trip). SQLite: a
  // couple of thousand, because preparing a statement looks up each new "$n" name in a list,
  // which costs O(n²) in the number of parameters.
  auto first = detail::stored_columns(spec, fields, *records.front(), cipher);
  if (!first) return first.error();
  const std::size_t per_row = first->size() + 8;
  const std::size_t budget = c.dialect() == storage::Dialect::sqlite ? 2000 : 30000;
  const std::size_t chunk = std::max<std::size_t>(1, std::min<std::size_t>(500, budget / per_row));
  std::string names = "company_id, owner_id, department_id, version, created_at, created_by, updated_at, updated_by";
  for (const auto& [name, value] : *first) names += ", " + sql_name(name);
  for (std::size_t start = 0; start < records.size(); start += chunk) {
    const std::size_t end = std::min(records.size(), start + chunk);
    Sql sql;
    std::string values;
    for (std::size_t i = start; i < end; ++i) {
      const Record& r = *records[i];
      auto columns = detail::stored_columns(spec, fields, r, cipher);
      if (!columns) return columns.error();
      std::string row = sql.param(Value(r.company_id)) + ", " + sql.param(Value(r.owner_id)) + ", " +
                        sql.param(Value(r.department_id)) + ", 1, " + sql.param(r.created_at) + ", " +
                        sql.param(Value(r.created_by)) + ", " + sql.param(r.updated_at) + ", " +
                        sql.param(Value(r.updated_by));
      for (auto& [name, value] : *columns) row += ", " + sql.param(std::move(value));
      values += (values.empty() ? "(" : ", (") + row + ")";
    }
    sql.text = "INSERT INTO " + sql_name(spec.table) + " (" + names + ") VALUES " + values + " RETURNING id";
    auto rows = c.query(sql.text, sql.params);
    if (!rows) return rows.error();
    for (const auto& row : *rows) ids.push_back(row.int64(0).value_or(0));
  }
  return ids;
}

Status insert_history(Connection& c, const EntitySpec& spec, const std::vector<Field>& fields,
                      const std::vector<const Record*>& records, const std::vector<std::int64_t>& ids,
                      const security::Principal& principal, storage::Timestamp at, const security::FieldCipher& cipher) {
  const std::size_t chunk = c.dialect() == storage::Dialect::sqlite ? 250 : 2000;  // 7 parameters a row
  for (std::size_t start = 0; start < records.size(); start += chunk) {
    const std::size_t end = std::min(records.size(), start + chunk);
    Sql sql;
    std::string values;
    for (std::size_t i = start; i < end; ++i) {
      auto snapshot = detail::snapshot_of(fields, *records[i], cipher);
      if (!snapshot) return snapshot.error();
      values += (values.empty() ? "(" : ", (") + sql.param(spec.name) + ", " + sql.param(ids[i]) + ", 1, " +
                sql.param(Value(records[i]->company_id)) + ", 'import', " + sql.param(std::move(*snapshot)) + ", " +
                sql.param(at) + ", " + sql.param(principal.user_id) + ")";
    }
    sql.text = "INSERT INTO entity_versions (entity, record_id, version, company_id, action, data, changed_at, changed_by) "
               "VALUES " + values;
    auto inserted = c.execute(sql.text, sql.params);
    if (!inserted) return inserted.error();
  }
  return {};
}

}  // namespace

Result<ImportReport> EntityStore::import_rows(const EntitySpec& spec, const security::Principal& principal,
                                              const std::vector<ImportRow>& rows, ImportMode mode,
                                              bool confirm_duplicates, const Caller& caller,
                                              const ImportProgress& progress) const {
  auto keep_going = [&](int percent, std::string_view stage) { return !progress || progress(percent, stage); };
  const Error cancelled = make_error(ErrorKind::invalid_transition, "entity.import_cancelled");
  if (!principal.may(spec.name, "import") || !principal.may(spec.name, "create")) {
    return make_error(ErrorKind::forbidden, "error.forbidden");
  }
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  const auto now = storage::Timestamp::from_system(clock_.now());
  const std::optional<std::int64_t> company =
      spec.company_scoped ? std::optional<std::int64_t>(principal.company_id) : std::nullopt;
  ImportReport report;
  report.rows = static_cast<std::int64_t>(rows.size());

  auto note = [&](Candidate& candidate, FieldError error) {
    candidate.valid = false;
    if (report.problems.size() >= kMaxImportProblems) {
      report.truncated = true;
      return;
    }
    report.problems.push_back({candidate.row_number, std::move(error)});
  };

  // 1. Decode every row and check the declared constraints (no database needed).
  std::vector<Candidate> candidates(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Candidate& candidate = candidates[i];
    candidate.row_number = rows[i].row_number;
    Record& record = candidate.record;
    record.company_id = company;
    record.owner_id = principal.user_id;
    record.department_id = principal.department_id;
    record.version = 1;
    record.created_at = record.updated_at = now;
    record.created_by = record.updated_by = principal.user_id;
    for (const Field& field : *fields) record.values.emplace(field.name, default_of(field));
    std::vector<FieldError> errors;
    for (const auto& [field, text] : rows[i].cells) {
      // A field the system sets (a document number, a computed stage) is what an export shows,
      // not what an import writes: ignored like the system columns, so an export imports back.
      if (field->read_only) continue;
      if (principal.field_access(spec.name, field->name) != security::FieldAccess::editable) {
        if (!text.empty()) errors.push_back({field->name, "read_only", "field.read_only", {}});
        continue;
      }
      if (field->kind == FieldKind::attachment) {
        // An attachment belongs to an existing record; upload it after the import.
        if (!text.empty()) errors.push_back({field->name, "attachment_not_found", "entity.attachment_not_found", {}});
        continue;
      }
      if (auto value = decode_cell(*field, text, field->name, errors)) record.values.insert_or_assign(field->name, *value);
    }
    const std::size_t decoded = errors.size();
    for (const Field& field : *fields) {
      bool bad = false;
      for (std::size_t k = 0; k < decoded; ++k) bad = bad || errors[k].field == field.name;
      if (!bad) check_constraints(field, record.get(field.name), field.name, errors);
    }
    for (auto& error : errors) note(candidate, std::move(error));
  }

  if (!keep_going(30, "checked")) return cancelled;
  auto run = database_.write([&](Connection& c) -> Status {
    // 2. Unique fields: not taken in the database, not twice in the file.
    for (const Field& field : *fields) {
      if (field.unique == Uniqueness::none || field.custom) continue;
      std::map<std::string, std::size_t> first_row;
      std::vector<Value> wanted;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Value& value = candidates[i].record.get(field.name);
        if (value.is_null()) continue;
        const std::string key = key_of(field, value);
        if (!first_row.emplace(key, i).second) {
          note(candidates[i], {field.name, "not_unique", "entity.not_unique_in_file", {}});
        } else {
          wanted.push_back(value);
        }
      }
      auto taken = existing_values(c, spec.table, field.name, &field,
                                   field.unique == Uniqueness::company ? company : std::nullopt, false, wanted);
      if (!taken) return taken.error();
      for (const auto& key : *taken) {
        auto it = first_row.find(key);
        if (it != first_row.end()) {
          note(candidates[it->second], {field.name, "not_unique", "entity.not_unique", {{"value", key}}});
        }
      }
    }
    // 3. Links: the target exists, is active and is visible to this company.
    for (const Field& field : *fields) {
      if (field.kind != FieldKind::link && field.kind != FieldKind::links) continue;
      const EntitySpec* target = registry_.find(field.link_to);
      if (target == nullptr) continue;
      auto ids_of = [&](const Record& record) {
        if (field.kind == FieldKind::links) return link_ids(record.get(field.name));
        const auto* id = record.get(field.name).get_if<std::int64_t>();
        return id != nullptr ? std::vector<std::int64_t>{*id} : std::vector<std::int64_t>{};
      };
      std::set<std::int64_t> ids;
      for (const auto& candidate : candidates) {
        for (std::int64_t id : ids_of(candidate.record)) ids.insert(id);
      }
      std::vector<Value> wanted(ids.begin(), ids.end());
      auto found = existing_values(c, target->table, "id", &field, target->company_scoped ? company : std::nullopt,
                                   true, wanted);
      if (!found) return found.error();
      for (auto& candidate : candidates) {
        for (std::int64_t id : ids_of(candidate.record)) {
          if (!found->contains(std::to_string(id))) {
            note(candidate, {field.name, "link_not_found", "entity.link_not_found", {{"entity", target->name}}});
            break;
          }
        }
      }
    }
    // 4. Likely duplicates of existing records, unless the user confirmed them.
    if (!confirm_duplicates) {
      for (const Field& field : spec.fields) {
        if (field.duplicate_key == DuplicateKey::none) continue;
        std::map<std::string, std::vector<std::size_t>> rows_by_key;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
          std::string key = duplicate_key(field.duplicate_key, candidates[i].record.get(field.name));
          if (!key.empty()) rows_by_key[key].push_back(i);
        }
        std::vector<Value> wanted;
        for (const auto& [key, indexes] : rows_by_key) wanted.push_back(Value(key));
        auto found = existing_values(c, spec.table, "dedupe_" + field.name, nullptr, company, true, wanted);
        if (!found) return found.error();
        for (const auto& key : *found) {
          for (std::size_t i : rows_by_key[key]) {
            note(candidates[i], {field.name, "possible_duplicate", "entity.possible_duplicate_row", {}});
          }
        }
      }
    }
    // 5. The entity's own rule, row by row (most entities have none).
    if (spec.validate) {
      for (auto& candidate : candidates) {
        if (!candidate.valid) continue;
        std::vector<FieldError> problems;
        RuleContext context{c, principal, candidate.record, nullptr, problems};
        if (Status ruled = spec.validate(context); !ruled) return ruled.error();
        for (auto& problem : problems) note(candidate, std::move(problem));
      }
    }

    if (!keep_going(50, "verified")) return cancelled;
    std::vector<const Record*> valid;
    for (const auto& candidate : candidates) {
      if (candidate.valid) valid.push_back(&candidate.record);
    }
    report.valid_rows = static_cast<std::int64_t>(valid.size());
    const bool all_valid = report.problems.empty() && !report.truncated;
    if (mode == ImportMode::dry_run || (mode == ImportMode::all_or_nothing && !all_valid)) {
      return {};  // nothing to write; the read-only checks commit nothing
    }
    // 6. Insert, many rows to a statement, with their first version: 50 → 95 %, in slices so
    // that progress moves and a cancellation is heard.
    std::vector<std::int64_t> all_ids;
    constexpr std::size_t kSlice = 5000;
    for (std::size_t start = 0; start < valid.size(); start += kSlice) {
      std::vector<const Record*> slice(valid.begin() + static_cast<std::ptrdiff_t>(start),
                                       valid.begin() + static_cast<std::ptrdiff_t>(std::min(valid.size(), start + kSlice)));
      auto slice_ids = insert_many(c, spec, *fields, slice, cipher_);
      if (!slice_ids) return slice_ids.error();
      all_ids.insert(all_ids.end(), slice_ids->begin(), slice_ids->end());
      const int percent = 50 + static_cast<int>(45 * (start + slice.size()) / std::max<std::size_t>(1, valid.size()));
      if (!keep_going(percent, "saving")) return cancelled;
    }
    const std::vector<std::int64_t>* ids = &all_ids;
    if (Status kept = insert_history(c, spec, *fields, valid, *ids, principal, now, cipher_); !kept) return kept;
    report.created = static_cast<std::int64_t>(ids->size());
    report.committed = true;
    const std::string first = ids->empty() ? "" : std::to_string(ids->front());
    const std::string last = ids->empty() ? "" : std::to_string(ids->back());
    return detail::write_audit(c, spec, principal, caller, now, "import", 0,
                               audit::detail_json({{"rows", std::to_string(report.rows)},
                                                   {"created", std::to_string(report.created)},
                                                   {"first_id", first},
                                                   {"last_id", last}}));
  });
  if (!run) return run.error();
  // The planner's statistics would still describe the table before the import, and pick plans
  // for an empty table (a sort of every row instead of an index walk) until autovacuum catches
  // up. SQLite's planner does not depend on statistics in this way.
  if (report.created >= 1000 && database_.dialect() == storage::Dialect::postgres) {
    Status analysed = database_.write([&](Connection& c) { return c.execute_script("ANALYZE " + sql_name(spec.table)); });
    if (!analysed) return analysed.error();
  }
  return report;
}

}  // namespace verp::entity
