// What buyers plan with: requisitions turned into an order at the supplier's last price, and the
// reports that say what is still open, who delivers on time, what an item cost over time and
// how much was bought from whom.
#include "modules/purchasing/tests/purchase_story.hpp"

namespace verp::testing {
namespace {

class BuyersPlan : public PurchaseStory {
 protected:
  std::int64_t requisition(std::int64_t of_item, const std::string& quantity, std::int64_t warehouse) {
    auto made = app->call("POST", "/api/v1/purchase-requisitions",
                          serialize(object{{"item_id", of_item}, {"quantity", quantity}, {"needed_by", "2026-03-20"},
                                           {"warehouse_id", warehouse}}),
                          &chen);
    EXPECT_EQ(made.status, 201) << made.body;
    return made.number("id");
  }
};

TEST_P(BuyersPlan, RequisitionsBecomeOneDraftOrderAtTheSuppliersLastPrice) {
  // An earlier order set the supplier's price of the speaker at 10.00.
  const auto earlier = order().number("id");
  ASSERT_EQ(submit(earlier).status, 201);
  const auto speakers = requisition(item, "30", shenzhen);
  const auto milk_cartons = requisition(milk, "24", shenzhen);
  auto made = app->call("POST", "/api/v1/purchase-requisitions/to-order",
                        serialize(object{{"requisition_ids", array{speakers, milk_cartons}}, {"supplier_id", supplier},
                                         {"order_date", "2026-03-15"}}),
                        &chen);
  ASSERT_EQ(made.status, 201) << made.body;
  auto lines = app->call("GET", id_path("/api/v1/purchase-orders", made.number("id"), "lines"), "", &chen);
  ASSERT_EQ(lines.status, 200) << lines.body;
  EXPECT_EQ(lines.text("status"), "draft");
  EXPECT_EQ(lines.json.at("lines").at(0).at("price").as_string(), "10.000000");
  EXPECT_EQ(lines.json.at("lines").at(0).at("amount").as_string(), "300.00");
  EXPECT_EQ(lines.json.at("lines").at(1).at("price").as_string(), "2.000000") << "48.00 a box of 24";
  auto requisitioned = app->call("GET", id_path("/api/v1/purchase-requisitions", speakers), "", &chen);
  EXPECT_EQ(requisitioned.text("status"), "ordered");
  EXPECT_EQ(requisitioned.number("purchase_order_id"), made.number("id"));
  // An ordered requisition is not ordered twice.
  auto again = app->call("POST", "/api/v1/purchase-requisitions/to-order",
                         serialize(object{{"requisition_ids", array{speakers}}, {"supplier_id", supplier},
                                          {"order_date", "2026-03-15"}}),
                         &chen);
  EXPECT_TRUE(names_field(again, "requisition_ids[0]", "not_open")) << again.body;
}

TEST_P(BuyersPlan, ReorderSuggestionsBecomeRequisitionsOnce) {
  // Speakers in 深圳总仓 are to stay between 20 and 100; there are 5.
  ASSERT_EQ(app->call("POST", "/api/v1/reorder-rules",
                      serialize(object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "20"},
                                       {"max_quantity", "100"}, {"safety_stock", "10"}}),
                      &admin)
                .status,
            201);
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "5", object{{"unit_cost", "10"}})}}});
  auto made = app->call("POST", "/api/v1/purchase-requisitions/from-reorder", "{}", &chen);
  ASSERT_EQ(made.status, 200) << made.body;
  ASSERT_EQ(made.json.at("created").as_array().size(), 1u) << made.body;
  auto requisition = app->call("GET", id_path("/api/v1/purchase-requisitions", made.json.at("created").at(0).as_int64()),
                               "", &chen);
  EXPECT_EQ(requisition.text("quantity"), "95.0000") << "up to the maximum";
  EXPECT_EQ(requisition.text("source"), "reorder");
  auto again = app->call("POST", "/api/v1/purchase-requisitions/from-reorder", "{}", &chen);
  EXPECT_EQ(again.json.at("created").as_array().size(), 0u);
  EXPECT_EQ(again.json.at("already_requested").as_int64(), 1);
}

TEST_P(BuyersPlan, ReportsTellWhatIsOpenWhoIsLateAndWhatWasBought) {
  const auto id = order().number("id");
  ASSERT_EQ(submit(id).status, 201);
  // 60 speakers on the 5th (expected the 9th: on time); the milk on the 12th, three days late,
  // with one box rejected.
  ASSERT_EQ(receive(id, array{object{{"line_no", 1}, {"quantity", "60"}}}).status, 201);
  auto late = app->call("POST", id_path("/api/v1/purchase-orders", id, "receipts"),
                        serialize(object{{"date", "2026-03-12"},
                                         {"lines", array{object{{"line_no", 2}, {"quantity", "2"}, {"rejected", "1"},
                                                                {"reject_reason", "胀包"}, {"lot_number", "L-1"}}}}}),
                        &wang);
  ASSERT_EQ(late.status, 201) << late.body;
  app->clock().set(std::chrono::sys_days{std::chrono::year{2026} / 3 / 14});
  auto open = app->call("GET", "/api/v1/purchasing/reports/open-orders", "", &chen);
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(open.json.at("rows").as_array().size(), 2u);
  EXPECT_EQ(open.json.at("rows").at(0).at("open").as_string(), "40");
  EXPECT_EQ(open.json.at("rows").at(0).at("days_late").as_int64(), 5);
  EXPECT_EQ(open.json.at("rows").at(1).at("open").as_string(), "1") << "one box still due after the rejection";
  EXPECT_EQ(open.text("open_value"), "448.00") << "40 × 10.00 + 1 box × 48.00";
  auto performance = app->call("GET", "/api/v1/purchasing/reports/delivery-performance?from=2026-03-01&to=2026-03-31",
                               "", &chen);
  ASSERT_EQ(performance.status, 200) << performance.body;
  const auto& row = performance.json.at("rows").at(0);
  EXPECT_EQ(row.at("lines").as_int64(), 2);
  EXPECT_EQ(row.at("on_time_rate").as_string(), "50.0");
  EXPECT_EQ(row.at("average_days_late").as_string(), "3.0");
  EXPECT_EQ(row.at("rejected_rate").as_string(), "22.2") << "24 of 108 pieces";
  auto bought = app->call("GET", "/api/v1/purchasing/reports/purchases?group=month", "", &chen);
  ASSERT_EQ(bought.status, 200) << bought.body;
  EXPECT_EQ(bought.json.at("rows").at(0).at("name").as_string(), "2026-03");
  EXPECT_EQ(bought.json.at("rows").at(0).at("amount").as_string(), "1096.00");
  EXPECT_TRUE(names_field(app->call("GET", "/api/v1/purchasing/reports/purchases?group=colour", "", &chen), "group"));
  auto history = app->call("GET", "/api/v1/purchasing/reports/price-history?item_id=" + std::to_string(milk), "", &chen);
  EXPECT_EQ(history.json.at("rows").at(0).at("unit_price").as_string(), "2.0000");
  auto sheet = app->call("GET", "/api/v1/purchasing/reports/open-orders?format=xlsx", "", &chen);
  EXPECT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK") << "an Excel workbook";
}

INSTANTIATE_TEST_SUITE_P(Backends, BuyersPlan, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
