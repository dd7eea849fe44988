// The sales desk's setting for stories about what happened after the sale (reports, reminders):
// the sales team's company (sales_story.hpp) on 20 April 2026, with 赵 the salesperson (an
// employee with a user account), 华南电子 in 广东 and 华东机电 in 上海 as customers, and helpers
// for orders of either customer and for invoices whose voucher the accountants post.
#pragma once

#include <chrono>

#include "modules/sales/tests/sales_story.hpp"

namespace verp::testing {

class SalesDeskStory : public SalesStory {
 protected:
  void SetUp() override {
    SalesStory::SetUp();
    // Every step below is dated; the clock only says what "today" is for lateness and reminders.
    app->clock().set(std::chrono::sys_days{std::chrono::year{2026} / 4 / 20} + std::chrono::hours(2));
    zhao = app->user_with_roles(admin, "xiaoshou.zhao", {"seller"}, &zhao_user);
    zhao_employee = created("employees", object{{"code", "E-01"}, {"name", "赵敏"}, {"user_id", zhao_user}});
    auto placed = app->call("PATCH", id_path("/api/v1/customers", customer), R"({"version":1,"region":"广东"})", &admin);
    ASSERT_EQ(placed.status, 200) << placed.body;
    shanghai_customer = created("customers", object{{"code", "C-002"}, {"name", "华东机电"}, {"region", "上海"}});
  }

  // A draft order by 赵 for `buyer`; `more` adds or overrides header fields.
  std::int64_t draft_order(std::int64_t buyer, std::string date, std::string delivery, array lines, object more = {}) {
    more["customer_id"] = buyer;
    more["order_date"] = std::move(date);
    more["delivery_date"] = std::move(delivery);
    auto placed = order(std::move(lines), std::move(more), &zhao);
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.number("id");
  }

  // Entered and confirmed (within the credit limit no rule applies: ordered at once).
  std::int64_t confirmed_order(std::int64_t buyer, std::string date, std::string delivery, array lines,
                               object more = {}) {
    const auto id = draft_order(buyer, std::move(date), std::move(delivery), std::move(lines), std::move(more));
    auto confirmed = confirm(id, &zhao);
    EXPECT_EQ(confirmed.status, 201) << confirmed.body;
    return id;
  }

  // 周 invoices a shipped delivery on `date`; answers the invoice (with its voucher_id), its
  // voucher posted by 李.
  object invoiced(std::int64_t buyer, const object& delivery, const std::string& date, object more = {}) {
    more["customer_id"] = buyer;
    more["date"] = date;
    more["delivery_ids"] = array{delivery.at("id")};
    auto billed = invoice(std::move(more));
    EXPECT_EQ(billed.status, 201) << billed.body;
    auto made = app->call("GET", std::string(billed.headers.get("Location")), "", &zhou);
    EXPECT_EQ(made.status, 200) << made.body;
    if (!made.json.is_object()) return object{};
    post_voucher(made.json.at("voucher_id").as_int64());
    return made.json.as_object();
  }

  // 周 registers money from `buyer`, 李 posts it and it is allocated to their invoices oldest first.
  void collected(std::int64_t buyer, const std::string& amount, const std::string& date) {
    auto paid = app->call("POST", "/api/v1/customer-receipts",
                          serialize(object{{"customer_id", buyer}, {"date", date}, {"amount", amount}}), &zhou);
    ASSERT_EQ(paid.status, 201) << paid.body;
    post_voucher(paid.number("id"));
    auto settled = app->call("POST", "/api/v1/finance/allocations/auto",
                             serialize(object{{"account", "1122"}, {"partner_id", buyer}}), &zhou);
    ASSERT_EQ(settled.status, 200) << settled.body;
  }

  Client zhao;
  std::int64_t zhao_user = 0, zhao_employee = 0, shanghai_customer = 0;
};

}  // namespace verp::testing
