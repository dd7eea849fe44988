// What the identity module offers code outside it besides Request::principal: reports for
// the CLI, and principals for work done on a user's behalf outside a request. Other modules use
// only this header and platform/security/principal.hpp.
#pragma once

#include <optional>
#include <string_view>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/export/table.hpp"
#include "platform/security/principal.hpp"
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

// The principal of `user_id` acting in `company_id`, as a request of theirs would carry it — for
// work done on their behalf outside a request (background jobs). not_found when the user is
// inactive or no longer a member of that company.
Result<security::Principal> principal_of(storage::Database& database, std::int64_t user_id, std::int64_t company_id);

}  // namespace verp::identity
