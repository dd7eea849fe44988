// Signing in: password, throttling, the MFA step, signing out.
#include <algorithm>

#include "modules/identity/identity_service.hpp"
#include "modules/identity/records.hpp"
#include "platform/base/try.hpp"
#include "platform/security/field_cipher.hpp"
#include "platform/security/password.hpp"
#include "platform/security/tokens.hpp"
#include "platform/security/totp.hpp"

namespace verp::identity {

using internal::audit_entry;
using internal::stamp;

IdentityService::IdentityService(ModuleContext& context, IdentityOptions options)
    : context_(context), options_(std::move(options)), sms_(security::make_webhook_sms_gateway(context.sms_webhook)) {}

namespace {

struct ThrottleRow {
  std::string key;
  security::ThrottleState state;
  const security::ThrottlePolicy* policy;
};

// Counters older than the lockout are forgotten: throttling is about bursts, not history.
Result<security::ThrottleState> read_throttle(storage::Connection& c, const std::string& key,
                                              const security::ThrottlePolicy& policy, Clock::TimePoint now) {
  VERP_TRY(auto row, c.query_row("SELECT failures, last_failure_at FROM sign_in_throttle WHERE throttle_key = $1", {key}));
  security::ThrottleState state;
  if (!row) return state;
  VERP_TRY(auto failures, row->int64(0));
  VERP_TRY(auto last, row->timestamp(1));
  state.consecutive_failures = static_cast<int>(failures);
  state.last_failure = last.to_system();
  if (now - state.last_failure > policy.lockout) state = {};
  return state;
}

Status record_failure(storage::Connection& c, const ThrottleRow& row, Clock::TimePoint now) {
  VERP_CHECK(c.execute(
      "INSERT INTO sign_in_throttle (throttle_key, failures, last_failure_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (throttle_key) DO UPDATE SET failures = $2, last_failure_at = $3",
      {row.key, row.state.consecutive_failures + 1, stamp(now)}));
  return {};
}

Error rate_limited(std::chrono::seconds wait) {
  Error error = make_error(ErrorKind::rate_limited, "http.too_many_requests");
  error.with_arg("seconds", std::to_string(std::max<long long>(1, wait.count())));
  return error;
}

struct UserRow {
  std::int64_t id = 0;
  std::string user_name;
  std::string password_hash;
  bool active = false;
  bool must_change_password = false;
  bool totp_enabled = false;
  bool sms_enabled = false;
};

Result<std::optional<UserRow>> find_user(storage::Connection& c, const std::string& user_name) {
  VERP_TRY(auto row, c.query_row("SELECT id, user_name, password_hash, is_active, must_change_password, totp_enabled, sms_mfa_enabled "
                                 "FROM users WHERE user_name = $1",
                                 {user_name}));
  if (!row) return std::optional<UserRow>{};
  UserRow user;
  VERP_TRY(user.id, row->int64(0));
  VERP_TRY(user.user_name, row->text(1));
  VERP_TRY(user.password_hash, row->text(2));
  VERP_TRY(user.active, row->boolean(3));
  VERP_TRY(user.must_change_password, row->boolean(4));
  VERP_TRY(user.totp_enabled, row->boolean(5));
  VERP_TRY(user.sms_enabled, row->boolean(6));
  return std::optional<UserRow>{user};
}

}  // namespace

Result<IssuedSession> IdentityService::sign_in(std::string_view typed_name, std::string_view password,
                                               const Caller& caller) {
  const std::string user_name = internal::canonical_user_name(typed_name);
  const auto now = clock().now();
  ThrottleRow account{"user:" + user_name, {}, &options_.account_throttle};
  ThrottleRow address{"addr:" + caller.address, {}, &options_.address_throttle};

  // 1. Throttle before hashing: Argon2id costs ~70 ms of CPU, so unthrottled attempts would be
  //    a denial-of-service lever. Applies whether or not the user exists.
  VERP_TRY(auto user, database().read([&](storage::Connection& c) -> Result<std::optional<UserRow>> {
    for (ThrottleRow* row : {&account, &address}) {
      VERP_TRY(row->state, read_throttle(c, row->key, *row->policy, now));
      const auto allowed = security::next_attempt_allowed(row->state, *row->policy);
      if (allowed > now) return rate_limited(std::chrono::duration_cast<std::chrono::seconds>(allowed - now));
    }
    return find_user(c, user_name);
  }));

  // 2. Verify outside any transaction: no connection is held during the slow hash.
  bool valid = false;
  if (user && user->active) {
    valid = security::verify_password(user->password_hash, password);
  } else {
    security::verify_password_against_dummy(password);
  }

  if (!valid) {
    VERP_CHECK(database().write([&](storage::Connection& c) -> Status {
      VERP_CHECK(record_failure(c, account, now));
      VERP_CHECK(record_failure(c, address, now));
      const std::optional<std::int64_t> known = user ? std::optional<std::int64_t>(user->id) : std::nullopt;
      // Attempts on a known account go into its company's log, where its auditors look.
      std::optional<std::int64_t> company;
      if (known) {
        VERP_TRY(company, internal::home_company(c, *known));
      }
      VERP_CHECK(audit::append(c, audit_entry(clock(), caller, known, std::string(typed_name.substr(0, 100)),
                                              company, "sign_in.failure", "user",
                                              known ? std::to_string(*known) : "",
                                              audit::detail_json({{"reason", user ? "password" : "unknown_user"}}))));
      return {};
    }));
    return internal::unauthenticated("security.sign_in_failed");
  }

  return database().write([&](storage::Connection& c) -> Result<IssuedSession> {
    VERP_CHECK(c.execute("DELETE FROM sign_in_throttle WHERE throttle_key = $1", {account.key}));
    VERP_TRY(auto company, internal::home_company(c, user->id));
    if (!company) return make_error(ErrorKind::forbidden, "security.no_company");
    SessionState state = SessionState::active;
    if (user->totp_enabled || user->sms_enabled) {
      state = SessionState::mfa_pending;
    } else {
      VERP_TRY(bool mfa_required, internal::roles_require_mfa(c, user->id, *company));
      if (mfa_required) state = SessionState::mfa_enrolment_required;
      else if (user->must_change_password) state = SessionState::password_change_required;
    }
    VERP_TRY(auto issued, internal::issue_session(c, clock(), options_, user->id, *company, state, caller));
    VERP_CHECK(c.execute("UPDATE users SET last_sign_in_at = $1 WHERE id = $2", {stamp(now), user->id}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, user->id, user->user_name, *company, "sign_in.success",
                                            "session", std::to_string(issued.session_id),
                                            audit::detail_json({{"state", std::string(to_string(state))}}))));
    return issued;
  });
}

Result<IssuedSession> IdentityService::verify_mfa(std::string_view session_token, std::string_view method,
                                                  std::string_view code, const Caller& caller) {
  const auto now = clock().now();
  // Verdicts that must survive a failed check (attempt counters, revocation) are committed
  // by returning the value, not an error, from the transaction function.
  struct Verdict {
    std::optional<IssuedSession> issued;
    std::optional<Error> error;
  };
  VERP_TRY(auto verdict, database().write([&](storage::Connection& c) -> Result<Verdict> {
    VERP_TRY(auto row, c.query_row(
                           "SELECT s.id, s.user_id, s.company_id, s.state, s.mfa_attempts, s.expires_at, u.user_name, "
                           "u.totp_secret, u.totp_last_step, u.must_change_password FROM sessions s "
                           "JOIN users u ON u.id = s.user_id WHERE s.token_digest = $1 AND s.revoked_at IS NULL",
                           {security::token_digest(session_token)}));
    if (!row) return internal::unauthenticated();
    VERP_TRY(auto session_id, row->int64(0));
    VERP_TRY(auto user_id, row->int64(1));
    VERP_TRY(auto company_id, row->int64(2));
    VERP_TRY(auto state, row->text(3));
    VERP_TRY(auto attempts, row->int64(4));
    VERP_TRY(auto expires, row->timestamp(5));
    VERP_TRY(auto user_name, row->text(6));
    VERP_TRY(auto sealed_secret, row->get<std::optional<std::string>>(7));
    VERP_TRY(auto last_step, row->get<std::optional<std::int64_t>>(8));
    VERP_TRY(auto must_change, row->boolean(9));
    if (state != "mfa_pending" || expires.to_system() <= now) return internal::unauthenticated();

    bool accepted = false;
    std::optional<std::int64_t> accepted_step;
    if (method == "totp" && sealed_secret) {
      VERP_TRY(auto secret, context_.cipher.open(*sealed_secret));
      auto step = security::verify_totp(secret, code, now);
      // A code is good once: a step at or before the last accepted one is a replay.
      if (step && (!last_step || *step > *last_step)) {
        accepted = true;
        accepted_step = step;
      }
    } else if (method == "sms") {
      // The newest unused sign-in code of this session, within its lifetime and attempts.
      VERP_TRY(auto sms, c.query_row("SELECT id, code_digest, expires_at, attempts FROM one_time_codes "
                                     "WHERE session_id = $1 AND purpose = 'sign_in' AND used_at IS NULL "
                                     "ORDER BY id DESC LIMIT 1",
                                     {session_id}));
      if (sms) {
        VERP_TRY(auto code_id, sms->int64(0));
        VERP_TRY(auto digest, sms->text(1));
        VERP_TRY(auto code_expires, sms->timestamp(2));
        VERP_TRY(auto code_attempts, sms->int64(3));
        if (code_expires.to_system() > now && code_attempts < options_.mfa_attempts_per_session &&
            security::constant_time_equal(digest, security::token_digest(code))) {
          accepted = true;
          VERP_CHECK(c.execute("UPDATE one_time_codes SET used_at = $1 WHERE id = $2", {stamp(now), code_id}));
        } else {
          VERP_CHECK(c.execute("UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = $1", {code_id}));
        }
      }
    } else if (method == "recovery") {
      VERP_TRY(auto used, c.execute("UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_digest = $3 "
                                    "AND used_at IS NULL",
                                    {stamp(now), user_id, security::token_digest(security::normalize_recovery_code(code))}));
      accepted = used == 1;
    }

    if (!accepted) {
      const bool exhausted = attempts + 1 >= options_.mfa_attempts_per_session;
      VERP_CHECK(c.execute("UPDATE sessions SET mfa_attempts = mfa_attempts + 1, revoked_at = $2 WHERE id = $1",
                           {session_id, exhausted ? storage::Value(stamp(now)) : storage::Value()}));
      VERP_CHECK(audit::append(c, audit_entry(clock(), caller, user_id, user_name, company_id, "mfa.failure", "session",
                                              std::to_string(session_id),
                                              audit::detail_json({{"method", std::string(method)},
                                                                  {"session_revoked", exhausted ? "true" : "false"}}))));
      return Verdict{std::nullopt, internal::unauthenticated("security.mfa_failed")};
    }
    if (accepted_step) {
      VERP_CHECK(c.execute("UPDATE users SET totp_last_step = $1 WHERE id = $2", {*accepted_step, user_id}));
    }
    // The pre-MFA token is retired and a new one issued: no session fixation across the step.
    VERP_CHECK(c.execute("UPDATE sessions SET revoked_at = $1 WHERE id = $2", {stamp(now), session_id}));
    const auto next = must_change ? SessionState::password_change_required : SessionState::active;
    VERP_TRY(auto issued, internal::issue_session(c, clock(), options_, user_id, company_id, next, caller));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, user_id, user_name, company_id, "mfa.success", "session",
                                            std::to_string(issued.session_id),
                                            audit::detail_json({{"method", std::string(method)}}))));
    return Verdict{issued, std::nullopt};
  }));
  if (verdict.error) return *verdict.error;
  return *verdict.issued;
}

Status IdentityService::sign_out(const security::Principal& principal, const Caller& caller) {
  return database().write([&](storage::Connection& c) -> Status {
    VERP_CHECK(c.execute("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                         {stamp(clock().now()), principal.credential_id}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "sign_out", "session",
                                            std::to_string(principal.credential_id))));
    return {};
  });
}

}  // namespace verp::identity
