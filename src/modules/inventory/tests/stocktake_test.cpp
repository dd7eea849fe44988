// Stocktake (库存盘点) as the warehouse does it: 张 starts a count of 深圳总仓, 王 counts the shelves
// (by line, by scanning boxes and lot labels), 张 reads the variance report and posts it; the
// differences become one adjustment at the moving average, with its voucher. Rule ids are those
// of README.md.
#include "modules/inventory/tests/stock_story.hpp"

namespace verp::testing {
namespace {

class Stocktake : public StockStory {
 protected:
  void SetUp() override {
    StockStory::SetUp();
    zhang = app->user_with_roles(admin, "cangguan.zhang", {"keeper"});
  }

  // Puts `quantity` of an item on a shelf at `unit_cost`, with a lot when given.
  void receive(std::int64_t of_item, const std::string& quantity, const std::string& unit_cost, std::int64_t shelf,
               const std::string& lot = {}) {
    object more{{"unit_cost", unit_cost}, {"location_id", shelf}};
    if (!lot.empty()) more["lot_number"] = lot;
    posted_document(object{{"kind", "receipt"},
                           {"date", "2026-03-02"},
                           {"warehouse_id", shenzhen},
                           {"lines", array{stock_line(of_item, quantity, more)}}});
  }

  Reply begin(object body, Client* as = nullptr) {
    return app->call("POST", "/api/v1/stocktakes", serialize(body), as ? as : &zhang);
  }
  // A stocktake of 深圳总仓 on 9 March, started by 张.
  object begun(object more = {}) {
    object body{{"warehouse_id", shenzhen}, {"date", "2026-03-09"}};
    for (const auto& [key, value] : more) body[key] = value;
    auto reply = begin(body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  Reply enter(const object& stocktake, array counts, Client* as = nullptr) {
    return app->call("PUT", id_path("/api/v1/stocktakes", stocktake.at("id").as_int64(), "counts"),
                     serialize(object{{"counts", std::move(counts)}}), as ? as : &wang);
  }
  Reply act(const object& stocktake, const std::string& verb, Client& as, object body = {}) {
    return app->call("POST", id_path("/api/v1/stocktakes", stocktake.at("id").as_int64(), verb), serialize(body), &as);
  }
  Reply show(const object& stocktake, const std::string& what = {}, Client* as = nullptr) {
    return app->call("GET", id_path("/api/v1/stocktakes", stocktake.at("id").as_int64(), what), "", as ? as : &zhang);
  }

  // The line of an item ("M-1") at a location ("A-01", or "" for none).
  static object line_of(const boost::json::value& stocktake, const std::string& item_code,
                        const std::string& location) {
    for (const auto& line : stocktake.at("lines").as_array()) {
      const auto& at = line.at("location");
      if (line.at("item_code").as_string() == item_code &&
          (at.is_null() ? location.empty() : at.as_string() == location)) {
        return line.as_object();
      }
    }
    ADD_FAILURE() << "no line " << item_code << "@" << location << " in " << json_text(stocktake);
    return {};
  }

  static object by_line(std::int64_t line_id, std::string counted) {
    return object{{"line_id", line_id}, {"counted", std::move(counted)}};
  }

  // On hand at one place of 深圳总仓.
  std::string level(std::int64_t of_item, std::int64_t shelf) {
    auto row = app->application().database->read([&](storage::Connection& c) {
      return c.query_row(
          "SELECT SUM(on_hand) FROM stock_levels WHERE item_id = $1 AND warehouse_id = $2 "
          "AND location_id = $3",
          {of_item, shenzhen, shelf});
    });
    if (!row || !*row || (*row)->is_null(0)) return "none";
    return inventory::format_quantity((*row)->int64(0).value_or(0));
  }

  Client zhang;
};

TEST_P(Stocktake, ACountBooksItsGainsAndLossesAsOneAdjustmentAtTheMovingAverage) {
  receive(item, "10", "20", shelf_a);
  receive(item, "5", "20", shelf_b);
  receive(milk, "24", "2.50", shelf_a, "L-1");
  EXPECT_EQ(cost(item), "15 @ 300.00");

  // STK-001: the sheet lists what the book holds, place by place.
  auto stocktake = begun(object{{"note", "三月月末盘点"}});
  EXPECT_EQ(stocktake.at("number").as_string(), "PD-202603-0001");
  EXPECT_EQ(stocktake.at("state").as_string(), "counting");
  ASSERT_EQ(stocktake.at("lines").as_array().size(), 3u) << json_text(stocktake);
  const auto speakers_a = line_of(stocktake, "M-1", "A-01");
  const auto speakers_b = line_of(stocktake, "M-1", "B-01");
  const auto milk_a = line_of(stocktake, "F-1", "A-01");
  EXPECT_EQ(speakers_a.at("book").as_string(), "10");
  EXPECT_EQ(milk_a.at("lot_number").as_string(), "L-1");

  // 王 finds 12 speakers on shelf A, 4 on shelf B, and the 24 cartons of milk.
  auto counted =
      enter(stocktake, array{by_line(speakers_a.at("id").as_int64(), "12"),
                             by_line(speakers_b.at("id").as_int64(), "4"), by_line(milk_a.at("id").as_int64(), "24")});
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json.at("lines_counted").as_int64(), 3);
  EXPECT_EQ(counted.json.at("lines").at(0).at("counted_by_name").as_string(), "cangguan.wang");

  // The variance report values 2 more at 20.00 and 1 fewer at 20.00.
  auto variance = show(stocktake, "variance");
  ASSERT_EQ(variance.status, 200) << variance.body;
  EXPECT_EQ(line_of(variance.json, "M-1", "A-01").at("difference").as_string(), "2");
  EXPECT_EQ(line_of(variance.json, "M-1", "A-01").at("value").as_string(), "40.00");
  EXPECT_EQ(line_of(variance.json, "M-1", "B-01").at("status").as_string(), "loss");
  EXPECT_EQ(line_of(variance.json, "F-1", "A-01").at("status").as_string(), "match");
  EXPECT_EQ(variance.json.at("totals").at("gains").as_string(), "40.00");
  EXPECT_EQ(variance.json.at("totals").at("losses").as_string(), "-20.00");
  EXPECT_EQ(variance.json.at("totals").at("net").as_string(), "20.00");

  // STK-006: 王 counted, so 王 cannot post; 张, who counted nothing, can.
  auto own = act(stocktake, "post", wang);
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(own.json.at("rule").as_string(), "STK-006");
  auto posted = act(stocktake, "post", zhang);
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.text("state"), "posted");
  EXPECT_EQ(posted.json.at("stock_document_number").as_string(), "ADJ-202603-0001");
  EXPECT_EQ(line_of(posted.json, "M-1", "B-01").at("value").as_string(), "-20.00");

  // Each shelf now holds what was counted, and the average is unchanged at 20.00.
  EXPECT_EQ(level(item, shelf_a), "12");
  EXPECT_EQ(level(item, shelf_b), "4");
  EXPECT_EQ(position(item, shenzhen), "16/16");
  EXPECT_EQ(cost(item), "16 @ 320.00");
  EXPECT_EQ(cost(milk), "24 @ 60.00");

  // One adjustment, reason "stocktake", a line per difference with its own reason, linked back.
  auto adjustment =
      app->call("GET", id_path("/api/v1/stock-documents", posted.number("stock_document_id")), "", &zhang);
  ASSERT_EQ(adjustment.status, 200) << adjustment.body;
  EXPECT_EQ(adjustment.text("kind"), "adjustment");
  EXPECT_EQ(adjustment.text("reason"), "stocktake");
  EXPECT_EQ(adjustment.json.at("value").as_string(), "20.00");
  ASSERT_EQ(adjustment.json.at("moves").as_array().size(), 2u);
  EXPECT_EQ(adjustment.json.at("moves").at(0).at("reason").as_string(), "count_gain");
  EXPECT_EQ(adjustment.json.at("moves").at(1).at("reason").as_string(), "count_loss");
  EXPECT_EQ(adjustment.json.at("moves").at(1).at("location_id").as_int64(), shelf_b);

  // Its draft voucher books the net gain of 20.00 into stock for the accountant to review.
  auto voucher = app->call("GET", id_path("/api/v1/vouchers", adjustment.json.at("voucher_id").as_int64()), "", &zhou);
  ASSERT_EQ(voucher.status, 200) << voucher.body;
  EXPECT_EQ(voucher.text("state"), "draft");
  EXPECT_EQ(voucher.text("source_type"), "stock_adjustment");
  EXPECT_EQ(voucher.json.at("debit_total").as_string(), "20.00");

  // Posted is final: no more counts, no second posting; the audit log has every step.
  EXPECT_EQ(enter(stocktake, array{by_line(speakers_a.at("id").as_int64(), "1")}).status, 409);
  EXPECT_EQ(act(stocktake, "post", zhang).status, 409);
  for (const char* action : {"stocktake.create", "stocktake.count", "stocktake.post"}) {
    auto audit = app->call("GET", std::string("/api/v1/audit-log?action=") + action, "", &admin);
    EXPECT_NE(audit.body.find("PD-202603-0001"), std::string::npos) << action << ": " << audit.body;
  }
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stocktake, MovesDuringCountingAreAbsorbedAndShownInTheVarianceReport) {
  receive(item, "10", "20", shelf_a);
  auto stocktake = begun();
  const auto line = line_of(stocktake, "M-1", "A-01");
  // 3 leave shelf A while the count goes on; 王 then finds the 7 that are left.
  posted_document(object{{"kind", "issue"},
                         {"date", "2026-03-09"},
                         {"warehouse_id", shenzhen},
                         {"lines", array{stock_line(item, "3", object{{"location_id", shelf_a}})}}});
  ASSERT_EQ(enter(stocktake, array{by_line(line.at("id").as_int64(), "7")}).status, 200);
  auto variance = show(stocktake, "variance");
  ASSERT_EQ(variance.status, 200) << variance.body;
  const auto shown = line_of(variance.json, "M-1", "A-01");
  EXPECT_EQ(shown.at("book").as_string(), "10");
  EXPECT_EQ(shown.at("book_now").as_string(), "7");
  EXPECT_TRUE(shown.at("book_changed").as_bool());
  EXPECT_EQ(shown.at("difference").as_string(), "0");
  EXPECT_EQ(variance.json.at("totals").at("book_changed").as_int64(), 1);
  // STK-005: posting compares with the book now, so the issue is not booked twice.
  auto posted = act(stocktake, "post", zhang);
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_TRUE(posted.json.at("stock_document_id").is_null()) << "nothing differed";
  EXPECT_EQ(level(item, shelf_a), "7");
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stocktake, ABlindCountHidesTheBookUntilCountingIsClosed) {
  receive(item, "10", "20", shelf_a);
  auto stocktake = begun(object{{"blind", true}});
  const auto line = line_of(stocktake, "M-1", "A-01");
  EXPECT_FALSE(line.contains("book")) << json_text(stocktake);
  EXPECT_FALSE(stocktake.at("book_visible").as_bool());
  // STK-003: not even the administrator sees the book or the variance while counting.
  auto got = show(stocktake, "", &admin);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_FALSE(got.json.at("lines").at(0).as_object().contains("book"));
  auto hidden = show(stocktake, "variance", &admin);
  EXPECT_EQ(hidden.status, 409) << hidden.body;
  EXPECT_EQ(hidden.json.at("rule").as_string(), "STK-003");
  // The printed sheet has an empty count column and no book column.
  auto sheet = show(stocktake, "sheet?format=csv", &wang);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_NE(sheet.body.find("Counted"), std::string::npos) << sheet.body;
  EXPECT_EQ(sheet.body.find("Book"), std::string::npos) << sheet.body;
  EXPECT_EQ(sheet.body.find(",10"), std::string::npos) << sheet.body;
  auto counted = enter(stocktake, array{by_line(line.at("id").as_int64(), "9")});
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_FALSE(counted.json.at("lines").at(0).as_object().contains("book"));

  // Closing counting shows the book and the variance; a recount reopens it, blind again.
  ASSERT_EQ(act(stocktake, "close", zhang).status, 200);
  EXPECT_EQ(enter(stocktake, array{by_line(line.at("id").as_int64(), "8")}).status, 409);
  auto variance = show(stocktake, "variance");
  ASSERT_EQ(variance.status, 200) << variance.body;
  EXPECT_EQ(line_of(variance.json, "M-1", "A-01").at("difference").as_string(), "-1");
  EXPECT_EQ(line_of(show(stocktake).json, "M-1", "A-01").at("book").as_string(), "10");
  ASSERT_EQ(act(stocktake, "reopen", zhang).status, 200);
  EXPECT_EQ(show(stocktake, "variance").status, 409);
  ASSERT_EQ(enter(stocktake, array{by_line(line.at("id").as_int64(), "10")}).status, 200);
  ASSERT_EQ(act(stocktake, "post", zhang).status, 200);
  EXPECT_EQ(level(item, shelf_a), "10");
}

TEST_P(Stocktake, AScannedBoxCountsTwentyFourAndFoundGoodsGetALine) {
  receive(milk, "48", "2.50", shelf_a, "L-1");
  auto stocktake = begun();
  // Two boxes scanned on shelf A are 48 cartons; entering three boxes again replaces the count.
  const object box{{"item", "16901234567899"}, {"location_id", shelf_a}, {"lot_number", "L-1"}, {"counted", "2"}};
  auto counted = enter(stocktake, array{box});
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json.at("lines").at(0).at("counted").as_string(), "48");
  object three = box;
  three["counted"] = "3";
  ASSERT_EQ(enter(stocktake, array{three}).status, 200);
  // A lot label "<item>/<lot>" names item and lot at once.
  auto label = enter(stocktake, array{object{{"item", "F-1/L-1"}, {"location_id", shelf_a}, {"counted", "72"}}});
  ASSERT_EQ(label.status, 200) << label.body;
  auto shown = show(stocktake);
  ASSERT_EQ(shown.json.at("lines").as_array().size(), 1u) << shown.body;
  EXPECT_EQ(line_of(shown.json, "F-1", "A-01").at("counted").as_string(), "72");

  // Speakers nobody booked turn up on shelf B: a new line with book 0.
  auto found = enter(stocktake, array{object{{"item", "M-1"}, {"location_id", shelf_b}, {"counted", "5"}}});
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json.at("lines").at(0).at("book").as_string(), "0");
  EXPECT_EQ(found.json.at("lines").at(0).at("line_no").as_int64(), 2);
  // A lot-tracked item counted without its lot cannot be booked.
  auto lotless =
      enter(stocktake, array{object{{"item", "16901234567899"}, {"location_id", shelf_b}, {"counted", "1"}}});
  EXPECT_TRUE(names_field(lotless, "counts[0].lot_number", "required")) << lotless.body;

  ASSERT_EQ(act(stocktake, "post", zhang).status, 200);
  EXPECT_EQ(level(milk, shelf_a), "72");
  EXPECT_EQ(cost(milk), "72 @ 180.00");
  EXPECT_EQ(level(item, shelf_b), "5");
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stocktake, UncountedLinesAreRefusedUntilThePosterSaysHowToTakeThem) {
  receive(item, "10", "20", shelf_a);
  receive(item, "5", "20", shelf_b);
  auto stocktake = begun();
  const auto counted_line = line_of(stocktake, "M-1", "A-01");
  ASSERT_EQ(enter(stocktake, array{by_line(counted_line.at("id").as_int64(), "10")}).status, 200);
  // STK-004: line 2 (shelf B) is named.
  auto refused = act(stocktake, "post", zhang);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json.at("rule").as_string(), "STK-004");
  EXPECT_TRUE(names_field(refused, "lines[1]", "uncounted")) << refused.body;
  EXPECT_NE(refused.body.find("B-01 M-1"), std::string::npos) << refused.body;
  EXPECT_EQ(show(stocktake).text("state"), "counting");
  auto odd = act(stocktake, "post", zhang, object{{"uncounted", "as_guess"}});
  EXPECT_TRUE(names_field(odd, "uncounted", "invalid")) << odd.body;
  // Taken as zero, the 5 on shelf B are written off.
  auto posted = act(stocktake, "post", zhang, object{{"uncounted", "as_zero"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.text("uncounted_as"), "as_zero");
  EXPECT_EQ(line_of(posted.json, "M-1", "B-01").at("difference").as_string(), "-5");
  EXPECT_EQ(level(item, shelf_b), "0");
  EXPECT_EQ(cost(item), "10 @ 200.00");
  EXPECT_TRUE(problems_of_stock().empty()) << json_text(boost::json::value_from(problems_of_stock()));
}

TEST_P(Stocktake, ACategoryCountTakesItsSubCategoriesAndZeroStockItems) {
  const auto drinks = created("item-categories", object{{"code", "DRINK"}, {"name", "饮料"}});
  const auto dairy = created("item-categories", object{{"code", "DAIRY"}, {"name", "乳制品"}, {"parent_id", drinks}});
  const auto yogurt = created(
      "items",
      object{{"code", "F-2"}, {"name", "酸奶"}, {"uom_id", pcs}, {"item_type", "merchandise"}, {"category_id", dairy}});
  const auto water = created(
      "items",
      object{
          {"code", "W-1"}, {"name", "矿泉水"}, {"uom_id", pcs}, {"item_type", "merchandise"}, {"category_id", drinks}});
  receive(yogurt, "24", "2.50", shelf_a);
  receive(milk, "24", "2.50", shelf_a, "L-1");  // milk and speakers have no category
  receive(item, "10", "20", shelf_a);
  auto stocktake = begun(object{{"category_id", drinks}, {"include_zero", true}});
  ASSERT_EQ(stocktake.at("lines").as_array().size(), 2u) << json_text(stocktake);
  EXPECT_EQ(line_of(stocktake, "F-2", "A-01").at("book").as_string(), "24");
  EXPECT_EQ(line_of(stocktake, "W-1", "").at("book").as_string(), "0");
  EXPECT_EQ(line_of(stocktake, "W-1", "").at("item_id").as_int64(), water);
  // Limited to shelf B, which holds no drinks, the count lists each drink there with book 0.
  auto shelf = begun(object{{"location_ids", array{shelf_b}}, {"category_id", drinks}, {"include_zero", true}});
  ASSERT_EQ(shelf.at("lines").as_array().size(), 2u) << json_text(shelf);
  EXPECT_EQ(line_of(shelf, "W-1", "B-01").at("book").as_string(), "0");
  EXPECT_EQ(line_of(shelf, "F-2", "B-01").at("book").as_string(), "0");
  auto outside = enter(shelf, array{object{{"item", "M-1"}, {"location_id", shelf_a}, {"counted", "1"}}});
  EXPECT_TRUE(names_field(outside, "counts[0].location_id", "out_of_scope")) << outside.body;
}

TEST_P(Stocktake, BadInputIsNamedFieldByFieldAndChangesNothing) {
  receive(item, "10", "20", shelf_a);
  auto refused = begin(object{{"warehouse_id", 999999},
                              {"date", "2026-13-01"},
                              {"category_id", 999999},
                              {"location_ids", array{shelf_a, 0}},
                              {"blind", "yes"},
                              {"colour", "red"}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  for (const char* field : {"warehouse_id", "date", "category_id", "location_ids[1]", "blind", "colour"}) {
    EXPECT_TRUE(names_field(refused, field)) << field << ": " << refused.body;
  }
  EXPECT_EQ(count("stocktakes"), 0);

  auto stocktake = begun();
  const std::int64_t line = line_of(stocktake, "M-1", "A-01").at("id").as_int64();
  auto bad = enter(stocktake,
                   array{by_line(line, "-1"), by_line(line, "1.00001"), by_line(999999, "1"),
                         object{{"item", "NO-SUCH-CODE"}, {"counted", "1"}}, object{{"line_id", line}, {"counted", 5}},
                         object{{"line_id", line}, {"counted", "1"}, {"colour", "red"}},
                         object{{"line_id", line}, {"item", "M-1"}, {"counted", "1"}},
                         object{{"item", "M-1"}, {"location_id", 999999}, {"counted", "1"}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "counts[0].counted", "negative"));
  EXPECT_TRUE(names_field(bad, "counts[1].counted", "too_precise"));
  EXPECT_TRUE(names_field(bad, "counts[2].line_id", "unknown"));
  EXPECT_TRUE(names_field(bad, "counts[3].item", "unknown"));
  EXPECT_TRUE(names_field(bad, "counts[4].counted", "not_text"));
  EXPECT_TRUE(names_field(bad, "counts[5].colour", "unknown"));
  EXPECT_TRUE(names_field(bad, "counts[6].line_id", "ambiguous"));
  EXPECT_TRUE(names_field(bad, "counts[7].location_id", "unknown"));
  // The good counts among them were not kept either.
  auto partly = enter(stocktake, array{by_line(line, "4"), by_line(999999, "1")});
  EXPECT_EQ(partly.status, 400) << partly.body;
  auto shown = show(stocktake);
  EXPECT_EQ(shown.json.at("lines_counted").as_int64(), 0) << shown.body;
  EXPECT_TRUE(line_of(shown.json, "M-1", "A-01").at("counted").is_null());
  EXPECT_EQ(count("stocktake_lines"), 1);
}

TEST_P(Stocktake, ACounterCountsButOnlyASupervisorClosesPostsOrCancels) {
  receive(item, "10", "20", shelf_a);
  auto role = app->call("POST", "/api/v1/roles",
                        R"({"code":"counter","name":"盘点员","grants":[{"resource":"stocktake","action":"read"},)"
                        R"({"resource":"stocktake","action":"update"}]})",
                        &admin);
  ASSERT_EQ(role.status, 201) << role.body;
  Client liu = app->user_with_roles(admin, "pandian.liu", {"counter"});
  EXPECT_EQ(begin(object{{"warehouse_id", shenzhen}, {"date", "2026-03-09"}}, &liu).status, 403);
  auto stocktake = begun(object{{"blind", true}});
  const auto line = line_of(stocktake, "M-1", "A-01");
  ASSERT_EQ(enter(stocktake, array{by_line(line.at("id").as_int64(), "10")}, &liu).status, 200);
  for (const char* verb : {"close", "reopen", "cancel", "post"})
    EXPECT_EQ(act(stocktake, verb, liu).status, 403) << verb;
  // Posting may be dated later than the count, e.g. when the count's month is being closed.
  ASSERT_EQ(enter(stocktake, array{by_line(line.at("id").as_int64(), "9")}, &liu).status, 200);
  auto posted = act(stocktake, "post", zhang, object{{"date", "2026-03-31"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  auto adjustment =
      app->call("GET", id_path("/api/v1/stock-documents", posted.number("stock_document_id")), "", &zhang);
  EXPECT_EQ(adjustment.text("date"), "2026-03-31");
  EXPECT_EQ(adjustment.text("number"), "ADJ-202603-0001");
}

TEST_P(Stocktake, ACancelledCountBooksNothing) {
  receive(item, "10", "20", shelf_a);
  auto stocktake = begun();
  ASSERT_EQ(enter(stocktake, array{by_line(line_of(stocktake, "M-1", "A-01").at("id").as_int64(), "3")}).status, 200);
  auto cancelled = act(stocktake, "cancel", zhang);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.text("state"), "cancelled");
  EXPECT_EQ(act(stocktake, "post", zhang).status, 409);
  EXPECT_EQ(level(item, shelf_a), "10");
  auto listed = app->call("GET", "/api/v1/stocktakes?state=cancelled", "", &wang);
  ASSERT_EQ(listed.json.at("items").as_array().size(), 1u) << listed.body;
  EXPECT_EQ(app->call("GET", "/api/v1/stocktakes?state=counting", "", &wang).json.at("items").as_array().size(), 0u);
}

TEST_P(Stocktake, SheetsAndVarianceReportsPrint) {
  receive(item, "10", "20", shelf_a);
  auto stocktake = begun();
  auto pdf = show(stocktake, "sheet");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto csv = show(stocktake, "sheet?format=csv");
  EXPECT_NE(csv.body.find("Book quantity"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("M-1"), std::string::npos) << csv.body;
  ASSERT_EQ(enter(stocktake, array{by_line(line_of(stocktake, "M-1", "A-01").at("id").as_int64(), "11")}).status, 200);
  auto xlsx = show(stocktake, "variance?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto variance = show(stocktake, "variance?format=csv");
  EXPECT_NE(variance.body.find("Total gains"), std::string::npos) << variance.body;
  EXPECT_NE(variance.body.find("20.00"), std::string::npos) << variance.body;
  EXPECT_TRUE(names_field(show(stocktake, "variance?format=doc"), "format", "unknown"));
  auto exports = app->call("GET", "/api/v1/audit-log?action=stocktake.export", "", &admin);
  EXPECT_NE(exports.body.find("variance"), std::string::npos) << exports.body;
}

TEST_P(Stocktake, AnotherCompanysStocktakeIsNotFound) {
  receive(item, "10", "20", shelf_a);
  auto stocktake = begun();
  const std::int64_t line = line_of(stocktake, "M-1", "A-01").at("id").as_int64();
  Client other = app->admin_of_new_company(admin, "BJ", "北京分公司");
  for (const char* what : {"", "variance", "sheet?format=csv"}) {
    EXPECT_EQ(show(stocktake, what, &other).status, 404) << what;
  }
  EXPECT_EQ(enter(stocktake, array{by_line(line, "1")}, &other).status, 404);
  EXPECT_EQ(act(stocktake, "post", other).status, 404);
  EXPECT_EQ(act(stocktake, "cancel", other).status, 404);
  EXPECT_EQ(app->call("GET", "/api/v1/stocktakes", "", &other).json.at("items").as_array().size(), 0u);
  // Nor can it count our warehouse from a stocktake of its own.
  auto foreign = begin(object{{"warehouse_id", shenzhen}, {"date", "2026-03-09"}}, &other);
  EXPECT_TRUE(names_field(foreign, "warehouse_id", "unknown")) << foreign.body;
  EXPECT_EQ(show(stocktake).text("state"), "counting");
}

INSTANTIATE_TEST_SUITE_P(Backends, Stocktake, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
