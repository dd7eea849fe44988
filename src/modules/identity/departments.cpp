#include "modules/identity/departments.hpp"

#include "modules/identity/records.hpp"
#include "platform/base/try.hpp"

namespace verp::identity {

using internal::audit_entry;
using internal::stamp;

namespace {

Error not_found() { return make_error(ErrorKind::not_found, "error.not_found"); }

Error field_error(ErrorKind kind, std::string message_id, std::string field) {
  Error error = make_error(kind, std::move(message_id));
  error.field = std::move(field);
  return error;
}

std::optional<std::string> id_text(std::optional<std::int64_t> id) {
  if (!id) return std::nullopt;
  return std::to_string(*id);
}

constexpr const char* kDepartmentColumns =
    "SELECT d.id, d.company_id, d.code, d.name, d.parent_id, d.head_user_id, u.display_name, d.created_at, d.version "
    "FROM departments d LEFT JOIN users u ON u.id = d.head_user_id";

Result<Department> read_department(const storage::Row& row) {
  Department d;
  VERP_TRY(d.id, row.int64(0));
  VERP_TRY(d.company_id, row.int64(1));
  VERP_TRY(d.code, row.text(2));
  VERP_TRY(d.name, row.text(3));
  VERP_TRY(d.parent_id, row.get<std::optional<std::int64_t>>(4));
  VERP_TRY(d.head_user_id, row.get<std::optional<std::int64_t>>(5));
  VERP_TRY(d.head_name, row.get<std::optional<std::string>>(6));
  VERP_TRY(auto created, row.timestamp(7));
  d.created_at = created.to_system();
  VERP_TRY(d.version, row.int64(8));
  return d;
}

// not_found unless the department exists in `company_id`.
Result<Department> load(storage::Connection& c, std::int64_t company_id, std::int64_t department_id) {
  VERP_TRY(auto row, c.query_row(std::string(kDepartmentColumns) + " WHERE d.id = $1 AND d.company_id = $2",
                                 {department_id, company_id}));
  if (!row) return not_found();
  return read_department(*row);
}

// Serialises the writers of one company's tree. SQLite has a single writer already; on
// PostgreSQL at READ COMMITTED two transactions could each find no cycle and together make
// one, so they queue on the company row. NO KEY UPDATE leaves foreign-key checks of other
// tables (sessions, memberships) unblocked.
Status lock_tree(storage::Connection& c, std::int64_t company_id) {
  if (c.dialect() != storage::Dialect::postgres) return {};
  VERP_CHECK(c.query("SELECT id FROM companies WHERE id = $1 FOR NO KEY UPDATE", {company_id}));
  return {};
}

Result<bool> department_in_company(storage::Connection& c, std::int64_t company_id, std::int64_t department_id) {
  VERP_TRY(auto row, c.query_row("SELECT 1 FROM departments WHERE id = $1 AND company_id = $2",
                                 {department_id, company_id}));
  return row.has_value();
}

Status check_parent(storage::Connection& c, std::int64_t company_id, std::int64_t parent_id) {
  VERP_TRY(bool known, department_in_company(c, company_id, parent_id));
  if (!known) return field_error(ErrorKind::validation, "identity.unknown_department", "parent_id");
  return {};
}

// True when `candidate` is `department_id` itself or below it: walking up from the candidate
// reaches the department. UNION (not UNION ALL) stops the walk even on a damaged tree.
Result<bool> is_self_or_descendant(storage::Connection& c, std::int64_t department_id, std::int64_t candidate) {
  VERP_TRY(auto row, c.query_row("WITH RECURSIVE chain(id, parent_id) AS ("
                                 "SELECT id, parent_id FROM departments WHERE id = $1 "
                                 "UNION SELECT d.id, d.parent_id FROM departments d JOIN chain ON d.id = chain.parent_id) "
                                 "SELECT 1 FROM chain WHERE id = $2 LIMIT 1",
                                 {candidate, department_id}));
  return row.has_value();
}

Status check_head(storage::Connection& c, std::int64_t company_id, std::int64_t user_id) {
  VERP_TRY(auto row, c.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id = $2",
                                 {user_id, company_id}));
  if (!row) return field_error(ErrorKind::validation, "identity.head_not_member", "head_user_id");
  return {};
}

Result<std::int64_t> count(storage::Connection& c, std::string_view sql, std::int64_t id) {
  VERP_TRY(auto row, c.query_row(sql, {id}));
  return row->int64(0);
}

}  // namespace

Result<std::vector<Department>> Departments::list(const security::Principal& p) {
  return service_.database().read([&](storage::Connection& c) -> Result<std::vector<Department>> {
    VERP_TRY(auto rows, c.query(std::string(kDepartmentColumns) + " WHERE d.company_id = $1 ORDER BY d.code, d.id",
                                {p.company_id}));
    std::vector<Department> out;
    for (const auto& row : rows) {
      VERP_TRY(auto department, read_department(row));
      out.push_back(std::move(department));
    }
    return out;
  });
}

Result<Department> Departments::get(const security::Principal& p, std::int64_t department_id) {
  return service_.database().read(
      [&](storage::Connection& c) -> Result<Department> { return load(c, p.company_id, department_id); });
}

Result<Department> Departments::create(const security::Principal& p, const NewDepartment& input,
                                       const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Result<Department> {
    VERP_CHECK(lock_tree(c, p.company_id));
    if (input.parent_id) VERP_CHECK(check_parent(c, p.company_id, *input.parent_id));
    if (input.head_user_id) VERP_CHECK(check_head(c, p.company_id, *input.head_user_id));
    VERP_TRY(auto existing, c.query_row("SELECT 1 FROM departments WHERE company_id = $1 AND code = $2",
                                        {p.company_id, input.code}));
    if (existing) return field_error(ErrorKind::conflict, "identity.department_code_taken", "code");
    VERP_TRY(auto row, c.query_row("INSERT INTO departments (company_id, code, name, parent_id, head_user_id, "
                                   "created_at, version) VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id",
                                   {p.company_id, input.code, input.name, input.parent_id, input.head_user_id,
                                    stamp(clock.now())}));
    VERP_TRY(auto id, row->int64(0));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "create",
                                            "department", std::to_string(id),
                                            audit::change_json({{.field = "code", .after = input.code},
                                                                {.field = "name", .after = input.name},
                                                                {.field = "parent_id", .after = id_text(input.parent_id)},
                                                                {.field = "head_user_id",
                                                                 .after = id_text(input.head_user_id)}}))));
    return load(c, p.company_id, id);
  });
}

Result<Department> Departments::update(const security::Principal& p, std::int64_t department_id,
                                       const DepartmentPatch& patch, const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Result<Department> {
    VERP_CHECK(lock_tree(c, p.company_id));
    VERP_TRY(auto before, load(c, p.company_id, department_id));
    if (before.version != patch.version) return field_error(ErrorKind::conflict, "error.stale_version", "version");
    Department after = before;
    std::vector<audit::FieldChange> changes;
    if (patch.name && *patch.name != before.name) {
      changes.push_back({.field = "name", .before = before.name, .after = *patch.name});
      after.name = *patch.name;
    }
    if (patch.parent_id && *patch.parent_id != before.parent_id) {
      if (const auto parent = *patch.parent_id) {
        VERP_CHECK(check_parent(c, p.company_id, *parent));
        VERP_TRY(bool cycle, is_self_or_descendant(c, department_id, *parent));
        if (cycle) return field_error(ErrorKind::validation, "identity.department_cycle", "parent_id");
      }
      changes.push_back({.field = "parent_id", .before = id_text(before.parent_id), .after = id_text(*patch.parent_id)});
      after.parent_id = *patch.parent_id;
    }
    if (patch.head_user_id && *patch.head_user_id != before.head_user_id) {
      if (const auto head = *patch.head_user_id) VERP_CHECK(check_head(c, p.company_id, *head));
      changes.push_back({.field = "head_user_id", .before = id_text(before.head_user_id),
                         .after = id_text(*patch.head_user_id)});
      after.head_user_id = *patch.head_user_id;
    }
    if (changes.empty()) return before;
    VERP_TRY(auto updated, c.execute("UPDATE departments SET name = $1, parent_id = $2, head_user_id = $3, "
                                     "version = version + 1 WHERE id = $4 AND company_id = $5 AND version = $6",
                                     {after.name, after.parent_id, after.head_user_id, department_id, p.company_id,
                                      patch.version}));
    if (updated != 1) return field_error(ErrorKind::conflict, "error.stale_version", "version");
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "update",
                                            "department", std::to_string(department_id),
                                            audit::change_json(changes))));
    return load(c, p.company_id, department_id);
  });
}

Status Departments::remove(const security::Principal& p, std::int64_t department_id, const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Status {
    VERP_CHECK(lock_tree(c, p.company_id));
    VERP_TRY(auto before, load(c, p.company_id, department_id));
    VERP_TRY(auto children, count(c, "SELECT count(*) FROM departments WHERE parent_id = $1", department_id));
    VERP_TRY(auto members, count(c, "SELECT count(*) FROM memberships WHERE department_id = $1", department_id));
    if (children > 0 || members > 0) {
      Error error = make_error(ErrorKind::conflict, "identity.department_in_use");
      error.with_arg("children", std::to_string(children)).with_arg("members", std::to_string(members));
      return error;
    }
    VERP_CHECK(c.execute("DELETE FROM departments WHERE id = $1 AND company_id = $2", {department_id, p.company_id}));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "delete",
                                            "department", std::to_string(department_id),
                                            audit::change_json({{.field = "code", .before = before.code},
                                                                {.field = "name", .before = before.name},
                                                                {.field = "parent_id", .before = id_text(before.parent_id)},
                                                                {.field = "head_user_id",
                                                                 .before = id_text(before.head_user_id)}}))));
    return {};
  });
}

Status Departments::assign_member(const security::Principal& p, std::int64_t user_id,
                                  std::optional<std::int64_t> department_id, const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Status {
    VERP_CHECK(lock_tree(c, p.company_id));
    VERP_TRY(auto member, c.query_row("SELECT m.department_id, u.user_name FROM memberships m JOIN users u "
                                      "ON u.id = m.user_id WHERE m.user_id = $1 AND m.company_id = $2",
                                      {user_id, p.company_id}));
    if (!member) return not_found();
    VERP_TRY(auto before, member->get<std::optional<std::int64_t>>(0));
    VERP_TRY(auto user_name, member->text(1));
    if (department_id) {
      VERP_TRY(bool known, department_in_company(c, p.company_id, *department_id));
      if (!known) return field_error(ErrorKind::validation, "identity.unknown_department", "department_id");
    }
    if (before == department_id) return {};
    VERP_CHECK(c.execute("UPDATE memberships SET department_id = $1 WHERE user_id = $2 AND company_id = $3",
                         {department_id, user_id, p.company_id}));
    // Each department's history shows who left and who joined it.
    const auto detail = audit::detail_json({{"user_id", std::to_string(user_id)}, {"user_name", user_name}});
    if (before) {
      VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "member.remove",
                                              "department", std::to_string(*before), detail)));
    }
    if (department_id) {
      VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "member.add",
                                              "department", std::to_string(*department_id), detail)));
    }
    return {};
  });
}

}  // namespace verp::identity
