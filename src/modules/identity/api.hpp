// What the identity module offers code outside it besides Request::principal: reports for
// the CLI. Other modules use only this header and platform/security/principal.hpp.
#pragma once

#include <optional>
#include <string_view>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/export/table.hpp"
#include "platform/storage/database.hpp"

namespace verp::identity {

// Every user of every member company: company, roles, effective permissions, MFA, last
// sign-in and whether the account is unused (never, or not for 90 days) — the periodic
// access review an administrator signs off.
Result<exporting::Table> access_review_report(storage::Database& database, const Clock& clock, std::string_view locale);

// Changes to roles and memberships since `since` (role created, edited, assigned; member added),
// from the audit log, newest first.
Result<exporting::Table> role_changes_report(storage::Database& database, Clock::TimePoint since,
                                             std::string_view locale);

}  // namespace verp::identity
