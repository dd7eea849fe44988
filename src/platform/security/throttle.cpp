#include "platform/security/throttle.hpp"

#include <algorithm>

namespace verp::security {

namespace {

bool reached_lockout(const ThrottleState& state, const ThrottlePolicy& policy) {
  return policy.lockout_after > 0 && state.consecutive_failures >= policy.lockout_after;
}

std::chrono::seconds delay_after(int failures, const ThrottlePolicy& policy) {
  const int delayed = failures - std::max(policy.free_failures, 0);
  if (delayed <= 0 || policy.base_delay <= std::chrono::seconds::zero()) return std::chrono::seconds::zero();
  // Double step by step and stop at the cap, so many failures cannot overflow a shift.
  std::chrono::seconds delay = policy.base_delay;
  for (int i = 1; i < delayed && delay < policy.max_delay; ++i) delay *= 2;
  return std::min(delay, policy.max_delay);
}

}  // namespace

Clock::TimePoint next_attempt_allowed(const ThrottleState& state, const ThrottlePolicy& policy) {
  if (reached_lockout(state, policy)) return state.last_failure + policy.lockout;
  return state.last_failure + delay_after(state.consecutive_failures, policy);
}

bool is_locked_out(const ThrottleState& state, const ThrottlePolicy& policy, Clock::TimePoint now) {
  return reached_lockout(state, policy) && now < state.last_failure + policy.lockout;
}

}  // namespace verp::security
