// What the warehouse asks of the stock: how much is where (now and at the end of a past day) and
// what it is worth, which lots an issue would take first, the move history page by page, the
// same reports as files — and that another company sees none of it.
#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {
namespace {

class StockQueries : public StockStory {
 protected:
  Reply get(const std::string& target, Client* as = nullptr) { return app->call("GET", target, "", as ? as : &wang); }

  // A query's rows as "warehouse location lot on_hand/reserved/available value" (keys absent from the grouping skipped).
  static std::vector<std::string> rows_of(const Reply& reply) {
    std::vector<std::string> rows;
    if (!reply.json.is_object()) return rows;
    for (const auto& value : reply.json.at("rows").as_array()) {
      const auto& row = value.as_object();
      std::string line = std::string(row.at("item_code").as_string());
      for (const char* key : {"warehouse", "location_code", "lot_number"}) {
        if (const auto* cell = row.if_contains(key)) line += " " + (cell->is_null() ? std::string("-") : std::string(cell->as_string()));
      }
      auto text = [&](const char* key) {
        return row.at(key).is_null() ? std::string("-") : std::string(row.at(key).as_string());
      };
      line += " " + text("on_hand") + "/" + text("reserved") + "/" + text("available") + " " + text("value");
      rows.push_back(line);
    }
    return rows;
  }

  // Speakers: 10 at 12.50 on 2 March into Shenzhen, 10 at 13.00 on 3 March into Guangzhou, 4 issued
  // from Shenzhen on 5 March. The company holds 16 worth 204.00 (an average of 12.75).
  void speakers_in_march() {
    posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                           {"lines", array{stock_line(item, "10", object{{"unit_cost", "12.50"}, {"location_id", shelf_a}})}}});
    posted_document(object{{"kind", "receipt"}, {"date", "2026-03-03"}, {"warehouse_id", guangzhou},
                           {"lines", array{stock_line(item, "10", object{{"unit_cost", "13"}})}}});
    posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                           {"lines", array{stock_line(item, "4")}}});
  }
};

TEST_P(StockQueries, TheStockAsOfADayCountsOnlyTheMovesUpToIt) {
  speakers_in_march();
  // Before anything came in there was nothing.
  EXPECT_EQ(rows_of(get("/api/v1/stock?as_of=2026-03-01")), std::vector<std::string>{});
  // At the end of 3 March both receipts were in and the issue had not happened; as of a day the
  // value is what the moves brought, and nothing is known of reservations then.
  EXPECT_EQ(rows_of(get("/api/v1/stock?as_of=2026-03-03")),
            (std::vector<std::string>{"M-1 广州仓 10/-/- 130.00", "M-1 深圳总仓 10/-/- 125.00"}));
  // The issue of 5 March took 4 at the average of 12.75 (51.00) out of Shenzhen.
  auto after = get("/api/v1/stock?as_of=2026-03-05");
  EXPECT_EQ(rows_of(after), (std::vector<std::string>{"M-1 广州仓 10/-/- 130.00", "M-1 深圳总仓 6/-/- 74.00"}));
  EXPECT_EQ(after.json.at("totals").at("value").as_string(), "204.00");
  // Now, from the balances: each warehouse's share of the company's 204.00 at the average.
  auto now = get("/api/v1/stock");
  EXPECT_EQ(rows_of(now), (std::vector<std::string>{"M-1 广州仓 10/0/10 127.50", "M-1 深圳总仓 6/0/6 76.50"}));
  EXPECT_EQ(now.json.at("totals").at("value").as_string(), "204.00");
  EXPECT_EQ(rows_of(get("/api/v1/stock?group=item")), std::vector<std::string>{"M-1 16/0/16 204.00"});
  // By location: the issue took Shenzhen's stock from shelf A.
  EXPECT_EQ(rows_of(get("/api/v1/stock?group=location&warehouse_id=" + std::to_string(shenzhen))),
            std::vector<std::string>{"M-1 深圳总仓 A-01 6/-/- 76.50"});
}

TEST_P(StockQueries, LotsAndCategoriesNarrowTheStockAndPagesCarryTheTotals) {
  const auto dairy = created("item-categories", object{{"code", "FOOD"}, {"name", "食品"}});
  const auto milk_products = created("item-categories", object{{"code", "DAIRY"}, {"name", "乳制品"}, {"parent_id", dairy}});
  const auto yoghurt = created("items", object{{"code", "F-2"}, {"name", "酸奶"}, {"uom_id", pcs},
                                               {"item_type", "merchandise"}, {"category_id", milk_products}});
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "10", object{{"lot_number", "L-LATE"}, {"expires_on", "2026-09-30"},
                                                                       {"unit_cost", "3"}}),
                                         stock_line(milk, "5", object{{"lot_number", "L-EARLY"}, {"expires_on", "2026-06-30"},
                                                                      {"unit_cost", "3"}}),
                                         stock_line(yoghurt, "8", object{{"unit_cost", "2"}}), stock_line(item, "2", object{{"unit_cost", "50"}})}}});
  EXPECT_EQ(rows_of(get("/api/v1/stock?group=lot&item_id=" + std::to_string(milk))),
            (std::vector<std::string>{"F-1 深圳总仓 L-EARLY 5/-/- 15.00", "F-1 深圳总仓 L-LATE 10/-/- 30.00"}));
  auto lot = get("/api/v1/stock?group=lot&lot=L-LATE");
  ASSERT_EQ(rows_of(lot).size(), 1u) << lot.body;
  EXPECT_EQ(lot.json.at("rows").at(0).at("expires_on").as_string(), "2026-09-30");
  EXPECT_EQ(rows_of(get("/api/v1/stock?expires_before=2026-07-01")), std::vector<std::string>{"F-1 深圳总仓 5/-/- 15.00"});
  // The food category takes in its dairy sub-category; the speakers are in neither.
  EXPECT_EQ(rows_of(get("/api/v1/stock?category_id=" + std::to_string(dairy))),
            std::vector<std::string>{"F-2 深圳总仓 8/0/8 16.00"});
  EXPECT_EQ(rows_of(get("/api/v1/stock?q=%E7%89%9B%E5%A5%B6")), std::vector<std::string>{"F-1 深圳总仓 15/0/15 45.00"});
  // One row a page; the totals are the whole answer's.
  auto first = get("/api/v1/stock?limit=1");
  EXPECT_EQ(rows_of(first), std::vector<std::string>{"F-1 深圳总仓 15/0/15 45.00"});
  EXPECT_EQ(first.json.at("totals").at("rows").as_int64(), 3);
  EXPECT_EQ(first.json.at("totals").at("value").as_string(), "161.00");
  auto last = get("/api/v1/stock?limit=1&offset=2");
  EXPECT_EQ(rows_of(last), std::vector<std::string>{"M-1 深圳总仓 2/0/2 100.00"});
  EXPECT_TRUE(last.json.at("next_offset").is_null());
}

TEST_P(StockQueries, TheSuggestionTakesTheEarliestExpiryFirstAndIsWhatTheIssueTakes) {
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "10", object{{"lot_number", "L-LATE"}, {"produced_on", "2026-03-01"},
                                                                       {"unit_cost", "3"}, {"location_id", shelf_a}}),
                                         stock_line(milk, "10", object{{"lot_number", "L-EARLY"}, {"produced_on", "2026-02-01"},
                                                                       {"unit_cost", "3"}, {"location_id", shelf_b}})}}});
  const auto moves = count("stock_moves");
  const std::string ask = "/api/v1/stock/suggest-issue?item_id=" + std::to_string(milk) +
                          "&warehouse_id=" + std::to_string(shenzhen) + "&quantity=";
  auto suggestion = get(ask + "12");
  ASSERT_EQ(suggestion.status, 200) << suggestion.body;
  std::vector<std::string> lines;
  for (const auto& line : suggestion.json.at("lines").as_array()) {
    lines.push_back(std::string(line.at("lot_number").as_string()) + " " + std::string(line.at("expires_on").as_string()) +
                    " " + std::string(line.at("location_code").as_string()) + " " + std::string(line.at("quantity").as_string()));
  }
  // 180 days of shelf life: L-EARLY expires on 31 July, L-LATE on 28 August.
  EXPECT_EQ(lines, (std::vector<std::string>{"L-EARLY 2026-07-31 B-01 10", "L-LATE 2026-08-28 A-01 2"}));
  EXPECT_TRUE(suggestion.json.at("sufficient").as_bool());
  EXPECT_EQ(count("stock_moves"), moves) << "a suggestion moves nothing";
  // More than there is: the rest is short.
  auto beyond = get(ask + "30");
  EXPECT_EQ(beyond.json.at("short").as_string(), "10");
  EXPECT_FALSE(beyond.json.at("sufficient").as_bool());
  // The issue itself takes exactly what was suggested.
  auto issue = posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                                      {"lines", array{stock_line(milk, "12")}}});
  std::vector<std::string> taken;
  for (const auto& move : issue.at("moves").as_array()) {
    taken.push_back(std::string(move.at("lot_number").as_string()) + " " + std::string(move.at("quantity").as_string()));
  }
  EXPECT_EQ(taken, (std::vector<std::string>{"L-EARLY -10", "L-LATE -2"}));
  auto refused = get("/api/v1/stock/suggest-issue?item_id=" + std::to_string(milk) + "&quantity=0");
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(names_field(refused, "warehouse_id", "required"));
  EXPECT_TRUE(names_field(refused, "quantity", "invalid"));
}

TEST_P(StockQueries, TheMoveHistoryIsNewestFirstAndPagesByCursor) {
  speakers_in_march();
  auto first = get("/api/v1/stock/moves?item_id=" + std::to_string(item) + "&limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto& items = first.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("date").as_string(), "2026-03-05");
  EXPECT_EQ(items.at(0).at("quantity").as_string(), "-4");
  EXPECT_EQ(items.at(1).at("date").as_string(), "2026-03-03");
  auto second = get("/api/v1/stock/moves?item_id=" + std::to_string(item) + "&limit=2&cursor=" +
                    std::string(first.json.at("next_cursor").as_string()));
  ASSERT_EQ(second.json.at("items").as_array().size(), 1u) << second.body;
  EXPECT_EQ(second.json.at("items").at(0).at("date").as_string(), "2026-03-02");
  EXPECT_TRUE(second.json.at("next_cursor").is_null());
  // One document's moves, and a day range.
  const auto document = second.json.at("items").at(0).at("document_id").as_int64();
  auto of_document = get("/api/v1/stock/moves?document_type=stock_document&document_id=" + std::to_string(document));
  EXPECT_EQ(of_document.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(get("/api/v1/stock/moves?from=2026-03-03&to=2026-03-04").json.at("items").as_array().size(), 1u);
  EXPECT_TRUE(names_field(get("/api/v1/stock/moves?cursor=yesterday"), "cursor", "invalid"));
}

TEST_P(StockQueries, BadParametersAreNamedOneByOne) {
  auto refused = get("/api/v1/stock?group=shelf");
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(names_field(refused, "group", "invalid"));
  auto several = get("/api/v1/stock?as_of=2026-13-01&limit=501&item_id=abc");
  EXPECT_EQ(several.status, 400);
  EXPECT_TRUE(names_field(several, "as_of", "invalid"));
  EXPECT_TRUE(names_field(several, "limit", "invalid"));
  EXPECT_TRUE(names_field(several, "item_id", "invalid"));
  EXPECT_TRUE(names_field(get("/api/v1/lots?with_stock=yes"), "with_stock", "invalid"));
}

TEST_P(StockQueries, TheReportsDownloadAsSpreadsheetsAndPdf) {
  speakers_in_march();
  auto csv = get("/api/v1/stock?format=csv&limit=1");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("M-1,蓝牙音箱,个,广州仓,10,0,10,127.50"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("Total,,,,16,0,16,204.00"), std::string::npos) << "every row, whatever the limit: " << csv.body;
  EXPECT_EQ(get("/api/v1/stock/moves?format=xlsx").body.substr(0, 2), "PK");
  auto pdf = get("/api/v1/lots?format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(get("/api/v1/stock?format=doc").status, 400);
  auto exports = app->call("GET", "/api/v1/audit-log?action=stock.export", "", &admin);
  EXPECT_NE(exports.body.find("stock-moves"), std::string::npos) << exports.body;
}

TEST_P(StockQueries, AnotherCompanySeesNoneOfOurStockLotsOrRules) {
  speakers_in_march();
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "4", object{{"lot_number", "L-1"}, {"unit_cost", "3"}})}}});
  const auto rule = created("reorder-rules", object{{"item_id", item}, {"warehouse_id", shenzhen}, {"min_quantity", "100"}});
  auto lots = get("/api/v1/lots");
  ASSERT_EQ(lots.json.at("items").as_array().size(), 1u) << lots.body;
  const auto lot = lots.json.at("items").at(0).at("id").as_int64();

  // Beijing's own warehouse keeper; its administrator (who belongs to both) checks the value.
  Client beijing = app->admin_of_new_company(admin, "BJ", "北京分公司");
  auto role = app->call("POST", "/api/v1/roles", R"({"code":"keeper","name":"仓管","from_template":"warehouse"})", &beijing);
  ASSERT_EQ(role.status, 201) << role.body;
  Client other = app->user_with_roles(beijing, "cangguan.bj", {"keeper"});
  EXPECT_EQ(get("/api/v1/stock", &other).json.at("rows").as_array().size(), 0u);
  EXPECT_EQ(get("/api/v1/stock?as_of=2026-12-31", &other).json.at("rows").as_array().size(), 0u);
  EXPECT_EQ(get("/api/v1/stock/moves", &other).json.at("items").as_array().size(), 0u);
  EXPECT_EQ(get("/api/v1/lots", &other).json.at("items").as_array().size(), 0u);
  EXPECT_EQ(get(id_path("/api/v1/lots", lot, "trace"), &other).status, 404);
  EXPECT_EQ(get("/api/v1/stock/reorder", &other).json.at("rows").as_array().size(), 0u);
  EXPECT_EQ(get(id_path("/api/v1/reorder-rules", rule), &other).status, 404);
  EXPECT_EQ(get("/api/v1/reorder-rules", &other).json.at("items").as_array().size(), 0u);
  auto value = get("/api/v1/stock/valuation", &beijing);
  ASSERT_EQ(value.status, 200) << value.body;
  EXPECT_EQ(value.json.at("total").at("value").as_string(), "0.00");
  auto suggestion = get("/api/v1/stock/suggest-issue?item_id=" + std::to_string(item) +
                        "&warehouse_id=" + std::to_string(shenzhen) + "&quantity=1", &other);
  EXPECT_TRUE(names_field(suggestion, "item_id", "unknown")) << suggestion.body;
  EXPECT_TRUE(names_field(suggestion, "warehouse_id", "unknown"));
}

INSTANTIATE_TEST_SUITE_P(Backends, StockQueries, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
