// When to try a failed notification again, and whether to at all.
//
//   if (auto sent = notify::send_mail(server, mail); !sent) {
//     if (!notify::should_retry(sent.error()) || attempts >= notify::kDefaultMaxAttempts) give_up(…);
//     else schedule(now + notify::backoff(attempts, notification_id));
//   }
//
// backoff(attempt) is the wait after the attempt-th failure (1-based): 30 s, 2 min, 10 min, 1 h,
// then 6 h for every later one — roughly ×4–6 a step, capped at 6 h so a day-long outage of a
// mail server costs a handful of attempts, not hundreds. Attempts below 1 count as 1.
// With kDefaultMaxAttempts (8) the last attempt comes about 19 h after the first.
//
// Jitter: pass a non-zero `jitter_key` (the notification's or job's id) and the wait grows by
// 0–10 %, derived from (key, attempt) alone. Notifications that failed together (the server was
// down) then spread out instead of returning in one burst, yet the same notification always
// gets the same wait, so schedules are reproducible and testable. Jitter never shortens a wait;
// the 6 h cap applies before it (at most 6 h 36 min).
//
// should_retry: ErrorKind::unavailable (a server down or busy, a timeout, a non-2xx answer) and
// rate_limited are worth another try; validation (a bad address, a bad URL) and every other kind
// never are — the same input fails the same way. The SMTP code / HTTP status ride along as the
// args "smtp_code" / "http_status" for callers that want to stop early on a permanent refusal
// (SMTP 5xx, HTTP 4xx other than 408/429); this function deliberately does not, so that a
// misconfiguration an operator fixes within the retry window still gets the message out.
//
// Pure functions, thread-safe; backoff is constexpr.
#pragma once

#include <chrono>
#include <cstdint>
#include <iterator>

#include "platform/base/result.hpp"

namespace verp::notify {

inline constexpr int kDefaultMaxAttempts = 8;

inline constexpr std::chrono::seconds kBackoffSchedule[] = {std::chrono::seconds(30), std::chrono::minutes(2),
                                                            std::chrono::minutes(10), std::chrono::hours(1),
                                                            std::chrono::hours(6)};

constexpr std::chrono::seconds backoff(int attempt, std::uint64_t jitter_key = 0) {
  constexpr int steps = static_cast<int>(std::size(kBackoffSchedule));
  const int index = attempt < 1 ? 0 : attempt > steps ? steps - 1 : attempt - 1;
  const std::chrono::seconds base = kBackoffSchedule[index];
  if (jitter_key == 0) return base;
  // splitmix64 of (key, attempt): a well-mixed, reproducible fraction in [0, 1000).
  std::uint64_t z = jitter_key + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(attempt < 1 ? 1 : attempt);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  const auto per_mille = static_cast<std::chrono::seconds::rep>(z % 1000);
  return base + std::chrono::seconds(base.count() * per_mille / 10000);
}

inline bool should_retry(const Error& error) {
  return error.kind == ErrorKind::unavailable || error.kind == ErrorKind::rate_limited;
}

}  // namespace verp::notify
