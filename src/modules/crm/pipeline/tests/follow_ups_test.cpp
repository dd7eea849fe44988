// Follow-ups (跟进记录): 刘 of the sales department (headed by 孙) calls 星光电器 about an
// opportunity and promises to visit on 5 March. The promise is her task, reminded by workflow; when
// it is a day overdue it reaches 孙. The morning job tells 刘 once that the promise passed with
// nothing recorded since, and a newer follow-up ends that. The customer's timeline shows the calls.
#include "modules/crm/pipeline/pipeline.hpp"
#include "modules/crm/pipeline/tests/pipeline_story.hpp"
#include "modules/workflow/api.hpp"

namespace verp::testing {
namespace {

using namespace std::chrono_literals;

class FollowUps : public PipelineStory {
 protected:
  void SetUp() override {
    PipelineStory::SetUp();
    std::int64_t head = 0;
    sun = app->user_with_roles(admin, "xiaoshou.sun", {}, &head);
    auto department = app->call("POST", "/api/v1/departments",
                                serialize(object{{"code", "SALES"}, {"name", "销售部"}, {"head_user_id", head}}), &admin);
    ASSERT_EQ(department.status, 201) << department.body;
    ASSERT_EQ(app->call("PUT", "/api/v1/users/" + std::to_string(user_id("xiaoshou.liu")) + "/department",
                        serialize(object{{"department_id", department.number("id")}}), &admin)
                  .status,
              204);
    liu = app->sign_in("xiaoshou.liu", "quiet river under seven stone bridges");
    auto deal = post("/api/v1/opportunities", object{{"name", "星光 门店音响"}, {"customer_id", star}, {"amount", "12000"}});
    ASSERT_EQ(deal.status, 201) << deal.body;
    opportunity = deal.number("id");
  }

  std::string at(int day, int hour) {
    using namespace std::chrono;
    // Hours in China time (UTC+8).
    return storage::Timestamp::from_system(sys_days{year{2026} / 3 / day} + hours{hour - 8}).to_string();
  }

  workflow::ReminderRun sweep() {
    auto run = workflow::send_due_reminders(*app->application().database, app->clock());
    EXPECT_TRUE(run.ok());
    return run ? *run : workflow::ReminderRun{};
  }

  int morning_job() {
    auto run = crm::remind_overdue_follow_ups(*app->application().database, app->clock());
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id);
    return run ? run->overdue : -1;
  }

  std::vector<std::string> notified(Client& client, const std::string& kind = "") {
    std::vector<std::string> titles;
    auto inbox = app->call("GET", "/api/v1/notifications", "", &client);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    if (!inbox.json.is_object()) return titles;
    for (const auto& note : inbox.json.at("items").as_array()) {
      if (kind.empty() || note.at("kind").as_string() == kind) titles.emplace_back(note.at("title").as_string());
    }
    return titles;
  }

  Client sun;
  std::int64_t opportunity = 0;
};

TEST_P(FollowUps, APromisedFollowUpIsATaskThatEscalatesAndTheMorningJobTellsTheOwnerOnce) {
  auto call = post("/api/v1/follow-ups", object{{"opportunity_id", opportunity},
                                                 {"kind", "call"},
                                                 {"occurred_at", at(2, 10)},
                                                 {"content", "客户对门店音响方案感兴趣，希望上门演示"},
                                                 {"reaction", "positive"},
                                                 {"next_follow_up_at", at(5, 14)},
                                                 {"next_action", "上门演示"}});
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(call.number("customer_id"), star) << "taken from the opportunity";
  auto tasks = get("/api/v1/tasks?status=open");
  ASSERT_EQ(tasks.json.at("items").as_array().size(), 1u) << tasks.body;
  const auto& task = tasks.json.at("items").at(0);
  EXPECT_EQ(task.at("title").as_string(), "跟进：星光 门店音响 上门演示");
  EXPECT_EQ(task.at("entity").as_string(), "follow_up");
  EXPECT_EQ(task.at("record_id").as_int64(), call.number("id"));
  EXPECT_EQ(storage::Timestamp::parse(task.at("due_at").as_string())->micros,
            storage::Timestamp::parse(at(5, 14))->micros)
      << "due when the next follow-up was promised";

  // The promise passes: the morning job on the 6th tells 刘, once.
  app->clock().set(std::chrono::sys_days{std::chrono::year{2026} / 3 / 6});
  liu = app->sign_in("xiaoshou.liu", "quiet river under seven stone bridges");
  EXPECT_EQ(morning_job(), 1);
  EXPECT_EQ(morning_job(), 0) << "once";
  EXPECT_EQ(notified(liu, "crm.follow_up_overdue"), (std::vector<std::string>{"跟进逾期：星光 门店音响"}));

  // A day after it was due the task reaches the head of 刘's department.
  app->clock().set(std::chrono::sys_days{std::chrono::year{2026} / 3 / 6} + 7h);
  EXPECT_EQ(sweep().escalated, 1);
  sun = app->sign_in("xiaoshou.sun", "quiet river under seven stone bridges");
  EXPECT_EQ(notified(sun), (std::vector<std::string>{"部门任务逾期：跟进：星光 门店音响 上门演示"}));

  // A visit recorded afterwards answers the promise: a later promise is told of on its own.
  liu = app->sign_in("xiaoshou.liu", "quiet river under seven stone bridges");
  auto visit = post("/api/v1/follow-ups", object{{"opportunity_id", opportunity},
                                                  {"kind", "visit"},
                                                  {"content", "上门演示完成，客户要求报价"},
                                                  {"next_follow_up_at", at(9, 10)}});
  ASSERT_EQ(visit.status, 201) << visit.body;
  auto open = get("/api/v1/tasks?status=open");
  ASSERT_EQ(open.json.at("items").as_array().size(), 1u) << "the visit kept the first promise: " << open.body;
  EXPECT_EQ(open.json.at("items").at(0).at("record_id").as_int64(), visit.number("id"));
  EXPECT_EQ(morning_job(), 0);
  app->clock().set(std::chrono::sys_days{std::chrono::year{2026} / 3 / 10});
  EXPECT_EQ(morning_job(), 1) << "the visit's own promise";

  // The opportunity's page and the customer's timeline list both.
  liu = app->sign_in("xiaoshou.liu", "quiet river under seven stone bridges");
  auto page = view(opportunity);
  ASSERT_EQ(page.json.at("follow_ups").as_array().size(), 2u) << page.body;
  EXPECT_EQ(page.json.at("follow_ups").at(0).at("kind").as_string(), "visit") << "newest first";
  auto timeline = crm::follow_up_timeline();
  auto entries =
      app->application().database->read([&](storage::Connection& c) -> Result<std::vector<crm::TimelineEntry>> {
        auto company = c.query_row("SELECT company_id FROM customers WHERE id = $1", {star});
        if (!company) return company.error();
        return timeline(c, (*company)->int64(0).value_or(0), star, "zh-CN", 10);
      });
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(entries->at(1).title, "电话跟进：客户对门店音响方案感兴趣，希望上门演示");
  EXPECT_EQ(entries->at(1).entity, "follow_up");
}

TEST_P(FollowUps, AFollowUpIsAboutSomeoneAndNothingIsWrittenOtherwise) {
  auto nobody =
      post("/api/v1/follow-ups", object{{"kind", "call"}, {"content", "打错电话"}, {"next_follow_up_at", at(5, 9)}});
  ASSERT_EQ(nobody.status, 400) << nobody.body;
  EXPECT_TRUE(names_field(nobody, "customer_id", "required")) << nobody.body;
  auto bad = post("/api/v1/follow-ups", object{{"customer_id", star}, {"kind", "fax"}, {"content", ""}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "kind")) << bad.body;
  EXPECT_TRUE(names_field(bad, "content")) << bad.body;
  EXPECT_EQ(count("follow_ups"), 0);
  EXPECT_EQ(count("tasks"), 0);
  // Another company's opportunity is not reached through a follow-up.
  Client other = app->admin_of_new_company(admin, "B", "北方贸易");
  auto theirs = post("/api/v1/follow-ups", object{{"opportunity_id", opportunity}, {"content", "窥探"}}, &other);
  EXPECT_EQ(theirs.status, 400) << theirs.body;
  EXPECT_TRUE(names_field(theirs, "opportunity_id")) << theirs.body;
  EXPECT_EQ(count("follow_ups"), 0);
}

TEST_P(FollowUps, CallingANewLeadMarksItContacted) {
  const auto id = lead(object{{"name", "周先生"}, {"company_name", "恒通机电"}, {"phone", "13800001234"}});
  auto called = post("/api/v1/follow-ups", object{{"lead_id", id}, {"kind", "call"}, {"content", "初次电话，客户有采购计划"}});
  ASSERT_EQ(called.status, 201) << called.body;
  EXPECT_EQ(get(id_path("/api/v1/leads", id)).text("status"), "contacted");
  EXPECT_EQ(count("tasks"), 0) << "no next follow-up promised, no task";
  EXPECT_EQ(lead_step(id, "qualify").status, 200) << "a contacted lead is qualified";
}

TEST_P(FollowUps, TheTeamFiguresAreThoseOfTheOwnersDepartment) {
  auto stats = get("/api/v1/crm/pipeline/stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  ASSERT_EQ(stats.json.at("departments").as_array().size(), 1u) << stats.body;
  const auto& team = stats.json.at("departments").at(0);
  EXPECT_EQ(team.at("name").as_string(), "销售部");
  EXPECT_EQ(team.at("open").as_int64(), 1);
  EXPECT_EQ(team.at("weighted_amount").as_string(), "1200.00") << "12000 × 0.10 in 初步接洽";
  const auto department = team.at("department_id").as_int64();
  EXPECT_EQ(get("/api/v1/crm/pipeline/stats?department_id=" + std::to_string(department)).number("opportunities"), 1);
}

TEST_P(FollowUps, MovingThePromisedDateMovesItsTaskAndClearingItCancelsIt) {
  auto call = post("/api/v1/follow-ups", object{{"customer_id", star},
                                                 {"content", "客户出差，下周再联系"},
                                                 {"next_follow_up_at", at(5, 14)}});
  ASSERT_EQ(call.status, 201) << call.body;
  const std::string path = id_path("/api/v1/follow-ups", call.number("id"));
  auto edit = [&](object fields) { return app->call("PATCH", path, serialize(fields), &liu); };
  auto moved = edit(object{{"version", call.number("version")}, {"next_follow_up_at", at(9, 10)}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto open = get("/api/v1/tasks?status=open");
  ASSERT_EQ(open.json.at("items").as_array().size(), 1u) << open.body;
  EXPECT_EQ(storage::Timestamp::parse(open.json.at("items").at(0).at("due_at").as_string())->micros,
            storage::Timestamp::parse(at(9, 10))->micros);
  auto cleared = edit(object{{"version", moved.number("version")}, {"next_follow_up_at", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(get("/api/v1/tasks?status=open").json.at("items").as_array().empty());
  EXPECT_EQ(get("/api/v1/tasks?status=cancelled").json.at("items").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, FollowUps, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
