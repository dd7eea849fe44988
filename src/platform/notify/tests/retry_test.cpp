// The retry policy: the back-off schedule and its cap, the deterministic jitter, and which
// errors are worth another attempt.
#include "platform/notify/retry.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <set>

namespace verp::notify {
namespace {

using namespace std::chrono_literals;

static_assert(backoff(1) == 30s, "backoff is usable in constant expressions");

TEST(Backoff, FollowsTheScheduleUpToTheCap) {
  EXPECT_EQ(backoff(1), 30s);
  EXPECT_EQ(backoff(2), 2min);
  EXPECT_EQ(backoff(3), 10min);
  EXPECT_EQ(backoff(4), 1h);
  EXPECT_EQ(backoff(5), 6h);
  EXPECT_EQ(backoff(6), 6h);
  EXPECT_EQ(backoff(1000), 6h);
  EXPECT_EQ(backoff(std::numeric_limits<int>::max()), 6h);
}

TEST(Backoff, CountsAttemptsBelowOneAsTheFirst) {
  EXPECT_EQ(backoff(0), 30s);
  EXPECT_EQ(backoff(-5), 30s);
  EXPECT_EQ(backoff(std::numeric_limits<int>::min()), 30s);
}

TEST(Backoff, NeverShrinksFromOneAttemptToTheNext) {
  for (int attempt = 1; attempt < 20; ++attempt) EXPECT_LE(backoff(attempt), backoff(attempt + 1)) << attempt;
}

TEST(Backoff, TheDefaultAttemptsSpanAboutNineteenHours) {
  std::chrono::seconds total{0};
  for (int attempt = 1; attempt < kDefaultMaxAttempts; ++attempt) total += backoff(attempt);
  EXPECT_EQ(total, 30s + 2min + 10min + 1h + 3 * 6h);
}

TEST(Backoff, JitterAddsAtMostATenthAndIsReproducible) {
  std::set<std::chrono::seconds::rep> spread;
  for (std::uint64_t key = 1; key <= 200; ++key) {
    for (int attempt = 0; attempt <= 8; ++attempt) {
      const auto plain = backoff(attempt);
      const auto jittered = backoff(attempt, key);
      EXPECT_GE(jittered, plain);
      EXPECT_LT(jittered, plain + plain / 10 + 1s);
      EXPECT_EQ(jittered, backoff(attempt, key)) << "the same key and attempt give the same wait";
    }
    spread.insert(backoff(4, key).count());
  }
  // 200 notifications that failed together come back spread over many different seconds.
  EXPECT_GT(spread.size(), 100u);
  EXPECT_LE(backoff(1000, 42), 6h + 36min);
}

TEST(ShouldRetry, OnlyUnavailableAndRateLimitedAreRetried) {
  EXPECT_TRUE(should_retry(make_error(ErrorKind::unavailable, "notify.mail_failed")));
  EXPECT_TRUE(should_retry(make_error(ErrorKind::rate_limited, "x")));
  for (ErrorKind kind :
       {ErrorKind::validation, ErrorKind::not_found, ErrorKind::forbidden, ErrorKind::unauthenticated,
        ErrorKind::conflict, ErrorKind::invalid_transition, ErrorKind::too_large, ErrorKind::internal}) {
    EXPECT_FALSE(should_retry(make_error(kind, "x"))) << static_cast<int>(kind);
  }
}

}  // namespace
}  // namespace verp::notify
