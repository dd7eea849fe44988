// Lots (批次): listed earliest expiry first, traced from the receipt that brought them through the
// transfers and issues that took them, and announced to the warehouse once when they near expiry.
#include <algorithm>

#include "modules/inventory/stock_queries.hpp"
#include "modules/inventory/tests/stock_alert_story.hpp"

namespace verp::testing {
namespace {

class Lots : public StockAlertStory {
 protected:
  // A day counted from today, so that "expires within 30 days" stays true whenever the story runs.
  std::string in_days(int days) {
    return storage::Date::from_days(inventory::local_today(app->clock()).to_days() + days).to_string();
  }

  void receive_milk(const std::string& lot, const std::string& quantity, const std::string& expires_on) {
    posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                           {"lines", array{stock_line(milk, quantity, object{{"lot_number", lot}, {"expires_on", expires_on},
                                                                             {"unit_cost", "3"}})}}});
  }

  static std::vector<std::string> numbers_of(const Reply& reply) {
    std::vector<std::string> lots;
    for (const auto& lot : reply.json.at("items").as_array()) lots.emplace_back(lot.at("lot_number").as_string());
    return lots;
  }
};

TEST_P(Lots, ALotIsTracedFromItsReceiptThroughATransferToItsIssue) {
  receive_milk("L-7", "10", "2026-09-30");
  posted_document(object{{"kind", "transfer"}, {"date", "2026-03-04"}, {"warehouse_id", shenzhen},
                         {"to_warehouse_id", guangzhou}, {"lines", array{stock_line(milk, "4")}}});
  posted_document(object{{"kind", "issue"}, {"date", "2026-03-06"}, {"warehouse_id", guangzhou},
                         {"lines", array{stock_line(milk, "3", object{{"lot_number", "L-7"}})}}});
  auto lots = app->call("GET", "/api/v1/lots?item_id=" + std::to_string(milk), "", &wang);
  ASSERT_EQ(numbers_of(lots), std::vector<std::string>{"L-7"}) << lots.body;
  auto trace = app->call("GET", id_path("/api/v1/lots", lots.json.at("items").at(0).at("id").as_int64(), "trace"), "", &wang);
  ASSERT_EQ(trace.status, 200) << trace.body;
  auto moves = [&](std::string_view part) {
    std::vector<std::string> lines;
    for (const auto& move : trace.json.at(part).as_array()) {
      std::string line = std::string(move.at("document_number").as_string()) + " " +
                         std::string(move.at("warehouse").as_string()) + " " + std::string(move.at("quantity").as_string());
      if (const auto* to = move.as_object().if_contains("to_warehouse")) line += " → " + std::string(to->as_string());
      lines.push_back(line);
    }
    return lines;
  };
  // It came from one receipt; the transfer moved it on, the issue took it out.
  EXPECT_EQ(moves("came_from"), std::vector<std::string>{"QR-202603-0001 深圳总仓 10"});
  EXPECT_EQ(moves("went_to"), (std::vector<std::string>{"TR-202603-0001 深圳总仓 -4 → 广州仓", "QI-202603-0001 广州仓 -3"}));
  std::vector<std::string> stock;
  for (const auto& place : trace.json.at("stock").as_array()) {
    stock.push_back(std::string(place.at("warehouse").as_string()) + " " + std::string(place.at("on_hand").as_string()));
  }
  EXPECT_EQ(stock, (std::vector<std::string>{"广州仓 1", "深圳总仓 6"}));
  const auto& lot = trace.json.at("lot");
  EXPECT_EQ(lot.at("received").as_string(), "10");
  EXPECT_EQ(lot.at("issued").as_string(), "3");
  EXPECT_EQ(lot.at("on_hand").as_string(), "7");
  EXPECT_EQ(app->call("GET", "/api/v1/lots/999999/trace", "", &wang).status, 404);
}

TEST_P(Lots, LotsAreListedEarliestExpiryFirstWithWhatIsLeftOfThem) {
  receive_milk("L-LATER", "5", in_days(100));
  receive_milk("L-SOON", "5", in_days(10));
  receive_milk("L-GONE", "2", in_days(20));
  posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "2", object{{"lot_number", "L-GONE"}})}}});
  auto all = app->call("GET", "/api/v1/lots?item_id=" + std::to_string(milk), "", &wang);
  EXPECT_EQ(numbers_of(all), (std::vector<std::string>{"L-SOON", "L-GONE", "L-LATER"})) << all.body;
  EXPECT_EQ(all.json.at("items").at(0).at("days_to_expiry").as_int64(), 10);
  EXPECT_EQ(all.json.at("items").at(1).at("on_hand").as_string(), "0");
  EXPECT_EQ(numbers_of(app->call("GET", "/api/v1/lots?expiring_within_days=30", "", &wang)),
            (std::vector<std::string>{"L-SOON", "L-GONE"}));
  EXPECT_EQ(numbers_of(app->call("GET", "/api/v1/lots?expiring_within_days=30&with_stock=true", "", &wang)),
            std::vector<std::string>{"L-SOON"});
  auto page = app->call("GET", "/api/v1/lots?limit=2", "", &wang);
  EXPECT_EQ(numbers_of(page).size(), 2u);
  EXPECT_EQ(page.json.at("next_offset").as_int64(), 2);
}

TEST_P(Lots, AnExpiringLotIsToldToTheWarehouseOnceAndAgainOnlyWhenItComesBack) {
  receive_milk("L-SOON", "5", in_days(10));
  receive_milk("L-LATER", "5", in_days(100));
  EXPECT_EQ(alerts().lots_expiring, 1);
  auto heard = told(wang, "inventory.lot_expiring");
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0], "批次 L-SOON（F-1 纯牛奶）将于 " + in_days(10) + " 到期");
  EXPECT_TRUE(told(zhou, "inventory.lot_expiring").empty()) << "accountants do not keep stock";
  // The next morning the lot still expires soon: nobody is told again.
  EXPECT_EQ(alerts(1).lots_expiring, 0);
  EXPECT_EQ(told(wang, "inventory.lot_expiring").size(), 1u);
  // Sold out, the situation ends; back in stock, it is told once more.
  posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "5", object{{"lot_number", "L-SOON"}})}}});
  EXPECT_EQ(alerts(2).cleared, 1);
  EXPECT_EQ(count("stock_alerts"), 0);
  receive_milk("L-SOON", "1", in_days(10));
  EXPECT_EQ(alerts(3).lots_expiring, 1);
  EXPECT_EQ(told(wang, "inventory.lot_expiring").size(), 2u);
  // The job is on the schedule, every morning.
  auto schedules = app->stack().scheduler->list();
  ASSERT_TRUE(schedules.ok());
  EXPECT_TRUE(std::any_of(schedules->begin(), schedules->end(),
                          [](const auto& schedule) { return schedule.name == "inventory.stock_alerts"; }));
}

INSTANTIATE_TEST_SUITE_P(Backends, Lots, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
