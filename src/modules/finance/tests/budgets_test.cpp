// Budgets as the controller sets them: 行政部's office expenses are capped at 1,000 a month and
// blocked beyond; selling expenses only warn. The accountant hears of an overrun when entering the
// voucher, posting refuses the blocked one, and the execution report shows budget against actual.
#include "modules/finance/tests/ledger_story.hpp"

namespace verp::testing {
namespace {

class Budgets : public LedgerStory {
 protected:
  Reply budget(object body) { return app->call("POST", "/api/v1/budgets", serialize(body), &li); }

  Reply office_expense(const std::string& date, const std::string& amount) {
    return enter(date, array{line("办公费", "6602", amount, "", object{{"department_id", department}}),
                             line("办公费", "1002", "", amount)});
  }
};

TEST_P(Budgets, AnOverrunIsToldAtEntryBlockedAtPostingAndShownAgainstActual) {
  auto office = budget(object{{"year", 2026}, {"account", "6602"}, {"department_id", department}, {"control", "block"},
                              {"annual", "12000.00"}});
  ASSERT_EQ(office.status, 201) << office.body;
  EXPECT_EQ(office.json.at("months").as_array()[0].as_string(), "1000.00") << "split evenly";
  EXPECT_EQ(office.json.at("annual").as_string(), "12000.00");
  auto selling = budget(object{{"year", 2026}, {"account", "6601"}, {"control", "warn"},
                               {"months", array{"500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00",
                                                "500.00", "500.00", "500.00", "500.00", "500.00"}}});
  ASSERT_EQ(selling.status, 201) << selling.body;
  auto twice = budget(object{{"year", 2026}, {"account", "6602"}, {"department_id", department}, {"control", "warn"},
                             {"annual", "1.00"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  auto muddled = budget(object{{"year", 2026}, {"account", "6603"}, {"control", "stop"}, {"annual", "-1.00"}});
  EXPECT_TRUE(names_field(muddled, "control")) << muddled.body;

  // Through March 行政部 may spend 3,000: 800 is fine.
  auto small = office_expense("2026-03-05", "800.00");
  ASSERT_EQ(small.status, 201) << small.body;
  EXPECT_TRUE(small.json.at("over_budget").as_array().empty()) << small.body;
  ASSERT_EQ(act(small.number("id"), "review", li).status, 200);
  ASSERT_EQ(act(small.number("id"), "post", li).status, 200);

  // 2,500 more would make 3,300: the accountant is told when entering it, posting refuses it.
  auto large = office_expense("2026-03-20", "2500.00");
  ASSERT_EQ(large.status, 201) << large.body;
  ASSERT_EQ(large.json.at("over_budget").as_array().size(), 1u) << large.body;
  EXPECT_EQ(large.json.at("over_budget").as_array()[0].at("used").as_string(), "3300.00");
  EXPECT_EQ(large.json.at("over_budget").as_array()[0].at("budget").as_string(), "3000.00");
  ASSERT_EQ(act(large.number("id"), "review", li).status, 200);
  auto refused = act(large.number("id"), "post", li);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("3300.00"), std::string::npos) << refused.body;
  EXPECT_EQ(app->call("GET", id_path("/api/v1/vouchers", large.number("id")), "", &zhou).text("state"), "reviewed");

  // In April the year to date allows 4,000: the same voucher, redated, would still overrun; the
  // controller raises the budget instead, and it posts.
  auto raised = app->call("PUT", id_path("/api/v1/budgets", office.number("id")),
                          serialize(object{{"control", "block"}, {"annual", "14400.00"}, {"version", office.number("version")}}),
                          &li);
  ASSERT_EQ(raised.status, 200) << raised.body;
  auto stale = app->call("PUT", id_path("/api/v1/budgets", office.number("id")),
                         serialize(object{{"control", "none"}, {"annual", "1.00"}, {"version", office.number("version")}}),
                         &li);
  EXPECT_EQ(stale.status, 409) << "someone saved since: " << stale.body;
  EXPECT_EQ(raised.text("department_name"), "行政部");
  EXPECT_EQ(act(large.number("id"), "post", li).status, 200) << "3,600 allowed to March now";

  // Selling expenses only warn: 1,600 against 1,500 posts with the warning.
  auto fair = enter("2026-03-12", array{line("展会费", "6601", "1600.00", "", object{{"department_id", department}}),
                                        line("展会费", "1002", "", "1600.00")});
  ASSERT_EQ(fair.status, 201) << fair.body;
  ASSERT_EQ(act(fair.number("id"), "review", li).status, 200);
  auto warned = act(fair.number("id"), "post", li);
  ASSERT_EQ(warned.status, 200) << warned.body;
  EXPECT_EQ(warned.json.at("over_budget").as_array()[0].at("control").as_string(), "warn");

  EXPECT_TRUE(names_field(app->call("GET", "/api/v1/budgets", "", &li), "year")) << "a year is asked for";
  EXPECT_TRUE(names_field(app->call("GET", "/api/v1/finance/budget-execution?year=2026&to=13", "", &li), "to"));
  auto execution = app->call("GET", "/api/v1/finance/budget-execution?year=2026&to=3", "", &li);
  ASSERT_EQ(execution.status, 200) << execution.body;
  std::map<std::string, std::string> rows;
  for (const auto& value : execution.json.at("rows").as_array()) {
    const auto& row = value.as_object();
    rows[std::string(row.at("account").as_string())] =
        std::string(row.at("budget").as_string()) + " used " + std::string(row.at("used").as_string()) + " left " +
        std::string(row.at("variance").as_string()) + " " + std::string(row.at("share_used").as_string()) + "%";
  }
  EXPECT_EQ(rows["6602"], "3600.00 used 3300.00 left 300.00 91.67%");
  EXPECT_EQ(rows["6601"], "1500.00 used 1600.00 left -100.00 106.67%");
  auto sheet = app->call("GET", "/api/v1/finance/budget-execution?year=2026&to=3&format=csv", "", &li);
  EXPECT_NE(sheet.body.find("6601,Selling expenses"), std::string::npos) << sheet.body;
  auto audit = app->call("GET", "/api/v1/audit-log?action=budget.update", "", &admin);
  EXPECT_NE(audit.body.find("14400.00"), std::string::npos) << "the raise is on record: " << audit.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, Budgets, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
