// 刘 quotes 星光电器, a distributor, ten speakers at the distributors' price; the customer wants
// twenty, so she revises the quotation (the first revision stays readable), sends it, the customer
// accepts, and it becomes a draft sales order at the quoted prices even though the price list has
// changed since. An offer past its date cannot be accepted; bad input changes nothing; other
// companies and other salespeople do not see her quotations.
#include "modules/sales/tests/price_story.hpp"

namespace verp::testing {
namespace {

class Quotations : public PriceStory {
 protected:
  void SetUp() override {
    PriceStory::SetUp();
    // The distributors pay 90.00 less 5 %, and 85.00 from twenty up.
    price_list("DIST", object{{"customer_group_id", distributors}},
               array{priced(item, "90.00", {{"discount", "0.05"}}),
                     priced(item, "85.00", {{"discount", "0.05"}, {"min_quantity", "20"}})});
  }

  Reply quote(array lines, std::string valid_until = "2026-03-31", Client* as = nullptr) {
    return app->call("POST", "/api/v1/quotations",
                     serialize(object{{"customer_id", star},
                                      {"quote_date", "2026-03-02"},
                                      {"valid_until", std::move(valid_until)},
                                      {"warehouse_id", shenzhen},
                                      {"lines", std::move(lines)}}),
                     as != nullptr ? as : &liu);
  }

  Reply act(std::int64_t id, const std::string& verb, const std::string& body = "{}", Client* as = nullptr) {
    return app->call("POST", id_path("/api/v1/quotations", id, verb), body, as != nullptr ? as : &liu);
  }

  Reply lines_of(std::int64_t id, const std::string& query = "", Client* as = nullptr) {
    return app->call("GET", id_path("/api/v1/quotations", id, "lines") + query, "", as != nullptr ? as : &liu);
  }

  // A line as "quantity @ price less discount = amount".
  static std::string line_text(const Reply& reply, std::size_t line = 0) {
    if (!reply.json.is_object() || !reply.json.as_object().contains("lines")) return reply.body;
    const auto& l = reply.json.at("lines").at(line);
    return std::string(l.at("quantity").as_string()) + " @ " + std::string(l.at("price").as_string()) + " less " +
           std::string(l.at("discount").as_string()) + " = " + std::string(l.at("amount").as_string());
  }
};

TEST_P(Quotations, AQuotationIsRevisedSentAcceptedAndBecomesAnOrderAtTheQuotedPrices) {
  auto quoted = quote(array{object{{"item_id", item}, {"quantity", "10"}}});
  ASSERT_EQ(quoted.status, 201) << quoted.body;
  const auto id = quoted.number("id");
  EXPECT_EQ(quoted.text("code"), "QT-202603-0001");
  EXPECT_EQ(quoted.text("status"), "draft");
  EXPECT_EQ(quoted.number("revision"), 0);
  EXPECT_EQ(line_text(quoted), "10 @ 90.00 less 0.05 = 855.00") << "the distributors' price";
  EXPECT_EQ(quoted.text("total"), "966.15") << "855.00 and 13 % VAT";

  // The customer wants twenty: revision 1 takes the break from twenty up; revision 0 is kept.
  auto revised = act(id, "revise");
  ASSERT_EQ(revised.status, 200) << revised.body;
  EXPECT_EQ(revised.number("revision"), 1);
  EXPECT_EQ(revised.text("status"), "draft");
  auto changed = app->call("PUT", id_path("/api/v1/quotations", id, "lines"),
                           serialize(object{{"version", revised.number("version")},
                                            {"lines", array{object{{"item_id", item}, {"quantity", "20"}}}}}),
                           &liu);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(line_text(changed), "20 @ 85.00 less 0.05 = 1615.00");
  EXPECT_EQ(changed.text("total"), "1824.95");
  auto first = lines_of(id, "?revision=0");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(line_text(first), "10 @ 90.00 less 0.05 = 855.00");
  EXPECT_EQ(first.number("lines_revision"), 0);
  auto versions = lines_of(id).json.at("revisions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions.at(0).at("total").as_string(), "966.15");
  EXPECT_EQ(versions.at(1).at("total").as_string(), "1824.95");
  EXPECT_TRUE(names_field(lines_of(id, "?revision=7"), "revision", "unknown"));

  // Sent and accepted; what the customer accepted is no longer edited.
  EXPECT_EQ(act(id, "accept").status, 409) << "a draft is sent before it is accepted";
  auto sent = act(id, "send");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.text("status"), "sent");
  auto accepted = act(id, "accept");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.text("status"), "accepted");
  EXPECT_EQ(app->call("PUT", id_path("/api/v1/quotations", id, "lines"),
                      serialize(object{{"lines", array{object{{"item_id", item}, {"quantity", "1"}}}}}), &liu)
                .status,
            409);
  EXPECT_EQ(app->call("PATCH", id_path("/api/v1/quotations", id),
                      serialize(object{{"version", accepted.number("version")}, {"notes", "改"}}), &liu)
                .status,
            400);

  // The price list goes up; the order still takes the quoted price and discount.
  auto lists = app->call("GET", "/api/v1/price-list-items?min_quantity=20", "", &admin);
  ASSERT_EQ(lists.json.at("items").as_array().size(), 1u) << lists.body;
  patch("price-list-items", lists.json.at("items").at(0).at("id").as_int64(), object{{"price", "99.00"}});
  auto ordered = act(id, "to-order", R"({"order_date":"2026-03-05"})");
  ASSERT_EQ(ordered.status, 201) << ordered.body;
  EXPECT_EQ(ordered.text("status"), "draft");
  EXPECT_EQ(ordered.text("code"), "SO-202603-0001");
  EXPECT_EQ(ordered.number("warehouse_id"), shenzhen) << "the quotation's warehouse";
  EXPECT_EQ(line_text(ordered), "20 @ 85.00 less 0.05 = 1615.00");
  EXPECT_EQ(ordered.text("total"), "1824.95");
  const auto order = ordered.number("id");
  EXPECT_EQ(app->call("GET", id_path("/api/v1/sales-orders", order), "", &liu).number("quotation_id"), id);
  auto after = lines_of(id);
  EXPECT_EQ(after.text("status"), "ordered");
  EXPECT_EQ(after.number("sales_order_id"), order);
  EXPECT_EQ(after.text("sales_order"), "SO-202603-0001");
  EXPECT_EQ(act(id, "to-order", R"({"order_date":"2026-03-05"})").status, 409) << "once";
  EXPECT_EQ(act(id, "revise").status, 409);

  // The history tells each step.
  auto history = app->call("GET", id_path("/api/v1/quotations", id, "versions"), "", &liu);
  ASSERT_EQ(history.status, 200) << history.body;
  std::vector<std::string> steps;
  for (const auto& version : history.json.at("items").as_array()) steps.emplace_back(version.at("action").as_string());
  for (const char* step : {"revise", "send", "accept", "to_order"}) {
    EXPECT_NE(std::find(steps.begin(), steps.end(), step), steps.end()) << step << " in " << history.body;
  }
}

TEST_P(Quotations, AnExpiredQuotationCannotBeAcceptedUntilRevisedWithANewDate) {
  auto quoted = quote(array{object{{"item_id", item}, {"quantity", "10"}}}, "2026-03-10");
  ASSERT_EQ(quoted.status, 201) << quoted.body;
  const auto id = quoted.number("id");
  ASSERT_EQ(act(id, "send").status, 200);
  set_today(2026, 3, 10);
  EXPECT_EQ(lines_of(id).text("status"), "sent") << "valid through its last day";
  set_today(2026, 3, 11);
  auto late = act(id, "accept");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("2026-03-10"), std::string::npos) << late.body;
  EXPECT_EQ(lines_of(id).text("status"), "expired");
  EXPECT_EQ(act(id, "to-order", R"({"order_date":"2026-03-11"})").status, 409);
  EXPECT_EQ(count("sales_orders"), 0);
  // Revised with a new date, it can be sent and accepted again.
  auto revised = act(id, "revise", R"({"reason":"客户要求延期"})");
  ASSERT_EQ(revised.status, 200) << revised.body;
  auto extended = app->call("PATCH", id_path("/api/v1/quotations", id),
                            serialize(object{{"version", revised.number("version")}, {"valid_until", "2026-03-20"}}), &liu);
  ASSERT_EQ(extended.status, 200) << extended.body;
  EXPECT_EQ(act(id, "send").status, 200);
  EXPECT_EQ(act(id, "accept").status, 200);
}

TEST_P(Quotations, ARejectedQuotationIsRevisedBeforeItIsSentAgain) {
  auto quoted = quote(array{object{{"item_id", item}, {"quantity", "10"}}});
  ASSERT_EQ(quoted.status, 201) << quoted.body;
  const auto id = quoted.number("id");
  ASSERT_EQ(act(id, "send").status, 200);
  auto rejected = act(id, "reject", R"({"reason":"价格偏高"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.text("status"), "rejected");
  EXPECT_EQ(act(id, "send").status, 409);
  EXPECT_EQ(act(id, "accept").status, 409);
  EXPECT_EQ(act(id, "to-order", R"({"order_date":"2026-03-05"})").status, 409);
  EXPECT_EQ(act(id, "reject", R"({"reason":"again"})").status, 409);
  EXPECT_TRUE(names_field(act(id, "reject", R"({"why":"x"})"), "why")) << "only a reason is taken";
  // The reason is in the audit log with the quotation's number.
  auto audit = app->call("GET", "/api/v1/audit-log?target_type=quotation&target_id=" + std::to_string(id), "", &admin);
  EXPECT_NE(audit.body.find("价格偏高"), std::string::npos) << audit.body;
  // A cheaper revision goes out again.
  auto revised = act(id, "revise");
  ASSERT_EQ(revised.status, 200) << revised.body;
  auto cheaper = app->call("PUT", id_path("/api/v1/quotations", id, "lines"),
                           serialize(object{{"version", revised.number("version")},
                                            {"lines", array{object{{"item_id", item}, {"quantity", "10"}, {"price", "86.00"}}}}}),
                           &liu);
  ASSERT_EQ(cheaper.status, 200) << cheaper.body;
  EXPECT_EQ(line_text(cheaper), "10 @ 86.00 less 0 = 860.00") << "a price given takes no list discount";
  EXPECT_EQ(act(id, "send").status, 200);
}

TEST_P(Quotations, BadInputIsRefusedNamingEachFieldAndCreatesNothing) {
  auto bad = quote(array{object{{"item_id", 999999}, {"quantity", "1"}}, object{{"item_id", item}, {"quantity", "-2"}},
                         object{{"item_id", item}, {"quantity", "1"}, {"discount", "1.5"}}},
                   "2026-03-01");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "lines[0].item_id", "unknown")) << bad.body;
  EXPECT_TRUE(names_field(bad, "lines[1].quantity")) << bad.body;
  EXPECT_TRUE(names_field(bad, "lines[2].discount", "invalid")) << bad.body;
  EXPECT_TRUE(names_field(bad, "valid_until", "before_quote_date")) << bad.body;
  auto unnamed = app->call("POST", "/api/v1/quotations",
                           serialize(object{{"quote_date", "2026-03-02"}, {"lines", array{}}}), &liu);
  ASSERT_EQ(unnamed.status, 400) << unnamed.body;
  EXPECT_TRUE(names_field(unnamed, "customer_id", "required")) << unnamed.body;
  EXPECT_TRUE(names_field(unnamed, "valid_until", "required")) << unnamed.body;
  EXPECT_EQ(count("quotations"), 0);
  EXPECT_EQ(count("quotation_lines"), 0);
  // Nothing was numbered either: the first good quotation is number one.
  auto good = quote(array{object{{"item_id", item}, {"quantity", "1"}}});
  ASSERT_EQ(good.status, 201) << good.body;
  EXPECT_EQ(good.text("code"), "QT-202603-0001");
  EXPECT_TRUE(names_field(act(good.number("id"), "to-order", "{}"), "order_date", "required"));
}

TEST_P(Quotations, AnotherCompanyAndAnotherSalespersonGetNotFound) {
  auto quoted = quote(array{object{{"item_id", item}, {"quantity", "10"}}});
  ASSERT_EQ(quoted.status, 201) << quoted.body;
  const auto id = quoted.number("id");
  Client founder = app->admin_of_new_company(admin, "BJ", "北京分公司");
  Client other = app->user_from_template(founder, "bj.sales", "sales");
  Client colleague = app->user_from_template(admin, "xiaoshou.ma", "sales");
  for (Client* outsider : {&other, &colleague}) {
    EXPECT_EQ(app->call("GET", id_path("/api/v1/quotations", id), "", outsider).status, 404);
    EXPECT_EQ(lines_of(id, "", outsider).status, 404);
    EXPECT_EQ(act(id, "send", "{}", outsider).status, 404);
    EXPECT_EQ(act(id, "to-order", R"({"order_date":"2026-03-05"})", outsider).status, 404);
    EXPECT_EQ(app->call("PUT", id_path("/api/v1/quotations", id, "lines"),
                        serialize(object{{"lines", array{object{{"item_id", item}, {"quantity", "1"}}}}}), outsider)
                  .status,
              404);
  }
  EXPECT_EQ(lines_of(id).text("status"), "draft");
  EXPECT_EQ(count("sales_orders"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Quotations, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
