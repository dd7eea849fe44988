// The warehouse's own documents: receipts at cost, issues at the moving average, adjustments with
// their reason, transfers that keep lots and value, scrap; each one posted to the ledger, and
// nothing half-written when one is refused.
#include <atomic>
#include <thread>

#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {
namespace {

class Stock : public StockStory {};

TEST_P(Stock, ReceiptsAndIssuesKeepTheMovingAverageAndTheLedgerInStep) {
  // 10 speakers at 12.50 and 10 at 13.00: 20 worth 255.00, an average of 12.75.
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "10", object{{"unit_cost", "12.50"}})}}});
  auto second = posted_document(object{{"kind", "receipt"}, {"date", "2026-03-03"}, {"warehouse_id", shenzhen},
                                       {"lines", array{stock_line(item, "10", object{{"unit_cost", "13"}})}}});
  EXPECT_EQ(second.at("number").as_string(), "QR-202603-0002");
  EXPECT_EQ(second.at("value").as_string(), "130.00");
  EXPECT_EQ(cost(item), "20 @ 255.00");
  // Issuing 5 takes 5 × 12.75 = 63.75 out; the last 15 carry the 191.25 that is left.
  auto issue = posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                                      {"note", "展会样品"}, {"lines", array{stock_line(item, "5")}}});
  EXPECT_EQ(issue.at("value").as_string(), "-63.75");
  EXPECT_EQ(cost(item), "15 @ 191.25");
  EXPECT_EQ(position(item, shenzhen), "15/15");
  // Each document wrote its draft voucher: the issue is Dr 1901 / Cr 1405 63.75 for the item.
  auto voucher = app->call("GET", id_path("/api/v1/vouchers", issue.at("voucher_id").as_int64()), "", &zhou);
  ASSERT_EQ(voucher.status, 200) << voucher.body;
  EXPECT_EQ(voucher.text("state"), "draft");
  EXPECT_EQ(voucher.json.at("debit_total").as_string(), "63.75");
  EXPECT_EQ(voucher.json.at("source_type").as_string(), "stock_issue");
  // Issuing the rest takes exactly what is left: no residue of rounding stays behind.
  posted_document(object{{"kind", "issue"}, {"date", "2026-03-06"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "15")}}});
  EXPECT_EQ(cost(item), "0 @ 0.00");
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stock, AnIssueBeyondStockIsRefusedAndLeavesNothingBehind) {
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "3", object{{"unit_cost", "10"}})}}});
  const auto moves = count("stock_moves");
  const auto vouchers = count("vouchers");
  auto refused = document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                                  {"lines", array{stock_line(item, "1"), stock_line(item, "3")}}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(names_field(refused, "lines[1].quantity", "inventory.insufficient_stock"));
  EXPECT_NE(refused.body.find("3 wanted, 2 available"), std::string::npos) << "the first line took one";
  EXPECT_EQ(count("stock_moves"), moves);
  EXPECT_EQ(count("vouchers"), vouchers);
  EXPECT_EQ(position(item, shenzhen), "3/3");
  // The refused document gave its number back: the next issue is the month's first.
  auto next = posted_document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                                     {"lines", array{stock_line(item, "3")}}});
  EXPECT_EQ(next.at("number").as_string(), "QI-202603-0001");
}

TEST_P(Stock, BadInputIsNamedFieldByFieldAndChangesNothing) {
  auto refused = document(object{
      {"kind", "adjustment"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
      {"lines", array{stock_line(item, "-1.00001"), stock_line(item, "0"), stock_line(milk, "2", object{{"uom_id", pcs + 9999}}),
                      object{{"item", "NO-SUCH-CODE"}, {"quantity", "1"}}, stock_line(item, "5", object{{"colour", "red"}})}}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(names_field(refused, "reason", "required"));
  EXPECT_TRUE(names_field(refused, "lines[0].quantity"));
  EXPECT_TRUE(names_field(refused, "lines[1].quantity"));
  EXPECT_TRUE(names_field(refused, "lines[2].uom_id"));
  EXPECT_TRUE(names_field(refused, "lines[3].item", "unknown"));
  EXPECT_TRUE(names_field(refused, "lines[4].colour", "unknown"));
  auto negative = document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                                  {"lines", array{stock_line(item, "-4"), object{{"item_id", item}, {"quantity", 4}}}}});
  ASSERT_EQ(negative.status, 400) << negative.body;
  EXPECT_TRUE(names_field(negative, "lines[0].quantity", "not_positive"));
  EXPECT_TRUE(names_field(negative, "lines[1].quantity", "not_text"));
  auto lotless = document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                                 {"lines", array{stock_line(milk, "4")}}});
  EXPECT_TRUE(names_field(lotless, "lines[0].lot", "required")) << lotless.body;
  EXPECT_EQ(count("stock_moves"), 0);
  EXPECT_EQ(count("stock_documents"), 0);
}

TEST_P(Stock, AdjustmentsCarryTheirReasonAndBookGainsAndLosses) {
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "10", object{{"unit_cost", "20"}})}}});
  // The count found 2 fewer on shelf A… booked at the average, 40.00 out of 1405 into 1901.
  auto loss = posted_document(object{{"kind", "adjustment"}, {"date", "2026-03-09"}, {"warehouse_id", shenzhen},
                                     {"reason", "count_loss"}, {"lines", array{stock_line(item, "-2")}}});
  EXPECT_EQ(loss.at("value").as_string(), "-40.00");
  EXPECT_EQ(loss.at("reason").as_string(), "count_loss");
  EXPECT_EQ(cost(item), "8 @ 160.00");
  auto audit = app->call("GET", "/api/v1/audit-log?action=stock_document.post", "", &admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("count_loss"), std::string::npos);
  // A reason outside the list is refused.
  auto odd = document(object{{"kind", "scrap"}, {"date", "2026-03-09"}, {"warehouse_id", shenzhen},
                             {"reason", "feeling"}, {"lines", array{stock_line(item, "1")}}});
  EXPECT_TRUE(names_field(odd, "reason", "invalid")) << odd.body;
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stock, LotsGoFirstExpiryFirstOutAndTransfersKeepThemAndTheirValue) {
  // Two lots of milk: the later one received first. Dates in, shelf life fills the expiry.
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "10", object{{"lot_number", "L-LATE"}, {"produced_on", "2026-03-01"},
                                                                         {"unit_cost", "3"}, {"location_id", shelf_a}}),
                                         stock_line(milk, "10", object{{"lot_number", "L-EARLY"}, {"produced_on", "2026-02-01"},
                                                                         {"unit_cost", "3"}, {"location_id", shelf_b}})}}});
  // A transfer of 15 without a lot takes the 10 of L-EARLY and 5 of L-LATE, and Guangzhou gets both lots.
  auto transfer = posted_document(object{{"kind", "transfer"}, {"date", "2026-03-04"}, {"warehouse_id", shenzhen},
                                         {"to_warehouse_id", guangzhou}, {"lines", array{stock_line(milk, "15")}}});
  EXPECT_EQ(transfer.at("value").as_string(), "0.00");
  EXPECT_TRUE(transfer.at("voucher_id").is_null());
  std::vector<std::string> moved;
  for (const auto& move : transfer.at("moves").as_array()) {
    moved.push_back(std::string(move.at("warehouse").as_string()) + " " + std::string(move.at("lot_number").as_string()) +
                    " " + std::string(move.at("quantity").as_string()));
  }
  EXPECT_EQ(moved, (std::vector<std::string>{"深圳总仓 L-EARLY -10", "深圳总仓 L-LATE -5", "广州仓 L-EARLY 10", "广州仓 L-LATE 5"}));
  EXPECT_EQ(position(milk, shenzhen), "5/5");
  EXPECT_EQ(position(milk, guangzhou), "15/15");
  EXPECT_EQ(cost(milk), "20 @ 60.00");
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stock, ATransferThatTakesTimeWaitsInTransitUntilItArrives) {
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(milk, "30", object{{"lot_number", "L-A"}, {"unit_cost", "3"}})}}});
  // Without a transit warehouse the company cannot send goods on the way.
  auto nowhere = document(object{{"kind", "transfer"}, {"date", "2026-03-04"}, {"warehouse_id", shenzhen},
                                 {"to_warehouse_id", guangzhou}, {"in_transit", true}, {"lines", array{stock_line(milk, "12")}}});
  EXPECT_TRUE(names_field(nowhere, "in_transit", "no_transit_warehouse")) << nowhere.body;
  const auto road = created("warehouses", object{{"code", "ZT"}, {"name", "在途仓"}, {"kind", "transit"}});
  auto sent = posted_document(object{{"kind", "transfer"}, {"date", "2026-03-04"}, {"warehouse_id", shenzhen},
                                     {"to_warehouse_id", guangzhou}, {"in_transit", true},
                                     {"lines", array{stock_line(milk, "12")}}});
  EXPECT_EQ(sent.at("state").as_string(), "in_transit");
  EXPECT_EQ(position(milk, shenzhen), "18/18");
  EXPECT_EQ(position(milk, road), "12/12");
  EXPECT_EQ(position(milk, guangzhou), "none");
  const auto id = sent.at("id").as_int64();
  auto arrived = app->call("POST", id_path("/api/v1/stock-documents", id, "arrive"), R"({"date":"2026-03-06"})", &wang);
  ASSERT_EQ(arrived.status, 200) << arrived.body;
  EXPECT_EQ(arrived.text("state"), "arrived");
  EXPECT_EQ(position(milk, road), "0/0");
  EXPECT_EQ(position(milk, guangzhou), "12/12");
  EXPECT_EQ(arrived.json.at("moves").as_array().back().at("lot_number").as_string(), "L-A") << "the lot travels with it";
  EXPECT_EQ(cost(milk), "30 @ 90.00") << "a transfer moves value, never changes it";
  EXPECT_EQ(app->call("POST", id_path("/api/v1/stock-documents", id, "arrive"), R"({"date":"2026-03-07"})", &wang).status,
            409)
      << "goods arrive once";
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stock, AScannedBoxCountsAsTwentyFourPieces) {
  auto scanned = app->call("GET", "/api/v1/stock/scan?code=16901234567899", "", &wang);
  ASSERT_EQ(scanned.status, 200) << scanned.body;
  EXPECT_EQ(scanned.number("item_id"), milk);
  EXPECT_EQ(scanned.text("factor"), "24.000000");
  auto receipt = posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                                        {"lines", array{object{{"item", "16901234567899"}, {"quantity", "2"},
                                                               {"lot_number", "L-1"}, {"unit_cost", "2.5"}}}}});
  EXPECT_EQ(receipt.at("moves").at(0).at("quantity").as_string(), "48");
  EXPECT_EQ(receipt.at("value").as_string(), "120.00");
  // A lot label reads "<item code>/<lot>": the scan finds both, and where the stock is.
  auto lot = app->call("GET", "/api/v1/stock/scan?code=F-1/L-1", "", &wang);
  ASSERT_EQ(lot.status, 200) << lot.body;
  EXPECT_FALSE(lot.json.at("lot_id").is_null());
  EXPECT_EQ(lot.json.at("stock").at(0).at("on_hand").as_string(), "48");
  EXPECT_EQ(app->call("GET", "/api/v1/stock/scan?code=NOPE", "", &wang).status, 404);
}

TEST_P(Stock, AnotherCompanySeesNothingOfOurStock) {
  auto receipt = posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                                        {"lines", array{stock_line(item, "3", object{{"unit_cost", "10"}})}}});
  Client other = app->admin_of_new_company(admin, "BJ", "北京分公司");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/stock-documents", receipt.at("id").as_int64()), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", "/api/v1/stock/scan?code=M-1", "", &other).status, 404);
  auto listed = app->call("GET", "/api/v1/stock-documents", "", &other);
  EXPECT_EQ(listed.json.at("items").as_array().size(), 0u);
  // Nor can it move our stock through its own document naming our warehouse and item.
  auto foreign = app->call("POST", "/api/v1/stock-documents",
                           serialize(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                                            {"lines", array{stock_line(item, "1")}}}),
                           &other);
  EXPECT_EQ(foreign.status, 400) << foreign.body;
  EXPECT_TRUE(names_field(foreign, "lines[0].item_id", "unknown"));
  EXPECT_EQ(position(item, shenzhen), "3/3");
}

TEST_P(Stock, ManyClerksIssuingAtOnceNeverOversell) {
  // 20 on hand, 8 clerks each trying to issue 1 five times: exactly 20 issues succeed.
  posted_document(object{{"kind", "receipt"}, {"date", "2026-03-02"}, {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "20", object{{"unit_cost", "7"}})}}});
  constexpr int kClerks = 8;
  constexpr int kEach = 5;
  std::atomic<int> issued{0}, refused{0}, other{0};
  std::vector<std::thread> clerks;
  for (int t = 0; t < kClerks; ++t) {
    clerks.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto reply = document(object{{"kind", "issue"}, {"date", "2026-03-05"}, {"warehouse_id", shenzhen},
                                     {"lines", array{stock_line(item, "1")}}});
        if (reply.status == 201) ++issued;
        else if (reply.status == 409) ++refused;
        else ++other;
      }
    });
  }
  for (auto& clerk : clerks) clerk.join();
  EXPECT_EQ(issued.load(), 20);
  EXPECT_EQ(refused.load(), kClerks * kEach - 20);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(position(item, shenzhen), "0/0");
  EXPECT_EQ(cost(item), "0 @ 0.00");
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

INSTANTIATE_TEST_SUITE_P(Backends, Stock, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
