// 深圳总仓 sends speakers to 北京分公司, another member company: they leave Shenzhen's stock at
// moving average, wait in Beijing's transit warehouse until Beijing confirms their arrival, and
// each company's books see the other as a partner (Shenzhen a receivable, Beijing a payable).
#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {
namespace {

class Intercompany : public StockStory {
 protected:
  void SetUp() override {
    StockStory::SetUp();
    posted_document(object{{"kind", "receipt"}, {"date", "2026-03-01"}, {"warehouse_id", shenzhen},
                           {"lines", array{stock_line(item, "100", object{{"unit_cost", "10"}})}}});
    auto ids = app->application().database->read([](storage::Connection& c) {
      return c.query("SELECT id FROM companies ORDER BY id", {});
    });
    ASSERT_TRUE(ids.ok() && !ids->empty());
    here = (*ids)[0].int64(0).value_or(0);
    beijing = app->admin_of_new_company(admin, "BJ", "北京分公司");
    auto bj = app->application().database->read([](storage::Connection& c) {
      return c.query_row("SELECT id FROM companies WHERE code = 'BJ'", {});
    });
    ASSERT_TRUE(bj.ok() && *bj);
    there = (**bj).int64(0).value_or(0);
    ASSERT_EQ(app->call("POST", "/api/v1/accounts/standard-chart", "", &beijing).status, 200);
    ASSERT_EQ(app->call("POST", "/api/v1/fiscal-years", R"({"year":2026})", &beijing).status, 201);
    auto made = [&](const std::string& path, const object& body) {
      auto reply = app->call("POST", "/api/v1/" + path + "?confirm_duplicates=true", serialize(body), &beijing);
      EXPECT_EQ(reply.status, 201) << path << ": " << reply.body;
      return reply.number("id");
    };
    const auto their_pcs = made("units-of-measure", object{{"code", "PCS"}, {"name", "个"}});
    their_item = made("items", object{{"code", "M-1"}, {"name", "蓝牙音箱"}, {"uom_id", their_pcs}, {"item_type", "merchandise"}});
    their_store = made("warehouses", object{{"code", "BJ-1"}, {"name", "北京仓"}});
    their_transit = made("warehouses", object{{"code", "BJ-T"}, {"name", "北京在途仓"}, {"kind", "transit"}});
    made_supplier = [this, made] {
      return made("suppliers", object{{"code", "S-SZ"}, {"name", "深圳总部"}, {"intercompany", true}, {"member_company_id", here}});
    };
    member_customer = created("customers", object{{"code", "C-BJ"}, {"name", "北京分公司"}, {"intercompany", true}, {"member_company_id", there}});
  }

  Reply send(array lines) {
    return app->call("POST", "/api/v1/intercompany-transfers",
                     serialize(object{{"to_company_id", there}, {"from_warehouse_id", shenzhen},
                                      {"to_warehouse_id", their_store}, {"date", "2026-03-10"}, {"lines", std::move(lines)}}),
                     &admin);
  }

  Client beijing;
  std::int64_t here = 0, there = 0, member_customer = 0, their_item = 0, their_store = 0, their_transit = 0;
  std::function<std::int64_t()> made_supplier;
};

TEST_P(Intercompany, GoodsTravelToAMemberCompanyAndArriveThereWithTheirCostOnBothSetsOfBooks) {
  // Beijing does not yet keep Shenzhen as a supplier: nothing can be sent.
  auto refused = send(array{stock_line(item, "30")});
  EXPECT_TRUE(names_field(refused, "to_company_id", "no_supplier")) << refused.body;
  made_supplier();
  // Where goods can go: Beijing and its warehouse (not the transit one), for someone in both companies.
  auto destinations = app->call("GET", "/api/v1/intercompany-transfers/destinations", "", &admin);
  ASSERT_EQ(destinations.status, 200) << destinations.body;
  ASSERT_EQ(destinations.json.at("items").as_array().size(), 1u) << destinations.body;
  const auto& bj = destinations.json.at("items").at(0).as_object();
  EXPECT_EQ(bj.at("company_id").as_int64(), there);
  EXPECT_TRUE(bj.at("has_transit_warehouse").as_bool());
  ASSERT_EQ(bj.at("warehouses").as_array().size(), 1u);
  EXPECT_EQ(bj.at("warehouses").at(0).at("id").as_int64(), their_store);
  EXPECT_EQ(app->call("GET", "/api/v1/intercompany-transfers/destinations", "", &wang).json.at("items").as_array().size(), 0u)
      << "the keeper belongs to Shenzhen only";
  auto sent = send(array{stock_line(item, "30")});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.text("number"), "ICT-202603-0001");
  EXPECT_EQ(sent.text("value"), "300.00");
  EXPECT_EQ(sent.json.at("received").at("number").as_string(), "ICR-202603-0001");
  EXPECT_EQ(position(item, shenzhen), "70/70");
  EXPECT_EQ(cost(item), "70 @ 700.00");
  EXPECT_EQ(position(their_item, their_transit), "30/30") << "on the way, in Beijing's books";
  EXPECT_EQ(cost(their_item), "30 @ 300.00");
  // Shenzhen cannot see or receive Beijing's document; Beijing confirms the arrival.
  const auto received = sent.json.at("received").at("document_id").as_int64();
  EXPECT_EQ(app->call("GET", id_path("/api/v1/stock-documents", received), "", &admin).status, 404);
  auto theirs = app->call("GET", id_path("/api/v1/stock-documents", received), "", &beijing);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs.text("state"), "in_transit");
  EXPECT_FALSE(theirs.json.at("voucher_id").is_null()) << "Dr inventory in transit, Cr payable to Shenzhen";
  auto arrived = app->call("POST", id_path("/api/v1/stock-documents", received, "arrive"), R"({"date":"2026-03-12"})",
                           &beijing);
  ASSERT_EQ(arrived.status, 200) << arrived.body;
  EXPECT_EQ(position(their_item, their_transit), "0/0");
  EXPECT_EQ(position(their_item, their_store), "30/30");
  // Each company's stock equals its inventory accounts: Shenzhen's voucher credits 300.00 of
  // inventory against the receivable, Beijing's debits it against the payable.
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
  // Once posted, Beijing owes Shenzhen the goods' cost: an open receivable of the member company.
  const auto voucher = sent.json.at("voucher_id").as_int64();
  ASSERT_EQ(act(voucher, "review", li).status, 200);
  ASSERT_EQ(act(voucher, "post", li).status, 200);
  auto owed = app->call("GET", "/api/v1/finance/open-items?account=1122&partner_id=" + std::to_string(member_customer),
                        "", &zhou);
  ASSERT_EQ(owed.json.at("items").as_array().size(), 1u) << owed.body;
  EXPECT_EQ(owed.json.at("items").at(0).at("open").as_string(), "300.00") << owed.body;
}

TEST_P(Intercompany, BadTransfersAreNamedAndMoveNothing) {
  made_supplier();
  auto self = app->call("POST", "/api/v1/intercompany-transfers",
                        serialize(object{{"to_company_id", here}, {"from_warehouse_id", shenzhen},
                                         {"to_warehouse_id", shenzhen}, {"date", "2026-03-10"},
                                         {"lines", array{stock_line(item, "1")}}}),
                        &admin);
  EXPECT_TRUE(names_field(self, "to_company_id", "unknown")) << self.body;
  auto wrong = send(array{stock_line(milk, "1"), stock_line(item, "-2"), stock_line(item, "500")});
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_TRUE(names_field(wrong, "lines[0].item_id", "not_at_receiver")) << "Beijing has no milk";
  EXPECT_TRUE(names_field(wrong, "lines[1].quantity", "invalid"));
  auto too_many = send(array{stock_line(item, "500")});
  EXPECT_EQ(too_many.status, 409) << too_many.body;
  auto other_warehouse = app->call("POST", "/api/v1/intercompany-transfers",
                                   serialize(object{{"to_company_id", there}, {"from_warehouse_id", their_store},
                                                    {"to_warehouse_id", shenzhen}, {"date", "2026-03-10"},
                                                    {"lines", array{stock_line(item, "1")}}}),
                                   &admin);
  EXPECT_TRUE(names_field(other_warehouse, "from_warehouse_id", "unknown"));
  EXPECT_TRUE(names_field(other_warehouse, "to_warehouse_id", "unknown"));
  EXPECT_EQ(position(item, shenzhen), "100/100");
  EXPECT_EQ(count("stock_documents"), 1) << "only the opening receipt";
  // Someone who is not a member of Beijing cannot send there.
  auto keeper = app->call("POST", "/api/v1/intercompany-transfers",
                          serialize(object{{"to_company_id", there}, {"from_warehouse_id", shenzhen},
                                           {"to_warehouse_id", their_store}, {"date", "2026-03-10"},
                                           {"lines", array{stock_line(item, "1")}}}),
                          &wang);
  EXPECT_TRUE(names_field(keeper, "to_company_id", "unknown")) << keeper.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, Intercompany, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
