// The sales team's setting for order-to-cash stories: the buyers' company (深圳总仓 with
// speakers and milk in stock) with 张 the salesperson, helpers for an order of 60 speakers at
// 25.00 less 10 % and 2 boxes of milk at 120.00 a box, its confirmation, delivery notes, invoices
// and the accountants' posting.
#pragma once

#include "modules/purchasing/tests/purchase_story.hpp"
#include "modules/sales/sales_checks.hpp"

namespace verp::testing {

class SalesStory : public PurchaseStory {
 protected:
  void SetUp() override {
    PurchaseStory::SetUp();
    ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"seller","name":"销售员","from_template":"sales"})", &admin)
                  .status,
              201);
    zhang = app->user_with_roles(admin, "xiaoshou.zhang", {"seller"});
    // In stock: 100 speakers at 10.00 and three boxes of milk (lot L-1) at 4.00 a carton.
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

  Reply order(array lines, object more = {}, Client* as = nullptr) {
    object body{{"customer_id", customer}, {"order_date", "2026-03-10"}, {"delivery_date", "2026-03-15"},
                {"warehouse_id", shenzhen}, {"ship_to", "深圳市南山区科技园 8 号"}, {"lines", std::move(lines)}};
    for (const auto& [key, value] : more) body[key] = value;
    return app->call("POST", "/api/v1/sales-orders", serialize(body), as ? as : &zhang);
  }

  // 60 speakers at 25.00 less 10 % (1,350.00) and 2 boxes of milk at 120.00 (240.00), 13 % VAT.
  std::int64_t usual_order() {
    auto placed = order(array{sale_line(item, "60", "25", object{{"discount", "0.1"}}),
                              sale_line(milk, "2", "120", object{{"uom_id", box}})});
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.number("id");
  }

  Reply confirm(std::int64_t id, Client* as = nullptr) {
    return app->call("POST", "/api/v1/approvals", serialize(object{{"document_type", "sales_order"}, {"document_id", id}}),
                     as ? as : &zhang);
  }

  object order_view(std::int64_t id) {
    auto reply = app->call("GET", id_path("/api/v1/sales-orders", id, "lines"), "", &zhang);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  std::string status_of(std::int64_t id) { return std::string(order_view(id).at("status").as_string()); }

  // A line's field as text, e.g. line_of(view, 1, "shipped").
  static std::string line_of(const object& view, int line_no, std::string_view field) {
    for (const auto& line : view.at("lines").as_array()) {
      if (line.at("line_no").as_int64() == line_no) return std::string(line.at(field).as_string());
    }
    return "(no line)";
  }

  Reply deliver(array lines, Client* as = nullptr) {
    return app->call("POST", "/api/v1/deliveries",
                     serialize(object{{"date", "2026-03-12"}, {"carrier", "顺丰速运"}, {"lines", std::move(lines)}}),
                     as ? as : &wang);
  }

  Reply ship(std::int64_t delivery, std::string tracking = "SF1234567890") {
    return app->call("POST", id_path("/api/v1/deliveries", delivery, "ship"),
                     serialize(object{{"tracking_number", std::move(tracking)}}), &wang);
  }

  // A delivery note for `lines` shipped at once; answers the delivery.
  object shipped(array lines) {
    auto note = deliver(std::move(lines));
    EXPECT_EQ(note.status, 201) << note.body;
    auto sent = ship(note.number("id"));
    EXPECT_EQ(sent.status, 200) << sent.body;
    return sent.json.is_object() ? sent.json.as_object() : object{};
  }

  Reply invoice(object body) {
    if (!body.contains("customer_id")) body["customer_id"] = customer;
    if (!body.contains("date")) body["date"] = "2026-03-13";
    return app->call("POST", "/api/v1/sales-invoices", serialize(body), &zhou);
  }

  std::vector<std::string> problems_of_sales() {
    auto all = problems_of_everything();
    for (auto& problem : problems_of(sales::sales_checks())) all.push_back(std::move(problem));
    return all;
  }

  Client zhang;
};

}  // namespace verp::testing
