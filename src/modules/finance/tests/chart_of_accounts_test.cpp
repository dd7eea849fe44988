// The chart of accounts as an accountant sets up a member company: the standard chart once, its
// VAT sub-accounts under 应交税费, their own sub-accounts coded under the parent; and another
// company's chart is its own.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::object;
using boost::json::serialize;

class ChartOfAccounts : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    accountant = accountant_in(admin, "kuaiji.zhou");
  }

  // An accountant of the admin's active company, with a role made from the finance template.
  Client accountant_in(Client& company_admin, const std::string& name) {
    auto role = app->call("POST", "/api/v1/roles",
                          R"({"code":"accountant","name":"会计","from_template":"finance"})", &company_admin);
    EXPECT_EQ(role.status, 201) << role.body;
    return app->user_with_roles(company_admin, name, {"accountant"});
  }

  Reply account(const std::string& code) {
    auto found = app->call("GET", "/api/v1/accounts?code=" + code, "", &accountant);
    EXPECT_EQ(found.status, 200) << found.body;
    return found;
  }
  object first(const Reply& list) {
    const auto& items = list.json.at("items").as_array();
    return items.empty() ? object{} : items[0].as_object();
  }

  std::unique_ptr<TestApp> app;
  Client admin;
  Client accountant;
};

TEST_P(ChartOfAccounts, TheStandardChartIsAddedOnceWithItsVatSubAccountsUnderTheirParents) {
  auto seeded = app->call("POST", "/api/v1/accounts/standard-chart", "", &accountant);
  ASSERT_EQ(seeded.status, 200) << seeded.body;
  const auto created = seeded.number("created");
  EXPECT_GE(created, 70);
  auto again = app->call("POST", "/api/v1/accounts/standard-chart", "", &accountant);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.number("created"), 0) << "nothing twice";
  EXPECT_EQ(again.number("kept"), created);

  const auto receivable = first(account("1122"));
  EXPECT_EQ(receivable.at("name").as_string(), "应收账款");
  EXPECT_EQ(receivable.at("direction").as_string(), "debit");
  EXPECT_TRUE(receivable.at("aux_customer").as_bool()) << "receivables are kept per customer";
  EXPECT_TRUE(first(account("1002")).at("is_cash").as_bool());

  const auto taxes = first(account("2221"));
  const auto vat = first(account("222101"));
  const auto output_vat = first(account("22210102"));
  EXPECT_EQ(vat.at("parent_id").as_int64(), taxes.at("id").as_int64());
  EXPECT_EQ(output_vat.at("parent_id").as_int64(), vat.at("id").as_int64());
  EXPECT_EQ(output_vat.at("name").as_string(), "销项税额");
  EXPECT_EQ(first(account("22210101")).at("direction").as_string(), "debit") << "input VAT is a debit balance";
}

TEST_P(ChartOfAccounts, ASubAccountExtendsItsParentsCodeAndKeepsItsCategory) {
  ASSERT_EQ(app->call("POST", "/api/v1/accounts/standard-chart", "", &accountant).status, 200);
  const auto bank = first(account("1002")).at("id").as_int64();

  auto icbc = app->call("POST", "/api/v1/accounts",
                        serialize(object{{"code", "100201"}, {"name", "工商银行深圳分行"}, {"parent_id", bank},
                                         {"category", "asset"}, {"direction", "debit"}, {"is_cash", true}}),
                        &accountant);
  ASSERT_EQ(icbc.status, 201) << icbc.body;

  auto stray = app->call("POST", "/api/v1/accounts",
                         serialize(object{{"code", "112201"}, {"name", "错挂科目"}, {"parent_id", bank},
                                          {"category", "liability"}, {"direction", "debit"}}),
                         &accountant);
  ASSERT_EQ(stray.status, 400) << stray.body;
  EXPECT_TRUE(names_field(stray, "code", "not_under_parent")) << stray.body;
  EXPECT_TRUE(names_field(stray, "category", "not_parents")) << stray.body;

  auto orphan = app->call("POST", "/api/v1/accounts",
                          serialize(object{{"code", "100202"}, {"name", "建设银行"}, {"category", "asset"},
                                           {"direction", "debit"}}),
                          &accountant);
  ASSERT_EQ(orphan.status, 400) << orphan.body;
  EXPECT_TRUE(names_field(orphan, "parent_id", "required")) << orphan.body;

  auto odd = app->call("POST", "/api/v1/accounts",
                       serialize(object{{"code", "10021"}, {"name", "五位编码"}, {"category", "asset"},
                                        {"direction", "debit"}}),
                       &accountant);
  ASSERT_EQ(odd.status, 400) << odd.body;
  EXPECT_TRUE(names_field(odd, "code")) << "4-2-2-2 coding: " << odd.body;

  auto twice = app->call("POST", "/api/v1/accounts",
                         serialize(object{{"code", "1001"}, {"name", "现金"}, {"category", "asset"},
                                          {"direction", "debit"}}),
                         &accountant);
  EXPECT_EQ(twice.status == 400 || twice.status == 409, true) << twice.body;
  EXPECT_TRUE(names_field(twice, "code")) << "a code once per company: " << twice.body;
}

TEST_P(ChartOfAccounts, EachMemberCompanyKeepsItsOwnChart) {
  ASSERT_EQ(app->call("POST", "/api/v1/accounts/standard-chart", "", &accountant).status, 200);
  Client admin_in_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  ASSERT_FALSE(admin_in_b.cookie.empty());
  Client accountant_b = accountant_in(admin_in_b, "kuaiji.sz");
  auto empty = app->call("GET", "/api/v1/accounts", "", &accountant_b);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json.at("items").as_array().empty()) << "company A's chart is not B's";
  const auto a_cash = first(account("1001")).at("id").as_int64();
  EXPECT_EQ(app->call("GET", "/api/v1/accounts/" + std::to_string(a_cash), "", &accountant_b).status, 404);
  auto own = app->call("POST", "/api/v1/accounts/standard-chart", "", &accountant_b);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.number("kept"), 0) << "B starts from the standard chart on its own";
}

INSTANTIATE_TEST_SUITE_P(Backends, ChartOfAccounts, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
