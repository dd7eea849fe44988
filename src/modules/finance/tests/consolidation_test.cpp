// The group's controller adds up the member companies: 总公司 sold goods to 深圳分公司, which still
// owes for them. In the consolidated trial balance the receivable and the payable between the two
// cancel out; the sale to an outside customer stays; a member company's own accountant may not
// consolidate.
#include "modules/finance/tests/ledger_story.hpp"

namespace verp::testing {
namespace {

class Consolidation : public LedgerStory {};

TEST_P(Consolidation, BalancesBetweenMemberCompaniesCancelOut) {
  // In 总公司 (A): 深圳分公司 as a customer, marked as a member company.
  const auto branch = created("customers", object{{"code", "C-SZ"}, {"name", "深圳分公司"}, {"intercompany", true}});
  posted("2026-03-05", array{line("销售给深圳分公司", "1122", "1130.00", "", object{{"customer_id", branch}}),
                             line("销售给深圳分公司", "6001", "", "1000.00", object{{"customer_id", branch}}),
                             line("销售给深圳分公司", "22210102", "", "130.00")});
  posted("2026-03-06", array{line("销售给华南电子", "1122", "565.00", "", object{{"customer_id", customer}}),
                             line("销售给华南电子", "6001", "", "500.00", object{{"customer_id", customer}}),
                             line("销售给华南电子", "22210102", "", "65.00")});

  // In 深圳分公司 (B): 总公司 as a supplier, marked too; the goods are still in transit.
  Client admin_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  ASSERT_EQ(app->call("POST", "/api/v1/accounts/standard-chart", "", &admin_b).status, 200);
  ASSERT_EQ(app->call("POST", "/api/v1/fiscal-years", R"({"year":2026})", &admin_b).status, 201);
  ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"accountant","name":"会计","from_template":"finance"})",
                      &admin_b).status, 201);
  Client reviewer_b = app->user_with_roles(admin_b, "zhuguan.sz", {"accountant"});
  auto head_office = app->call("POST", "/api/v1/suppliers?confirm_duplicates=true",
                               serialize(object{{"code", "S-HQ"}, {"name", "总公司"}, {"intercompany", true}}), &admin_b);
  ASSERT_EQ(head_office.status, 201) << head_office.body;
  auto bought = enter("2026-03-07",
                      array{line("从总公司采购", "1402", "1000.00", ""), line("从总公司采购", "22210101", "130.00", ""),
                            line("从总公司采购", "2202", "", "1130.00", object{{"supplier_id", head_office.number("id")}})},
                      &admin_b);
  ASSERT_EQ(bought.status, 201) << bought.body;
  ASSERT_EQ(act(bought.number("id"), "review", reviewer_b).status, 200);
  ASSERT_EQ(act(bought.number("id"), "post", reviewer_b).status, 200);

  auto group = app->call("GET", "/api/v1/finance/trial-balance?from=2026-03&to=2026-03&scope=consolidated", "", &admin);
  ASSERT_EQ(group.status, 200) << group.body;
  const object report = group.json.as_object();
  EXPECT_EQ(row_of(report, "1122"), "0.00/0.00 | 565.00 | 0.00 | 565.00/0.00") << "only the outside customer's";
  EXPECT_EQ(row_of(report, "2202"), "(no row)") << "the branch's payable to head office is gone";
  EXPECT_EQ(row_of(report, "1402"), "0.00/0.00 | 1000.00 | 0.00 | 1000.00/0.00");
  EXPECT_EQ(row_of(report, "6001"), "0.00/0.00 | 0.00 | 1500.00 | 0.00/1500.00")
      << "intercompany revenue is not eliminated (balances only)";
  EXPECT_EQ(row_of(report, "22210101"), "0.00/0.00 | 130.00 | 0.00 | 130.00/0.00");
  EXPECT_EQ(row_of(report, "9999"), "0.00/0.00 | 1130.00 | 1130.00 | 0.00/0.00")
      << "1,130 eliminated on each side; nothing left over";
  EXPECT_TRUE(report.at("balanced").as_bool()) << group.body;
  EXPECT_EQ(report.at("companies").as_array().size(), 2u);

  // The group's balance sheet: the intercompany receivable and payable are gone, the sheet
  // balances, nothing is left over; revenue of both sales is in the income statement.
  auto sheet = app->call("GET", "/api/v1/finance/balance-sheet?at=2026-03&scope=consolidated", "", &admin);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_EQ(statement_line(sheet, "receivables", "closing"), "565.00");
  EXPECT_EQ(statement_line(sheet, "payables", "closing"), "0.00");
  EXPECT_EQ(statement_line(sheet, "inventories", "closing"), "1000.00") << "the goods in transit";
  EXPECT_EQ(sheet.json.at("elimination_difference").as_string(), "0.00");
  EXPECT_TRUE(sheet.json.at("balanced").as_bool()) << sheet.body;
  auto income = app->call("GET", "/api/v1/finance/income-statement?from=2026-03&scope=consolidated", "", &admin);
  ASSERT_EQ(income.status, 200) << income.body;
  EXPECT_EQ(statement_line(income, "revenue", "amount"), "1500.00");
  auto cash = app->call("GET", "/api/v1/finance/cash-flow?from=2026-03&scope=consolidated", "", &admin);
  ASSERT_EQ(cash.status, 200) << cash.body;
  EXPECT_TRUE(cash.json.at("reconciled").as_bool()) << cash.body;

  // Each company's own trial balance is untouched.
  EXPECT_EQ(row_of(trial_balance("2026-03", "2026-03"), "1122"), "0.00/0.00 | 1695.00 | 0.00 | 1695.00/0.00");
  // An accountant of one company cannot consolidate the group.
  auto refused = app->call("GET", "/api/v1/finance/trial-balance?from=2026-03&to=2026-03&scope=consolidated", "", &zhou);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(app->call("GET", "/api/v1/finance/balance-sheet?at=2026-03&scope=consolidated", "", &zhou).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, Consolidation, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
