// Internal to the identity module: small helpers shared by its .cpp files — audit entries,
// time conversion, throttle keys, session issuing.
#pragma once

#include <string>
#include <string_view>

#include "modules/identity/identity_service.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/storage/connection.hpp"
#include "platform/storage/value.hpp"

namespace verp::identity::internal {

inline storage::Timestamp stamp(Clock::TimePoint at) { return storage::Timestamp::from_system(at); }

audit::Entry audit_entry(const Clock& clock, const Caller& caller, std::optional<std::int64_t> user_id,
                         std::string user_name, std::optional<std::int64_t> company_id, std::string action,
                         std::string target_type, std::string target_id, std::string change = "{}");

// User names compare case-insensitively: they are stored and looked up in lower case.
std::string canonical_user_name(std::string_view user_name);

// Creates a session row and returns its one-time token. `state` decides what it may do.
Result<IssuedSession> issue_session(storage::Connection& connection, const Clock& clock, const IdentityOptions& options,
                                    std::int64_t user_id, std::int64_t company_id, SessionState state,
                                    const Caller& caller);

// Revokes every session of the user (except `keep_session_id`, if given).
Status revoke_sessions_of(storage::Connection& connection, const Clock& clock, std::int64_t user_id,
                          std::optional<std::int64_t> keep_session_id);

// The company a user signs in to: the default membership, else the lowest id.
Result<std::optional<std::int64_t>> home_company(storage::Connection& connection, std::int64_t user_id);

// True when any role of the user in the company demands MFA.
Result<bool> roles_require_mfa(storage::Connection& connection, std::int64_t user_id, std::int64_t company_id);

SessionState parse_session_state(std::string_view text);

Error unauthenticated(std::string message_id = "security.sign_in_required");

}  // namespace verp::identity::internal
