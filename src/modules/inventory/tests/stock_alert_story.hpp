// The warehouse's morning: the stock story with the daily alert job run on a given day and what
// each person found in their notification centre.
#pragma once

#include <chrono>

#include "modules/inventory/stock_alerts.hpp"
#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {

class StockAlertStory : public StockStory {
 protected:
  // The daily job, run `days_later` days from now (the app's own clock stays, and so its sessions).
  inventory::AlertRun alerts(int days_later = 0) {
    ManualClock clock(app->clock().now() + std::chrono::hours(24 * days_later));
    auto run = inventory::send_stock_alerts(*app->application().database, clock);
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id);
    return run ? *run : inventory::AlertRun{};
  }

  // The titles of the client's notifications of one kind, newest first.
  std::vector<std::string> told(Client& client, const std::string& kind) {
    std::vector<std::string> titles;
    auto inbox = app->call("GET", "/api/v1/notifications", "", &client);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    if (!inbox.json.is_object()) return titles;
    for (const auto& note : inbox.json.at("items").as_array()) {
      if (note.at("kind").as_string() == kind) titles.emplace_back(note.at("title").as_string());
    }
    return titles;
  }
};

}  // namespace verp::testing
