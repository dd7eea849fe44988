// The public lead form (网站表单): the administrator puts a 联系我们 form on the company's web site.
// A visitor who takes a few seconds to fill it in becomes a lead (source web_form) for the form's
// owner; robots — the hidden honeypot filled, a forged or stale token, a form sent faster than a
// person types — are answered the same 202 and leave nothing behind; one address cannot flood it.
#include "modules/crm/pipeline/tests/pipeline_story.hpp"

namespace verp::testing {
namespace {

using namespace std::chrono_literals;

class LeadForm : public PipelineStory {
 protected:
  void SetUp() override {
    PipelineStory::SetUp();
    auto form = app->call("POST", "/api/v1/lead-forms", serialize(object{{"name", "官网 联系我们"}}), &admin);
    ASSERT_EQ(form.status, 201) << form.body;
    key = form.text("form_key");
    form_id = form.number("id");
    ASSERT_GE(key.size(), 16u);
  }

  // The form as a visitor's browser fetches it: its token.
  std::string token() {
    auto form = app->call("GET", "/api/v1/public/lead-forms/" + key);
    EXPECT_EQ(form.status, 200) << form.body;
    return form.text("token");
  }

  Reply submit(object fields, const std::string& address = "203.0.113.7") {
    fields["form_key"] = key;
    return app->call("POST", "/api/v1/public/leads", serialize(fields), nullptr, {}, address);
  }

  static object visitor(const std::string& token) {
    return object{{"token", token}, {"name", "林女士"}, {"company_name", "海川贸易"}, {"phone", "13611112222"},
                  {"notes", "想了解蓝牙音箱的批发价"}};
  }

  std::string key;
  std::int64_t form_id = 0;
};

TEST_P(LeadForm, AVisitorBecomesALeadAndRobotsLeaveNothingBehind) {
  auto form = app->call("GET", "/api/v1/public/lead-forms/" + key);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(form.text("name"), "官网 联系我们");
  EXPECT_EQ(form.json.at("fields").at(0).at("label").as_string(), "联系人");

  const std::string issued = token();
  auto hurried = submit(visitor(issued));
  EXPECT_EQ(hurried.status, 202) << "a robot is not told";
  app->clock().advance(20s);
  object trap = visitor(issued);
  trap["website"] = "http://spam.example";
  EXPECT_EQ(submit(trap).status, 202);
  object forged = visitor(issued);
  forged["token"] = issued.substr(0, issued.find('.')) + ".00";
  EXPECT_EQ(submit(forged).status, 202);
  EXPECT_EQ(count("leads"), 0) << "too fast, honeypot and forged token make nothing";

  auto person = submit(visitor(issued));
  ASSERT_EQ(person.status, 202) << person.body;
  auto leads = app->call("GET", "/api/v1/leads", "", &admin);
  ASSERT_EQ(leads.json.at("items").as_array().size(), 1u) << leads.body;
  const auto& lead = leads.json.at("items").at(0);
  EXPECT_EQ(lead.at("name").as_string(), "林女士");
  EXPECT_EQ(lead.at("source").as_string(), "web_form");
  EXPECT_EQ(lead.at("code").as_string(), "LD-202603-0001");
  EXPECT_EQ(lead.at("owner_id").as_int64(), user_id("admin")) << "the form's owner";
  auto inbox = app->call("GET", "/api/v1/notifications", "", &admin);
  std::vector<std::string> told;
  for (const auto& note : inbox.json.at("items").as_array()) {
    if (note.at("kind").as_string() == "crm.web_lead") told.emplace_back(note.at("title").as_string());
  }
  EXPECT_EQ(told, (std::vector<std::string>{"网站表单新线索：海川贸易"})) << "told at once, of the real one only";

  // A token a day old is stale.
  const std::string old = token();
  app->clock().advance(25h);
  EXPECT_EQ(submit(visitor(old)).status, 202);
  EXPECT_EQ(count("leads"), 1);
  auto outcomes = app->application().database->read([&](storage::Connection& c) {
    return c.query("SELECT outcome FROM lead_form_submissions ORDER BY id");
  });
  ASSERT_TRUE(outcomes.ok());
  std::vector<std::string> seen;
  for (const auto& row : *outcomes) seen.push_back(row.text(0).value_or(""));
  EXPECT_EQ(seen, (std::vector<std::string>{"too_fast", "honeypot", "bad_token", "accepted", "token_expired"}));
}

TEST_P(LeadForm, OneAddressCannotFloodTheForm) {
  app->clock().advance(1h);
  const std::string issued = token();
  app->clock().advance(10s);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(submit(visitor(issued), "198.51.100.9").status, 202) << i;
  EXPECT_EQ(submit(visitor(issued), "198.51.100.9").status, 429);
  EXPECT_EQ(count("leads"), 5);
  EXPECT_EQ(submit(visitor(issued), "198.51.100.10").status, 202) << "another visitor";
  app->clock().advance(61min);
  EXPECT_EQ(submit(visitor(token()), "198.51.100.9").status, 202) << "an hour later the first may again (too fast)";
}

TEST_P(LeadForm, WhatAPersonGotWrongIsNamedAndUnknownFormsAreNotFound) {
  auto empty = submit(object{{"token", token()}, {"company_name", "海川贸易"}});
  ASSERT_EQ(empty.status, 400) << empty.body;
  EXPECT_TRUE(names_field(empty, "name", "required")) << empty.body;
  EXPECT_TRUE(names_field(empty, "phone", "required")) << "a phone or an e-mail";
  EXPECT_EQ(app->call("GET", "/api/v1/public/lead-forms/nosuchform").status, 404);
  auto closed = app->call("GET", id_path("/api/v1/lead-forms", form_id), "", &admin);
  ASSERT_EQ(app->call("PATCH", id_path("/api/v1/lead-forms", form_id),
                      serialize(object{{"version", closed.number("version")}, {"active", false}}), &admin)
                .status,
            200);
  EXPECT_EQ(app->call("GET", "/api/v1/public/lead-forms/" + key).status, 404);
  EXPECT_EQ(submit(visitor("1.00")).status, 404);
  EXPECT_EQ(count("leads"), 0);
  // A salesperson does not manage forms.
  EXPECT_EQ(post("/api/v1/lead-forms", object{{"name", "我的表单"}}).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadForm, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
