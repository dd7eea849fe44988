// The stock value report (存货价值表): per item, category and warehouse, now and as of a day,
// reconciled with the inventory accounts — so that a voucher booked straight to 1405, which no
// stock came with, shows up as a difference.
#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {
namespace {

class Valuation : public StockStory {
 protected:
  object valuation(const std::string& query) {
    auto reply = app->call("GET", "/api/v1/stock/valuation" + query, "", &zhou);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  // The rows as "code quantity value".
  static std::vector<std::string> rows_of(const object& report) {
    std::vector<std::string> rows;
    for (const auto& row : report.at("rows").as_array()) {
      rows.push_back(std::string(row.at("code").as_string()) + " " + std::string(row.at("quantity").as_string()) + " " +
                     std::string(row.at("value").as_string()));
    }
    return rows;
  }

  // The reconciliation as "stock | posted | unposted | difference | with unposted".
  static std::string reconciled(const object& report) {
    const auto& block = report.at("reconciliation");
    std::string line;
    for (const char* key : {"stock_value", "posted", "unposted", "difference", "difference_with_unposted"}) {
      line += (line.empty() ? "" : " | ") + std::string(block.at(key).as_string());
    }
    return line;
  }
};

TEST_P(Valuation, TheStockValueIsReconciledWithTheInventoryAccounts) {
  const auto food = created("item-categories", object{{"code", "FOOD"}, {"name", "食品"}});
  const auto juice = created("items", object{{"code", "F-2"}, {"name", "果汁"}, {"uom_id", pcs},
                                             {"item_type", "merchandise"}, {"category_id", food}});
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "10", object{{"unit_cost", "12.50"}})}}});
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-03"}, {"warehouse_id", guangzhou},
                         {"lines", array{stock_line(juice, "10", object{{"unit_cost", "2"}})}}});
  posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "4")}}});
  posted_document(object{{"kind", "transfer"}, {"date", "2026-03-06"}, {"warehouse_id", shenzhen},
                         {"to_warehouse_id", guangzhou}, {"lines", array{stock_line(item, "2")}}});

  // 6 speakers worth 75.00 (4 in Shenzhen, 2 in Guangzhou) and 10 juices worth 20.00.
  auto by_item = valuation("");
  EXPECT_EQ(rows_of(by_item), (std::vector<std::string>{"F-2 10 20.00", "M-1 6 75.00"}));
  EXPECT_EQ(by_item.at("rows").at(1).at("unit_cost").as_string(), "12.5000");
  EXPECT_EQ(by_item.at("total").at("value").as_string(), "95.00");
  EXPECT_EQ(rows_of(valuation("?group=warehouse")), (std::vector<std::string>{"GZ 12 45.00", "SZ 4 50.00"}));
  EXPECT_EQ(rows_of(valuation("?group=category")), (std::vector<std::string>{"FOOD 10 20.00", " 6 75.00"}));
  // Every stock document wrote a draft voucher: nothing is posted yet, the drafts hold it all.
  EXPECT_EQ(reconciled(by_item), "95.00 | 0.00 | 95.00 | 95.00 | 0.00");

  // The accountant books 100.00 straight to 库存商品 without any stock coming in.
  posted("2026-03-10", array{line("库存调整", "1405", "100.00", "", object{{"item_id", item}}),
                             line("库存调整", "4001", "", "100.00")});
  auto after = valuation("");
  EXPECT_EQ(reconciled(after), "95.00 | 100.00 | 95.00 | -5.00 | -100.00");
  const auto& account = after.at("reconciliation").at("accounts").at(0);
  EXPECT_EQ(account.at("code").as_string(), "1405");
  EXPECT_EQ(account.at("posted").as_string(), "100.00");
  EXPECT_EQ(account.at("unposted").as_string(), "95.00");

  // As of 4 March: both receipts, their drafts, and neither the issue nor the manual voucher.
  auto earlier = valuation("?as_of=2026-03-04");
  EXPECT_EQ(rows_of(earlier), (std::vector<std::string>{"F-2 10 20.00", "M-1 10 125.00"}));
  EXPECT_EQ(reconciled(earlier), "145.00 | 0.00 | 145.00 | 145.00 | 0.00");

  auto csv = app->call("GET", "/api/v1/stock/valuation?format=csv", "", &zhou);
  EXPECT_NE(csv.body.find("Stock value − all vouchers,,'-100.00"), std::string::npos) << csv.body;
  // Values are for finance: the warehouse keeper may see stock but not this report.
  EXPECT_EQ(app->call("GET", "/api/v1/stock/valuation", "", &wang).status, 403);
  EXPECT_TRUE(names_field(app->call("GET", "/api/v1/stock/valuation?group=shelf", "", &zhou), "group", "invalid"));
}

INSTANTIATE_TEST_SUITE_P(Backends, Valuation, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
