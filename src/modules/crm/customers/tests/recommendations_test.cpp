// What else to offer 华南电子, who has bought only speakers: 深圳智造 and 杭州数码 bought speakers
// and headphones, 杭州数码 a charger too, 华东机电 speakers and a cable (and has a draft order for
// milk, which counts for nothing until confirmed). Headphones first — two customers who also
// bought speakers bought them — then the charger and the cable; never the speakers again.
#include "modules/crm/customers/tests/customer_story.hpp"

namespace verp::testing {
namespace {

class Recommendations : public CustomerStory {
 protected:
  void SetUp() override {
    CustomerStory::SetUp();
    headphones = created("items", object{{"code", "M-2"}, {"name", "蓝牙耳机"}, {"uom_id", pcs}, {"item_type", "merchandise"}});
    charger = created("items", object{{"code", "M-3"}, {"name", "充电器"}, {"uom_id", pcs}, {"item_type", "merchandise"}});
    cable = created("items", object{{"code", "M-4"}, {"name", "数据线"}, {"uom_id", pcs}, {"item_type", "merchandise"}});
    buy(customer, {item});
    buy(shenzhen_buyer, {item, headphones});
    buy(hangzhou_buyer, {item, headphones, charger});
    buy(shanghai_customer, {item, cable});
    draft_order(shanghai_customer, "2026-04-12", "2026-04-20", array{sale_line(milk, "1", "120", object{{"uom_id", box}})});
  }

  void buy(std::int64_t buyer, std::initializer_list<std::int64_t> items) {
    array lines;
    for (auto each : items) lines.push_back(sale_line(each, "1", "50"));
    confirmed_order(buyer, "2026-04-10", "2026-04-15", std::move(lines));
  }

  // "code:customers" per recommendation.
  std::vector<std::string> offered(const std::string& path) {
    auto reply = app->call("GET", path, "", &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::vector<std::string> items;
    if (!reply.json.is_object()) return items;
    for (const auto& row : reply.json.at("items").as_array()) {
      items.push_back(std::string(row.at("code").as_string()) + ":" + std::to_string(row.at("customers").as_int64()));
    }
    return items;
  }

  std::int64_t headphones = 0, charger = 0, cable = 0;
};

TEST_P(Recommendations, WhatCustomersWhoBoughtTheSameAlsoBoughtAndNothingAlreadyBought) {
  EXPECT_EQ(offered(id_path("/api/v1/customers", customer, "recommendations")),
            (std::vector<std::string>{"M-2:2", "M-3:1", "M-4:1"}));
  auto reply = app->call("GET", id_path("/api/v1/customers", customer, "recommendations") + "?limit=1", "", &admin);
  ASSERT_EQ(reply.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(reply.json.at("items").at(0).at("reason").as_string(), "Bought by 2 customers who also bought 蓝牙音箱");

  EXPECT_EQ(offered(id_path("/api/v1/customers", shenzhen_buyer, "recommendations")),
            (std::vector<std::string>{"M-3:1", "M-4:1"}))
      << "speakers and headphones are bought already";
}

TEST_P(Recommendations, AQuotationIsOfferedWhatGoesWithItsLines) {
  auto quoted = app->call("POST", "/api/v1/quotations",
                          serialize(object{{"customer_id", customer}, {"quote_date", "2026-04-01"},
                                           {"valid_until", "2026-05-01"},
                                           {"lines", array{sale_line(headphones, "5", "60")}}}),
                          &admin);
  ASSERT_EQ(quoted.status, 201) << quoted.body;
  EXPECT_EQ(offered(id_path("/api/v1/quotations", quoted.number("id"), "recommendations")),
            (std::vector<std::string>{"M-1:2", "M-3:1"}))
      << "the two buyers of headphones also bought speakers, one a charger; not the headphones again";
  auto other = app->admin_of_new_company(admin, "BJ", "北京分公司");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/quotations", quoted.number("id"), "recommendations"), "", &other).status,
            404);
}

INSTANTIATE_TEST_SUITE_P(Backends, Recommendations, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
