// The buyers' setting for purchasing stories: the stock story's company with 陈 the buyer, a
// quarantine warehouse, and helpers for an order of 100 speakers and 2 boxes of milk, its
// submission, receipts, invoices and the accountants' posting.
#pragma once

#include "modules/inventory/tests/stock_story.hpp"
#include "modules/purchasing/purchasing_checks.hpp"

namespace verp::testing {

class PurchaseStory : public StockStory {
 protected:
  void SetUp() override {
    StockStory::SetUp();
    ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"buyer","name":"采购员","from_template":"purchasing"})", &admin)
                  .status,
              201);
    chen = app->user_with_roles(admin, "caigou.chen", {"buyer"});
    quarantine = created("warehouses", object{{"code", "QC"}, {"name", "待检仓"}, {"kind", "quarantine"}});
  }

  // 100 speakers at 10.00 and 2 boxes of milk (48 pieces) at 48.00 a box, both at 13 % VAT.
  Reply order(Client* as = nullptr) {
    return app->call("POST", "/api/v1/purchase-orders",
                     serialize(object{{"supplier_id", supplier},
                                      {"order_date", "2026-03-02"},
                                      {"expected_date", "2026-03-09"},
                                      {"warehouse_id", shenzhen},
                                      {"lines", array{object{{"item_id", item}, {"quantity", "100"}, {"price", "10.00"},
                                                             {"tax_rate", "0.13"}},
                                                      object{{"item", "16901234567899"}, {"quantity", "2"},
                                                             {"price", "48"}, {"tax_rate", "0.13"}}}}}),
                     as ? as : &chen);
  }

  Reply submit(std::int64_t id) {
    return app->call("POST", "/api/v1/approvals",
                     serialize(object{{"document_type", "purchase_order"}, {"document_id", id}}), &chen);
  }

  std::string status_of(std::int64_t id) {
    return app->call("GET", id_path("/api/v1/purchase-orders", id), "", &chen).text("status");
  }

  Reply receive(std::int64_t id, array lines, object more = {}) {
    object body{{"date", "2026-03-05"}, {"lines", std::move(lines)}};
    for (const auto& [key, value] : more) body[key] = value;
    return app->call("POST", id_path("/api/v1/purchase-orders", id, "receipts"), serialize(body), &wang);
  }

  Reply invoice(std::int64_t id, array lines, std::string number = "44031234") {
    return app->call("POST", id_path("/api/v1/purchase-orders", id, "invoices"),
                     serialize(object{{"number", std::move(number)}, {"date", "2026-03-12"}, {"lines", std::move(lines)}}),
                     &zhou);
  }

  // Reviewed and posted by 李, as the accountants do with every business voucher.
  void post_voucher(std::int64_t voucher) {
    EXPECT_EQ(act(voucher, "review", li).status, 200);
    auto posted = act(voucher, "post", li);
    EXPECT_EQ(posted.status, 200) << posted.body;
  }

  std::vector<std::string> problems_of_everything() {
    auto all = problems_of_stock();
    for (auto& problem : problems_of(purchasing::purchasing_checks())) all.push_back(std::move(problem));
    return all;
  }

  Client chen;
  std::int64_t quarantine = 0;
};

}  // namespace verp::testing
