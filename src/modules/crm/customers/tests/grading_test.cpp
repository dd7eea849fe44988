// Grading 深圳智造 by what it buys: a prospect until its first order in April 2026 (20,000.00:
// grade B, a new customer), an A customer after a second order of 40,000.00, active in summer, at
// risk by December, lost in May 2027 and won back by an order that very day. 杭州数码's grade is
// set by hand (D) and stays D whatever it buys. Every change is in the grade history, the rules'
// and the sales manager's by hand alike; the high-value and churn-risk lists follow the scores.
#include "modules/crm/customers/grading.hpp"
#include "modules/crm/customers/tests/customer_story.hpp"

namespace verp::testing {
namespace {

class Grading : public CustomerStory {
 protected:
  array history(std::int64_t id) {
    auto reply = app->call("GET", id_path("/api/v1/customers", id, "grade-history"), "", &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.at("items").as_array() : array{};
  }

  // "rule C→B prospect→new" for a history entry.
  static std::string change(const boost::json::value& entry) {
    auto text = [&](std::string_view key) {
      const auto& value = entry.at(key);
      return value.is_string() ? std::string(value.as_string()) : std::string();
    };
    std::string line = text("reason") + " " + text("from_grade") + "→" + text("to_grade");
    if (!text("to_stage").empty()) line += " " + text("from_stage") + "→" + text("to_stage");
    return line;
  }

  std::vector<std::string> names_in(const std::string& path) {
    auto reply = app->call("GET", path, "", &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::string> names;
    if (!reply.json.is_object()) return names;
    for (const auto& row : reply.json.at("rows").as_array()) names.emplace_back(row.at("name").as_string());
    return names;
  }
};

TEST_P(Grading, YearlyRevenueMovesACustomerFromBToAAndTheLifecycleFollowsTheCalendar) {
  recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "C/prospect") << "never ordered: a prospect, the rule for everyone gives C";

  sold(shenzhen_buyer, "2026-04-10", 200);  // 20,000.00
  today_is(2026, 4, 20);
  auto run = recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "B/new") << "20,000.00 in the last 12 months; first order 10 days ago";
  EXPECT_GE(run.at("grade_changes").as_int64(), 1);

  sold(shenzhen_buyer, "2026-04-15", 400);  // 40,000.00 more
  recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "A/new") << "60,000.00 in the last 12 months";
  auto changes = history(shenzhen_buyer);
  ASSERT_GE(changes.size(), 2u);
  EXPECT_EQ(change(changes.at(0)), "rule B→A new→new") << "the newest change first";
  EXPECT_EQ(change(changes.at(1)), "rule C→B prospect→new");

  auto scores = view_360(shenzhen_buyer).at("profile").at("scores");
  EXPECT_EQ(scores.at("revenue_12m").as_string(), "60000.00");
  EXPECT_EQ(scores.at("orders_12m").as_int64(), 2);
  EXPECT_EQ(scores.at("rfm").as_string(), "523") << "5 days ago; 2 orders; 60,000.00";
  EXPECT_EQ(scores.at("clv").as_string(), "180000.00") << "60,000.00 a year (first order under a year ago) × 3 years";

  today_is(2026, 8, 1);
  recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "A/active") << "first order 113 days ago, last 108";
  today_is(2026, 12, 1);
  recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "A/at_risk") << "nothing ordered for 230 days";
  today_is(2027, 5, 1);
  recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "C/lost") << "381 days since the last order; nothing in the last 12 months";
  sold(shenzhen_buyer, "2027-05-01", 120);
  recompute();
  EXPECT_EQ(standing(shenzhen_buyer), "B/won_back") << "ordered again after being lost";
  EXPECT_EQ(change(history(shenzhen_buyer).at(0)), "rule C→B lost→won_back");

  // A second run the same day changes nothing and writes no history.
  const auto kept = history(shenzhen_buyer).size();
  run = recompute();
  EXPECT_EQ(run.at("grade_changes").as_int64(), 0);
  EXPECT_EQ(run.at("stage_changes").as_int64(), 0);
  EXPECT_EQ(history(shenzhen_buyer).size(), kept);
}

TEST_P(Grading, AGradeSetByHandStaysAndIsInTheHistoryToo) {
  auto locked = app->call("PATCH", id_path("/api/v1/customers", hangzhou_buyer),
                          R"({"version":1,"grade":"D","grade_locked":true})", &admin);
  ASSERT_EQ(locked.status, 200) << locked.body;
  sold(hangzhou_buyer, "2026-04-12", 700);  // 70,000.00: rules say A
  today_is(2026, 4, 20);
  recompute();
  EXPECT_EQ(standing(hangzhou_buyer), "D/new") << "graded by hand: the rules leave the grade alone";
  EXPECT_EQ(view_360(hangzhou_buyer).at("profile").at("scores").at("rule_grade").as_string(), "A")
      << "what the rules would say is still shown";
  auto changes = history(hangzhou_buyer);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(change(changes.at(0)), "rule D→D prospect→new") << "only the stage moved";
  EXPECT_EQ(change(changes.at(1)), "manual C→D") << "the hand-made change, from the customer's version history";
  EXPECT_FALSE(changes.at(1).at("by").as_string().empty());
}

TEST_P(Grading, HighValueAndChurnRiskListsFollowTheScores) {
  for (const char* day : {"2026-01-05", "2026-02-05", "2026-03-05", "2026-04-05"}) {
    sold(shenzhen_buyer, day, 100);  // 深圳智造 orders monthly: 40,000.00 in all
  }
  sold(hangzhou_buyer, "2026-02-18", 800);  // 杭州数码: one big order, 80,000.00
  today_is(2026, 4, 20);
  recompute();
  EXPECT_EQ(names_in("/api/v1/crm/customers/high-value"), (std::vector<std::string>{"杭州数码", "深圳智造"}))
      << "by lifetime value: 240,000.00 against 120,000.00; customers who never ordered are not listed";
  EXPECT_EQ(names_in("/api/v1/crm/customers/high-value?sort=rfm"), (std::vector<std::string>{"深圳智造", "杭州数码"}))
      << "深圳智造 buys recently and often: R 5 + F 3 + M 2 against 4 + 2 + 3";
  EXPECT_TRUE(names_in("/api/v1/crm/customers/churn-risk").empty()) << "nobody is late yet";

  today_is(2026, 7, 10);  // 深圳智造 silent for 96 days, more than three times its monthly rhythm
  recompute();
  EXPECT_EQ(names_in("/api/v1/crm/customers/churn-risk"), (std::vector<std::string>{"深圳智造"}))
      << "杭州数码 has been silent longer but never bought regularly: a medium risk";
  auto list = app->call("GET", "/api/v1/crm/customers/churn-risk", "", &admin);
  EXPECT_EQ(list.json.at("rows").at(0).at("last_order_on").as_string(), "2026-04-05");
  EXPECT_EQ(list.json.at("rows").at(0).at("lifecycle_stage").as_string(), "active");
  EXPECT_EQ(list.json.at("revenue_at_stake").as_string(), "40000.00");

  auto csv = app->call("GET", "/api/v1/crm/customers/churn-risk?format=csv", "", &admin);
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("深圳智造"), std::string::npos);
  EXPECT_NE(csv.body.find("40000.00"), std::string::npos);
  EXPECT_EQ(app->call("GET", "/api/v1/crm/customers/high-value?sort=name", "", &admin).status, 400);
}

TEST_P(Grading, RulesNeedTheirThresholdAndOtherCompaniesAreUntouched) {
  auto missing = app->call("POST", "/api/v1/grade-rules", R"({"grade":"A","method":"rfm","priority":1})", &admin);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("min_rfm"), std::string::npos);

  sold(shenzhen_buyer, "2026-04-01", 600);
  auto other = app->admin_of_new_company(admin, "BJ", "北京分公司");
  recompute(&other);
  EXPECT_EQ(standing(shenzhen_buyer), "C/prospect") << "the other company's run grades only its own customers";
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", shenzhen_buyer, "grade-history"), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", shenzhen_buyer, "360"), "", &other).status, 404);
}

TEST_P(Grading, LifetimeValueFollowsTheCompanysExpectedLifetime) {
  sold(shenzhen_buyer, "2026-04-10", 600);  // 60,000.00 in its first year
  today_is(2026, 4, 20);
  recompute();
  EXPECT_EQ(view_360(shenzhen_buyer).at("profile").at("scores").at("clv").as_string(), "180000.00") << "3 years by default";
  auto set = app->call("PUT", "/api/v1/crm/customer-settings", R"({"expected_lifetime_years":5})", &admin);
  ASSERT_EQ(set.status, 200) << set.body;
  recompute();
  EXPECT_EQ(view_360(shenzhen_buyer).at("profile").at("scores").at("clv").as_string(), "300000.00");
  EXPECT_EQ(app->call("PUT", "/api/v1/crm/customer-settings", R"({"expected_lifetime_years":0})", &admin).status, 400);
  EXPECT_EQ(app->call("PUT", "/api/v1/crm/customer-settings", R"({"expected_lifetime_years":5})", &zhao).status, 403)
      << "a salesperson, whose grant reaches their own customers, does not set the company's assumptions";
  EXPECT_EQ(app->call("POST", "/api/v1/crm/grades/recompute", "", &zhao).status, 403) << "nor regrade everyone";
}

TEST_P(Grading, TheNightlyJobGradesEveryCompanyOnceADay) {
  sold(shenzhen_buyer, "2026-04-10", 600);
  auto& application = app->application();
  const storage::Date today{2026, 4, 20};
  const auto now = storage::Timestamp::from_system(app->clock().now());
  auto first = crm::run_grading_job(*application.database, today, now);
  ASSERT_TRUE(first.ok()) << first.error().message_id << " " << first.error().detail;
  EXPECT_NE(first->find("\"grade_changes\":"), std::string::npos);
  EXPECT_EQ(standing(shenzhen_buyer), "A/new");
  auto again = crm::run_grading_job(*application.database, today, now);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->find("\"companies\":0"), std::string::npos) << "claimed for the day already";
}

INSTANTIATE_TEST_SUITE_P(Backends, Grading, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
