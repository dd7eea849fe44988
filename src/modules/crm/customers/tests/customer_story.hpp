// The customer desk's setting for CRM stories about customers: the sales desk's company
// (sales_desk_story.hpp: 华南电子 and 华东机电, 赵 the salesperson, 周 and 李 in accounts) with
// two new customers signed on 1 April 2026 (深圳智造 and 杭州数码), three grading rules by yearly
// revenue (A from 50,000.00, B from 10,000.00, C for everyone else) and helpers to sell on a given
// day, recompute grades and read a customer as the desk sees it.
#pragma once

#include <chrono>

#include "modules/sales/tests/sales_desk_story.hpp"

namespace verp::testing {

class CustomerStory : public SalesDeskStory {
 protected:
  void SetUp() override {
    SalesDeskStory::SetUp();
    today_is(2026, 4, 1);
    shenzhen_buyer = created("customers", object{{"code", "C-101"}, {"name", "深圳智造"}});
    hangzhou_buyer = created("customers", object{{"code", "C-102"}, {"name", "杭州数码"}});
    rule("A", "50000", 1);
    rule("B", "10000", 2);
    rule("C", "0", 3);
  }

  void rule(const std::string& grade, const std::string& min_revenue, int priority) {
    created("grade-rules", object{{"grade", grade}, {"method", "revenue_band"}, {"min_revenue", min_revenue},
                                  {"priority", priority}});
  }

  // The clock at 10:00 China time on the day; the admin and 赵 sign in again (a session does not
  // outlive months).
  void today_is(int year, unsigned month, unsigned day) {
    app->clock().set(std::chrono::sys_days{std::chrono::year{year} / month / std::chrono::day{day}} +
                     std::chrono::hours(2));
    admin = app->admin();
    zhao = app->sign_in("xiaoshou.zhao", "quiet river under seven stone bridges");
  }

  // A confirmed order of `buyer` on `date` for speakers worth `amount` (excl. tax): amount ÷ 100
  // speakers at 100.00.
  std::int64_t sold(std::int64_t buyer, const std::string& date, int hundreds) {
    return confirmed_order(buyer, date, date, array{sale_line(item, std::to_string(hundreds), "100")});
  }

  object recompute(Client* as = nullptr) {
    auto run = app->call("POST", "/api/v1/crm/grades/recompute", "", as ? as : &admin);
    EXPECT_EQ(run.status, 200) << run.body;
    return run.json.is_object() ? run.json.as_object() : object{};
  }

  object customer_record(std::int64_t id) {
    auto reply = app->call("GET", id_path("/api/v1/customers", id), "", &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  // "B/new": the customer's grade and lifecycle stage.
  std::string standing(std::int64_t id) {
    auto record = customer_record(id);
    if (record.empty()) return "(none)";
    return std::string(record.at("grade").as_string()) + "/" + std::string(record.at("lifecycle_stage").as_string());
  }

  object view_360(std::int64_t id, Client* as = nullptr, const std::string& query = {}) {
    auto reply = app->call("GET", id_path("/api/v1/customers", id, "360") + query, "", as ? as : &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  std::int64_t shenzhen_buyer = 0, hangzhou_buyer = 0;
};

}  // namespace verp::testing
