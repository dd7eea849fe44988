// The internal auditor's first look at March: an unbalanced attempt that was refused, a reversal,
// a voucher its own preparer posted, one reviewed by someone whose roles had just changed, one
// entered late on a Saturday night, and a large round amount — each found, nothing else.
#include "modules/finance/tests/ledger_story.hpp"

namespace verp::testing {
namespace {

using namespace std::chrono_literals;

class AuditAnalysis : public LedgerStory {
 protected:
  // 2026-03-10 is a Tuesday; times are UTC (local time is eight hours ahead).
  static Clock::TimePoint utc(int day, int hour) {
    return Clock::TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 3 / day).time_since_epoch() +
                            std::chrono::hours(hour));
  }
};

TEST_P(AuditAnalysis, TheAuditorSeesWhatDeservesASecondLook) {
  app->clock().set(utc(10, 2));  // Tuesday 10:00 in Shenzhen
  auto unbalanced = enter("2026-03-10", array{line("差额", "1002", "100.00", ""), line("差额", "4001", "", "90.00")});
  ASSERT_EQ(unbalanced.status, 400);
  const auto ordinary = posted("2026-03-10", array{line("备用金", "1001", "1234.56", ""), line("备用金", "1002", "", "1234.56")});
  const auto capital = posted("2026-03-11", array{line("增资", "1002", "50000.00", ""), line("增资", "4001", "", "50000.00")});
  auto reversal = app->call("POST", id_path("/api/v1/vouchers", ordinary, "reverse"), R"({"date":"2026-03-12"})", &zhou);
  ASSERT_EQ(reversal.status, 201) << reversal.body;

  // 周 posts what 李 reviewed of hers: allowed, but worth a look.
  auto self = enter("2026-03-12", array{line("报销", "1001", "88.00", ""), line("报销", "1002", "", "88.00")});
  ASSERT_EQ(act(self.number("id"), "review", li).status, 200);
  ASSERT_EQ(act(self.number("id"), "post", zhou).status, 200);

  // Saturday 23:00 in Shenzhen: entered after hours.
  app->clock().set(utc(7, 15));
  auto late = enter("2026-03-07", array{line("周末补录", "1001", "10.00", ""), line("周末补录", "1002", "", "10.00")});
  ASSERT_EQ(late.status, 201) << late.body;

  // 李 is given her roles again on Wednesday and reviews the next day.
  app->clock().set(utc(11, 2));
  auto me = app->call("GET", "/api/v1/auth/me", "", &li);
  auto reassigned = app->call("PUT", id_path("/api/v1/users", me.number("user_id"), "roles"),
                              R"({"roles":["accountant"]})", &admin);
  ASSERT_EQ(reassigned.status, 204) << reassigned.body;
  app->clock().set(utc(12, 2));
  li = app->sign_in("zhuguan.li", "quiet river under seven stone bridges");
  ASSERT_EQ(act(late.number("id"), "review", li).status, 200);

  auto report = app->call("GET", "/api/v1/finance/audit-analysis?from=2026-03&to=2026-03", "", &admin);
  ASSERT_EQ(report.status, 200) << report.body;
  const auto& counts = report.json.at("counts");
  EXPECT_EQ(counts.at("refused_attempts").as_int64(), 1) << report.body;
  EXPECT_EQ(report.json.at("refused_attempts").as_array()[0].at("detail").at("debit").as_string(), "100.00");
  EXPECT_EQ(counts.at("reversals").as_int64(), 1);
  EXPECT_EQ(report.json.at("reversals").as_array()[0].at("reverses").as_string(), "记-0001");
  EXPECT_EQ(counts.at("posted_by_preparer").as_int64(), 1);
  EXPECT_EQ(report.json.at("posted_by_preparer").as_array()[0].at("voucher_id").as_int64(), self.number("id"));
  EXPECT_EQ(counts.at("after_role_change").as_int64(), 1) << report.body;
  EXPECT_EQ(report.json.at("after_role_change").as_array()[0].at("voucher_id").as_int64(), late.number("id"));
  EXPECT_EQ(counts.at("outside_business_hours").as_int64(), 1) << report.body;
  EXPECT_EQ(report.json.at("outside_business_hours").as_array()[0].at("at").as_string(), "2026-03-07 23:00");
  EXPECT_EQ(counts.at("large_round_amounts").as_int64(), 2) << "both lines of the 50,000: " << report.body;
  EXPECT_EQ(report.json.at("large_round_amounts").as_array()[0].at("voucher_id").as_int64(), capital);

  // Accountants do not audit themselves.
  EXPECT_EQ(app->call("GET", "/api/v1/finance/audit-analysis?from=2026-03&to=2026-03", "", &zhou).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditAnalysis, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
