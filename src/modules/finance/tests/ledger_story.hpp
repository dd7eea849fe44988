// The accountants' setting for ledger stories: a company with the standard chart and the fiscal
// year 2026 open, 周 who enters vouchers and 李 who reviews and posts them, a customer, a supplier,
// an item and a department for the dimensions, and helpers that read like the bookkeeping.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "modules/finance/finance_module.hpp"
#include "modules/finance/open_items.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {

using boost::json::array;
using boost::json::object;
using boost::json::serialize;

inline std::string id_path(std::string_view base, std::int64_t id, std::string_view verb = {}) {
  std::string path = std::string(base) + "/" + std::to_string(id);
  if (!verb.empty()) path += "/" + std::string(verb);
  return path;
}

class LedgerStory : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    auto role = app->call("POST", "/api/v1/roles",
                          R"({"code":"accountant","name":"会计","from_template":"finance"})", &admin);
    ASSERT_EQ(role.status, 201) << role.body;
    zhou = app->user_with_roles(admin, "kuaiji.zhou", {"accountant"});
    li = app->user_with_roles(admin, "zhuguan.li", {"accountant"});
    ASSERT_EQ(app->call("POST", "/api/v1/accounts/standard-chart", "", &zhou).status, 200);
    auto year = app->call("POST", "/api/v1/fiscal-years", R"({"year":2026})", &zhou);
    ASSERT_EQ(year.status, 201) << year.body;
    for (const auto& period : year.json.at("periods").as_array()) {
      period_ids[std::string(period.at("code").as_string())] = period.at("id").as_int64();
    }
    customer = created("customers", object{{"code", "C-001"}, {"name", "华南电子"}});
    supplier = created("suppliers", object{{"code", "S-001"}, {"name", "东莞五金"}});
    const auto pcs = created("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
    item = created("items", object{{"code", "M-1"}, {"name", "蓝牙音箱"}, {"uom_id", pcs}, {"item_type", "merchandise"}});
    auto office = app->call("POST", "/api/v1/departments", R"({"code":"ADM","name":"行政部"})", &admin);
    ASSERT_EQ(office.status, 201) << office.body;
    department = office.number("id");
  }

  std::int64_t created(const std::string& path, const object& body) {
    auto reply = app->call("POST", "/api/v1/" + path + "?confirm_duplicates=true", serialize(body), &admin);
    EXPECT_EQ(reply.status, 201) << path << ": " << reply.body;
    return reply.number("id");
  }

  static object line(std::string summary, std::string account, std::string debit, std::string credit,
                     object dimensions = {}) {
    object line{{"summary", std::move(summary)}, {"account", std::move(account)}};
    if (!debit.empty()) line["debit"] = std::move(debit);
    if (!credit.empty()) line["credit"] = std::move(credit);
    for (const auto& [key, value] : dimensions) line[key] = value;
    return line;
  }

  Reply enter(const std::string& date, array lines, Client* as = nullptr, std::string word = {}) {
    object body{{"date", date}, {"lines", std::move(lines)}};
    if (!word.empty()) body["word"] = std::move(word);
    return app->call("POST", "/api/v1/vouchers", serialize(body), as ? as : &zhou);
  }

  // Entered by 周, reviewed and posted by 李: the usual path of a voucher.
  std::int64_t posted(const std::string& date, array lines) {
    auto entered = enter(date, std::move(lines));
    EXPECT_EQ(entered.status, 201) << entered.body;
    const auto id = entered.number("id");
    EXPECT_EQ(act(id, "review", li).status, 200);
    auto post = act(id, "post", li);
    EXPECT_EQ(post.status, 200) << post.body;
    return id;
  }

  Reply act(std::int64_t voucher, const std::string& verb, Client& as, const std::string& body = "") {
    return app->call("POST", id_path("/api/v1/vouchers", voucher, verb), body, &as);
  }

  object trial_balance(const std::string& from, const std::string& to, Client* as = nullptr) {
    auto reply = app->call("GET", "/api/v1/finance/trial-balance?from=" + from + "&to=" + to, "", as ? as : &zhou);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  // One account's row as "opening D/C | debit | credit | closing D/C".
  static std::string row_of(const object& report, const std::string& code) {
    for (const auto& value : report.at("rows").as_array()) {
      const auto& row = value.as_object();
      if (row.at("code").as_string() != code) continue;
      return std::string(row.at("opening_debit").as_string()) + "/" + std::string(row.at("opening_credit").as_string()) +
             " | " + std::string(row.at("debit").as_string()) + " | " + std::string(row.at("credit").as_string()) +
             " | " + std::string(row.at("closing_debit").as_string()) + "/" +
             std::string(row.at("closing_credit").as_string());
    }
    return "(no row)";
  }

  static std::string statement_line(const Reply& statement, std::string_view key, std::string_view column) {
    for (const auto& line : statement.json.at("lines").as_array()) {
      if (line.at("key").as_string() == key) return std::string(line.at(column).as_string());
    }
    return "(no line)";
  }

  std::vector<std::string> problems_of_checks() {
    auto checks = finance::ledger_checks();
    for (auto& check : finance::open_item_checks()) checks.push_back(std::move(check));
    return problems_of(checks);
  }

  // What `verp check` would say, for these checks: every problem, or the check's own failure.
  std::vector<std::string> problems_of(const std::vector<Check>& checks) {
    std::vector<std::string> all;
    for (const auto& check : checks) {
      auto found = check.run(*app->application().database);
      if (!found) {
        all.push_back(check.name + ": " + found.error().message_id);
        continue;
      }
      all.insert(all.end(), found->begin(), found->end());
    }
    return all;
  }

  // March 2026 at 深圳优品贸易: capital, a purchase, a sale, its cost, paying the supplier,
  // collecting part of the receivable, office expenses; bank lines carry their cash-flow item.
  void trade_in_march() {
    const object by_customer{{"customer_id", customer}};
    const object by_supplier{{"supplier_id", supplier}};
    const object by_item{{"item_id", item}};
    posted("2026-03-01", array{line("收到股东投资", "1002", "500000.00", "", object{{"cash_flow_item", "CFF-1"}}), line("收到股东投资", "4001", "", "500000.00")});
    posted("2026-03-03", array{line("购进蓝牙音箱", "1405", "100000.00", "", by_item),
                               line("购进蓝牙音箱", "22210101", "13000.00", ""),
                               line("购进蓝牙音箱", "2202", "", "113000.00", by_supplier)});
    posted("2026-03-10", array{line("销售蓝牙音箱", "1122", "90400.00", "", by_customer),
                               line("销售蓝牙音箱", "6001", "", "80000.00", by_customer),
                               line("销售蓝牙音箱", "22210102", "", "10400.00")});
    posted("2026-03-10", array{line("结转销售成本", "6401", "60000.00", "", by_item),
                               line("结转销售成本", "1405", "", "60000.00", by_item)});
    posted("2026-03-15", array{line("支付东莞五金货款", "2202", "113000.00", "", by_supplier),
                               line("支付东莞五金货款", "1002", "", "113000.00", object{{"cash_flow_item", "CFO-4"}})});
    posted("2026-03-20", array{line("收回华南电子货款", "1002", "50000.00", "", object{{"cash_flow_item", "CFO-1"}}),
                               line("收回华南电子货款", "1122", "", "50000.00", by_customer)});
    posted("2026-03-25", array{line("支付办公费", "6602", "3000.00", "", object{{"department_id", department}}),
                               line("支付办公费", "1002", "", "3000.00", object{{"cash_flow_item", "CFO-7"}})});
  }

  std::unique_ptr<TestApp> app;
  Client admin, zhou, li;
  std::map<std::string, std::int64_t> period_ids;
  std::int64_t customer = 0, supplier = 0, item = 0, department = 0;
};

}  // namespace verp::testing
