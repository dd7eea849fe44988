// The warehouse's setting for stock stories: the ledger story's company (chart, fiscal year 2026,
// accountants 周 and 李) with 王, a warehouse keeper, two warehouses (深圳总仓 with two locations,
// 广州仓), a lot-tracked item with a shelf life and a box of 24, and helpers that read like the
// warehouse's work.
#pragma once

#include "modules/finance/tests/ledger_story.hpp"
#include "modules/inventory/quantity.hpp"
#include "modules/inventory/stock_checks.hpp"

namespace verp::testing {

class StockStory : public LedgerStory {
 protected:
  void SetUp() override {
    LedgerStory::SetUp();
    auto role = app->call("POST", "/api/v1/roles", R"({"code":"keeper","name":"仓管","from_template":"warehouse"})",
                          &admin);
    ASSERT_EQ(role.status, 201) << role.body;
    wang = app->user_with_roles(admin, "cangguan.wang", {"keeper"});
    shenzhen = created("warehouses", object{{"code", "SZ"}, {"name", "深圳总仓"}});
    guangzhou = created("warehouses", object{{"code", "GZ"}, {"name", "广州仓"}});
    shelf_a = created("locations", object{{"warehouse_id", shenzhen}, {"code", "A-01"}, {"name", "A区1号架"}});
    shelf_b = created("locations", object{{"warehouse_id", shenzhen}, {"code", "B-01"}, {"name", "B区1号架"}});
    pcs = app->call("GET", "/api/v1/units-of-measure?code=PCS", "", &admin).json.at("items").at(0).at("id").as_int64();
    box = created("units-of-measure", object{{"code", "BOX"}, {"name", "箱"}});
    milk = created("items", object{{"code", "F-1"}, {"name", "纯牛奶"}, {"uom_id", pcs}, {"item_type", "merchandise"},
                                   {"lot_tracked", true}, {"shelf_life_days", 180}, {"barcode", "6901234567892"}});
    created("item-unit-conversions", object{{"item_id", milk}, {"uom_id", box}, {"factor", "24"}, {"barcode", "16901234567899"}});
  }

  Reply document(object body, Client* as = nullptr) {
    return app->call("POST", "/api/v1/stock-documents", serialize(body), as ? as : &wang);
  }

  // A posted document, expected to succeed.
  object posted_document(object body) {
    auto reply = document(std::move(body));
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  static object stock_line(std::int64_t item, std::string quantity, object more = {}) {
    object line{{"item_id", item}, {"quantity", std::move(quantity)}};
    for (const auto& [key, value] : more) line[key] = value;
    return line;
  }

  // On hand and available of an item in a warehouse, as "on_hand/available".
  std::string position(std::int64_t item, std::int64_t warehouse) {
    auto rows = app->application().database->read([&](storage::Connection& c) {
      return c.query("SELECT on_hand, reserved FROM stock_positions WHERE item_id = $1 AND warehouse_id = $2",
                     {item, warehouse});
    });
    if (!rows || rows->empty()) return "none";
    const auto on_hand = (*rows)[0].int64(0).value_or(0);
    return inventory::format_quantity(on_hand) + "/" + inventory::format_quantity(on_hand - (*rows)[0].int64(1).value_or(0));
  }

  // The company's moving-average row of an item as "quantity @ value".
  std::string cost(std::int64_t of_item) {
    auto row = app->application().database->read([&](storage::Connection& c) {
      return c.query_row("SELECT quantity, value FROM stock_costs WHERE item_id = $1", {of_item});
    });
    if (!row || !*row) return "none";
    return inventory::format_quantity((*row)->int64(0).value_or(0)) + " @ " +
           finance::format_amount((*row)->int64(1).value_or(0));
  }

  std::int64_t count(const std::string& table) {
    auto row = app->application().database->read(
        [&](storage::Connection& c) { return c.query_row("SELECT COUNT(*) FROM " + table); });
    return row && *row ? (*row)->int64(0).value_or(-1) : -1;
  }

  // What `verp check` would say about stock and the ledger.
  std::vector<std::string> problems_of_stock() {
    auto all = problems_of_checks();
    for (auto& problem : problems_of(inventory::stock_checks())) all.push_back(std::move(problem));
    return all;
  }

  Client wang;
  std::int64_t shenzhen = 0, guangzhou = 0, shelf_a = 0, shelf_b = 0, pcs = 0, box = 0, milk = 0;
};

}  // namespace verp::testing
