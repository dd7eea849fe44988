// SMS one-time codes: at sign-in (second factor) and when a user enrols a phone number.
// Codes are 6 random digits, stored as digests, valid for 5 minutes, tried at most 5 times.
// The text leaves only after the code is committed, so a failed send never leaves a code
// nobody received; a retry simply sends a new one.
#include "modules/identity/identity_service.hpp"
#include "modules/identity/records.hpp"
#include "platform/base/try.hpp"
#include "platform/security/tokens.hpp"

namespace verp::identity {

using internal::audit_entry;
using internal::stamp;

namespace {

std::string sms_text(std::string_view code, std::chrono::minutes lifetime) {
  return "【verp】验证码 " + std::string(code) + "，" + std::to_string(lifetime.count()) +
         " 分钟内有效，请勿告诉他人。Your verp code is " + std::string(code) + ".";
}

// "+8613800138000", "13800138000", "+1 650 555 0100": digits with an optional leading '+',
// spaces and dashes ignored, 6 to 15 digits (E.164).
std::optional<std::string> normalised_phone(std::string_view phone) {
  std::string out;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c == '+' && out.empty()) out += c;
    else if (c >= '0' && c <= '9') out += c;
    else if (c != ' ' && c != '-') return std::nullopt;
  }
  const std::size_t digits = out.size() - (out.starts_with('+') ? 1 : 0);
  if (digits < 6 || digits > 15) return std::nullopt;
  return out;
}

Error too_soon(std::chrono::seconds wait) {
  Error error = make_error(ErrorKind::rate_limited, "http.too_many_requests");
  error.with_arg("seconds", std::to_string(std::max<long long>(1, wait.count())));
  return error;
}

}  // namespace

Status IdentityService::send_sign_in_code(std::string_view session_token, const Caller& caller) {
  const auto now = clock().now();
  const std::string code = security::random_digits(6);
  struct Outgoing {
    std::string phone;
  };
  VERP_TRY(auto outgoing, database().write([&](storage::Connection& c) -> Result<Outgoing> {
    VERP_TRY(auto row, c.query_row("SELECT s.id, s.user_id, s.company_id, s.state, u.user_name, u.phone, "
                                   "u.sms_mfa_enabled FROM sessions s JOIN users u ON u.id = s.user_id "
                                   "WHERE s.token_digest = $1 AND s.revoked_at IS NULL AND s.expires_at > $2",
                                   {security::token_digest(session_token), stamp(now)}));
    if (!row) return internal::unauthenticated();
    VERP_TRY(auto session_id, row->int64(0));
    VERP_TRY(auto user_id, row->int64(1));
    VERP_TRY(auto company_id, row->int64(2));
    VERP_TRY(auto state, row->text(3));
    VERP_TRY(auto user_name, row->text(4));
    VERP_TRY(auto phone, row->get<std::optional<std::string>>(5));
    VERP_TRY(bool enabled, row->boolean(6));
    if (state != "mfa_pending" || !enabled || !phone) return make_error(ErrorKind::conflict, "security.sms_not_enrolled");
    VERP_TRY(auto sent, c.query("SELECT created_at FROM one_time_codes WHERE session_id = $1 AND purpose = 'sign_in' "
                                "ORDER BY id DESC",
                                {session_id}));
    if (static_cast<int>(sent.size()) >= options_.sms_codes_per_session) {
      return make_error(ErrorKind::rate_limited, "security.sms_limit_reached");
    }
    if (!sent.empty()) {
      VERP_TRY(auto last, sent[0].timestamp(0));
      const auto next = last.to_system() + options_.sms_resend_after;
      if (next > now) return too_soon(std::chrono::duration_cast<std::chrono::seconds>(next - now));
    }
    VERP_CHECK(c.execute("INSERT INTO one_time_codes (user_id, session_id, purpose, phone, code_digest, created_at, "
                         "expires_at, attempts) VALUES ($1, $2, 'sign_in', $3, $4, $5, $6, 0)",
                         {user_id, session_id, *phone, security::token_digest(code), stamp(now),
                          stamp(now + options_.sms_code_lifetime)}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, user_id, user_name, company_id, "mfa.sms_sent", "session",
                                            std::to_string(session_id))));
    return Outgoing{*phone};
  }));
  return sms_->send(outgoing.phone, sms_text(code, options_.sms_code_lifetime), "sign_in");
}

Status IdentityService::begin_sms_enrolment(const security::Principal& principal, std::string_view phone,
                                            const Caller& caller) {
  auto number = normalised_phone(phone);
  if (!number) {
    Error error = make_error(ErrorKind::validation, "security.phone_invalid");
    error.field = "phone";
    return error;
  }
  const auto now = clock().now();
  const std::string code = security::random_digits(6);
  VERP_CHECK(database().write([&](storage::Connection& c) -> Status {
    VERP_TRY(auto last, c.query_row("SELECT created_at FROM one_time_codes WHERE user_id = $1 AND purpose = 'enrol' "
                                    "ORDER BY id DESC LIMIT 1",
                                    {principal.user_id}));
    if (last) {
      VERP_TRY(auto at, last->timestamp(0));
      const auto next = at.to_system() + options_.sms_resend_after;
      if (next > now) return too_soon(std::chrono::duration_cast<std::chrono::seconds>(next - now));
    }
    VERP_CHECK(c.execute("INSERT INTO one_time_codes (user_id, purpose, phone, code_digest, created_at, expires_at, "
                         "attempts) VALUES ($1, 'enrol', $2, $3, $4, $5, 0)",
                         {principal.user_id, *number, security::token_digest(code), stamp(now),
                          stamp(now + options_.sms_code_lifetime)}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "mfa.sms_enrol_start", "user",
                                            std::to_string(principal.user_id))));
    return {};
  }));
  return sms_->send(*number, sms_text(code, options_.sms_code_lifetime), "enrol");
}

Status IdentityService::confirm_sms_enrolment(const security::Principal& principal, std::string_view code,
                                              const Caller& caller) {
  const auto now = clock().now();
  struct Verdict {
    std::optional<Error> error;
  };
  VERP_TRY(auto verdict, database().write([&](storage::Connection& c) -> Result<Verdict> {
    VERP_TRY(auto row, c.query_row("SELECT id, phone, code_digest, expires_at, attempts FROM one_time_codes "
                                   "WHERE user_id = $1 AND purpose = 'enrol' AND used_at IS NULL "
                                   "ORDER BY id DESC LIMIT 1",
                                   {principal.user_id}));
    Error wrong = make_error(ErrorKind::validation, "security.sms_code_wrong");
    wrong.field = "code";
    if (!row) return Verdict{wrong};
    VERP_TRY(auto code_id, row->int64(0));
    VERP_TRY(auto phone, row->text(1));
    VERP_TRY(auto digest, row->text(2));
    VERP_TRY(auto expires, row->timestamp(3));
    VERP_TRY(auto attempts, row->int64(4));
    if (expires.to_system() <= now || attempts >= options_.mfa_attempts_per_session ||
        !security::constant_time_equal(digest, security::token_digest(code))) {
      // Counted in a committed transaction: guessing is limited even though the answer is an error.
      VERP_CHECK(c.execute("UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = $1", {code_id}));
      return Verdict{wrong};
    }
    VERP_CHECK(c.execute("UPDATE one_time_codes SET used_at = $1 WHERE id = $2", {stamp(now), code_id}));
    VERP_CHECK(c.execute("UPDATE users SET phone = $1, sms_mfa_enabled = $2, updated_at = $3, version = version + 1 "
                         "WHERE id = $4",
                         {phone, true, stamp(now), principal.user_id}));
    VERP_CHECK(c.execute("UPDATE sessions SET state = 'active' WHERE id = $1 AND state = 'mfa_enrolment_required'",
                         {principal.credential_id}));
    VERP_CHECK(audit::append(c, audit_entry(clock(), caller, principal.user_id, principal.user_name,
                                            principal.company_id, "mfa.enrol", "user", std::to_string(principal.user_id),
                                            audit::change_json({{.field = "phone", .after = phone},
                                                                {.field = "sms_mfa_enabled", .after = "true"}}))));
    return Verdict{};
  }));
  if (verdict.error) return *verdict.error;
  return {};
}

}  // namespace verp::identity
