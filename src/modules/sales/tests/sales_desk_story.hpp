// The sales desk's setting for stories about what happened after the sale (reports, reminders):
// the stock story's company on 20 April 2026 with 赵 the salesperson (an employee with a user
// account), 华南电子 in 广东 and 华东机电 in 上海 as customers, 100 speakers at 10.00 and 72
// cartons of milk at 4.00 in 深圳总仓, and one helper per step of order to cash, each expected to
// succeed.
#pragma once

#include <chrono>

#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {

class SalesDeskStory : public StockStory {
 protected:
  void SetUp() override {
    StockStory::SetUp();
    // Every step below is dated; the clock only says what "today" is for lateness and reminders.
    app->clock().set(std::chrono::sys_days{std::chrono::year{2026} / 4 / 20} + std::chrono::hours(2));
    ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"seller","name":"销售员","from_template":"sales"})", &admin)
                  .status,
              201);
    zhao = app->user_with_roles(admin, "xiaoshou.zhao", {"seller"}, &zhao_user);
    zhao_employee = created("employees", object{{"code", "E-01"}, {"name", "赵敏"}, {"user_id", zhao_user}});
    auto placed = app->call("PATCH", id_path("/api/v1/customers", customer), R"({"version":1,"region":"广东"})", &admin);
    ASSERT_EQ(placed.status, 200) << placed.body;
    shanghai_customer = created("customers", object{{"code", "C-002"}, {"name", "华东机电"}, {"region", "上海"}});
    posted_document(object{{"kind", "receipt"}, {"date", "2026-03-01"}, {"warehouse_id", shenzhen},
                           {"lines", array{stock_line(item, "100", object{{"unit_cost", "10"}}),
                                           stock_line(milk, "72", object{{"unit_cost", "4"}, {"lot_number", "L-1"},
                                                                         {"produced_on", "2026-02-20"}})}}});
  }

  static object sale_line(std::int64_t of_item, std::string quantity, std::string price, object more = {}) {
    object line{{"item_id", of_item}, {"quantity", std::move(quantity)}, {"price", std::move(price)}, {"tax_rate", "0.13"}};
    for (const auto& [key, value] : more) line[key] = value;
    return line;
  }

  // A draft order by 赵 for `buyer`, shipped from 深圳总仓; `more` adds or overrides header fields.
  std::int64_t draft_order(std::int64_t buyer, std::string date, std::string delivery, array lines, object more = {}) {
    object body{{"customer_id", buyer}, {"order_date", std::move(date)}, {"delivery_date", std::move(delivery)},
                {"warehouse_id", shenzhen}, {"lines", std::move(lines)}};
    for (const auto& [key, value] : more) body[key] = value;
    auto placed = app->call("POST", "/api/v1/sales-orders", serialize(body), &zhao);
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.number("id");
  }

  // Entered and confirmed (within the credit limit no rule applies: ordered at once).
  std::int64_t confirmed_order(std::int64_t buyer, std::string date, std::string delivery, array lines,
                               object more = {}) {
    const auto id = draft_order(buyer, std::move(date), std::move(delivery), std::move(lines), std::move(more));
    auto confirmed = app->call("POST", "/api/v1/approvals",
                               serialize(object{{"document_type", "sales_order"}, {"document_id", id}}), &zhao);
    EXPECT_EQ(confirmed.status, 201) << confirmed.body;
    return id;
  }

  // 王 picks and ships `lines` ([{order_id, line_no, quantity}]) on `date`; answers the delivery.
  object shipped(array lines, const std::string& date) {
    auto note = app->call("POST", "/api/v1/deliveries", serialize(object{{"date", date}, {"lines", std::move(lines)}}),
                          &wang);
    EXPECT_EQ(note.status, 201) << note.body;
    auto sent = app->call("POST", id_path("/api/v1/deliveries", note.number("id"), "ship"),
                          serialize(object{{"date", date}}), &wang);
    EXPECT_EQ(sent.status, 200) << sent.body;
    return sent.json.is_object() ? sent.json.as_object() : object{};
  }

  // 周 invoices a shipped delivery; answers the invoice (with its voucher_id), its voucher posted by 李.
  object invoiced(std::int64_t buyer, const object& delivery, const std::string& date, object more = {}) {
    object body{{"customer_id", buyer}, {"date", date}, {"delivery_ids", array{delivery.at("id")}}};
    for (const auto& [key, value] : more) body[key] = value;
    auto billed = app->call("POST", "/api/v1/sales-invoices", serialize(body), &zhou);
    EXPECT_EQ(billed.status, 201) << billed.body;
    auto invoice = app->call("GET", std::string(billed.headers.get("Location")), "", &zhou);
    EXPECT_EQ(invoice.status, 200) << invoice.body;
    if (!invoice.json.is_object()) return object{};
    post_voucher(invoice.json.at("voucher_id").as_int64());
    return invoice.json.as_object();
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

  void post_voucher(std::int64_t voucher) {
    EXPECT_EQ(act(voucher, "review", li).status, 200);
    auto posted = act(voucher, "post", li);
    EXPECT_EQ(posted.status, 200) << posted.body;
  }

  Client zhao;
  std::int64_t zhao_user = 0, zhao_employee = 0, shanghai_customer = 0;
};

}  // namespace verp::testing
