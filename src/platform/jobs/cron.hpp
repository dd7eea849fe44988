// CronExpression: when a recurring job is due, written the way cron writes it.
//
//   auto cron = CronExpression::parse("0 9 * * MON-FRI");   // 09:00 on weekdays
//   auto next = cron->next_after(clock.now(), 480);          // the next 09:00 in UTC+8, as a UTC instant
//
// Syntax: five fields separated by blanks — minute (0-59), hour (0-23), day of month (1-31),
// month (1-12 or JAN-DEC), day of week (0-7 or SUN-SAT; 0 and 7 are both Sunday). Each field is
// a comma-separated list of items; an item is `*`, a value `a`, a range `a-b` (a <= b), and
// optionally a step: `*/n`, `a-b/n`, or `a/n` (from a to the end of the field's range). Names
// are case-insensitive and may be used in ranges (`MON-FRI`, `jan-mar`). The macros @yearly
// (@annually), @monthly, @weekly, @daily (@midnight) and @hourly stand for "0 0 1 1 *",
// "0 0 1 * *", "0 0 * * 0", "0 0 * * *" and "0 * * * *". Not supported: @reboot, seconds,
// years, and the Quartz extensions `?`, `L`, `W`, `#`.
//
// Day of month and day of week (Vixie cron): when both fields are restricted — neither starts
// with `*` — a day matches if EITHER matches ("0 0 1,15 * MON" is the 1st, the 15th and every
// Monday). When one of them starts with `*` (including `*/n`), both must match, which for a
// plain `*` means only the other one counts.
//
// Time zone: an expression is evaluated in a FIXED offset from UTC, in minutes (+480 for China,
// which has no daylight saving time). There is deliberately no DST handling: in a zone with DST
// the caller would have to pick the offset, and local times that a DST change skips or repeats
// are not special-cased.
//
// Errors: ErrorKind::validation, "jobs.invalid_cron" with args `expression` and `detail` (what
// is wrong, naming the field: "hour: 24 is out of range 0-23").
//
// Values are immutable; share them freely between threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::jobs {

class CronExpression {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  static Result<CronExpression> parse(std::string_view text);

  // The first matching minute strictly after `after` (a UTC instant; its seconds are ignored,
  // so the answer is always a whole minute), evaluated in local time UTC + utc_offset_minutes.
  // Searches about five years ahead; nullopt when nothing matches that soon ("0 0 30 2 *").
  // Jumps by month, day, hour and minute, so an answer costs at most a few thousand steps.
  std::optional<TimePoint> next_after(TimePoint after, int utc_offset_minutes) const;

  // The expression as it was written (trimmed).
  std::string text() const { return text_; }

  friend bool operator==(const CronExpression& a, const CronExpression& b) { return a.text_ == b.text_; }

 private:
  CronExpression() = default;
  bool day_matches(unsigned day_of_month, unsigned weekday) const;

  std::string text_;
  std::uint64_t minutes_ = 0;   // bit n: minute n (0-59)
  std::uint32_t hours_ = 0;     // bit n: hour n (0-23)
  std::uint32_t days_ = 0;      // bit n: day of month n (1-31)
  std::uint32_t months_ = 0;    // bit n: month n (1-12)
  std::uint32_t weekdays_ = 0;  // bit n: weekday n (0 = Sunday … 6 = Saturday)
  bool days_star_ = true;       // the day-of-month field starts with '*'
  bool weekdays_star_ = true;   // the day-of-week field starts with '*'
};

}  // namespace verp::jobs
