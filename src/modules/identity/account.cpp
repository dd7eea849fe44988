// What signed-in users do to their own account: password, company, sessions, TOTP, tokens.
#include <boost/json/serialize.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "modules/identity/identity_service.hpp"
#include "modules/identity/records.hpp"
#include "platform/base/try.hpp"
#include "platform/security/field_cipher.hpp"
#include "platform/security/password.hpp"
#include "platform/security/password_policy.hpp"
#include "platform/security/tokens.hpp"
#include "platform/security/totp.hpp"

namespace verp::identity {

using internal::audit_entry;
using internal::stamp;

namespace {

Error password_rejected(std::vector<FieldError> problems) {
  Error error = make_error(ErrorKind::validation, "security.password_rejected");
  error.fields = std::move(problems);
  return error;
}

}  // namespace

Result<IssuedSession> IdentityService::change_password(const security::Principal& principal, std::string_view current,
                                                       std::string_view replacement, const Caller& caller) {
  struct Account {
    std::string hash, email;
    bool totp = false;
  };
  VERP_TRY(auto account, database().read([&](storage::Connection& c) -> Result<Account> {
    VERP_TRY(auto row, c.query_row("SELECT password_hash, email, totp_enabled FROM users WHERE id = $1",
                                   {principal.user_id}));
    if (!row) return internal::unauthenticated();
    Account a;
    VERP_TRY(a.hash, row->text(0));
    VERP_TRY(auto email, row->get<std::optional<std::string>>(1));
    a.email = email.value_or("");
    VERP_TRY(a.totp, row->boolean(2));
    return a;
  }));
  if (!security::verify_password(account.hash, current)) {
    Error error = make_error(ErrorKind::validation, "security.current_password_wrong");
    error.field = "current_password";
    return error;
  }
  auto problems = security::check_password_policy(
      replacement, {.username = principal.user_name, .display_name = principal.display_name, .email = account.email,
                    .has_mfa = account.totp});
  if (!problems.empty()) return password_rejected(std::move(problems));
  VERP_TRY(auto hash, security::hash_password(replacement));
  return database().write([&](storage::Connection& c) -> Result<IssuedSession> {
    const auto now = clock().now();
    VERP_CHECK(c.execute("UPDATE users SET password_hash = $1, must_change_password = $2, password_changed_at = $3, "
                         "updated_at = $3, version = version + 1 WHERE id = $4",
                         {hash, false, stamp(now), principal.user_id}));
    // Every session of the account ends, the caller's included; the caller gets a fresh one.
    VERP_CHECK(internal::revoke_sessions_of(c, clock(), principal.user_id, std::nullopt));
    VERP_TRY(auto issued, internal::issue_session(c, clock(), options_, principal.user_id, principal.company_id,
                                                  SessionState::active, caller));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "password.change", "user",
                                            std::to_string(principal.user_id),
                                            audit::change_json({{.field = "password_hash", .before = "old",
                                                                 .after = "new", .sensitive = true}}))));
    return issued;
  });
}

Result<IssuedSession> IdentityService::switch_company(const security::Principal& principal, std::int64_t company_id,
                                                      const Caller& caller) {
  if (!principal.belongs_to(company_id)) return make_error(ErrorKind::not_found, "error.not_found");
  return database().write([&](storage::Connection& c) -> Result<IssuedSession> {
    VERP_CHECK(c.execute("UPDATE sessions SET revoked_at = $1 WHERE id = $2",
                         {stamp(clock().now()), principal.credential_id}));
    VERP_TRY(auto issued, internal::issue_session(c, clock(), options_, principal.user_id, company_id,
                                                  SessionState::active, caller));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name, company_id,
                                            "company.switch", "session", std::to_string(issued.session_id),
                                            audit::detail_json({{"from", std::to_string(principal.company_id)},
                                                                {"to", std::to_string(company_id)}}))));
    return issued;
  });
}

Result<std::vector<SessionInfo>> IdentityService::sessions_of(const security::Principal& principal) {
  const auto now = clock().now();
  return database().read([&](storage::Connection& c) -> Result<std::vector<SessionInfo>> {
    VERP_TRY(auto rows, c.query("SELECT id, address, user_agent, created_at, last_seen_at FROM sessions "
                                "WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY id",
                                {principal.user_id, stamp(now)}));
    std::vector<SessionInfo> out;
    for (const auto& row : rows) {
      SessionInfo info;
      VERP_TRY(info.id, row.int64(0));
      VERP_TRY(info.address, row.text(1));
      VERP_TRY(info.user_agent, row.text(2));
      VERP_TRY(auto created, row.timestamp(3));
      VERP_TRY(auto seen, row.timestamp(4));
      info.created_at = created.to_system();
      info.last_seen_at = seen.to_system();
      if (info.last_seen_at + options_.session_idle_timeout <= now) continue;
      info.current = principal.method == security::AuthMethod::session && info.id == principal.credential_id;
      out.push_back(std::move(info));
    }
    return out;
  });
}

Status IdentityService::revoke_session(const security::Principal& principal, std::int64_t session_id,
                                       const Caller& caller) {
  return database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(auto changed, c.execute("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 "
                                     "AND revoked_at IS NULL",
                                     {stamp(clock().now()), session_id, principal.user_id}));
    // Someone else's session is as absent as a missing one.
    if (changed == 0) return make_error(ErrorKind::not_found, "error.not_found");
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "session.revoke", "session",
                                            std::to_string(session_id))));
    return {};
  });
}

Result<TotpEnrolment> IdentityService::begin_totp_enrolment(const security::Principal& principal,
                                                            const Caller& caller) {
  TotpEnrolment enrolment;
  enrolment.secret = security::new_totp_secret();
  enrolment.uri = security::totp_uri(enrolment.secret, options_.totp_issuer, principal.user_name);
  VERP_TRY(enrolment.qr_svg, security::qr_svg(enrolment.uri));
  VERP_TRY(auto sealed, context_.cipher.seal(enrolment.secret));
  VERP_CHECK(database().write([&](storage::Connection& c) -> Status {
    // Enrolling again replaces an unconfirmed secret; a confirmed one stays until the new one is confirmed.
    VERP_TRY(auto row, c.query_row("SELECT totp_enabled FROM users WHERE id = $1", {principal.user_id}));
    if (!row) return internal::unauthenticated();
    VERP_TRY(bool enabled, row->boolean(0));
    if (enabled) return make_error(ErrorKind::conflict, "security.totp_already_enabled");
    VERP_CHECK(c.execute("UPDATE users SET totp_secret = $1, totp_last_step = NULL WHERE id = $2",
                         {sealed, principal.user_id}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "mfa.enrol_start", "user",
                                            std::to_string(principal.user_id))));
    return {};
  }));
  return enrolment;
}

Result<std::vector<std::string>> IdentityService::confirm_totp_enrolment(const security::Principal& principal,
                                                                         std::string_view code, const Caller& caller) {
  const auto now = clock().now();
  auto codes = security::new_recovery_codes(10);
  return database().write([&](storage::Connection& c) -> Result<std::vector<std::string>> {
    VERP_TRY(auto row, c.query_row("SELECT totp_secret, totp_enabled FROM users WHERE id = $1", {principal.user_id}));
    if (!row) return internal::unauthenticated();
    VERP_TRY(auto sealed, row->get<std::optional<std::string>>(0));
    VERP_TRY(bool enabled, row->boolean(1));
    if (enabled) return make_error(ErrorKind::conflict, "security.totp_already_enabled");
    if (!sealed) return make_error(ErrorKind::conflict, "security.totp_not_started");
    VERP_TRY(auto secret, context_.cipher.open(*sealed));
    auto step = security::verify_totp(secret, code, now);
    if (!step) {
      Error error = make_error(ErrorKind::validation, "security.totp_code_wrong");
      error.field = "code";
      return error;
    }
    VERP_CHECK(c.execute("UPDATE users SET totp_enabled = $1, totp_last_step = $2, updated_at = $3, "
                         "version = version + 1 WHERE id = $4",
                         {true, *step, stamp(now), principal.user_id}));
    VERP_CHECK(c.execute("DELETE FROM recovery_codes WHERE user_id = $1", {principal.user_id}));
    for (const auto& recovery : codes) {
      VERP_CHECK(c.execute("INSERT INTO recovery_codes (user_id, code_digest) VALUES ($1, $2)",
                           {principal.user_id, security::token_digest(security::normalize_recovery_code(recovery))}));
    }
    // A session that had to enrol may now work.
    VERP_CHECK(c.execute("UPDATE sessions SET state = 'active' WHERE id = $1 AND state = 'mfa_enrolment_required'",
                         {principal.credential_id}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "mfa.enrol", "user",
                                            std::to_string(principal.user_id))));
    return codes;
  });
}

Result<NewApiToken> IdentityService::create_api_token(const security::Principal& principal, std::string_view name,
                                                      const std::vector<security::Grant>& grants,
                                                      Clock::TimePoint expires_at, const Caller& caller) {
  if (expires_at <= clock().now()) {
    Error error = make_error(ErrorKind::validation, "security.token_expiry_past");
    error.field = "expires_at";
    return error;
  }
  boost::json::array list;
  for (const auto& grant : grants) list.push_back({{"resource", grant.resource}, {"action", grant.action}});
  NewApiToken created;
  created.token = "verp_" + security::random_token(32);
  return database().write([&](storage::Connection& c) -> Result<NewApiToken> {
    VERP_TRY(auto row, c.query_row("INSERT INTO api_tokens (user_id, company_id, name, token_digest, grants, "
                                   "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                   {principal.user_id, principal.company_id, std::string(name),
                                    security::token_digest(created.token), boost::json::serialize(list),
                                    stamp(clock().now()), stamp(expires_at)}));
    VERP_TRY(created.id, row->int64(0));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "api_token.create", "api_token",
                                            std::to_string(created.id),
                                            audit::detail_json({{"name", std::string(name)},
                                                                {"grants", boost::json::serialize(list)}}))));
    return created;
  });
}

Status IdentityService::revoke_api_token(const security::Principal& principal, std::int64_t token_id,
                                         const Caller& caller) {
  return database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(auto changed, c.execute("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 "
                                     "AND revoked_at IS NULL",
                                     {stamp(clock().now()), token_id, principal.user_id}));
    if (changed == 0) return make_error(ErrorKind::not_found, "error.not_found");
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "api_token.revoke", "api_token",
                                            std::to_string(token_id))));
    return {};
  });
}

}  // namespace verp::identity
