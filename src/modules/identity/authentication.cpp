// Who is calling: sessions and bearer tokens to principals.
#include <boost/json/parse.hpp>

#include "modules/identity/identity_service.hpp"
#include "modules/identity/records.hpp"
#include "modules/identity/role_templates.hpp"
#include "platform/base/try.hpp"
#include "platform/security/tokens.hpp"

namespace verp::identity {

using internal::stamp;

namespace {

// last_seen_at is written at most once a minute per session, not on every request.
constexpr auto kTouchInterval = std::chrono::minutes(1);

}  // namespace

Result<security::Principal> load_principal(storage::Connection& c, std::int64_t user_id, std::int64_t company_id) {
  security::Principal principal;
  principal.user_id = user_id;
  principal.company_id = company_id;
  VERP_TRY(auto user, c.query_row("SELECT user_name, display_name, is_active FROM users WHERE id = $1", {user_id}));
  if (!user) return make_error(ErrorKind::not_found, "error.not_found");
  VERP_TRY(principal.user_name, user->text(0));
  VERP_TRY(principal.display_name, user->text(1));
  VERP_TRY(bool active, user->boolean(2));
  if (!active) return make_error(ErrorKind::not_found, "error.not_found");

  VERP_TRY(auto memberships, c.query("SELECT m.company_id, m.department_id FROM memberships m JOIN companies co "
                                     "ON co.id = m.company_id WHERE m.user_id = $1 AND co.is_active ORDER BY m.company_id",
                                     {user_id}));
  bool member = false;
  for (const auto& row : memberships) {
    VERP_TRY(auto company, row.int64(0));
    principal.company_ids.push_back(company);
    if (company == company_id) {
      member = true;
      VERP_TRY(principal.department_id, row.get<std::optional<std::int64_t>>(1));
    }
  }
  if (!member) return make_error(ErrorKind::not_found, "error.not_found");

  VERP_TRY(auto grants, c.query("SELECT g.resource, g.action, g.scope FROM user_roles ur JOIN role_grants g "
                                "ON g.role_id = ur.role_id WHERE ur.user_id = $1 AND ur.company_id = $2",
                                {user_id, company_id}));
  for (const auto& row : grants) {
    security::Grant grant;
    VERP_TRY(grant.resource, row.text(0));
    VERP_TRY(grant.action, row.text(1));
    VERP_TRY(auto scope, row.text(2));
    // Stored values were written through to_string; unknown text reads as the company scope.
    grant.scope = parse_data_scope(scope).value_or(security::DataScope::company);
    principal.grants.push_back(std::move(grant));
  }
  VERP_TRY(auto rules, c.query("SELECT f.resource, f.field, f.access FROM user_roles ur JOIN role_field_rules f "
                               "ON f.role_id = ur.role_id WHERE ur.user_id = $1 AND ur.company_id = $2",
                               {user_id, company_id}));
  for (const auto& row : rules) {
    security::FieldRule rule;
    VERP_TRY(rule.resource, row.text(0));
    VERP_TRY(rule.field, row.text(1));
    VERP_TRY(auto access, row.text(2));
    // Unknown text reads as hidden: the safe side for a field rule.
    rule.access = parse_field_access(access).value_or(security::FieldAccess::hidden);
    principal.field_rules.push_back(std::move(rule));
  }
  return principal;
}

Result<Authenticated> IdentityService::authenticate_session(std::string_view token) {
  const auto now = clock().now();
  struct Found {
    std::int64_t session_id, user_id, company_id;
    std::string state, csrf;
    Clock::TimePoint last_seen;
  };
  VERP_TRY(auto found, database().read([&](storage::Connection& c) -> Result<Found> {
    VERP_TRY(auto row, c.query_row("SELECT id, user_id, company_id, state, csrf_token, last_seen_at, expires_at "
                                   "FROM sessions WHERE token_digest = $1 AND revoked_at IS NULL",
                                   {security::token_digest(token)}));
    if (!row) return internal::unauthenticated();
    Found f;
    VERP_TRY(f.session_id, row->int64(0));
    VERP_TRY(f.user_id, row->int64(1));
    VERP_TRY(f.company_id, row->int64(2));
    VERP_TRY(f.state, row->text(3));
    VERP_TRY(f.csrf, row->text(4));
    VERP_TRY(auto last_seen, row->timestamp(5));
    VERP_TRY(auto expires, row->timestamp(6));
    f.last_seen = last_seen.to_system();
    if (expires.to_system() <= now || f.last_seen + options_.session_idle_timeout <= now) {
      return internal::unauthenticated("security.session_expired");
    }
    return f;
  }));
  // A user deactivated or removed from the company since: the session no longer stands.
  VERP_TRY(auto principal, database().read([&](storage::Connection& c) -> Result<security::Principal> {
    auto loaded = load_principal(c, found.user_id, found.company_id);
    if (!loaded && loaded.error().kind == ErrorKind::not_found) return internal::unauthenticated();
    return loaded;
  }));
  if (now - found.last_seen >= kTouchInterval) {
    VERP_CHECK(database().write([&](storage::Connection& c) -> Status {
      VERP_CHECK(c.execute("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", {stamp(now), found.session_id}));
      return {};
    }));
  }
  principal.method = security::AuthMethod::session;
  principal.credential_id = found.session_id;
  return Authenticated{std::make_shared<const security::Principal>(std::move(principal)),
                       internal::parse_session_state(found.state), found.csrf};
}

Result<Authenticated> IdentityService::authenticate_bearer(std::string_view token) {
  const auto now = clock().now();
  std::optional<Clock::TimePoint> last_used;
  VERP_TRY(auto who, database().read([&](storage::Connection& c) -> Result<Authenticated> {
    VERP_TRY(auto row, c.query_row("SELECT id, user_id, company_id, grants, expires_at, last_used_at FROM api_tokens "
                                   "WHERE token_digest = $1 AND revoked_at IS NULL",
                                   {security::token_digest(token)}));
    if (!row) return internal::unauthenticated();
    VERP_TRY(auto token_id, row->int64(0));
    VERP_TRY(auto user_id, row->int64(1));
    VERP_TRY(auto company_id, row->int64(2));
    VERP_TRY(auto grants_json, row->text(3));
    VERP_TRY(auto expires, row->timestamp(4));
    VERP_TRY(auto used, row->get<std::optional<storage::Timestamp>>(5));
    if (used) last_used = used->to_system();
    if (expires.to_system() <= now) return internal::unauthenticated("security.token_expired");
    auto loaded = load_principal(c, user_id, company_id);
    if (!loaded && loaded.error().kind == ErrorKind::not_found) return internal::unauthenticated();
    VERP_TRY(auto principal, std::move(loaded));
    // A token can do at most what its owner can, and only what it was issued for.
    std::vector<security::Grant> scoped;
    boost::system::error_code ec;
    auto parsed = boost::json::parse(grants_json, ec);
    if (!ec && parsed.is_array()) {
      for (const auto& item : parsed.as_array()) {
        if (!item.is_object()) continue;
        const auto& object = item.as_object();
        const auto* resource = object.if_contains("resource");
        const auto* action = object.if_contains("action");
        if (resource == nullptr || action == nullptr || !resource->is_string() || !action->is_string()) continue;
        const std::string r(resource->as_string()), a(action->as_string());
        if (auto scope = principal.scope_for(r, a)) scoped.push_back({r, a, *scope});
      }
    }
    principal.grants = std::move(scoped);
    principal.method = security::AuthMethod::api_token;
    principal.credential_id = token_id;
    return Authenticated{std::make_shared<const security::Principal>(std::move(principal)), SessionState::active, ""};
  }));
  // Like a session's last_seen_at: written at most once a minute, so the list can show it.
  if (!last_used || now - *last_used >= kTouchInterval) {
    VERP_CHECK(database().write([&](storage::Connection& c) -> Status {
      VERP_CHECK(c.execute("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                           {stamp(now), who.principal->credential_id}));
      return {};
    }));
  }
  return who;
}

}  // namespace verp::identity
