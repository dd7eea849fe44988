// Throttling as the identity module drives it: record failures at clock.now(), ask when the next
// attempt may come. Time moves by ManualClock, never by sleeping.
#include "platform/security/throttle.hpp"

#include <gtest/gtest.h>

namespace verp::security {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class Throttle : public ::testing::Test {
 protected:
  void fail() {
    ++state_.consecutive_failures;
    state_.last_failure = clock_.now();
  }
  // How long after the last failure the next attempt must wait.
  seconds wait() const {
    return std::chrono::duration_cast<seconds>(next_attempt_allowed(state_, policy_) - state_.last_failure);
  }

  ManualClock clock_{Clock::TimePoint(seconds(1'700'000'000))};
  ThrottlePolicy policy_;
  ThrottleState state_;
};

TEST_F(Throttle, ANewAccountMayTryAtOnce) {
  EXPECT_LE(next_attempt_allowed(state_, policy_), clock_.now());
  EXPECT_FALSE(is_locked_out(state_, policy_, clock_.now()));
}

TEST_F(Throttle, TheFirstThreeFailuresCostNothing) {
  for (int i = 0; i < 3; ++i) {
    fail();
    EXPECT_EQ(wait(), seconds(0));
    EXPECT_LE(next_attempt_allowed(state_, policy_), clock_.now());
  }
}

TEST_F(Throttle, DelaysDoubleFromTheFourthFailure) {
  for (int i = 0; i < 3; ++i) fail();
  for (const int expected : {1, 2, 4, 8, 16, 32}) {
    fail();
    EXPECT_EQ(wait(), seconds(expected)) << state_.consecutive_failures << " failures";
    EXPECT_GT(next_attempt_allowed(state_, policy_), clock_.now());
    clock_.advance(seconds(expected));
    EXPECT_LE(next_attempt_allowed(state_, policy_), clock_.now());
  }
}

TEST_F(Throttle, DelaysStopGrowingAtTheCap) {
  policy_.lockout_after = 0;  // never lock, to see the cap alone
  for (int i = 0; i < 9; ++i) fail();
  EXPECT_EQ(wait(), seconds(32));
  fail();
  EXPECT_EQ(wait(), seconds(60));  // 64 capped
  for (int i = 0; i < 1000; ++i) fail();
  EXPECT_EQ(wait(), seconds(60));
  EXPECT_FALSE(is_locked_out(state_, policy_, clock_.now()));
}

TEST_F(Throttle, TenFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 0; i < 9; ++i) fail();
  EXPECT_FALSE(is_locked_out(state_, policy_, clock_.now()));
  fail();
  const Clock::TimePoint locked_at = clock_.now();
  EXPECT_TRUE(is_locked_out(state_, policy_, clock_.now()));
  EXPECT_EQ(next_attempt_allowed(state_, policy_), locked_at + minutes(15));

  clock_.advance(minutes(14) + seconds(59));
  EXPECT_TRUE(is_locked_out(state_, policy_, clock_.now()));
  clock_.advance(seconds(1));
  EXPECT_FALSE(is_locked_out(state_, policy_, clock_.now()));
  EXPECT_LE(next_attempt_allowed(state_, policy_), clock_.now());
}

TEST_F(Throttle, AFailureAfterTheLockoutEndsLocksAgainUntilASuccessResets) {
  for (int i = 0; i < 10; ++i) fail();
  clock_.advance(minutes(15));
  fail();
  EXPECT_TRUE(is_locked_out(state_, policy_, clock_.now()));
  state_ = ThrottleState{};  // a successful sign-in
  EXPECT_FALSE(is_locked_out(state_, policy_, clock_.now()));
  EXPECT_LE(next_attempt_allowed(state_, policy_), clock_.now());
}

}  // namespace
}  // namespace verp::security
