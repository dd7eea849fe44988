// Cron expressions: parsing, errors, and the next occurrence across month ends, leap years,
// weekdays and UTC offsets.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "platform/jobs/cron.hpp"
#include "platform/storage/value.hpp"

namespace verp::jobs {
namespace {

using TimePoint = CronExpression::TimePoint;

// "2024-06-03T10:00" or "2024-06-03T10:00:30" (UTC) as a time point.
TimePoint at(const std::string& text) {
  const std::string full = text.size() == 16 ? text + ":00Z" : text + "Z";
  auto parsed = storage::Timestamp::parse(full);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.value_or(storage::Timestamp{}).to_system();
}

// "YYYY-MM-DDTHH:MM" (UTC), or "none".
std::string show(const std::optional<TimePoint>& time) {
  if (!time) return "none";
  return storage::Timestamp::from_system(*time).to_string().substr(0, 16);
}

// The next occurrence of `expression` after `after` (UTC), in UTC+offset, shown as UTC.
std::string next(const std::string& expression, const std::string& after, int offset = 0) {
  auto cron = CronExpression::parse(expression);
  if (!cron) return "invalid: " + cron.error().detail;
  return show(cron->next_after(at(after), offset));
}

// The first `count` occurrences after `after`, joined by spaces.
std::string series(const std::string& expression, const std::string& after, int count, int offset = 0) {
  auto cron = CronExpression::parse(expression);
  if (!cron) return "invalid: " + cron.error().detail;
  std::string out;
  std::optional<TimePoint> time = at(after);
  for (int i = 0; i < count && time; ++i) {
    time = cron->next_after(*time, offset);
    out += (out.empty() ? "" : " ") + show(time);
  }
  return out;
}

TEST(CronTest, EveryMinuteIsTheNextWholeMinuteStrictlyAfter) {
  EXPECT_EQ("2024-06-03T10:01", next("* * * * *", "2024-06-03T10:00"));
  EXPECT_EQ("2024-06-03T10:01", next("* * * * *", "2024-06-03T10:00:30"));
  EXPECT_EQ("2024-06-03T10:00", next("* * * * *", "2024-06-03T09:59:59.999"));
  EXPECT_EQ("2024-06-04T10:00", next("0 10 * * *", "2024-06-03T10:00")) << "strictly after";
  EXPECT_EQ("2024-06-03T10:00", next("0 10 * * *", "2024-06-03T09:59"));
}

TEST(CronTest, ListsRangesAndSteps) {
  EXPECT_EQ("2024-06-03T10:05 2024-06-03T10:10 2024-06-03T10:50 2024-06-03T11:05",
            series("5,10,50 * * * *", "2024-06-03T10:00", 4));
  EXPECT_EQ("2024-06-03T10:15 2024-06-03T10:30 2024-06-03T10:45 2024-06-03T11:00",
            series("*/15 * * * *", "2024-06-03T10:07", 4));
  EXPECT_EQ("2024-06-03T09:00 2024-06-03T13:00 2024-06-03T17:00 2024-06-04T09:00",
            series("0 9-17/4 * * *", "2024-06-03T00:00", 4));
  EXPECT_EQ("2024-06-03T00:10 2024-06-03T00:30 2024-06-03T00:50 2024-06-03T01:10",
            series("10/20 * * * *", "2024-06-03T00:00", 4))
      << "a/n runs from a to the end of the range";
  EXPECT_EQ("2024-06-03T08:00 2024-06-03T08:30 2024-06-03T09:00 2024-06-03T09:30 2024-06-03T12:00",
            series("0,30 8-9,12 * * *", "2024-06-03T07:00", 5));
  EXPECT_EQ("2024-06-03T23:59 2024-06-04T23:59", series("59 23 * * *", "2024-06-03T00:00", 2));
}

TEST(CronTest, MonthEndsAndYearEnds) {
  EXPECT_EQ("2024-05-31T00:00 2024-07-31T00:00 2024-08-31T00:00 2024-10-31T00:00",
            series("0 0 31 * *", "2024-04-01T00:00", 4))
      << "months without a 31st are skipped";
  EXPECT_EQ("2024-02-01T00:00", next("0 0 1 * *", "2024-01-31T12:00"));
  EXPECT_EQ("2025-01-01T00:00", next("0 0 1 1 *", "2024-06-15T00:00"));
  EXPECT_EQ("2025-01-01T00:00", next("* * * * *", "2024-12-31T23:59"));
  EXPECT_EQ("2024-12-31T23:30", next("30 23 31 12 *", "2024-01-01T00:00"));
  EXPECT_EQ("2025-03-30T00:00", next("0 0 30 * *", "2025-01-30T00:00")) << "no 30 February";
}

TEST(CronTest, TheTwentyNinthOfFebruaryComesOnlyInLeapYears) {
  EXPECT_EQ("2024-02-29T12:00", next("0 12 29 2 *", "2023-03-01T00:00"));
  EXPECT_EQ("2028-02-29T12:00", next("0 12 29 2 *", "2024-03-01T00:00"));
  EXPECT_EQ("2024-02-28T00:00 2024-02-29T00:00 2024-03-01T00:00", series("0 0 * 2-3 *", "2024-02-27T00:00", 3));
  EXPECT_EQ("2023-02-28T00:00 2023-03-01T00:00", series("0 0 * 2-3 *", "2023-02-27T00:00", 2));
  // 2100 is not a leap year, so after 2096 the next 29 February is in 2104: beyond the horizon.
  EXPECT_EQ("2096-02-29T00:00", next("0 0 29 2 *", "2095-06-01T00:00"));
  EXPECT_EQ("none", next("0 0 29 2 *", "2096-03-01T00:00"));
}

TEST(CronTest, ImpossibleDatesNeverCome) {
  EXPECT_EQ("none", next("0 0 30 2 *", "2024-01-01T00:00"));
  EXPECT_EQ("none", next("0 0 31 FEB *", "2024-01-01T00:00"));
  EXPECT_EQ("none", next("0 0 31 4,6,9,11 *", "2024-01-01T00:00"));
  // With a weekday as well, the OR rule makes it possible again.
  EXPECT_EQ("2024-02-05T00:00", next("0 0 30 2 MON", "2024-02-01T00:00"));
}

TEST(CronTest, WeekdaysWithNamesAndBothSundays) {
  // 2024-06-03 is a Monday.
  EXPECT_EQ("2024-06-08T08:30", next("30 8 * * sat", "2024-06-03T00:00"));
  EXPECT_EQ(series("0 0 * * 1-5", "2024-06-03T00:00", 10), series("0 0 * * MON-FRI", "2024-06-03T00:00", 10));
  EXPECT_EQ("2024-06-04T00:00 2024-06-05T00:00 2024-06-06T00:00 2024-06-07T00:00 2024-06-10T00:00",
            series("0 0 * * Mon-Fri", "2024-06-03T00:00", 5));
  EXPECT_EQ("2024-06-09T00:00 2024-06-16T00:00", series("0 0 * * 0", "2024-06-03T00:00", 2));
  EXPECT_EQ("2024-06-09T00:00 2024-06-16T00:00", series("0 0 * * 7", "2024-06-03T00:00", 2));
  EXPECT_EQ("2024-06-09T00:00 2024-06-16T00:00", series("0 0 * * SUN", "2024-06-03T00:00", 2));
  EXPECT_EQ("2024-06-07T00:00 2024-06-08T00:00 2024-06-09T00:00 2024-06-14T00:00",
            series("0 0 * * 5-7", "2024-06-03T00:00", 4));
  EXPECT_EQ("2024-06-04T00:00 2024-06-06T00:00 2024-06-08T00:00 2024-06-09T00:00",
            series("0 0 * * */2", "2024-06-03T00:00", 4))
      << "*/2 is Sunday, Tuesday, Thursday, Saturday";
}

TEST(CronTest, MonthNames) {
  EXPECT_EQ("2024-07-01T00:00 2025-01-01T00:00", series("0 0 1 JAN,jul *", "2024-06-03T00:00", 2));
  EXPECT_EQ("2024-10-01T00:00 2024-11-01T00:00 2024-12-01T00:00 2025-10-01T00:00",
            series("0 0 1 Oct-DEC *", "2024-06-03T00:00", 4));
}

TEST(CronTest, DayOfMonthOrDayOfWeekWhenBothAreRestricted) {
  // The 13th, or any Friday. 2024-10-13 is a Sunday; the Fridays are the 11th, 18th, 25th.
  EXPECT_EQ("2024-10-11T00:00 2024-10-13T00:00 2024-10-18T00:00 2024-10-25T00:00 2024-11-01T00:00",
            series("0 0 13 * FRI", "2024-10-10T00:00", 5));
  // A '*' in either field means both must match: only the 13th, only Fridays.
  EXPECT_EQ("2024-10-13T00:00 2024-11-13T00:00", series("0 0 13 * *", "2024-10-10T00:00", 2));
  EXPECT_EQ("2024-10-11T00:00 2024-10-18T00:00", series("0 0 * * 5", "2024-10-10T00:00", 2));
  // "*/2" starts with '*': odd days that are Mondays (Vixie cron). 2024-09-02 is an even Monday.
  EXPECT_EQ("2024-09-09T00:00 2024-09-23T00:00 2024-10-07T00:00", series("0 0 */2 * 1", "2024-09-01T00:00", 3));
}

TEST(CronTest, Macros) {
  EXPECT_EQ("2024-06-03T11:00", next("@hourly", "2024-06-03T10:30"));
  EXPECT_EQ("2024-06-04T00:00", next("@daily", "2024-06-03T10:30"));
  EXPECT_EQ("2024-06-04T00:00", next("@midnight", "2024-06-03T10:30"));
  EXPECT_EQ("2024-06-09T00:00", next("@weekly", "2024-06-03T10:30")) << "Sunday";
  EXPECT_EQ("2024-07-01T00:00", next("@monthly", "2024-06-03T10:30"));
  EXPECT_EQ("2025-01-01T00:00", next("@yearly", "2024-06-03T10:30"));
  EXPECT_EQ("2025-01-01T00:00", next("@annually", "2024-06-03T10:30"));
  EXPECT_EQ("2024-06-04T00:00", next("@DAILY", "2024-06-03T10:30"));
  EXPECT_EQ("@Daily", CronExpression::parse("  @Daily ")->text());
  EXPECT_EQ("2024-06-03T16:00", next("@daily", "2024-06-03T10:30", 480)) << "midnight in UTC+8";
}

TEST(CronTest, UtcOffsets) {
  // 09:00 on weekdays in China is 01:00 UTC. 2024-06-07 is a Friday; 10:00 there is 02:00 UTC.
  EXPECT_EQ("2024-06-10T01:00", next("0 9 * * 1-5", "2024-06-07T02:00", 480));
  EXPECT_EQ("2024-06-07T01:00", next("0 9 * * 1-5", "2024-06-07T00:59", 480));
  // The weekday is the local one: Monday 08:00 in UTC+8 is Monday 00:00 UTC, but Monday 07:00
  // there is Sunday 23:00 UTC.
  EXPECT_EQ("2024-06-09T23:00", next("0 7 * * MON", "2024-06-07T00:00", 480));
  // Midnight on the 1st of March in UTC+8 is the last day of February in UTC (leap year).
  EXPECT_EQ("2024-02-29T16:00", next("0 0 1 3 *", "2024-01-01T00:00", 480));
  EXPECT_EQ("2024-06-03T05:00", next("0 0 * * *", "2024-06-03T00:00", -300));
  EXPECT_EQ("2024-06-03T00:45", next("30 * * * *", "2024-06-03T00:00", 345)) << "UTC+5:45: local :30 is UTC :45";
}

TEST(CronTest, BlanksAndText) {
  auto cron = CronExpression::parse("  0   9 *\t* 1-5  ");
  ASSERT_TRUE(cron.ok());
  EXPECT_EQ("0   9 *\t* 1-5", cron->text());
  EXPECT_EQ(*CronExpression::parse("0 9 * * 1-5"), *CronExpression::parse("0 9 * * 1-5"));
}

TEST(CronTest, InvalidExpressionsAreValidationErrors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty"},
      {"   ", "empty"},
      {"* * * *", "expected 5 fields"},
      {"* * * * * *", "expected 5 fields"},
      {"60 * * * *", "minute: 60 is out of range 0-59"},
      {"* 24 * * *", "hour: 24 is out of range 0-23"},
      {"* * 0 * *", "day of month: 0 is out of range 1-31"},
      {"* * 32 * *", "day of month"},
      {"* * * 13 *", "month: 13 is out of range 1-12"},
      {"* * * * 8", "day of week: 8 is out of range 0-7"},
      {"5-1 * * * *", "minute: range '5-1' goes backwards"},
      {"*/0 * * * *", "minute: step '0'"},
      {"*/61 * * * *", "minute: step '61'"},
      {"*/ * * * *", "minute: step ''"},
      {"*/5/2 * * * *", "more than one step"},
      {"1-2-3 * * * *", "not a range"},
      {"1,,2 * * * *", "empty list item"},
      {"1, * * * *", "empty list item"},
      {"-1 * * * *", "a value is missing"},
      {"+1 * * * *", "unknown value '+1'"},
      {"1.5 * * * *", "'1.5' is not a number"},
      {"a * * * *", "unknown value 'a'"},
      {"MON * * * *", "minute: unknown value 'MON'"},
      {"* * * FOO *", "month: unknown value 'FOO'"},
      {"* * * * MONDAY", "day of week: unknown value 'MONDAY'"},
      {"* * * JAN-FOO *", "month: unknown value 'FOO'"},
      {"*-5 * * * *", "unknown value '*'"},
      {"99999999999999999999 * * * *", "not a number"},
      {"@reboot", "unknown macro '@reboot'"},
      {"@daily 5", "unknown macro"},
  };
  for (const auto& [expression, detail] : cases) {
    auto cron = CronExpression::parse(expression);
    ASSERT_FALSE(cron.ok()) << expression;
    const Error& error = cron.error();
    EXPECT_EQ(ErrorKind::validation, error.kind) << expression;
    EXPECT_EQ("jobs.invalid_cron", error.message_id) << expression;
    EXPECT_NE(std::string::npos, error.detail.find(detail)) << expression << " → " << error.detail;
    ASSERT_EQ(2u, error.args.size()) << expression;
    EXPECT_EQ("expression", error.args[0].name);
    EXPECT_EQ("detail", error.args[1].name);
    EXPECT_EQ(error.detail, error.args[1].value);
  }
}

TEST(CronTest, TheNextOccurrenceIsFoundByJumpingNotByWalkingMinutes) {
  // Walking minute by minute, 5 years of "never" would be 2.6 million steps per call.
  auto never = CronExpression::parse("0 0 30 2 *");
  auto rare = CronExpression::parse("59 23 29 2 *");
  ASSERT_TRUE(never.ok() && rare.ok());
  const auto start = std::chrono::steady_clock::now();
  const TimePoint from = at("2024-03-01T00:00");
  int found = 0;
  for (int i = 0; i < 2000; ++i) {
    if (never->next_after(from + std::chrono::minutes(i), 480)) ++found;
    if (rare->next_after(from + std::chrono::minutes(i), 480)) ++found;
  }
  EXPECT_EQ(2000, found);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace verp::jobs
