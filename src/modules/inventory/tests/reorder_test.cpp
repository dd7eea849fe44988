// Reorder rules (补货规则): each rule judges the available stock of its item in its warehouse, an
// item's own levels count over every warehouse, the report suggests what to order, and the
// warehouse hears of a new shortage or overstock once, until it clears.
#include "modules/finance/ledger.hpp"
#include "modules/identity/api.hpp"
#include "modules/inventory/reorder.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/inventory/tests/stock_alert_story.hpp"

namespace verp::testing {
namespace {

class Reorder : public StockAlertStory {
 protected:
  // A rule entered by 王, the keeper: the warehouse role looks after the rules.
  Reply rule(object body) { return app->call("POST", "/api/v1/reorder-rules", serialize(body), &wang); }

  void receive(std::int64_t of_item, std::int64_t into, const std::string& quantity) {
    posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", into},
                           {"lines", array{stock_line(of_item, quantity, object{{"unit_cost", "10"}})}}});
  }

  // Stock promised to a sales order, as sales will do it through the ledger's contract.
  void reserve(std::int64_t of_item, std::int64_t in, inventory::Qty quantity) {
    auto& database = *app->application().database;
    auto admin_row = database.read([](storage::Connection& c) {
      return c.query_row("SELECT u.id, m.company_id FROM users u JOIN memberships m ON m.user_id = u.id "
                         "WHERE u.user_name = 'admin' ORDER BY m.company_id");
    });
    ASSERT_TRUE(admin_row && *admin_row);
    auto principal = identity::principal_of(database, (*admin_row)->int64(0).value_or(0), (*admin_row)->int64(1).value_or(0));
    ASSERT_TRUE(principal.ok());
    const finance::Actor actor{*principal, entity::Caller{"127.0.0.1", "reorder-test"}, app->clock()};
    auto reserved = database.write([&](storage::Connection& c) {
      return inventory::reserve(c, actor, {.source_type = "sales_order", .source_id = 1, .source_line = 1,
                                           .item_id = of_item, .warehouse_id = in, .quantity = quantity});
    });
    ASSERT_TRUE(reserved.ok()) << reserved.error().message_id;
  }

  // The report's lines as "item warehouse on_hand/available status suggested" (* for every warehouse).
  static std::vector<std::string> lines_of(const Reply& report) {
    std::vector<std::string> lines;
    if (!report.json.is_object()) return lines;
    for (const auto& value : report.json.at("rows").as_array()) {
      const auto& row = value.as_object();
      lines.push_back(std::string(row.at("item_code").as_string()) + " " +
                      (row.at("warehouse").is_null() ? std::string("*") : std::string(row.at("warehouse").as_string())) +
                      " " + std::string(row.at("on_hand").as_string()) + "/" +
                      std::string(row.at("available").as_string()) + " " + std::string(row.at("status").as_string()) +
                      " " + std::string(row.at("suggested").as_string()));
    }
    return lines;
  }
};

TEST_P(Reorder, TheReportJudgesEachRuleAgainstAvailableStockAndSuggestsWhatToOrder) {
  const auto tape = created("items", object{{"code", "M-2"}, {"name", "胶带"}, {"uom_id", pcs}, {"item_type", "merchandise"},
                                            {"min_stock", "1000"}});
  const auto cable = created("items", object{{"code", "M-3"}, {"name", "线缆"}, {"uom_id", pcs}, {"item_type", "merchandise"}});
  const auto juice = created("items", object{{"code", "F-2"}, {"name", "果汁"}, {"uom_id", pcs}, {"item_type", "merchandise"},
                                             {"min_stock", "20"}});
  receive(item, shenzhen, "5");
  receive(item, guangzhou, "30");
  reserve(item, shenzhen, 2 * inventory::kOne);
  receive(tape, shenzhen, "8");
  receive(cable, guangzhou, "7");
  receive(juice, shenzhen, "12");
  receive(juice, guangzhou, "3");
  for (const object& body :
       {object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "10"}, {"safety_stock", "4"}, {"max_quantity", "50"}},
        object{{"item_id", item}, {"warehouse_id", guangzhou}, {"min_quantity", "10"}, {"max_quantity", "20"}},
        object{{"item_id", tape}, {"warehouse_id", shenzhen}, {"min_quantity", "10"}, {"reorder_quantity", "24"}},
        object{{"item_id", cable}, {"warehouse_id", guangzhou}, {"min_quantity", "5"}, {"max_quantity", "10"}}}) {
    auto saved = rule(body);
    ASSERT_EQ(saved.status, 201) << saved.body;
  }
  auto report = app->call("GET", "/api/v1/stock/reorder", "", &wang);
  ASSERT_EQ(report.status, 200) << report.body;
  // Juice has no rule: its own minimum of 20 counts over both warehouses (15). Speakers in
  // Shenzhen: 5 on hand, 2 reserved, 3 available, under the safety stock of 4: order up to 50.
  // Tape's rule wins over the item's own 1000 and orders its reorder quantity.
  EXPECT_EQ(lines_of(report), (std::vector<std::string>{"F-2 * 15/15 below_minimum 5",
                                                        "M-1 广州仓 30/30 above_maximum 0",
                                                        "M-1 深圳总仓 5/3 below_safety 47",
                                                        "M-2 深圳总仓 8/8 below_minimum 24",
                                                        "M-3 广州仓 7/7 ok 0"}));
  const auto& counts = report.json.at("counts");
  EXPECT_EQ(counts.at("below_safety").as_int64(), 1);
  EXPECT_EQ(counts.at("below_minimum").as_int64(), 2);
  EXPECT_EQ(counts.at("above_maximum").as_int64(), 1);
  EXPECT_EQ(counts.at("ok").as_int64(), 1);
  EXPECT_EQ(lines_of(app->call("GET", "/api/v1/stock/reorder?status=below", "", &wang)).size(), 3u);
  EXPECT_EQ(lines_of(app->call("GET", "/api/v1/stock/reorder?warehouse_id=" + std::to_string(guangzhou), "", &wang)),
            (std::vector<std::string>{"M-1 广州仓 30/30 above_maximum 0", "M-3 广州仓 7/7 ok 0"}));
  EXPECT_TRUE(names_field(app->call("GET", "/api/v1/stock/reorder?status=low", "", &wang), "status", "invalid"));
  auto csv = app->call("GET", "/api/v1/stock/reorder?format=csv", "", &wang);
  EXPECT_NE(csv.body.find("F-2,果汁,(all warehouses),15,20,0,,Below minimum,5"), std::string::npos) << csv.body;

  // What purchasing will call to raise requisitions: the same lines.
  auto lines = app->application().database->read([&](storage::Connection& c) {
    auto company = c.query_row("SELECT company_id FROM items WHERE id = $1", {item});
    return inventory::reorder_suggestions(c, company && *company ? (*company)->int64(0).value_or(0) : 0);
  });
  ASSERT_TRUE(lines.ok());
  ASSERT_EQ(lines->size(), 5u);
  EXPECT_FALSE(lines->front().rule_id.has_value());
  EXPECT_EQ(lines->at(2).suggested, 47 * inventory::kOne);
}

TEST_P(Reorder, ARuleKeepsItsMaximumAboveItsMinimumAndIsOnePerItemAndWarehouse) {
  auto upside_down = rule(object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "10"}, {"max_quantity", "5"}});
  EXPECT_EQ(upside_down.status, 400);
  EXPECT_TRUE(names_field(upside_down, "max_quantity", "below_minimum")) << upside_down.body;
  auto negative = rule(object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "-1"}});
  EXPECT_EQ(negative.status, 400);
  EXPECT_TRUE(names_field(negative, "min_quantity")) << negative.body;
  EXPECT_EQ(rule(object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "10"}}).status, 201);
  auto twice = rule(object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "3"}});
  EXPECT_EQ(twice.status, 409) << "a second rule for the same place conflicts, as a duplicate code does";
  EXPECT_TRUE(names_field(twice, "warehouse_id", "not_unique")) << twice.body;
  EXPECT_EQ(rule(object{{"item_id", item}, {"warehouse_id", guangzhou}, {"min_quantity", "3"}}).status, 201);
  EXPECT_EQ(app->call("POST", "/api/v1/reorder-rules",
                      serialize(object{{"item_id", milk}, {"warehouse_id", shenzhen}, {"min_quantity", "1"}}), &zhou)
                .status,
            403)
      << "accountants do not set reorder rules";
}

TEST_P(Reorder, AShortageAndAnOverstockAreEachToldOnceUntilTheyClear) {
  ASSERT_EQ(rule(object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "10"}, {"max_quantity", "20"}}).status, 201);
  receive(item, shenzhen, "5");
  auto first = alerts();
  EXPECT_EQ(first.below_minimum, 1);
  EXPECT_EQ(told(wang, "inventory.reorder_alert"),
            std::vector<std::string>{"M-1 蓝牙音箱 在深圳总仓的可用量 5 低于最低库存 10"});
  EXPECT_EQ(alerts(1).below_minimum, 0) << "the same shortage is not told twice";
  receive(item, shenzhen, "10");
  auto back = alerts(2);
  EXPECT_EQ(back.cleared, 1);
  EXPECT_EQ(back.below_minimum + back.above_maximum, 0);
  receive(item, shenzhen, "10");
  EXPECT_EQ(alerts(3).above_maximum, 1);
  EXPECT_EQ(alerts(4).above_maximum, 0);
  auto heard = told(wang, "inventory.reorder_alert");
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard.front(), "M-1 蓝牙音箱 在深圳总仓的可用量 25 超过最高库存 20");
}

INSTANTIATE_TEST_SUITE_P(Backends, Reorder, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
