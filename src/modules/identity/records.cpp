#include "modules/identity/records.hpp"

#include <algorithm>
#include <cctype>

#include "platform/base/try.hpp"
#include "platform/security/tokens.hpp"

namespace verp::identity {

std::string_view to_string(SessionState state) {
  switch (state) {
    case SessionState::active: return "active";
    case SessionState::mfa_pending: return "mfa_pending";
    case SessionState::mfa_enrolment_required: return "mfa_enrolment_required";
    case SessionState::password_change_required: return "password_change_required";
  }
  return "active";
}

namespace internal {

SessionState parse_session_state(std::string_view text) {
  for (auto state : {SessionState::active, SessionState::mfa_pending, SessionState::mfa_enrolment_required,
                     SessionState::password_change_required}) {
    if (to_string(state) == text) return state;
  }
  return SessionState::mfa_pending;  // unknown text: the most restricted state that still signs out
}

Error unauthenticated(std::string message_id) { return make_error(ErrorKind::unauthenticated, std::move(message_id)); }

audit::Entry audit_entry(const Clock& clock, const Caller& caller, std::optional<std::int64_t> user_id,
                         std::string user_name, std::optional<std::int64_t> company_id, std::string action,
                         std::string target_type, std::string target_id, std::string change) {
  audit::Entry entry;
  entry.at = clock.now();
  entry.user_id = user_id;
  entry.user_name = std::move(user_name);
  entry.company_id = company_id;
  entry.address = caller.address;
  entry.request_id = caller.request_id;
  entry.action = std::move(action);
  entry.target_type = std::move(target_type);
  entry.target_id = std::move(target_id);
  entry.change = std::move(change);
  return entry;
}

std::string canonical_user_name(std::string_view user_name) {
  std::string out(user_name);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Result<IssuedSession> issue_session(storage::Connection& connection, const Clock& clock, const IdentityOptions& options,
                                    std::int64_t user_id, std::int64_t company_id, SessionState state,
                                    const Caller& caller) {
  IssuedSession issued;
  issued.token = security::random_token(32);
  issued.csrf_token = security::random_token(24);
  issued.state = state;
  issued.user_id = user_id;
  const auto now = clock.now();
  VERP_TRY(auto row, connection.query_row(
                         "INSERT INTO sessions (token_digest, csrf_token, user_id, company_id, state, created_at, "
                         "last_seen_at, expires_at, address, user_agent, mfa_attempts) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, 0) RETURNING id",
                         {security::token_digest(issued.token), issued.csrf_token, user_id, company_id,
                          std::string(to_string(state)), stamp(now), stamp(now + options.session_absolute_timeout),
                          caller.address, caller.user_agent.substr(0, 300)}));
  VERP_TRY(issued.session_id, row->int64(0));
  return issued;
}

Status revoke_sessions_of(storage::Connection& connection, const Clock& clock, std::int64_t user_id,
                          std::optional<std::int64_t> keep_session_id) {
  VERP_CHECK(connection.execute(
      "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3",
      {stamp(clock.now()), user_id, keep_session_id.value_or(0)}));
  return {};
}

Result<std::optional<std::int64_t>> home_company(storage::Connection& connection, std::int64_t user_id) {
  VERP_TRY(auto row, connection.query_row(
                         "SELECT m.company_id FROM memberships m JOIN companies c ON c.id = m.company_id "
                         "WHERE m.user_id = $1 AND c.is_active ORDER BY m.is_default DESC, m.company_id LIMIT 1",
                         {user_id}));
  if (!row) return std::optional<std::int64_t>{};
  VERP_TRY(auto company, row->int64(0));
  return std::optional<std::int64_t>{company};
}

Result<bool> roles_require_mfa(storage::Connection& connection, std::int64_t user_id, std::int64_t company_id) {
  VERP_TRY(auto row, connection.query_row(
                         "SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                         "WHERE ur.user_id = $1 AND ur.company_id = $2 AND r.requires_mfa LIMIT 1",
                         {user_id, company_id}));
  return row.has_value();
}

}  // namespace internal
}  // namespace verp::identity
