// Which price 刘 quotes 星光电器, a distributor: the customer's own price list before the
// distributors' list before a list for everyone before the item's list price; within a list the
// largest quantity break not above the quantity; lists out of date or in another currency do not
// count; a box of 24 costs 24 pieces. Asked through GET /api/v1/sales/price, and seen on an order
// entered without prices.
#include "modules/sales/tests/price_story.hpp"

namespace verp::testing {
namespace {

class Pricing : public PriceStory {
 protected:
  // A draft order of `lines` without prices, as 刘 enters it.
  Reply order(array lines, std::int64_t customer = 0) {
    return app->call("POST", "/api/v1/sales-orders",
                     serialize(object{{"customer_id", customer != 0 ? customer : star},
                                      {"order_date", "2026-03-02"},
                                      {"warehouse_id", shenzhen},
                                      {"lines", std::move(lines)}}),
                     &liu);
  }

  static std::string line_price(const Reply& reply, std::size_t line = 0) {
    if (!reply.json.is_object() || !reply.json.as_object().contains("lines")) return reply.body;
    const auto& priced = reply.json.at("lines").at(line);
    return std::string(priced.at("price").as_string()) + " × " + std::string(priced.at("quantity").as_string()) + " = " +
           std::string(priced.at("amount").as_string());
  }
};

TEST_P(Pricing, TheCustomersOwnListBeatsTheGroupsWhichBeatsAGeneralListWhichBeatsTheItemsListPrice) {
  EXPECT_EQ(price_of(item), "100.00 item");
  price_list("GEN", {}, array{priced(item, "95.00")});
  EXPECT_EQ(price_of(item), "95.00 general");
  price_list("DIST", object{{"customer_group_id", distributors}}, array{priced(item, "90.00", {{"discount", "0.05"}})});
  EXPECT_EQ(price_of(item), "90.00 group");
  price_list("STAR", object{{"customer_id", star}}, array{priced(item, "88.00")});
  EXPECT_EQ(price_of(item), "88.00 customer");
  EXPECT_EQ(price_of(milk), "5.00 item") << "no list has milk";

  // A customer in no group gets the list for everyone.
  auto walk_in = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                           serialize(object{{"code", "C-101"}, {"name", "零售散客"}}), &liu);
  ASSERT_EQ(walk_in.status, 201) << walk_in.body;
  EXPECT_EQ(price_of(item, "", walk_in.number("id")), "95.00 general");
  // Orders entered without prices take the same prices, and the group's discount with them.
  auto entered = order(array{object{{"item_id", item}, {"quantity", "2"}}});
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(line_price(entered), "88.00 × 2 = 176.00");
  EXPECT_EQ(entered.json.at("lines").at(0).at("list_price").as_string(), "100.00");
  auto retail = order(array{object{{"item_id", item}, {"quantity", "2"}}}, walk_in.number("id"));
  EXPECT_EQ(line_price(retail), "95.00 × 2 = 190.00");
}

TEST_P(Pricing, TheLargestQuantityBreakNotAboveTheQuantityWins) {
  price_list("STAR", object{{"customer_id", star}},
             array{priced(item, "88.00"), priced(item, "80.00", {{"min_quantity", "50"}}),
                   priced(item, "85.00", {{"min_quantity", "10"}})});
  EXPECT_EQ(price_of(item, "&quantity=1"), "88.00 customer");
  EXPECT_EQ(price_of(item, "&quantity=9.9999"), "88.00 customer");
  EXPECT_EQ(price_of(item, "&quantity=10"), "85.00 customer");
  EXPECT_EQ(price_of(item, "&quantity=49"), "85.00 customer");
  EXPECT_EQ(price_of(item, "&quantity=50"), "80.00 customer");
  EXPECT_EQ(price_of(item, "&quantity=500"), "80.00 customer");
  // The customer's own list comes first even where the distributors' list is cheaper.
  price_list("DIST", object{{"customer_group_id", distributors}}, array{priced(item, "70.00", {{"min_quantity", "100"}})});
  EXPECT_EQ(price_of(item, "&quantity=100"), "80.00 customer");
  auto entered = order(array{object{{"item_id", item}, {"quantity", "12"}}, object{{"item_id", item}, {"quantity", "60"}}});
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(line_price(entered, 0), "85.00 × 12 = 1020.00");
  EXPECT_EQ(line_price(entered, 1), "80.00 × 60 = 4800.00");
}

TEST_P(Pricing, ListsOutsideTheirDatesOrInAnotherCurrencyAreIgnored) {
  const auto yuan = currency("CNY");
  const auto dollar = currency("USD");
  patch("customers", star, object{{"currency_id", yuan}});
  price_list("DIST", object{{"customer_group_id", distributors}, {"currency_id", yuan}}, array{priced(item, "90.00")});
  price_list("OLD", object{{"customer_id", star}, {"valid_to", "2026-02-28"}}, array{priced(item, "70.00")});
  price_list("SPRING", object{{"customer_id", star}, {"valid_from", "2026-04-01"}}, array{priced(item, "75.00")});
  price_list("USD", object{{"customer_id", star}, {"currency_id", dollar}}, array{priced(item, "12.00")});
  price_list("OFF", object{{"customer_id", star}, {"active", false}}, array{priced(item, "60.00")});
  EXPECT_EQ(price_of(item), "90.00 group") << "today, 2 March: only the distributors' list in yuan holds";
  EXPECT_EQ(price_of(item, "&date=2026-02-28"), "70.00 customer") << "the last day of the old list";
  EXPECT_EQ(price_of(item, "&date=2026-04-01"), "75.00 customer") << "the first day of the spring list";
  set_today(2026, 4, 2);
  EXPECT_EQ(price_of(item), "75.00 customer") << "the day defaults to today";
  auto entered = app->call("POST", "/api/v1/sales-orders",
                           serialize(object{{"customer_id", star}, {"order_date", "2026-03-31"}, {"warehouse_id", shenzhen},
                                            {"lines", array{object{{"item_id", item}, {"quantity", "1"}}}}}),
                           &liu);
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(entered.json.at("lines").at(0).at("price").as_string(), "90.00") << "the order's date chooses, not today";
}

TEST_P(Pricing, APackingUnitCostsTheStockUnitPriceTimesItsFactor) {
  auto walk_in = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                           serialize(object{{"code", "C-101"}, {"name", "零售散客"}}), &liu);
  ASSERT_EQ(walk_in.status, 201) << walk_in.body;
  const std::string in_boxes = "&uom_id=" + std::to_string(box);
  EXPECT_EQ(price_of(milk, in_boxes, walk_in.number("id")), "120.00 item") << "5.00 × 24";
  price_list("DIST", object{{"customer_group_id", distributors}},
             array{priced(milk, "4.50"), priced(milk, "4.00", {{"min_quantity", "48"}})});
  EXPECT_EQ(price_of(milk, in_boxes), "108.00 group") << "4.50 × 24";
  EXPECT_EQ(price_of(milk, in_boxes + "&quantity=2"), "96.00 group") << "2 boxes are 48 pieces: 4.00 × 24";
  EXPECT_EQ(price_of(milk, "&quantity=47"), "4.50 group");
  // A price set for the box itself is taken as it is.
  price_list("STAR", object{{"customer_id", star}},
             array{priced(milk, "4.20"), priced(milk, "99.00", {{"uom_id", box}})});
  EXPECT_EQ(price_of(milk, in_boxes), "99.00 customer") << "the box's own price, not 4.20 × 24";
  EXPECT_EQ(price_of(milk), "4.20 customer");
  // Scanning the box's barcode orders boxes at the box price.
  auto entered = app->call("POST", "/api/v1/sales-orders",
                           serialize(object{{"customer_id", walk_in.number("id")}, {"order_date", "2026-03-02"},
                                            {"warehouse_id", shenzhen},
                                            {"lines", array{object{{"item", "16901234567899"}, {"quantity", "2"}}}}}),
                           &liu);
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(line_price(entered), "120.00 × 2 = 240.00");
  EXPECT_EQ(entered.json.at("lines").at(0).at("stock_quantity").as_string(), "48");
}

INSTANTIATE_TEST_SUITE_P(Backends, Pricing, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
