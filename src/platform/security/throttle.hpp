// Brute-force throttling for sign-in, MFA codes and similar guesses, as pure functions.
//
// The caller (the identity module) keeps a ThrottleState per account (and per client address if
// it wishes), records each failure (consecutive_failures + 1, last_failure = now) and resets the
// state on success. These functions only answer "when may the next attempt be made?" and
// "is this account locked?", so the policy is testable without time passing.
//
// With the defaults: failures 1-3 cost nothing; after failure 4 the next attempt waits 1 s,
// after 5 → 2 s, 6 → 4 s, 7 → 8 s, 8 → 16 s, 9 → 32 s; failure 10 locks the account for
// 15 minutes. A lockout ends by time alone; the counter is not reset by waiting, so a further
// failure after it ends locks again at once, and only a success resets. (NIST SP 800-63B limits
// consecutive failures per account to 100; this policy stays far below.)
//
// Pure and thread-safe.
#pragma once

#include <chrono>

#include "platform/base/clock.hpp"

namespace verp::security {

struct ThrottlePolicy {
  int free_failures = 3;               // failures before any delay
  std::chrono::seconds base_delay{1};  // delay after failure free_failures+1, doubling each further failure
  std::chrono::seconds max_delay{60};  // the doubling stops here
  int lockout_after = 10;              // consecutive failures → temporary lockout (<= 0: never)
  std::chrono::minutes lockout{15};
};

struct ThrottleState {
  int consecutive_failures = 0;
  Clock::TimePoint last_failure{};
};

// When the next attempt may be made (a time <= now means: now). Includes lockout.
Clock::TimePoint next_attempt_allowed(const ThrottleState& state, const ThrottlePolicy& policy);

// True while a lockout (lockout_after or more consecutive failures) lasts at `now`.
bool is_locked_out(const ThrottleState& state, const ThrottlePolicy& policy, Clock::TimePoint now);

}  // namespace verp::security
