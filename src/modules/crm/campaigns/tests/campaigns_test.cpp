// 陈 of 深圳优品 markets the spring range to the Guangdong key accounts. The campaign reaches only
// those who may be reached — 美的商贸 opted out, 珠江实业's contact too — through the company's
// mail server; 王经理 opens it and clicks the terms, a forged link does nothing, 华强电子 orders
// within the fortnight (a conversion worth 565.00 against 100.00 spent) while 潮汕食品 orders only
// after the window. 潮汕食品 then unsubscribes and the next campaign leaves it out. A text
// message goes to mobile numbers only; two nodes sending at once send each message once; another
// company sees none of it.
#include "modules/crm/campaigns/tests/campaign_story.hpp"

namespace verp::testing {
namespace {

class Campaigns : public CampaignStory {};

TEST_P(Campaigns, ACampaignReachesOnlyAllowedRecipientsTracksThemAndAttributesAConversion) {
  const auto guangdong = segment("广东A类客户", guangdong_key_accounts());
  auto made = campaign("春季新品推广", guangdong);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto id = made.number("id");
  EXPECT_EQ(made.text("status"), "draft");

  auto sent = step(id, "send");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.text("status"), "scheduled");
  EXPECT_EQ(send_due().messages, 2) << "华强电子's contact and 潮汕食品 itself";
  EXPECT_EQ(send_due().messages, 0) << "sent once";
  auto after = app->call("GET", id_path("/api/v1/campaigns", id), "", &chen);
  EXPECT_EQ(after.text("status"), "sent");
  // What went out is what it was: a sent campaign is not edited.
  auto edit = app->call("PATCH", id_path("/api/v1/campaigns", id),
                        serialize(object{{"version", after.number("version")}, {"subject", "改"}}), &chen);
  EXPECT_EQ(edit.status, 400) << edit.body;
  EXPECT_TRUE(names_field(edit, "status", "not_editable")) << edit.body;

  EXPECT_EQ(deliver(), 2);
  auto mails = mailbox();
  ASSERT_EQ(mails.size(), 2u);
  ASSERT_TRUE(mails.contains("wang@huaqiang.cn"));
  ASSERT_TRUE(mails.contains("sales@chaoshan.cn"));
  EXPECT_FALSE(mails.contains("info@midea-sm.cn")) << "the customer opted out";
  EXPECT_FALSE(mails.contains("zhao@zhujiang.cn")) << "the contact opted out";
  EXPECT_FALSE(mails.contains("office@zhujiang.cn")) << "nor is the customer's own address used instead";
  const std::string& wang = mails["wang@huaqiang.cn"];
  EXPECT_NE(wang.find("王经理您好：华强电子的春季专属优惠"), std::string::npos) << wang;
  EXPECT_NE(wang.find("https://erp.youpin.cn/api/v1/public/t/c/"), std::string::npos) << wang;
  EXPECT_NE(wang.find("https://erp.youpin.cn/api/v1/public/t/o/"), std::string::npos) << "the pixel in the HTML part";
  EXPECT_NE(wang.find("/api/v1/public/t/u/"), std::string::npos) << "an unsubscribe link";
  const std::string token = token_in(wang);
  ASSERT_EQ(token.size(), 43u) << wang;
  EXPECT_NE(token, token_in(mails["sales@chaoshan.cn"])) << "one token per recipient";

  auto counted = results(id);
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.number("targeted"), 4);
  EXPECT_EQ(counted.number("excluded_opt_out"), 2);
  EXPECT_EQ(counted.number("excluded_no_address"), 0);
  EXPECT_EQ(counted.number("sent"), 2);
  EXPECT_EQ(counted.number("delivered"), 2);
  EXPECT_EQ(counted.number("opened"), 0);

  // 王经理 opens the mail: the pixel marks it opened, once.
  auto pixel = anonymous("GET", "/api/v1/public/t/o/" + token + ".gif");
  EXPECT_EQ(pixel.status, 200);
  EXPECT_EQ(pixel.headers.get("Content-Type"), "image/gif");
  EXPECT_EQ(pixel.body.substr(0, 6), "GIF89a");
  anonymous("GET", "/api/v1/public/t/o/" + token + ".gif");
  EXPECT_EQ(results(id).number("opened"), 1);

  // … and clicks the terms: redirected to this campaign's second link, marked clicked.
  auto click = anonymous("GET", "/api/v1/public/t/c/" + token + "?u=1");
  EXPECT_EQ(click.status, 302);
  EXPECT_EQ(click.headers.get("Location"), "https://shop.youpin.cn/terms");
  EXPECT_EQ(results(id).number("clicked"), 1);

  // Forged or altered links go nowhere and change nothing.
  std::string altered = token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(anonymous("GET", "/api/v1/public/t/c/" + altered + "?u=0").status, 404);
  EXPECT_EQ(anonymous("GET", "/api/v1/public/t/c/" + token + "?u=2").status, 404) << "the campaign has two links";
  EXPECT_EQ(anonymous("GET", "/api/v1/public/t/c/" + token + "?u=-1").status, 404);
  EXPECT_EQ(anonymous("GET", "/api/v1/public/t/c/" + token + "?u=https://evil.example.com").status, 404);
  EXPECT_EQ(anonymous("GET", "/api/v1/public/t/o/" + altered + ".gif").status, 200) << "a pixel is always a pixel";
  EXPECT_EQ(anonymous("GET", "/api/v1/public/t/u/" + altered).status, 404);
  EXPECT_EQ(anonymous("POST", "/api/v1/public/t/u/" + altered).status, 404);
  auto unchanged = results(id);
  EXPECT_EQ(unchanged.number("opened"), 1);
  EXPECT_EQ(unchanged.number("clicked"), 1);
  EXPECT_EQ(unchanged.number("unsubscribed"), 0);

  // 华强电子 orders two days later (565.00) and again a week later; 潮汕食品 only after the
  // fortnight; 北方重工 was never reached. Only 华强电子's first order is the conversion.
  confirmed_order(huaqiang, "2026-03-12");
  confirmed_order(huaqiang, "2026-03-18");
  confirmed_order(chaoshan, "2026-03-30");
  confirmed_order(beifang, "2026-03-12");
  auto converted = results(id);
  ASSERT_EQ(converted.status, 200) << converted.body;
  EXPECT_EQ(converted.number("converted"), 1);
  EXPECT_EQ(converted.text("revenue"), "565.00");
  EXPECT_EQ(converted.text("cost"), "100.00");
  EXPECT_EQ(converted.text("roi"), "4.6500") << "(565.00 − 100.00) / 100.00";
  EXPECT_EQ(converted.json.at("rates").at("opened").as_string(), "0.5000");
  const auto& series = converted.json.at("series").as_array();
  ASSERT_EQ(series.size(), 2u) << converted.body;
  EXPECT_EQ(series.at(0).at("day").as_string(), "2026-03-10");
  EXPECT_EQ(series.at(0).at("sent").as_int64(), 2);
  EXPECT_EQ(series.at(1).at("day").as_string(), "2026-03-12");
  EXPECT_EQ(series.at(1).at("converted").as_int64(), 1);

  // The same as a spreadsheet, and on 华强电子's timeline.
  auto sheet = app->call("GET", id_path("/api/v1/campaigns", id, "results") + "?format=xlsx", "", &chen);
  EXPECT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 2), "PK");
  auto printed = app->call("GET", id_path("/api/v1/campaigns", id, "results") + "?format=pdf", "", &chen);
  EXPECT_EQ(printed.status, 200);
  EXPECT_EQ(printed.body.substr(0, 4), "%PDF");
  auto timeline = app->application().database->read([&](storage::Connection& c) {
    return crm::campaign_timeline(c, company_of(huaqiang), huaqiang, "zh-CN", 10);
  });
  ASSERT_TRUE(timeline.ok());
  std::vector<std::string> titles;
  for (const auto& entry : *timeline) titles.push_back(entry.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"收到营销活动《春季新品推广》", "打开了营销活动《春季新品推广》",
                                              "点击了营销活动《春季新品推广》中的链接"}));
}

TEST_P(Campaigns, AnUnsubscribedRecipientIsLeftOutOfTheNextCampaign) {
  const auto guangdong = segment("广东A类客户", guangdong_key_accounts());
  const auto first = campaign("春季新品推广", guangdong).number("id");
  ASSERT_EQ(step(first, "send").status, 200);
  ASSERT_EQ(send_due().messages, 2);
  ASSERT_EQ(deliver(), 2);
  const std::string token = token_in(mailbox()["sales@chaoshan.cn"]);
  ASSERT_FALSE(token.empty());

  // 潮汕食品 follows the unsubscribe link: a page to confirm, then the customer is opted out.
  auto page = anonymous("GET", "/api/v1/public/t/u/" + token);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<form method=\"post\">"), std::string::npos);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", chaoshan), "", &admin).json.at("opt_out").as_bool(), false)
      << "opening the page changes nothing";
  auto confirmed = anonymous("POST", "/api/v1/public/t/u/" + token);
  EXPECT_EQ(confirmed.status, 200);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/customers", chaoshan), "", &admin).json.at("opt_out").as_bool(), true);
  EXPECT_EQ(results(first).number("unsubscribed"), 1);
  // The change is in the customer's history, by the recipient.
  auto history = app->call("GET", id_path("/api/v1/customers", chaoshan, "versions"), "", &admin);
  EXPECT_NE(history.body.find("unsubscribe"), std::string::npos) << history.body;

  app->clock().advance(std::chrono::hours(24 * 7));
  chen = app->sign_in("shichang.chen", "quiet river under seven stone bridges");
  const auto second = campaign("清明节问候", guangdong).number("id");
  ASSERT_EQ(step(second, "send").status, 200);
  EXPECT_EQ(send_due().messages, 1) << "only 华强电子's contact now";
  auto counted = results(second);
  EXPECT_EQ(counted.number("targeted"), 4);
  EXPECT_EQ(counted.number("excluded_opt_out"), 3);
}

TEST_P(Campaigns, StepsFollowTheStatusAndAnotherCompanySeesNothing) {
  const auto guangdong = segment("广东A类客户", guangdong_key_accounts());
  // Scheduling needs what a message needs, and a time to come.
  auto bare = app->call("POST", "/api/v1/campaigns", R"({"name":"草稿","channel":"email"})", &chen);
  ASSERT_EQ(bare.status, 201) << bare.body;
  auto incomplete = step(bare.number("id"), "send");
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_TRUE(names_field(incomplete, "segment_id", "required")) << incomplete.body;
  EXPECT_TRUE(names_field(incomplete, "body", "required")) << incomplete.body;
  EXPECT_TRUE(names_field(incomplete, "tracking_url", "required")) << incomplete.body;

  const auto id = campaign("五一促销", guangdong).number("id");
  auto past = step(id, "schedule", R"({"scheduled_at":"2026-03-09T09:00:00+08:00"})");
  EXPECT_EQ(past.status, 400);
  EXPECT_TRUE(names_field(past, "scheduled_at", "past")) << past.body;
  auto scheduled = step(id, "schedule", R"({"scheduled_at":"2026-04-28T09:00:00+08:00"})");
  ASSERT_EQ(scheduled.status, 200) << scheduled.body;
  EXPECT_EQ(scheduled.text("status"), "scheduled");
  EXPECT_EQ(send_due().messages, 0) << "not yet due";

  // Another company's marketer cannot read, send, cancel or evaluate any of it.
  Client other = beijing_marketer();
  EXPECT_EQ(app->call("GET", id_path("/api/v1/campaigns", id), "", &other).status, 404);
  EXPECT_EQ(results(id, &other).status, 404);
  EXPECT_EQ(step(id, "cancel", "{}", &other).status, 404);
  EXPECT_EQ(step(id, "send", "{}", &other).status, 404);
  EXPECT_EQ(app->call("GET", id_path("/api/v1/segments", guangdong, "members"), "", &other).status, 404);

  auto cancelled = step(id, "cancel");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.text("status"), "cancelled");
  auto again = step(id, "send");
  EXPECT_EQ(again.status, 409) << again.body;
  app->clock().advance(std::chrono::hours(24 * 60));
  EXPECT_EQ(send_due().messages, 0) << "a cancelled campaign is never sent";

  // The history tells the steps.
  admin = app->admin();
  auto versions = app->call("GET", id_path("/api/v1/campaigns", id, "versions"), "", &admin);
  EXPECT_NE(versions.body.find("schedule"), std::string::npos) << versions.body;
  EXPECT_NE(versions.body.find("cancel"), std::string::npos) << versions.body;
}

TEST_P(Campaigns, AnSmsCampaignGoesToMobileNumbersAsPlainText) {
  // 潮汕食品 has a mobile number; 华强电子's contact has none and neither has the customer.
  patch("customers", chaoshan, object{{"phone", "13800138000"}});
  const auto guangdong = segment("广东A类客户", guangdong_key_accounts());
  const auto id = campaign("短信促销", guangdong, object{{"channel", "sms"}, {"subject", nullptr},
                                                      {"body", "{customer}：春季新品八折，详见 https://shop.youpin.cn/spring"}})
                      .number("id");
  ASSERT_EQ(step(id, "send").status, 200);
  EXPECT_EQ(send_due().messages, 1);
  auto queued = app->application().database->read([&](storage::Connection& c) {
    return c.query("SELECT channel, recipient, body, html FROM outbound_messages WHERE purpose = 'campaign'");
  });
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->size(), 1u);
  const auto& sms = (*queued)[0];
  EXPECT_EQ(sms.text(0).value_or(""), "sms");
  EXPECT_EQ(sms.text(1).value_or(""), "13800138000");
  EXPECT_EQ(sms.text(2).value_or("").rfind("潮汕食品：春季新品八折，详见 https://erp.youpin.cn/api/v1/public/t/c/", 0), 0u)
      << sms.text(2).value_or("");
  EXPECT_TRUE(sms.is_null(3)) << "no HTML in a text message";
  auto counted = results(id);
  EXPECT_EQ(counted.number("excluded_no_address"), 1);
  EXPECT_EQ(counted.number("excluded_opt_out"), 2);
}

TEST_P(Campaigns, ALargeSegmentGoesOutInBatchesAndTwoNodesSendEachMessageOnce) {
  const auto guangdong = segment("广东A类客户", guangdong_key_accounts());
  const auto id = campaign("春季新品推广", guangdong).number("id");
  ASSERT_EQ(step(id, "send").status, 200);

  // Two nodes run the job at the same minute, each a customer per batch: one claims the
  // campaign, the other finds it taken; every member is handled once.
  std::unique_ptr<TestApp> second;
  if (GetParam() == Backend::postgres) {
    second = std::make_unique<TestApp>(TestApp::SameDatabaseAs{*app});
    ASSERT_TRUE(second->ready());
    second->clock().set(app->clock().now());
  }
  crm::CampaignRun on_first, on_second;
  std::thread other([&] { if (second) on_second = send_due(1, second.get()); });
  on_first = send_due(1);
  other.join();
  EXPECT_EQ(on_first.messages + on_second.messages, 2);
  EXPECT_EQ(on_first.campaigns + on_second.campaigns, 1);

  auto progress = app->application().database->read([&](storage::Connection& c) {
    return c.query_row("SELECT targeted, done, finished_at IS NOT NULL FROM campaign_runs WHERE campaign_id = $1", {id});
  });
  ASSERT_TRUE(progress.ok() && *progress);
  EXPECT_EQ((*progress)->int64(0).value_or(0), 4);
  EXPECT_EQ((*progress)->int64(1).value_or(0), 4) << "four batches of one";
  EXPECT_TRUE((*progress)->boolean(2).value_or(false));
  auto counted = results(id);
  EXPECT_EQ(counted.number("targeted"), 4);
  EXPECT_EQ(counted.number("sent"), 2);
  EXPECT_EQ(counted.json.at("progress").at("done").as_int64(), 4) << counted.body;
  EXPECT_FALSE(counted.json.at("progress").at("finished_at").is_null());
  EXPECT_EQ(app->call("GET", id_path("/api/v1/campaigns", id), "", &chen).text("status"), "sent");

  // The job is on the schedule, every minute.
  auto schedules = app->stack().scheduler->list();
  ASSERT_TRUE(schedules.ok());
  EXPECT_TRUE(std::any_of(schedules->begin(), schedules->end(),
                          [](const auto& schedule) { return schedule.name == "crm.campaigns"; }));
}

INSTANTIATE_TEST_SUITE_P(Backends, Campaigns, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
