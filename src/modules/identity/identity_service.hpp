// IdentityService: sign-in, MFA, sessions, API tokens and the principal of each request.
// The HTTP routes (auth_routes.cpp, admin_routes.cpp) are thin wrappers around it.
//
// Every state change runs in one write transaction together with its audit record. Errors
// are values; messages are ids in messages.*.json. Thread-safe: it holds no mutable state of
// its own (everything lives in the database), so one instance serves every worker thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/module/module.hpp"
#include "platform/security/principal.hpp"
#include "platform/security/sms_gateway.hpp"
#include "platform/security/throttle.hpp"
#include "platform/storage/database.hpp"

namespace verp::identity {

struct IdentityOptions {
  std::chrono::minutes session_idle_timeout{30};
  std::chrono::hours session_absolute_timeout{12};
  security::ThrottlePolicy account_throttle{};
  security::ThrottlePolicy address_throttle{.free_failures = 20, .lockout_after = 100};
  int mfa_attempts_per_session = 5;
  std::chrono::minutes sms_code_lifetime{5};
  std::chrono::seconds sms_resend_after{60};
  int sms_codes_per_session = 5;
  std::string totp_issuer = "verp";
};

// Who is asking, for audit records and throttling.
struct Caller {
  std::string address;
  std::string user_agent;
  std::string request_id;
};

// What a session still has to do before it may use the application.
enum class SessionState { active, mfa_pending, mfa_enrolment_required, password_change_required };
std::string_view to_string(SessionState state);

struct IssuedSession {
  std::string token;  // the cookie value; shown once, stored as a digest
  std::string csrf_token;
  SessionState state = SessionState::active;
  std::int64_t session_id = 0;
  std::int64_t user_id = 0;
};

struct Authenticated {
  std::shared_ptr<const security::Principal> principal;
  SessionState state = SessionState::active;
  std::string csrf_token;  // empty for API tokens
};

struct SessionInfo {
  std::int64_t id = 0;
  std::string address;
  std::string user_agent;
  Clock::TimePoint created_at;
  Clock::TimePoint last_seen_at;
  bool current = false;
};

struct TotpEnrolment {
  std::string secret;
  std::string uri;
  std::string qr_svg;
};

struct NewApiToken {
  std::int64_t id = 0;
  std::string token;  // shown once
};

class IdentityService {
 public:
  IdentityService(ModuleContext& context, IdentityOptions options = {});

  // Throttled before any hashing; the answer never says whether the user name exists.
  Result<IssuedSession> sign_in(std::string_view user_name, std::string_view password, const Caller& caller);
  // Second factor for a session in mfa_pending: method "totp" or "recovery". Rotates the
  // session token (no fixation across the step up).
  Result<IssuedSession> verify_mfa(std::string_view session_token, std::string_view method, std::string_view code,
                                   const Caller& caller);
  Status sign_out(const security::Principal& principal, const Caller& caller);

  // The principal behind a session cookie or a bearer token, or unauthenticated.
  Result<Authenticated> authenticate_session(std::string_view token);
  Result<Authenticated> authenticate_bearer(std::string_view token);

  // Revokes every other session and rotates the caller's own.
  Result<IssuedSession> change_password(const security::Principal& principal, std::string_view current,
                                        std::string_view replacement, const Caller& caller);
  Result<IssuedSession> switch_company(const security::Principal& principal, std::int64_t company_id,
                                       const Caller& caller);

  Result<std::vector<SessionInfo>> sessions_of(const security::Principal& principal);
  Status revoke_session(const security::Principal& principal, std::int64_t session_id, const Caller& caller);

  Result<TotpEnrolment> begin_totp_enrolment(const security::Principal& principal, const Caller& caller);
  // Returns the 10 recovery codes, shown once.
  Result<std::vector<std::string>> confirm_totp_enrolment(const security::Principal& principal, std::string_view code,
                                                          const Caller& caller);

  // SMS as the second factor: a code to the account's verified phone for a session in
  // mfa_pending; enrolment sends a code to a new number and turns SMS on once it comes back.
  Status send_sign_in_code(std::string_view session_token, const Caller& caller);
  Status begin_sms_enrolment(const security::Principal& principal, std::string_view phone, const Caller& caller);
  Status confirm_sms_enrolment(const security::Principal& principal, std::string_view code, const Caller& caller);

  Result<NewApiToken> create_api_token(const security::Principal& principal, std::string_view name,
                                       const std::vector<security::Grant>& grants, Clock::TimePoint expires_at,
                                       const Caller& caller);
  Status revoke_api_token(const security::Principal& principal, std::int64_t token_id, const Caller& caller);

  storage::Database& database() { return context_.database; }
  const Clock& clock() const { return context_.clock; }
  ModuleContext& context() { return context_; }
  const IdentityOptions& options() const { return options_; }

 private:
  ModuleContext& context_;
  IdentityOptions options_;
  std::unique_ptr<security::SmsGateway> sms_;
};

// Builds the principal of `user_id` acting in `company_id` from memberships and roles.
// not_found when the user is inactive or not a member of that company.
Result<security::Principal> load_principal(storage::Connection& connection, std::int64_t user_id,
                                           std::int64_t company_id);

}  // namespace verp::identity
