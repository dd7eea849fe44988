#include "modules/identity/bootstrap.hpp"

#include "modules/identity/records.hpp"
#include "modules/identity/role_templates.hpp"
#include "platform/base/try.hpp"
#include "platform/security/password.hpp"
#include "platform/security/password_policy.hpp"
#include "platform/security/tokens.hpp"

namespace verp::identity {

using internal::stamp;

namespace {

constexpr std::string_view kAdminName = "admin";

Status replace_role_rules(storage::Connection& c, std::int64_t role_id, const RoleTemplate& role) {
  VERP_CHECK(c.execute("DELETE FROM role_grants WHERE role_id = $1", {role_id}));
  VERP_CHECK(c.execute("DELETE FROM role_field_rules WHERE role_id = $1", {role_id}));
  for (const auto& grant : role.grants) {
    VERP_CHECK(c.execute("INSERT INTO role_grants (role_id, resource, action, scope) VALUES ($1, $2, $3, $4)",
                         {role_id, grant.resource, grant.action, std::string(to_string(grant.scope))}));
  }
  for (const auto& rule : role.field_rules) {
    VERP_CHECK(c.execute("INSERT INTO role_field_rules (role_id, resource, field, access) VALUES ($1, $2, $3, $4)",
                         {role_id, rule.resource, rule.field, std::string(to_string(rule.access))}));
  }
  return {};
}

Result<std::int64_t> insert_role(storage::Connection& c, const Clock& clock, std::optional<std::int64_t> company_id,
                                 const RoleTemplate& role) {
  const auto now = stamp(clock.now());
  VERP_TRY(auto row, c.query_row("INSERT INTO roles (company_id, code, name, description, requires_mfa, created_at, "
                                 "updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $6, 1) RETURNING id",
                                 {company_id, role.code, role.name_zh, role.name_en, role.requires_mfa, now}));
  return row->int64(0);
}

Status refresh_templates(storage::Connection& c, const Clock& clock) {
  for (const auto& role : role_templates()) {
    VERP_TRY(auto row, c.query_row("SELECT id FROM roles WHERE company_id IS NULL AND code = $1", {role.code}));
    std::int64_t role_id = 0;
    if (row) {
      VERP_TRY(role_id, row->int64(0));
      VERP_CHECK(c.execute("UPDATE roles SET name = $1, description = $2, requires_mfa = $3 WHERE id = $4",
                           {role.name_zh, role.name_en, role.requires_mfa, role_id}));
    } else {
      VERP_TRY(role_id, insert_role(c, clock, std::nullopt, role));
    }
    VERP_CHECK(replace_role_rules(c, role_id, role));
  }
  return {};
}

Result<std::int64_t> scalar(storage::Connection& c, std::string_view sql) {
  VERP_TRY(auto row, c.query_row(sql, {}));
  return row->int64(0);
}

}  // namespace

Result<std::int64_t> copy_role_template(storage::Connection& c, const Clock& clock, std::string_view code,
                                        std::int64_t company_id) {
  for (const auto& role : role_templates()) {
    if (role.code != code) continue;
    VERP_TRY(auto role_id, insert_role(c, clock, company_id, role));
    VERP_CHECK(replace_role_rules(c, role_id, role));
    return role_id;
  }
  return make_error(ErrorKind::not_found, "identity.no_such_template");
}

Result<BootstrapReport> bootstrap(ModuleContext& context) {
  BootstrapReport report;
  std::string password = context.admin_password;
  if (password.empty()) {
    password = security::random_token(18);  // 24 characters of base64url
    report.generated_password = password;
  } else if (auto problems = security::check_password_policy(password, {.username = std::string(kAdminName)});
             !problems.empty()) {
    Error error = make_error(ErrorKind::validation, "security.password_rejected",
                             "VERP_ADMIN_PASSWORD breaks the password policy (" + problems.front().code + ")");
    error.fields = std::move(problems);
    return error;
  }

  return context.database.write([&](storage::Connection& c) -> Result<BootstrapReport> {
    // Several nodes may start at once on one PostgreSQL database: one bootstraps, the others
    // wait and then find the work done. (SQLite's single writer serialises this already.)
    if (c.dialect() == storage::Dialect::postgres) {
      VERP_CHECK(c.execute_script("SELECT pg_advisory_xact_lock(508851433475)"));
    }
    VERP_CHECK(refresh_templates(c, context.clock));
    VERP_TRY(auto users, scalar(c, "SELECT count(*) FROM users"));
    if (users > 0) return BootstrapReport{};

    const auto now = stamp(context.clock.now());
    VERP_TRY(auto company_row, c.query_row("SELECT id FROM companies ORDER BY id LIMIT 1", {}));
    std::int64_t company_id = 0;
    if (company_row) {
      VERP_TRY(company_id, company_row->int64(0));
    } else {
      VERP_TRY(auto inserted, c.query_row("INSERT INTO companies (code, name, is_active, created_at, version) "
                                          "VALUES ('MAIN', '总公司', $1, $2, 1) RETURNING id",
                                          {true, now}));
      VERP_TRY(company_id, inserted->int64(0));
    }
    VERP_TRY(auto hash, security::hash_password(password));
    VERP_TRY(auto user_row, c.query_row("INSERT INTO users (user_name, display_name, password_hash, "
                                        "must_change_password, is_active, totp_enabled, created_at, updated_at, "
                                        "password_changed_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7, 1) "
                                        "RETURNING id",
                                        {std::string(kAdminName), "系统管理员", hash,
                                         report.generated_password.has_value(), true, false, now}));
    VERP_TRY(auto user_id, user_row->int64(0));
    VERP_CHECK(c.execute("INSERT INTO memberships (user_id, company_id, is_default) VALUES ($1, $2, $3)",
                         {user_id, company_id, true}));
    VERP_TRY(auto role_id, copy_role_template(c, context.clock, "administrator", company_id));
    VERP_CHECK(c.execute("INSERT INTO user_roles (user_id, company_id, role_id, granted_at) VALUES ($1, $2, $3, $4)",
                         {user_id, company_id, role_id, now}));
    VERP_CHECK(audit::append(c, internal::audit_entry(context.clock, Caller{"local", "verp", "bootstrap"}, std::nullopt,
                                                      "system", company_id, "create", "user", std::to_string(user_id),
                                                      audit::change_json({{.field = "user_name", .after = "admin"},
                                                                          {.field = "role", .after = "administrator"}}))));
    report.created_admin = true;
    return report;
  });
}

}  // namespace verp::identity
