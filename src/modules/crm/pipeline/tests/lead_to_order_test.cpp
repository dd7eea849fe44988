// From lead to order (线索 → 商机 → 报价 → 订单 → 赢单): on 2 March 刘 meets 王经理 of 鹏程科技 at a
// trade fair. She qualifies the lead and converts it: 鹏程科技 becomes a prospect customer with 王经理
// as its contact, and the opportunity starts in 初步接洽. She moves it on, quotes ten speakers from
// it, the customer accepts, the quotation becomes a sales order on 20 March, and she wins the
// opportunity with that order: the statistics show one won of one, after 18 days.
//
// A lead whose phone is an existing customer's converts onto that customer; bad input names its
// fields and writes nothing; another company sees and changes nothing.
#include "modules/crm/pipeline/tests/pipeline_story.hpp"

namespace verp::testing {
namespace {

class LeadToOrder : public PipelineStory {};

TEST_P(LeadToOrder, ALeadBecomesACustomerAnOpportunityAQuotationAnOrderAndIsWon) {
  const auto id = lead(object{{"name", "王经理"},
                              {"company_name", "鹏程科技"},
                              {"title", "采购经理"},
                              {"phone", "13912345678"},
                              {"email", "wang@pengcheng.example"},
                              {"source", "exhibition"}});
  auto entered = get(id_path("/api/v1/leads", id));
  EXPECT_EQ(entered.text("code"), "LD-202603-0001");
  EXPECT_EQ(entered.text("status"), "new");
  EXPECT_TRUE(get(id_path("/api/v1/leads", id, "matches")).json.at("items").as_array().empty()) << "a new company";

  auto qualified = lead_step(id, "qualify");
  ASSERT_EQ(qualified.status, 200) << qualified.body;
  EXPECT_EQ(qualified.text("status"), "qualified");
  EXPECT_EQ(lead_step(id, "qualify").status, 409) << "once";

  auto converted = lead_step(id, "convert",
                             object{{"opportunity", object{{"name", "鹏程科技 展厅音响"},
                                                           {"amount", "20000.00"},
                                                           {"expected_close_date", "2026-04-30"}}}});
  ASSERT_EQ(converted.status, 201) << converted.body;
  EXPECT_TRUE(converted.json.at("new_customer").as_bool());
  const auto customer = converted.number("customer_id");
  const auto opportunity = converted.number("opportunity_id");
  auto made = get(id_path("/api/v1/customers", customer));
  EXPECT_EQ(made.text("name"), "鹏程科技");
  EXPECT_EQ(made.text("status"), "prospect");
  auto contact = get(id_path("/api/v1/contacts", converted.number("contact_id")));
  EXPECT_EQ(contact.text("name"), "王经理");
  EXPECT_EQ(contact.text("phone"), "13912345678");
  const auto& opened = converted.json.at("opportunity");
  EXPECT_EQ(opened.at("code").as_string(), "OP-202603-0001");
  EXPECT_EQ(opened.at("stage").as_string(), "初步接洽") << "the first of the default stages";
  EXPECT_EQ(opened.at("amount").as_string(), "20000.00");
  EXPECT_EQ(opened.at("weighted_amount").as_string(), "2000.00") << "20000.00 × 0.10";
  EXPECT_EQ(opened.at("source").as_string(), "exhibition") << "where the lead came from";
  EXPECT_EQ(opened.at("lead").as_string(), "LD-202603-0001");
  EXPECT_EQ(get(id_path("/api/v1/leads", id)).text("status"), "converted");
  EXPECT_EQ(get(id_path("/api/v1/leads", id)).number("customer_id"), customer);
  EXPECT_EQ(lead_step(id, "convert").status, 409) << "once";

  // Needs confirmed: the kanban shows it in 需求确认 with its weighted amount.
  auto moved = opportunity_step(opportunity, "move", object{{"stage_id", stage("需求确认")}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.text("stage"), "需求确认");
  auto board = get("/api/v1/crm/pipeline");
  ASSERT_EQ(board.status, 200) << board.body;
  const auto& columns = board.json.at("stages").as_array();
  ASSERT_EQ(columns.size(), 4u) << "the open stages only";
  EXPECT_EQ(columns.at(1).at("count").as_int64(), 1);
  EXPECT_EQ(columns.at(1).at("weighted_amount").as_string(), "6000.00") << "20000.00 × 0.30";
  EXPECT_EQ(board.text("weighted_total"), "6000.00");

  // The quotation is made from the opportunity, for its customer.
  auto quoted = opportunity_step(opportunity, "quotation",
                                 object{{"warehouse_id", shenzhen},
                                        {"lines", array{object{{"item_id", item}, {"quantity", "10"}}}}});
  ASSERT_EQ(quoted.status, 201) << quoted.body;
  const auto quotation = quoted.number("quotation_id");
  EXPECT_EQ(quoted.text("quotation"), "QT-202603-0001");
  EXPECT_EQ(quoted.text("quotation_status"), "draft");
  auto lines = get(id_path("/api/v1/quotations", quotation, "lines"));
  EXPECT_EQ(lines.number("customer_id"), customer);
  EXPECT_EQ(lines.text("total"), "1130.00") << "10 × 100.00 and 13 % VAT";
  ASSERT_EQ(post(id_path("/api/v1/quotations", quotation, "send")).status, 200);
  ASSERT_EQ(post(id_path("/api/v1/quotations", quotation, "accept")).status, 200);

  // On 20 March the accepted quotation becomes an order; the opportunity finds it when read.
  set_today(2026, 3, 20);
  auto order = post(id_path("/api/v1/quotations", quotation, "to-order"), object{{"order_date", "2026-03-20"}});
  ASSERT_EQ(order.status, 201) << order.body;
  auto linked = view(opportunity);
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.number("sales_order_id"), order.number("id"));
  EXPECT_EQ(linked.text("sales_order"), "SO-202603-0001");

  auto won = opportunity_step(opportunity, "win", object{{"reason", "价格与交期满足客户要求"}});
  ASSERT_EQ(won.status, 200) << won.body;
  EXPECT_EQ(won.text("status"), "won");
  EXPECT_EQ(won.text("stage"), "赢单");
  EXPECT_EQ(won.text("closed_on"), "2026-03-20");
  EXPECT_EQ(won.number("sales_order_id"), order.number("id"));
  EXPECT_EQ(opportunity_step(opportunity, "move", object{{"stage_id", stage("商务谈判")}}).status, 409)
      << "a won opportunity is reopened before it moves";
  std::vector<std::string> path;
  for (const auto& move : won.json.at("stage_history").as_array()) path.emplace_back(move.at("to_stage").as_string());
  EXPECT_EQ(path, (std::vector<std::string>{"初步接洽", "需求确认", "赢单"}));

  auto stats = get("/api/v1/crm/pipeline/stats?from=2026-03-01&to=2026-03-31");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.number("won"), 1);
  EXPECT_EQ(stats.text("win_rate"), "1.0000");
  EXPECT_EQ(stats.text("won_amount"), "20000.00");
  EXPECT_EQ(stats.text("average_cycle_days"), "18.0") << "2 March to 20 March";
  EXPECT_EQ(stats.text("weighted_pipeline"), "0.00") << "nothing open any more";
  const auto& stages = stats.json.at("stages").as_array();
  EXPECT_EQ(stages.at(0).at("conversion_rate").as_string(), "1.0000") << "初步接洽 → 需求确认";
  EXPECT_EQ(stages.at(1).at("conversion_rate").as_string(), "1.0000") << "需求确认 → won";
  EXPECT_TRUE(stages.at(2).at("conversion_rate").is_null()) << "nobody entered 方案报价";
  const auto& sources = stats.json.at("sources").as_array();
  ASSERT_EQ(sources.size(), 1u) << stats.body;
  EXPECT_EQ(sources.at(0).at("source").as_string(), "exhibition");
  EXPECT_EQ(sources.at(0).at("conversion_rate").as_string(), "1.0000");
  ASSERT_EQ(stats.json.at("owners").as_array().size(), 1u);
  EXPECT_EQ(stats.json.at("owners").at(0).at("won").as_int64(), 1);
  EXPECT_EQ(stats.json.at("owners").at(0).at("win_rate").as_string(), "1.0000");
  EXPECT_EQ(get("/api/v1/crm/pipeline/stats?owner_id=" + std::to_string(user_id("xiaoshou.liu"))).number("won"), 1);
  EXPECT_EQ(get("/api/v1/crm/pipeline/stats?owner_id=" + std::to_string(user_id("admin"))).number("opportunities"), 0)
      << "someone else's";
  EXPECT_EQ(get("/api/v1/crm/pipeline/stats?from=2026-04-01").number("opportunities"), 0) << "created in March";

  // Reopened, it goes back to where it was; the history says so.
  auto reopened = opportunity_step(opportunity, "reopen");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.text("stage"), "需求确认");
  EXPECT_TRUE(reopened.json.at("closed_on").is_null());
  auto history = get(id_path("/api/v1/opportunities", opportunity, "versions"));
  std::vector<std::string> steps;
  for (const auto& version : history.json.at("items").as_array()) steps.emplace_back(version.at("action").as_string());
  for (const char* step : {"number", "move", "quote", "order_linked", "win", "reopen"}) {
    EXPECT_NE(std::find(steps.begin(), steps.end(), step), steps.end()) << step << " in " << history.body;
  }
  auto audit = app->call("GET", "/api/v1/audit-log?target_type=opportunity&target_id=" + std::to_string(opportunity),
                         "", &admin);
  EXPECT_NE(audit.body.find("价格与交期满足客户要求"), std::string::npos) << audit.body;
}

TEST_P(LeadToOrder, ALeadWhosePhoneIsACustomersConvertsOntoThatCustomer) {
  patch("customers", star, object{{"phone", "0755-8321 6666"}});
  const auto id = lead(object{{"name", "陈小姐"}, {"company_name", "星光电器深圳分公司"}, {"phone", "075583216666"}});
  auto matches = get(id_path("/api/v1/leads", id, "matches"));
  ASSERT_EQ(matches.status, 200) << matches.body;
  ASSERT_EQ(matches.json.at("items").as_array().size(), 1u) << matches.body;
  EXPECT_EQ(matches.json.at("items").at(0).at("id").as_int64(), star);
  EXPECT_EQ(matches.json.at("items").at(0).at("matched_on"), (array{"phone"}));

  // Converting as a new customer is refused, naming the customer it looks like.
  const auto customers = count("customers");
  auto twin = lead_step(id, "convert", object{{"opportunity", object{{"amount", "5000.00"}}}});
  EXPECT_EQ(twin.status, 409) << twin.body;
  EXPECT_NE(twin.body.find("星光电器"), std::string::npos) << twin.body;
  EXPECT_EQ(count("customers"), customers);

  auto converted =
      lead_step(id, "convert", object{{"customer_id", star}, {"opportunity", object{{"amount", "5000.00"}}}});
  ASSERT_EQ(converted.status, 201) << converted.body;
  EXPECT_FALSE(converted.json.at("new_customer").as_bool());
  EXPECT_EQ(converted.number("customer_id"), star);
  EXPECT_EQ(count("customers"), customers) << "no duplicate customer";
  EXPECT_EQ(converted.json.at("opportunity").at("customer").as_string(), "星光电器");
  EXPECT_EQ(get(id_path("/api/v1/contacts", converted.number("contact_id"))).number("customer_id"), star);
}

TEST_P(LeadToOrder, BadInputNamesItsFieldsAndWritesNothing) {
  const auto id = lead(object{{"name", "赵总"}, {"company_name", "远航物流"}, {"phone", "13700001111"}});
  const auto customers = count("customers");
  auto bad = lead_step(id, "convert",
                       object{{"opportunity", object{{"amount", "-5"}, {"expected_close_date", "下个月"}}},
                              {"customer", object{{"email", "not an address"}}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "customer.email")) << bad.body;
  EXPECT_EQ(count("customers"), customers);
  auto bad_deal =
      lead_step(id, "convert", object{{"opportunity", object{{"amount", "-5"}, {"expected_close_date", "下个月"}}}});
  ASSERT_EQ(bad_deal.status, 400) << bad_deal.body;
  EXPECT_TRUE(names_field(bad_deal, "opportunity.amount")) << bad_deal.body;
  EXPECT_TRUE(names_field(bad_deal, "opportunity.expected_close_date")) << bad_deal.body;
  EXPECT_TRUE(names_field(lead_step(id, "convert", object{{"customer_id", "星光"}}), "customer_id"));
  EXPECT_EQ(count("customers"), customers);
  EXPECT_EQ(count("contacts"), 0);
  EXPECT_EQ(count("opportunities"), 0);
  EXPECT_EQ(get(id_path("/api/v1/leads", id)).text("status"), "new");

  EXPECT_TRUE(names_field(lead_step(id, "disqualify"), "reason", "required"));
  EXPECT_TRUE(names_field(post("/api/v1/leads", object{{"company_name", "无名"}}), "name", "required"));
  auto deal = post("/api/v1/opportunities", object{{"name", "星光 年度框架"}, {"customer_id", star}, {"amount", "8000"}});
  ASSERT_EQ(deal.status, 201) << deal.body;
  EXPECT_EQ(deal.text("code"), "OP-202603-0001") << "the failed conversions used no number";
  const auto opportunity = deal.number("id");
  EXPECT_TRUE(names_field(opportunity_step(opportunity, "move", object{{"stage_id", 999999}}), "stage_id", "unknown"));
  auto edit = [&](object fields) {
    fields["version"] = get(id_path("/api/v1/opportunities", opportunity)).number("version");
    return app->call("PATCH", id_path("/api/v1/opportunities", opportunity), serialize(fields), &liu);
  };
  EXPECT_TRUE(names_field(edit(object{{"stage_id", stage("商务谈判")}}), "stage_id", "use_move"))
      << "the form does not skip the stage history";
  EXPECT_TRUE(names_field(opportunity_step(opportunity, "lose"), "reason", "required"));
  EXPECT_TRUE(
      names_field(opportunity_step(opportunity, "move", object{{"stage_id", stage("输单")}}), "reason", "required"))
      << "moving into the lost stage is losing";
  EXPECT_EQ(view(opportunity).text("status"), "open");
  auto lost = opportunity_step(opportunity, "move", object{{"stage_id", stage("输单")}, {"reason", "预算取消"},
                                                           {"competitor", "华声音响"}});
  ASSERT_EQ(lost.status, 200) << lost.body;
  EXPECT_EQ(lost.text("status"), "lost");
  EXPECT_EQ(lost.text("competitors"), "华声音响");
  EXPECT_EQ(lost.text("close_reason"), "预算取消");
  EXPECT_TRUE(names_field(edit(object{{"amount", "9000"}}), "status", "closed")) << "reopened before it is edited";
  EXPECT_TRUE(names_field(get("/api/v1/crm/pipeline/stats?from=2026-03-31&to=2026-03-01"), "to", "before_from"));
}

TEST_P(LeadToOrder, AnotherCompanySeesAndChangesNothing) {
  const auto id = lead(object{{"name", "王经理"}, {"company_name", "鹏程科技"}, {"phone", "13912345678"}});
  auto converted = lead_step(id, "convert", object{{"opportunity", object{{"amount", "1000.00"}}}});
  ASSERT_EQ(converted.status, 201) << converted.body;
  const auto opportunity = converted.number("opportunity_id");
  Client other = app->admin_of_new_company(admin, "B", "北方贸易");
  EXPECT_EQ(get(id_path("/api/v1/leads", id, "matches"), &other).status, 404);
  EXPECT_EQ(lead_step(id, "disqualify", object{{"reason", "x"}}, &other).status, 404);
  EXPECT_EQ(view(opportunity, &other).status, 404);
  for (const char* verb : {"win", "reopen"})
    EXPECT_EQ(opportunity_step(opportunity, verb, {}, &other).status, 404) << verb;
  EXPECT_EQ(opportunity_step(opportunity, "lose", object{{"reason", "x"}}, &other).status, 404);
  EXPECT_EQ(opportunity_step(opportunity, "quotation", object{{"lines", array{}}}, &other).status, 404);
  auto theirs = get("/api/v1/crm/pipeline/stats", &other);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs.number("opportunities"), 0);
  auto board = get("/api/v1/crm/pipeline", &other);
  ASSERT_EQ(board.status, 200) << board.body;
  EXPECT_EQ(board.json.at("stages").at(0).at("count").as_int64(), 0) << "their own default stages, empty";
  EXPECT_EQ(view(opportunity).text("status"), "open") << "unchanged";

  // Another salesperson of the same company does not reach 刘's either (the own scope).
  Client zhang = app->user_from_template(admin, "xiaoshou.zhang", "sales");
  EXPECT_EQ(view(opportunity, &zhang).status, 404);
  EXPECT_EQ(opportunity_step(opportunity, "lose", object{{"reason", "x"}}, &zhang).status, 404);
  EXPECT_EQ(get("/api/v1/crm/pipeline/stats", &zhang).number("opportunities"), 0);
}

TEST_P(LeadToOrder, ImportedLeadsAreNumberedByTheJobInTheOrderTheyCame) {
  EXPECT_EQ(
      app->call("GET", id_path("/api/v1/leads", lead(object{{"name", "王经理"}, {"phone", "13912345678"}})), "", &liu)
          .text("code"),
      "LD-202603-0001");
  auto imported = app->call("POST", "/api/v1/leads/import?mode=all",
                            "联系人,公司名称,电话\n李四,东方仪器,13500000001\n王五,西部机械,13500000002\n", &admin);
  ASSERT_EQ(imported.status, 200) << imported.body;
  ASSERT_EQ(imported.number("created"), 2);
  auto& queue = *app->stack().jobs;
  ASSERT_TRUE(queue.enqueue({.kind = "crm.lead_numbers", .title = "crm.lead_numbers"}).ok());
  while (queue.run_one().value_or(false)) {
  }
  auto leads = app->call("GET", "/api/v1/leads?sort=id", "", &admin);
  std::vector<std::string> codes;
  for (const auto& each : leads.json.at("items").as_array()) {
    codes.emplace_back(each.at("code").is_string() ? std::string(each.at("code").as_string()) : "none");
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"LD-202603-0001", "LD-202603-0002", "LD-202603-0003"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadToOrder, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
