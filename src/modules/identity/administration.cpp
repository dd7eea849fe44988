#include "modules/identity/administration.hpp"

#include <algorithm>

#include "modules/identity/bootstrap.hpp"
#include "modules/identity/records.hpp"
#include "modules/identity/role_templates.hpp"
#include "platform/base/try.hpp"
#include "platform/security/password.hpp"
#include "platform/security/tokens.hpp"

namespace verp::identity {

using internal::audit_entry;
using internal::stamp;

namespace {

constexpr auto kUnusedAfter = std::chrono::hours(24 * 90);

Error not_found() { return make_error(ErrorKind::not_found, "error.not_found"); }

// The companies whose users the principal may see for `action` on "user".
std::vector<std::int64_t> visible_companies(const security::Principal& p, std::string_view resource,
                                            std::string_view action) {
  auto scope = p.scope_for(resource, action);
  if (scope && *scope == security::DataScope::all_companies) return p.company_ids;
  return {p.company_id};
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

Result<bool> user_visible(storage::Connection& c, const security::Principal& p, std::int64_t user_id,
                          std::string_view action) {
  // The id list comes from the principal (integers), never from input, so it is safe to inline.
  VERP_TRY(auto row, c.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id IN (" +
                                     id_list(visible_companies(p, "user", action)) + ") LIMIT 1",
                                 {user_id}));
  return row.has_value();
}

Result<std::vector<std::string>> role_codes_of(storage::Connection& c, std::int64_t user_id, std::int64_t company_id) {
  VERP_TRY(auto rows, c.query("SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                              "WHERE ur.user_id = $1 AND ur.company_id = $2 ORDER BY r.code",
                              {user_id, company_id}));
  std::vector<std::string> codes;
  for (const auto& row : rows) {
    VERP_TRY(auto code, row.text(0));
    codes.push_back(std::move(code));
  }
  return codes;
}

constexpr const char* kUserColumns =
    "SELECT id, user_name, display_name, email, is_active, totp_enabled, must_change_password, last_sign_in_at, "
    "version FROM users";

Result<UserSummary> read_user(const storage::Row& row) {
  UserSummary u;
  VERP_TRY(u.id, row.int64(0));
  VERP_TRY(u.user_name, row.text(1));
  VERP_TRY(u.display_name, row.text(2));
  VERP_TRY(auto email, row.get<std::optional<std::string>>(3));
  u.email = email.value_or("");
  VERP_TRY(u.active, row.boolean(4));
  VERP_TRY(u.totp_enabled, row.boolean(5));
  VERP_TRY(u.must_change_password, row.boolean(6));
  VERP_TRY(auto last, row.get<std::optional<storage::Timestamp>>(7));
  if (last) u.last_sign_in_at = last->to_system();
  VERP_TRY(u.version, row.int64(8));
  return u;
}

Result<UserSummary> load_user(storage::Connection& c, std::int64_t user_id, std::int64_t company_id) {
  VERP_TRY(auto row, c.query_row(std::string(kUserColumns) + " WHERE id = $1", {user_id}));
  if (!row) return not_found();
  VERP_TRY(auto user, read_user(*row));
  VERP_TRY(user.roles, role_codes_of(c, user_id, company_id));
  return user;
}

Result<std::int64_t> role_id_in_company(storage::Connection& c, std::string_view code, std::int64_t company_id) {
  VERP_TRY(auto row, c.query_row("SELECT id FROM roles WHERE company_id = $1 AND code = $2",
                                 {company_id, std::string(code)}));
  if (!row) {
    Error error = make_error(ErrorKind::validation, "identity.unknown_role");
    error.field = "roles";
    error.with_arg("role", std::string(code));
    return error;
  }
  return row->int64(0);
}

Status grant_roles(storage::Connection& c, const Clock& clock, std::int64_t user_id, std::int64_t company_id,
                   const std::vector<std::string>& codes, std::int64_t granted_by) {
  VERP_CHECK(c.execute("DELETE FROM user_roles WHERE user_id = $1 AND company_id = $2", {user_id, company_id}));
  for (const auto& code : codes) {
    VERP_TRY(auto role_id, role_id_in_company(c, code, company_id));
    VERP_CHECK(c.execute("INSERT INTO user_roles (user_id, company_id, role_id, granted_at, granted_by) "
                         "VALUES ($1, $2, $3, $4, $5)",
                         {user_id, company_id, role_id, stamp(clock.now()), granted_by}));
  }
  return {};
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

Result<std::vector<UserSummary>> Administration::list_users(const security::Principal& p) {
  return service_.database().read([&](storage::Connection& c) -> Result<std::vector<UserSummary>> {
    VERP_TRY(auto rows, c.query(std::string(kUserColumns) +
                                    " WHERE id IN (SELECT user_id FROM memberships WHERE company_id IN (" +
                                    id_list(visible_companies(p, "user", "read")) + ")) ORDER BY user_name",
                                {}));
    std::vector<UserSummary> users;
    for (const auto& row : rows) {
      VERP_TRY(auto user, read_user(row));
      VERP_TRY(user.roles, role_codes_of(c, user.id, p.company_id));
      users.push_back(std::move(user));
    }
    return users;
  });
}

Result<UserSummary> Administration::get_user(const security::Principal& p, std::int64_t user_id) {
  return service_.database().read([&](storage::Connection& c) -> Result<UserSummary> {
    VERP_TRY(bool visible, user_visible(c, p, user_id, "read"));
    if (!visible) return not_found();
    return load_user(c, user_id, p.company_id);
  });
}

Result<CreatedUser> Administration::create_user(const security::Principal& p, const NewUser& input,
                                                const Caller& caller) {
  CreatedUser created;
  created.temporary_password = security::random_token(18);
  VERP_TRY(auto hash, security::hash_password(created.temporary_password));
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Result<CreatedUser> {
    const auto now = stamp(clock.now());
    const std::string name = internal::canonical_user_name(input.user_name);
    VERP_TRY(auto existing, c.query_row("SELECT 1 FROM users WHERE user_name = $1", {name}));
    if (existing) {
      Error error = make_error(ErrorKind::conflict, "identity.user_name_taken");
      error.field = "user_name";
      return error;
    }
    if (input.department_id) {
      VERP_TRY(auto department, c.query_row("SELECT 1 FROM departments WHERE id = $1 AND company_id = $2",
                                            {*input.department_id, p.company_id}));
      if (!department) {
        Error error = make_error(ErrorKind::validation, "identity.unknown_department");
        error.field = "department_id";
        return error;
      }
    }
    VERP_TRY(auto row, c.query_row("INSERT INTO users (user_name, display_name, email, password_hash, "
                                   "must_change_password, is_active, totp_enabled, created_at, updated_at, "
                                   "password_changed_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, 1) "
                                   "RETURNING id",
                                   {name, input.display_name,
                                    input.email.empty() ? storage::Value() : storage::Value(input.email), hash, true,
                                    true, false, now}));
    VERP_TRY(auto user_id, row->int64(0));
    VERP_CHECK(c.execute("INSERT INTO memberships (user_id, company_id, department_id, is_default) "
                         "VALUES ($1, $2, $3, $4)",
                         {user_id, p.company_id, input.department_id, true}));
    VERP_CHECK(grant_roles(c, clock, user_id, p.company_id, input.role_codes, p.user_id));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "create", "user",
                                            std::to_string(user_id),
                                            audit::change_json({{.field = "user_name", .after = name},
                                                                {.field = "display_name", .after = input.display_name},
                                                                {.field = "email", .after = input.email},
                                                                {.field = "roles", .after = joined(input.role_codes)},
                                                                {.field = "department_id",
                                                                 .after = input.department_id
                                                                              ? std::optional<std::string>(std::to_string(*input.department_id))
                                                                              : std::nullopt},
                                                                {.field = "password", .after = "set", .sensitive = true}}))));
    VERP_TRY(created.user, load_user(c, user_id, p.company_id));
    return created;
  });
}

Result<UserSummary> Administration::update_user(const security::Principal& p, std::int64_t user_id,
                                                const UserPatch& patch, const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Result<UserSummary> {
    VERP_TRY(bool visible, user_visible(c, p, user_id, "update"));
    if (!visible) return not_found();
    VERP_TRY(auto before, load_user(c, user_id, p.company_id));
    if (before.version != patch.version) {
      Error error = make_error(ErrorKind::conflict, "error.stale_version");
      error.field = "version";
      return error;
    }
    UserSummary after = before;
    std::vector<audit::FieldChange> changes;
    if (patch.display_name && *patch.display_name != before.display_name) {
      changes.push_back({.field = "display_name", .before = before.display_name, .after = *patch.display_name});
      after.display_name = *patch.display_name;
    }
    if (patch.email && *patch.email != before.email) {
      changes.push_back({.field = "email", .before = before.email, .after = *patch.email});
      after.email = *patch.email;
    }
    if (patch.active && *patch.active != before.active) {
      changes.push_back({.field = "is_active", .before = before.active ? "true" : "false",
                         .after = *patch.active ? "true" : "false"});
      after.active = *patch.active;
    }
    if (changes.empty()) return before;
    VERP_TRY(auto updated, c.execute("UPDATE users SET display_name = $1, email = $2, is_active = $3, updated_at = $4, "
                                     "version = version + 1 WHERE id = $5 AND version = $6",
                                     {after.display_name, after.email.empty() ? storage::Value() : storage::Value(after.email),
                                      after.active, stamp(clock.now()), user_id, patch.version}));
    if (updated != 1) return make_error(ErrorKind::conflict, "error.stale_version");
    if (!after.active) {
      VERP_CHECK(internal::revoke_sessions_of(c, clock, user_id, std::nullopt));
      VERP_CHECK(c.execute("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
                           {stamp(clock.now()), user_id}));
    }
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "update", "user",
                                            std::to_string(user_id), audit::change_json(changes))));
    return load_user(c, user_id, p.company_id);
  });
}

Result<std::string> Administration::reset_password(const security::Principal& p, std::int64_t user_id,
                                                   const Caller& caller) {
  std::string temporary = security::random_token(18);
  VERP_TRY(auto hash, security::hash_password(temporary));
  const Clock& clock = service_.clock();
  VERP_CHECK(service_.database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(bool visible, user_visible(c, p, user_id, "update"));
    if (!visible) return not_found();
    const auto now = stamp(clock.now());
    VERP_CHECK(c.execute("UPDATE users SET password_hash = $1, must_change_password = $2, password_changed_at = $3, "
                         "updated_at = $3, version = version + 1 WHERE id = $4",
                         {hash, true, now, user_id}));
    VERP_CHECK(internal::revoke_sessions_of(c, clock, user_id, std::nullopt));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "password.reset",
                                            "user", std::to_string(user_id),
                                            audit::change_json({{.field = "password", .before = "old", .after = "new",
                                                                 .sensitive = true}}))));
    return {};
  }));
  return temporary;
}

Status Administration::set_roles(const security::Principal& p, std::int64_t user_id,
                                 const std::vector<std::string>& codes, const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(auto member, c.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id = $2",
                                      {user_id, p.company_id}));
    if (!member) return not_found();
    VERP_TRY(auto before, role_codes_of(c, user_id, p.company_id));
    VERP_CHECK(grant_roles(c, clock, user_id, p.company_id, codes, p.user_id));
    VERP_TRY(auto after, role_codes_of(c, user_id, p.company_id));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "role.assign", "user",
                                            std::to_string(user_id),
                                            audit::change_json({{.field = "roles", .before = joined(before),
                                                                 .after = joined(after)}}))));
    return {};
  });
}

Result<std::vector<RoleSummary>> Administration::list_roles(const security::Principal& p, bool templates) {
  return service_.database().read([&](storage::Connection& c) -> Result<std::vector<RoleSummary>> {
    VERP_TRY(auto rows, templates ? c.query("SELECT id, code, name, requires_mfa, version FROM roles "
                                            "WHERE company_id IS NULL ORDER BY code",
                                            {})
                                  : c.query("SELECT id, code, name, requires_mfa, version FROM roles "
                                            "WHERE company_id = $1 ORDER BY code",
                                            {p.company_id}));
    std::vector<RoleSummary> roles;
    for (const auto& row : rows) {
      RoleSummary role;
      role.is_template = templates;
      VERP_TRY(role.id, row.int64(0));
      VERP_TRY(role.code, row.text(1));
      VERP_TRY(role.name, row.text(2));
      VERP_TRY(role.requires_mfa, row.boolean(3));
      VERP_TRY(role.version, row.int64(4));
      VERP_TRY(auto grants, c.query("SELECT resource, action, scope FROM role_grants WHERE role_id = $1 "
                                    "ORDER BY resource, action",
                                    {role.id}));
      for (const auto& g : grants) {
        security::Grant grant;
        VERP_TRY(grant.resource, g.text(0));
        VERP_TRY(grant.action, g.text(1));
        VERP_TRY(auto scope, g.text(2));
        grant.scope = parse_data_scope(scope).value_or(security::DataScope::company);
        role.grants.push_back(std::move(grant));
      }
      VERP_TRY(auto rules, c.query("SELECT resource, field, access FROM role_field_rules WHERE role_id = $1 "
                                   "ORDER BY resource, field",
                                   {role.id}));
      for (const auto& r : rules) {
        security::FieldRule rule;
        VERP_TRY(rule.resource, r.text(0));
        VERP_TRY(rule.field, r.text(1));
        VERP_TRY(auto access, r.text(2));
        rule.access = parse_field_access(access).value_or(security::FieldAccess::hidden);
        role.field_rules.push_back(std::move(rule));
      }
      roles.push_back(std::move(role));
    }
    return roles;
  });
}

Result<RoleSummary> Administration::create_role(const security::Principal& p, const NewRole& input,
                                                const Caller& caller) {
  const Clock& clock = service_.clock();
  VERP_CHECK(service_.database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(auto existing, c.query_row("SELECT 1 FROM roles WHERE company_id = $1 AND code = $2",
                                        {p.company_id, input.code}));
    if (existing) {
      Error error = make_error(ErrorKind::conflict, "identity.role_code_taken");
      error.field = "code";
      return error;
    }
    std::int64_t role_id = 0;
    if (input.from_template) {
      VERP_TRY(role_id, copy_role_template(c, clock, *input.from_template, p.company_id));
      VERP_CHECK(c.execute("UPDATE roles SET code = $1, name = $2 WHERE id = $3", {input.code, input.name, role_id}));
    } else {
      const auto now = stamp(clock.now());
      VERP_TRY(auto row, c.query_row("INSERT INTO roles (company_id, code, name, requires_mfa, created_at, updated_at, "
                                     "version) VALUES ($1, $2, $3, $4, $5, $5, 1) RETURNING id",
                                     {p.company_id, input.code, input.name, input.requires_mfa, now}));
      VERP_TRY(role_id, row->int64(0));
      for (const auto& grant : input.grants) {
        VERP_CHECK(c.execute("INSERT INTO role_grants (role_id, resource, action, scope) VALUES ($1, $2, $3, $4)",
                             {role_id, grant.resource, grant.action, std::string(to_string(grant.scope))}));
      }
      for (const auto& rule : input.field_rules) {
        VERP_CHECK(c.execute("INSERT INTO role_field_rules (role_id, resource, field, access) VALUES ($1, $2, $3, $4)",
                             {role_id, rule.resource, rule.field, std::string(to_string(rule.access))}));
      }
    }
    std::string grants;
    for (const auto& g : input.grants) grants += (grants.empty() ? "" : ",") + g.resource + ":" + g.action;
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "create", "role",
                                            std::to_string(role_id),
                                            audit::change_json({{.field = "code", .after = input.code},
                                                                {.field = "template", .after = input.from_template},
                                                                {.field = "grants", .after = grants}}))));
    return {};
  }));
  VERP_TRY(auto roles, list_roles(p, false));
  for (auto& role : roles) {
    if (role.code == input.code) return role;
  }
  return not_found();
}

namespace {

std::string grants_text(const std::vector<security::Grant>& grants) {
  std::string out;
  for (const auto& g : grants) {
    out += (out.empty() ? "" : ",") + g.resource + ":" + g.action + "@" + std::string(to_string(g.scope));
  }
  return out;
}

std::string rules_text(const std::vector<security::FieldRule>& rules) {
  std::string out;
  for (const auto& r : rules) out += (out.empty() ? "" : ",") + r.resource + "." + r.field + ":" + std::string(to_string(r.access));
  return out;
}

}  // namespace

Result<RoleSummary> Administration::update_role(const security::Principal& p, std::int64_t role_id,
                                                const RolePatch& patch, const Caller& caller) {
  const Clock& clock = service_.clock();
  VERP_TRY(auto roles, list_roles(p, false));
  auto before = std::find_if(roles.begin(), roles.end(), [&](const RoleSummary& r) { return r.id == role_id; });
  if (before == roles.end()) return not_found();
  VERP_CHECK(service_.database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(auto changed, c.execute("UPDATE roles SET name = $1, requires_mfa = $2, updated_at = $3, "
                                     "version = version + 1 WHERE id = $4 AND company_id = $5 AND version = $6",
                                     {patch.name.value_or(before->name), patch.requires_mfa.value_or(before->requires_mfa),
                                      stamp(clock.now()), role_id, p.company_id, patch.version}));
    if (changed != 1) {
      Error error = make_error(ErrorKind::conflict, "error.stale_version");
      error.field = "version";
      return error;
    }
    std::vector<audit::FieldChange> changes;
    if (patch.name && *patch.name != before->name) changes.push_back({.field = "name", .before = before->name, .after = *patch.name});
    if (patch.requires_mfa && *patch.requires_mfa != before->requires_mfa) {
      changes.push_back({.field = "requires_mfa", .before = before->requires_mfa ? "true" : "false",
                         .after = *patch.requires_mfa ? "true" : "false"});
    }
    if (patch.grants) {
      VERP_CHECK(c.execute("DELETE FROM role_grants WHERE role_id = $1", {role_id}));
      for (const auto& grant : *patch.grants) {
        VERP_CHECK(c.execute("INSERT INTO role_grants (role_id, resource, action, scope) VALUES ($1, $2, $3, $4)",
                             {role_id, grant.resource, grant.action, std::string(to_string(grant.scope))}));
      }
      changes.push_back({.field = "grants", .before = grants_text(before->grants), .after = grants_text(*patch.grants)});
    }
    if (patch.field_rules) {
      VERP_CHECK(c.execute("DELETE FROM role_field_rules WHERE role_id = $1", {role_id}));
      for (const auto& rule : *patch.field_rules) {
        VERP_CHECK(c.execute("INSERT INTO role_field_rules (role_id, resource, field, access) VALUES ($1, $2, $3, $4)",
                             {role_id, rule.resource, rule.field, std::string(to_string(rule.access))}));
      }
      changes.push_back({.field = "field_rules", .before = rules_text(before->field_rules),
                         .after = rules_text(*patch.field_rules)});
    }
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "update", "role",
                                            std::to_string(role_id), audit::change_json(changes))));
    return {};
  }));
  VERP_TRY(auto after, list_roles(p, false));
  for (auto& role : after) {
    if (role.id == role_id) return role;
  }
  return not_found();
}

Result<UserSummary> Administration::add_member(const security::Principal& p, const NewMembership& membership,
                                               const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Result<UserSummary> {
    VERP_TRY(auto row, c.query_row("SELECT id FROM users WHERE user_name = $1",
                                   {internal::canonical_user_name(membership.user_name)}));
    Error unknown = make_error(ErrorKind::validation, "identity.unknown_user");
    unknown.field = "user_name";
    if (!row) return unknown;
    VERP_TRY(auto user_id, row->int64(0));
    // Only users of companies the admin also belongs to can be found: names elsewhere are unknown.
    VERP_TRY(auto shared, c.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id IN (" +
                                          id_list(p.company_ids) + ") LIMIT 1",
                                      {user_id}));
    if (!shared) return unknown;
    VERP_TRY(auto already, c.query_row("SELECT 1 FROM memberships WHERE user_id = $1 AND company_id = $2",
                                       {user_id, p.company_id}));
    if (already) {
      Error error = make_error(ErrorKind::conflict, "identity.already_member");
      error.field = "user_name";
      return error;
    }
    if (membership.department_id) {
      VERP_TRY(auto department, c.query_row("SELECT 1 FROM departments WHERE id = $1 AND company_id = $2",
                                            {*membership.department_id, p.company_id}));
      if (!department) {
        Error error = make_error(ErrorKind::validation, "identity.unknown_department");
        error.field = "department_id";
        return error;
      }
    }
    VERP_CHECK(c.execute("INSERT INTO memberships (user_id, company_id, department_id, is_default) VALUES ($1, $2, $3, $4)",
                         {user_id, p.company_id, membership.department_id, false}));
    VERP_CHECK(grant_roles(c, clock, user_id, p.company_id, membership.role_codes, p.user_id));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, p.company_id, "member.add", "user",
                                            std::to_string(user_id),
                                            audit::change_json({{.field = "company_id", .after = std::to_string(p.company_id)},
                                                                {.field = "roles", .after = joined(membership.role_codes)}}))));
    return load_user(c, user_id, p.company_id);
  });
}

Result<std::vector<std::pair<std::int64_t, std::string>>> Administration::list_companies(const security::Principal& p) {
  return service_.database().read([&](storage::Connection& c) -> Result<std::vector<std::pair<std::int64_t, std::string>>> {
    VERP_TRY(auto rows, c.query("SELECT id, name FROM companies WHERE id IN (" + id_list(p.company_ids) +
                                    ") ORDER BY id",
                                {}));
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& row : rows) {
      VERP_TRY(auto id, row.int64(0));
      VERP_TRY(auto name, row.text(1));
      out.emplace_back(id, std::move(name));
    }
    return out;
  });
}

Result<std::int64_t> Administration::create_company(const security::Principal& p, std::string_view code,
                                                    std::string_view name, const Caller& caller) {
  const Clock& clock = service_.clock();
  return service_.database().write([&](storage::Connection& c) -> Result<std::int64_t> {
    VERP_TRY(auto existing, c.query_row("SELECT 1 FROM companies WHERE code = $1", {std::string(code)}));
    if (existing) {
      Error error = make_error(ErrorKind::conflict, "identity.company_code_taken");
      error.field = "code";
      return error;
    }
    const auto now = stamp(clock.now());
    VERP_TRY(auto row, c.query_row("INSERT INTO companies (code, name, is_active, created_at, version) "
                                   "VALUES ($1, $2, $3, $4, 1) RETURNING id",
                                   {std::string(code), std::string(name), true, now}));
    VERP_TRY(auto company_id, row->int64(0));
    // The creator administers the new member company.
    VERP_CHECK(c.execute("INSERT INTO memberships (user_id, company_id, is_default) VALUES ($1, $2, $3)",
                         {p.user_id, company_id, false}));
    VERP_TRY(auto role_id, copy_role_template(c, clock, "administrator", company_id));
    VERP_CHECK(c.execute("INSERT INTO user_roles (user_id, company_id, role_id, granted_at, granted_by) "
                         "VALUES ($1, $2, $3, $4, $1)",
                         {p.user_id, company_id, role_id, now}));
    VERP_CHECK(audit::append(c, audit_entry(clock, caller, p.user_id, p.user_name, company_id, "create", "company",
                                            std::to_string(company_id),
                                            audit::change_json({{.field = "code", .after = std::string(code)},
                                                                {.field = "name", .after = std::string(name)}}))));
    return company_id;
  });
}

Result<std::vector<AccessReviewRow>> Administration::access_review(const security::Principal& p) {
  const auto now = service_.clock().now();
  VERP_TRY(auto users, list_users(p));
  return service_.database().read([&](storage::Connection& c) -> Result<std::vector<AccessReviewRow>> {
    std::vector<AccessReviewRow> rows;
    for (const auto& user : users) {
      AccessReviewRow row;
      row.user_id = user.id;
      row.user_name = user.user_name;
      row.display_name = user.display_name;
      row.active = user.active;
      row.totp_enabled = user.totp_enabled;
      row.last_sign_in_at = user.last_sign_in_at;
      row.unused = !user.last_sign_in_at || now - *user.last_sign_in_at > kUnusedAfter;
      row.roles = user.roles;
      auto principal = load_principal(c, user.id, p.company_id);
      if (principal) {
        for (const auto& g : principal->grants) {
          row.permissions.push_back(g.resource + ":" + g.action + "@" + std::string(to_string(g.scope)));
        }
        std::sort(row.permissions.begin(), row.permissions.end());
      }
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

}  // namespace verp::identity
