// 市场部的陈静 designs the after-sales survey of 华南电子's service visits: how likely they are to
// recommend us (NPS), how satisfied they are (stars), how fast we came (a choice where "slow" is
// negative) and a free comment. She opens it and invites the customer's contacts by e-mail: 张伟
// gets the message, 李娜 opted out of marketing and gets nothing. 张伟 answers through his link
// with an NPS of 3 — negative feedback — and a high-priority complaint ticket is opened for
// 华南电子 and linked from his response, for 客服王磊 to handle. Two other customers answer through
// copied links, happily, and open no ticket; a fourth never answers. The results give the
// response rate, CSAT and NPS computed by hand below. A link answers once; bad answers are named;
// an unknown link writes nothing; the questions of an answered survey stay as they were; and
// another member company sees none of it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "modules/crm/feedback/feedback.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::serialize;

class SurveyStory : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
    chen = app->user_from_template(admin, "shichang.chen", "marketing");
    wang = app->user_from_template(admin, "kefu.wang", "customer_service");
    set_today(2026, 3, 10);
    huanan = created("customers", object{{"code", "C-001"}, {"name", "华南电子"}, {"email", "info@huanan.example"}});
    xingguang = created("customers", object{{"code", "C-002"}, {"name", "星光电器"}});
    mingda = created("customers", object{{"code", "C-003"}, {"name", "明达五金"}});
    yuantong = created("customers", object{{"code", "C-004"}, {"name", "远通物流"}});
    zhang = created("contacts", object{{"customer_id", huanan}, {"name", "张伟"}, {"email", "zhang.wei@huanan.example"}});
    li = created("contacts", object{{"customer_id", huanan}, {"name", "李娜"}, {"email", "li.na@huanan.example"},
                                    {"opt_out", true}});
  }

  // The app's clock at 10:00 in Shenzhen on that day; everyone signs in again (sessions lapse).
  void set_today(int year, unsigned month, unsigned day) {
    using namespace std::chrono;
    app->clock().set(sys_days{std::chrono::year{year} / month / day} + hours{2});
    admin = app->admin();
    chen = app->sign_in("shichang.chen", "quiet river under seven stone bridges");
    wang = app->sign_in("kefu.wang", "quiet river under seven stone bridges");
  }

  std::int64_t created(const std::string& path, const object& body) {
    auto reply = app->call("POST", "/api/v1/" + path + "?confirm_duplicates=true", serialize(body), &admin);
    EXPECT_EQ(reply.status, 201) << path << ": " << reply.body;
    return reply.number("id");
  }

  static std::string at(std::int64_t id, const std::string& verb = "") {
    return "/api/v1/surveys/" + std::to_string(id) + (verb.empty() ? "" : "/" + verb);
  }

  static array service_questions() {
    return array{object{{"kind", "nps"}, {"text", "您向朋友推荐我们的可能性有多大？"}, {"required", true}},
                 object{{"kind", "rating"}, {"text", "您对本次服务满意吗？"}, {"required", true}},
                 object{{"kind", "choice"},
                        {"text", "工程师到达是否及时？"},
                        {"options", array{object{{"key", "fast"}, {"text", "及时"}},
                                          object{{"key", "ok"}, {"text", "一般"}},
                                          object{{"key", "slow"}, {"text", "太慢"}, {"negative", true}}}}},
                 object{{"kind", "text"}, {"text", "还有什么想告诉我们？"}}};
  }

  // A survey designed and opened by 陈静; answers its id and its questions' ids in order.
  std::int64_t open_survey(std::vector<std::int64_t>& question_ids, Client* as = nullptr) {
    Client* who = as != nullptr ? as : &chen;
    auto made = app->call("POST", "/api/v1/surveys",
                          serialize(object{{"name", "售后服务回访"}, {"category", "service"},
                                           {"introduction", "感谢您选择我们的服务，请花一分钟告诉我们您的感受。"}}),
                          who);
    EXPECT_EQ(made.status, 201) << made.body;
    const auto id = made.number("id");
    auto designed = app->call("PUT", at(id, "questions"), serialize(object{{"questions", service_questions()}}), who);
    EXPECT_EQ(designed.status, 200) << designed.body;
    for (const auto& question : designed.json.at("questions").as_array()) {
      question_ids.push_back(question.at("id").as_int64());
    }
    auto opened = app->call("POST", at(id, "open"), "", who);
    EXPECT_EQ(opened.status, 200) << opened.body;
    EXPECT_EQ(opened.text("status"), "open");
    return id;
  }

  // The token at the end of a link ".../s/<token>".
  static std::string token_of(std::string_view link) {
    const auto slash = link.rfind("/s/");
    return slash == std::string_view::npos ? std::string() : std::string(link.substr(slash + 3, 43));
  }

  Reply answer(const std::string& token, array answers) {
    return app->call("POST", "/api/v1/public/surveys/" + token, serialize(object{{"answers", std::move(answers)}}));
  }

  object answered(std::int64_t question, boost::json::value value) {
    return object{{"question_id", question}, {"value", std::move(value)}};
  }

  std::int64_t scalar(const std::string& sql, std::vector<storage::Value> params = {}) {
    auto row = app->application().database->read(
        [&](storage::Connection& c) { return c.query_row(sql, storage::Params(params)); });
    return row && *row ? (**row).int64(0).value_or(-1) : -1;
  }
  // What `verp check` says of the surveys: every problem, or the check's own failure.
  std::vector<std::string> problems() {
    std::vector<std::string> all;
    for (const auto& check : crm::feedback_checks()) {
      auto found = check.run(*app->application().database);
      if (!found) all.push_back(check.name + ": " + found.error().message_id);
      else all.insert(all.end(), found->begin(), found->end());
    }
    return all;
  }

  std::int64_t company_of(std::int64_t customer) { return scalar("SELECT company_id FROM customers WHERE id = $1", {customer}); }
  std::string text(const std::string& sql, std::vector<storage::Value> params = {}) {
    auto row = app->application().database->read(
        [&](storage::Connection& c) { return c.query_row(sql, storage::Params(params)); });
    return row && *row ? (**row).text(0).value_or("") : "";
  }

  std::unique_ptr<TestApp> app;
  Client admin, chen, wang;
  std::int64_t huanan = 0, xingguang = 0, mingda = 0, yuantong = 0, zhang = 0, li = 0;
};

TEST_P(SurveyStory, NegativeFeedbackOpensAComplaintTicketAndTheResultsGiveNpsAndCsat) {
  std::vector<std::int64_t> q;
  const auto survey = open_survey(q);
  ASSERT_EQ(q.size(), 4u);

  // By e-mail to both contacts of 华南电子: 李娜 opted out and is skipped, 张伟 gets his link.
  auto mailed = app->call("POST", at(survey, "invitations"),
                          serialize(object{{"contact_ids", array{zhang, li}}, {"channel", "email"}}), &chen,
                          {{"Origin", "https://erp.huanan-group.example"}});
  ASSERT_EQ(mailed.status, 201) << mailed.body;
  ASSERT_EQ(mailed.json.at("invited").as_array().size(), 1u);
  ASSERT_EQ(mailed.json.at("skipped").as_array().size(), 1u);
  EXPECT_EQ(mailed.json.at("skipped").at(0).at("contact_id").as_int64(), li);
  EXPECT_EQ(mailed.json.at("skipped").at(0).at("reason").as_string(), "opted_out");
  EXPECT_FALSE(mailed.json.at("invited").at(0).as_object().contains("link")) << "the link goes to 张伟 only";
  const auto message = mailed.json.at("invited").at(0).at("message_id").as_int64();
  EXPECT_EQ(text("SELECT recipient FROM outbound_messages WHERE id = $1", {message}), "zhang.wei@huanan.example");
  EXPECT_EQ(text("SELECT channel FROM outbound_messages WHERE id = $1", {message}), "email");
  EXPECT_EQ(text("SELECT purpose FROM outbound_messages WHERE id = $1", {message}), "survey");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM outbound_messages WHERE recipient = 'li.na@huanan.example'"), 0);
  const std::string body = text("SELECT body FROM outbound_messages WHERE id = $1", {message});
  EXPECT_NE(body.find("售后服务回访"), std::string::npos) << body;
  const auto link_at = body.find("https://erp.huanan-group.example/s/");
  ASSERT_NE(link_at, std::string::npos) << "an absolute link from where 陈静 works: " << body;
  const std::string zhang_token = token_of(body.substr(link_at));

  // Links to copy for three other customers.
  auto copied = app->call("POST", at(survey, "invitations"),
                          serialize(object{{"customer_ids", array{xingguang, mingda, yuantong}}, {"channel", "link"}}),
                          &chen);
  ASSERT_EQ(copied.status, 201) << copied.body;
  ASSERT_EQ(copied.json.at("invited").as_array().size(), 3u);
  std::vector<std::string> tokens;
  for (const auto& invited : copied.json.at("invited").as_array()) {
    tokens.push_back(token_of(invited.at("link").as_string()));
    EXPECT_TRUE(invited.at("message_id").is_null()) << "nothing is sent for a copied link";
  }
  EXPECT_NE(tokens[0], tokens[1]);

  // 张伟 opens his link: the questions, without what the company counts as negative.
  auto page = app->call("GET", "/api/v1/public/surveys/" + zhang_token, "", nullptr, {{"Accept-Language", "en"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.text("name"), "售后服务回访");
  EXPECT_FALSE(page.json.at("answered").as_bool());
  ASSERT_EQ(page.json.at("questions").as_array().size(), 4u);
  EXPECT_FALSE(page.json.at("questions").at(2).at("options").at(2).as_object().contains("negative"));
  EXPECT_EQ(page.json.at("labels").at("nps_low").as_string(), "Not at all likely") << "in the request's language";

  // He would not recommend us (3), is dissatisfied (2 stars) and we were slow.
  auto unhappy = answer(zhang_token, array{answered(q[0], 3), answered(q[1], 2), answered(q[2], "slow"),
                                           answered(q[3], "工程师迟到了两个小时")});
  ASSERT_EQ(unhappy.status, 201) << unhappy.body;
  const auto response = unhappy.number("response_id");
  auto saved = app->call("GET", "/api/v1/survey-responses/" + std::to_string(response), "", &wang);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.number("customer_id"), huanan);
  EXPECT_EQ(saved.number("contact_id"), zhang);
  EXPECT_EQ(saved.number("nps"), 3);
  EXPECT_TRUE(saved.json.at("negative").as_bool());
  const auto ticket_id = saved.number("ticket_id");
  ASSERT_GT(ticket_id, 0) << "negative feedback opens a ticket: " << saved.body;
  auto ticket = app->call("GET", "/api/v1/tickets/" + std::to_string(ticket_id), "", &wang);
  ASSERT_EQ(ticket.status, 200) << ticket.body;
  EXPECT_EQ(ticket.text("kind"), "complaint");
  EXPECT_EQ(ticket.text("priority"), "high");
  EXPECT_EQ(ticket.text("channel"), "survey");
  EXPECT_EQ(ticket.text("code").rfind("TK-", 0), 0u) << "numbered like any ticket: " << ticket.text("code");
  EXPECT_EQ(ticket.number("customer_id"), huanan);
  EXPECT_EQ(ticket.number("contact_id"), zhang);
  EXPECT_NE(ticket.text("subject").find("华南电子"), std::string::npos) << ticket.text("subject");
  EXPECT_NE(ticket.text("description").find("工程师迟到了两个小时"), std::string::npos) << ticket.text("description");

  // A link answers once; the second submission changes nothing.
  auto again = answer(zhang_token, array{answered(q[0], 10), answered(q[1], 5)});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_responses"), 1);
  EXPECT_TRUE(app->call("GET", "/api/v1/public/surveys/" + zhang_token).json.at("answered").as_bool());

  // A month later two happy customers answer: no ticket. 远通物流 never answers.
  set_today(2026, 4, 15);
  auto happy = answer(tokens[0], array{answered(q[0], 10), answered(q[1], 5), answered(q[2], "fast")});
  ASSERT_EQ(happy.status, 201) << happy.body;
  auto content = answer(tokens[1], array{answered(q[0], 9), answered(q[1], 4)});
  ASSERT_EQ(content.status, 201) << content.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM tickets"), 1) << "positive answers open no ticket";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_responses WHERE ticket_id IS NULL"), 2);

  // By hand: NPS answers 3, 10, 9 → 2 promoters, 1 detractor of 3 → (2 − 1) × 100 / 3 = 33.3.
  // Ratings 2, 5, 4 → 2 of 3 satisfied → CSAT 66.7, average 11 / 3 = 3.67. Invited 4, answered 3.
  auto results = app->call("GET", at(survey, "results"), "", &chen);
  ASSERT_EQ(results.status, 200) << results.body;
  EXPECT_EQ(results.number("responses"), 3);
  EXPECT_EQ(results.number("invited"), 4);
  EXPECT_EQ(results.text("response_rate"), "75.0");
  EXPECT_EQ(results.text("nps"), "33.3");
  EXPECT_EQ(results.text("csat"), "66.7");
  const auto& questions = results.json.at("questions").as_array();
  EXPECT_EQ(questions.at(0).at("nps").as_string(), "33.3");
  EXPECT_EQ(questions.at(0).at("promoters").as_int64(), 2);
  EXPECT_EQ(questions.at(0).at("detractors").as_int64(), 1);
  EXPECT_EQ(questions.at(1).at("average").as_string(), "3.67");
  EXPECT_EQ(questions.at(1).at("distribution").at(1).at("count").as_int64(), 1) << "one answer of 2 stars";
  EXPECT_EQ(questions.at(2).at("distribution").at(2).at("label").as_string(), "太慢");
  EXPECT_EQ(questions.at(2).at("distribution").at(2).at("count").as_int64(), 1);
  EXPECT_EQ(questions.at(3).at("texts").at(0).at("text").as_string(), "工程师迟到了两个小时");
  // March: 张伟 alone (NPS −100.0, CSAT 0.0); April: 10 and 9, 5 and 4 stars (100.0 and 100.0).
  const auto& trend = results.json.at("trend").as_array();
  ASSERT_EQ(trend.size(), 2u) << results.body;
  EXPECT_EQ(trend.at(0).at("month").as_string(), "2026-03");
  EXPECT_EQ(trend.at(0).at("nps").as_string(), "-100.0");
  EXPECT_EQ(trend.at(0).at("csat").as_string(), "0.0");
  EXPECT_EQ(trend.at(1).at("month").as_string(), "2026-04");
  EXPECT_EQ(trend.at(1).at("nps").as_string(), "100.0");
  EXPECT_EQ(trend.at(1).at("responses").as_int64(), 2);
  auto april = app->call("GET", at(survey, "results") + "?from=2026-04-01&to=2026-04-30", "", &chen);
  ASSERT_EQ(april.status, 200) << april.body;
  EXPECT_EQ(april.number("responses"), 2);
  EXPECT_EQ(april.text("nps"), "100.0");
  EXPECT_TRUE(names_field(app->call("GET", at(survey, "results") + "?from=2026-04-31", "", &chen), "from", "invalid"));

  auto file = app->call("GET", at(survey, "results") + "?format=xlsx", "", &chen);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body.substr(0, 2), "PK") << "an xlsx workbook";

  // The company's summary by category, and 华南电子's own feedback on its page.
  auto summary = app->call("GET", "/api/v1/crm/feedback/summary", "", &wang);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json.at("categories").at(0).at("category").as_string(), "service");
  EXPECT_EQ(summary.json.at("categories").at(0).at("nps").as_string(), "33.3");
  auto feedback = app->call("GET", "/api/v1/customers/" + std::to_string(huanan) + "/feedback", "", &wang);
  ASSERT_EQ(feedback.status, 200) << feedback.body;
  EXPECT_EQ(feedback.text("nps"), "-100.0") << "its only NPS answer is a detractor's";
  EXPECT_EQ(feedback.json.at("responses").at(0).at("ticket_id").as_int64(), ticket_id);
  // On 华南电子's timeline of the 360° view.
  auto timeline = app->application().database->read([&](storage::Connection& c) {
    return crm::survey_timeline(c, company_of(huanan), huanan, "zh-CN", 10);
  });
  ASSERT_TRUE(timeline.ok());
  ASSERT_EQ(timeline->size(), 1u);
  EXPECT_EQ(timeline->at(0).title, "回答了问卷《售后服务回访》 NPS 3 评分 2");
  EXPECT_EQ(timeline->at(0).record_id, response);

  EXPECT_TRUE(problems().empty()) << problems().front();
  // A ticket removed behind the application's back is found.
  ASSERT_TRUE(app->application().database->write([&](storage::Connection& c) -> Status {
    auto cleared = c.execute("UPDATE survey_responses SET ticket_id = NULL WHERE id = $1", {response});
    if (!cleared) return cleared.error();
    return {};
  }).ok());
  EXPECT_EQ(problems(), std::vector<std::string>{"survey response " + std::to_string(response) +
                                                 ": negative feedback without a ticket"});

  // What a customer answered is not edited by staff.
  auto edited = app->call("PATCH", "/api/v1/survey-responses/" + std::to_string(response),
                          serialize(object{{"version", saved.number("version")}, {"nps", 9}}), &admin);
  EXPECT_EQ(edited.status, 400) << edited.body;
  EXPECT_TRUE(names_field(edited, "survey_id", "answer_page_only")) << edited.body;
}

TEST_P(SurveyStory, BadAnswersAreNamedUnknownLinksWriteNothingAndAnsweredQuestionsStay) {
  // A choice with one option is no choice: the problem names it.
  auto draft = app->call("POST", "/api/v1/surveys", R"({"name":"产品反馈","category":"product"})", &chen);
  ASSERT_EQ(draft.status, 201) << draft.body;
  auto questions = service_questions();
  questions.at(2).as_object()["options"] = array{object{{"text", "及时"}}};
  auto bad_design = app->call("PUT", at(draft.number("id"), "questions"), serialize(object{{"questions", questions}}), &chen);
  EXPECT_EQ(bad_design.status, 400);
  EXPECT_TRUE(names_field(bad_design, "questions[2].options", "options_count")) << bad_design.body;
  EXPECT_EQ(app->call("POST", at(draft.number("id"), "open"), "", &chen).status, 409) << "no questions yet";

  std::vector<std::int64_t> q;
  const auto survey = open_survey(q);
  auto link = app->call("POST", at(survey, "invitations"),
                        serialize(object{{"customer_ids", array{xingguang}}, {"channel", "link"}}), &chen);
  ASSERT_EQ(link.status, 201) << link.body;
  const std::string token = token_of(link.json.at("invited").at(0).at("link").as_string());

  // A rating of 7 stars, an NPS left out, an option that is not offered: each named.
  auto bad = answer(token, array{answered(q[1], 7), answered(q[2], "never")});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "answers[0].value", "out_of_range")) << bad.body;
  EXPECT_TRUE(names_field(bad, "answers[1].value", "invalid_option")) << bad.body;
  EXPECT_TRUE(names_field(bad, "answers", "required")) << "the NPS question is required: " << bad.body;
  auto blank = answer(token, array{answered(q[0], 5), answered(q[1], nullptr)});
  EXPECT_TRUE(names_field(blank, "answers[1].value", "required")) << blank.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_responses"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_invitations WHERE answered_at IS NOT NULL"), 0);

  // A made-up link: 404, and nothing is written.
  const std::string guessed(43, 'A');
  EXPECT_EQ(app->call("GET", "/api/v1/public/surveys/" + guessed).status, 404);
  EXPECT_EQ(answer(guessed, array{answered(q[0], 9), answered(q[1], 5)}).status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_responses"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_answers"), 0);

  // Once answered, the survey's questions stay (even if it were a draft again, it is not).
  ASSERT_EQ(answer(token, array{answered(q[0], 9), answered(q[1], 5)}).status, 201);
  auto replaced = app->call("PUT", at(survey, "questions"), serialize(object{{"questions", service_questions()}}), &chen);
  EXPECT_EQ(replaced.status, 409) << replaced.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_questions WHERE survey_id = $1", {survey}), 4);
  EXPECT_EQ(app->call("GET", at(survey, "questions"), "", &chen).json.at("questions").at(0).at("id").as_int64(), q[0]);

  // Closed: the links answer no more, and the history tells the survey's life.
  ASSERT_EQ(app->call("POST", at(survey, "close"), "", &chen).status, 200);
  auto late = app->call("POST", at(survey, "invitations"),
                        serialize(object{{"customer_ids", array{mingda}}, {"channel", "link"}}), &chen);
  EXPECT_EQ(late.status, 409) << late.body;
  auto history = app->call("GET", at(survey, "versions"), "", &chen);
  ASSERT_EQ(history.status, 200) << history.body;
  std::string actions;
  for (const auto& version : history.json.at("items").as_array()) actions += std::string(version.at("action").as_string()) + " ";
  EXPECT_NE(actions.find("questions"), std::string::npos) << actions;
  EXPECT_NE(actions.find("open"), std::string::npos) << actions;
  EXPECT_NE(actions.find("invite"), std::string::npos) << actions;
  EXPECT_NE(actions.find("close"), std::string::npos) << actions;
}

TEST_P(SurveyStory, AnotherCompanySeesNoneOfTheSurveysOrTheirResults) {
  std::vector<std::int64_t> q;
  const auto survey = open_survey(q);
  auto other = app->admin_of_new_company(admin, "B", "乙公司");
  EXPECT_EQ(app->call("GET", at(survey, "results"), "", &other).status, 404);
  EXPECT_EQ(app->call("GET", at(survey, "questions"), "", &other).status, 404);
  EXPECT_EQ(app->call("PUT", at(survey, "questions"), serialize(object{{"questions", service_questions()}}), &other).status,
            404);
  EXPECT_EQ(app->call("POST", at(survey, "close"), "", &other).status, 404);
  auto invite = app->call("POST", at(survey, "invitations"),
                          serialize(object{{"customer_ids", array{xingguang}}, {"channel", "link"}}), &other);
  EXPECT_EQ(invite.status, 404) << invite.body;
  EXPECT_EQ(app->call("GET", "/api/v1/customers/" + std::to_string(huanan) + "/feedback", "", &other).status, 404);
  // Company A's own survey cannot invite company B's customers either.
  auto theirs = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                          R"({"code":"B-001","name":"乙方客户","email":"b@example.com"})", &other);
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  auto crossing = app->call("POST", at(survey, "invitations"),
                            serialize(object{{"customer_ids", array{theirs.number("id")}}, {"channel", "email"}}), &chen);
  EXPECT_TRUE(names_field(crossing, "customer_ids[0]", "unknown")) << crossing.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_invitations"), 0);
  auto summary = app->call("GET", "/api/v1/crm/feedback/summary", "", &other);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_TRUE(summary.json.at("surveys").as_array().empty());
}

// The shop puts its survey on the counter as a QR code: anyone answers without a name, a few
// times an hour from one address; an unhappy anonymous answer has nobody to open a ticket for.
// By SMS, a customer without a mobile number is named as skipped.
TEST_P(SurveyStory, TheAnonymousLinkAnswersWithoutATicketAndOnlySoOftenFromOneAddress) {
  std::vector<std::int64_t> q;
  const auto survey = open_survey(q);
  EXPECT_TRUE(app->call("GET", at(survey, "questions"), "", &chen).json.at("anonymous_key").is_null())
      << "no anonymous link unless the survey allows it";
  auto current = app->call("GET", at(survey), "", &chen);
  auto allowed = app->call("PATCH", at(survey),
                           serialize(object{{"version", current.number("version")}, {"anonymous_link", true}}), &chen);
  ASSERT_EQ(allowed.status, 200) << allowed.body;
  const std::string key(app->call("GET", at(survey, "questions"), "", &chen).json.at("anonymous_key").as_string());
  ASSERT_FALSE(key.empty());
  const std::string link = "/api/v1/public/surveys/open/" + key;
  EXPECT_EQ(app->call("GET", link).status, 200);

  auto unhappy = app->call("POST", link, serialize(object{{"answers", array{answered(q[0], 2), answered(q[1], 1)}}}), nullptr,
                           {}, "203.0.113.7");
  ASSERT_EQ(unhappy.status, 201) << unhappy.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM tickets"), 0) << "no customer to open a ticket for";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM survey_responses WHERE negative AND customer_id IS NULL"), 1);
  for (int i = 0; i < 4; ++i) {
    auto more = app->call("POST", link, serialize(object{{"answers", array{answered(q[0], 9), answered(q[1], 5)}}}), nullptr,
                          {}, "203.0.113.7");
    ASSERT_EQ(more.status, 201) << more.body;
  }
  auto sixth = app->call("POST", link, serialize(object{{"answers", array{answered(q[0], 9), answered(q[1], 5)}}}), nullptr,
                         {}, "203.0.113.7");
  EXPECT_EQ(sixth.status, 429) << sixth.body;
  auto neighbour = app->call("POST", link, serialize(object{{"answers", array{answered(q[0], 8), answered(q[1], 4)}}}),
                             nullptr, {}, "198.51.100.20");
  EXPECT_EQ(neighbour.status, 201) << neighbour.body;
  auto results = app->call("GET", at(survey, "results"), "", &chen);
  EXPECT_EQ(results.number("responses"), 6);
  EXPECT_EQ(results.number("invited"), 0) << "nobody was invited";
  EXPECT_TRUE(results.json.at("response_rate").is_null());

  // By SMS: 星光电器 has no mobile on record.
  auto texted = app->call("POST", at(survey, "invitations"),
                          serialize(object{{"customer_ids", array{xingguang}}, {"channel", "sms"}}), &chen);
  ASSERT_EQ(texted.status, 201) << texted.body;
  EXPECT_TRUE(texted.json.at("invited").as_array().empty());
  EXPECT_EQ(texted.json.at("skipped").at(0).at("reason").as_string(), "no_address");

  // Switched off, the link answers no more.
  current = app->call("GET", at(survey), "", &chen);
  ASSERT_EQ(app->call("PATCH", at(survey), serialize(object{{"version", current.number("version")}, {"anonymous_link", false}}),
                      &chen).status, 200);
  EXPECT_EQ(app->call("GET", link).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, SurveyStory, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
