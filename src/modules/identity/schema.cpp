#include "modules/identity/schema.hpp"

namespace verp::identity {
namespace {

using storage::Column;
using storage::ColumnType;
using storage::Index;
using storage::OnDelete;
using storage::Reference;
using storage::TableDef;

Column id() { return {.name = "id", .type = ColumnType::int64, .not_null = true, .identity = true}; }
Column text(std::string name, bool required = true) { return {.name = std::move(name), .type = ColumnType::text, .not_null = required}; }
Column flag(std::string name, bool initial) {
  return {.name = std::move(name), .type = ColumnType::boolean, .not_null = true, .default_value = storage::Value(initial)};
}
Column number(std::string name, bool required = true) {
  return {.name = std::move(name), .type = ColumnType::int64, .not_null = required};
}
Column counter(std::string name) {
  return {.name = std::move(name), .type = ColumnType::int64, .not_null = true, .default_value = storage::Value(0)};
}
Column time(std::string name, bool required = true) {
  return {.name = std::move(name), .type = ColumnType::timestamp, .not_null = required};
}
Column link(std::string name, std::string table, bool required = true, OnDelete on_delete = OnDelete::no_action) {
  return {.name = std::move(name),
          .type = ColumnType::int64,
          .not_null = required,
          .references = Reference{.table = std::move(table), .column = "id", .on_delete = on_delete}};
}

}  // namespace

std::vector<TableDef> identity_tables() {
  return {
      TableDef{.name = "companies",
               .columns = {id(), text("code"), text("name"), flag("is_active", true), time("created_at"),
                           counter("version")},
               .indexes = {Index{.name = "companies_code_key", .columns = {"code"}, .unique = true}}},
      TableDef{.name = "departments",
               .columns = {id(), link("company_id", "companies"), text("code"), text("name"),
                           link("parent_id", "departments", false), number("head_user_id", false), time("created_at"),
                           counter("version")},
               .indexes = {Index{.name = "departments_company_code_key", .columns = {"company_id", "code"}, .unique = true}}},
      TableDef{.name = "users",
               .columns = {id(), text("user_name"), text("display_name"), text("email", false), text("phone", false),
                           text("password_hash"), flag("must_change_password", false), flag("is_active", true),
                           text("totp_secret", false), flag("totp_enabled", false), number("totp_last_step", false),
                           flag("sms_mfa_enabled", false),
                           time("created_at"), time("updated_at"), time("password_changed_at"),
                           time("last_sign_in_at", false), counter("version")},
               .indexes = {Index{.name = "users_user_name_key", .columns = {"user_name"}, .unique = true}}},
      TableDef{.name = "memberships",
               .columns = {link("user_id", "users", true, OnDelete::cascade), link("company_id", "companies"),
                           link("department_id", "departments", false), flag("is_default", false)},
               .primary_key = {"user_id", "company_id"}},
      TableDef{.name = "roles",
               .columns = {id(), link("company_id", "companies", false), text("code"), text("name"),
                           text("description", false), flag("requires_mfa", false), time("created_at"),
                           time("updated_at"), counter("version")},
               .indexes = {Index{.name = "roles_company_code_key", .columns = {"company_id", "code"}, .unique = true}}},
      TableDef{.name = "role_grants",
               .columns = {link("role_id", "roles", true, OnDelete::cascade), text("resource"), text("action"),
                           text("scope")},
               .primary_key = {"role_id", "resource", "action"}},
      TableDef{.name = "role_field_rules",
               .columns = {link("role_id", "roles", true, OnDelete::cascade), text("resource"), text("field"),
                           text("access")},
               .primary_key = {"role_id", "resource", "field"}},
      TableDef{.name = "user_roles",
               .columns = {link("user_id", "users", true, OnDelete::cascade), link("company_id", "companies"),
                           link("role_id", "roles", true, OnDelete::cascade), time("granted_at"),
                           number("granted_by", false)},
               .primary_key = {"user_id", "company_id", "role_id"}},
      TableDef{.name = "sessions",
               .columns = {id(), text("token_digest"), text("csrf_token"), link("user_id", "users", true, OnDelete::cascade),
                           link("company_id", "companies"), text("state"), time("created_at"), time("last_seen_at"),
                           time("expires_at"), text("address"), text("user_agent"), time("revoked_at", false),
                           counter("mfa_attempts")},
               .indexes = {Index{.name = "sessions_token_digest_key", .columns = {"token_digest"}, .unique = true},
                           Index{.name = "sessions_user_idx", .columns = {"user_id"}}}},
      TableDef{.name = "api_tokens",
               .columns = {id(), link("user_id", "users", true, OnDelete::cascade), link("company_id", "companies"),
                           text("name"), text("token_digest"), text("grants"), time("created_at"), time("expires_at"),
                           time("last_used_at", false), time("revoked_at", false)},
               .indexes = {Index{.name = "api_tokens_token_digest_key", .columns = {"token_digest"}, .unique = true}}},
      TableDef{.name = "recovery_codes",
               .columns = {link("user_id", "users", true, OnDelete::cascade), text("code_digest"), time("used_at", false)},
               .primary_key = {"user_id", "code_digest"}},
      TableDef{.name = "one_time_codes",
               .columns = {id(), link("user_id", "users", true, OnDelete::cascade), number("session_id", false),
                           text("purpose"), text("phone"), text("code_digest"), time("created_at"), time("expires_at"),
                           counter("attempts"), time("used_at", false)},
               .indexes = {Index{.name = "one_time_codes_user_idx", .columns = {"user_id", "purpose"}}}},
      TableDef{.name = "sign_in_throttle",
               .columns = {text("throttle_key"), counter("failures"), time("last_failure_at")},
               .primary_key = {"throttle_key"}},
  };
}

}  // namespace verp::identity
