// Tasks and reminders: the reminder fires at its time and once, a snooze brings it back later,
// an overdue task reaches the department head, and a repeating task comes back when done.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/workflow/api.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using namespace std::chrono_literals;
using boost::json::object;
using boost::json::serialize;

class Tasks : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
  }

  std::string at(std::chrono::minutes from_now) {
    return storage::Timestamp::from_system(app->clock().now() + from_now).to_string();
  }

  workflow::ReminderRun sweep() {
    auto run = workflow::send_due_reminders(*app->application().database, app->clock());
    EXPECT_TRUE(run.ok());
    return run ? *run : workflow::ReminderRun{};
  }

  // Sessions end after an idle half hour, and these stories skip hours ahead: sign in afresh.
  Client again(const std::string& user) {
    return user == "admin" ? app->admin() : app->sign_in(user, "quiet river under seven stone bridges");
  }

  std::vector<std::string> titles(Client client) {
    std::vector<std::string> out;
    auto inbox = app->call("GET", "/api/v1/notifications", "", &client);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    if (!inbox.json.is_object() || !inbox.json.as_object().contains("items")) return out;
    for (const auto& n : inbox.json.at("items").as_array()) out.emplace_back(n.at("title").as_string());
    return out;
  }

  std::unique_ptr<TestApp> app;
  Client admin;
};

TEST_P(Tasks, AReminderFiresAtItsTimeOnceAndASnoozeBringsItBack) {
  std::int64_t li_id = 0;
  app->user_with_roles(admin, "li.visit", {}, &li_id);
  auto task = app->call("POST", "/api/v1/tasks",
                        serialize(object{{"title", "回访华强电子"}, {"due_at", at(120min)}, {"remind_minutes_before", 60},
                                         {"owner_id", li_id}}),
                        &admin);
  ASSERT_EQ(task.status, 201) << task.body;

  EXPECT_EQ(0, sweep().reminded) << "an hour before the reminder time";
  app->clock().advance(61min);
  EXPECT_EQ(1, sweep().reminded);
  EXPECT_EQ(0, sweep().reminded) << "once";
  EXPECT_EQ((std::vector<std::string>{"任务提醒：回访华强电子"}), titles(again("li.visit"))) << "the owner is told";
  admin = again("admin");
  EXPECT_TRUE(titles(admin).empty());

  const std::string path = "/api/v1/tasks/" + std::to_string(task.number("id"));
  auto snoozed = app->call("POST", path + "/snooze", serialize(object{{"version", 1}, {"until", at(30min)}}), &admin);
  ASSERT_EQ(snoozed.status, 200) << snoozed.body;
  EXPECT_EQ(0, sweep().reminded);
  app->clock().advance(31min);
  EXPECT_EQ(1, sweep().reminded) << "again after the snooze";
}

TEST_P(Tasks, AnOverdueTaskReachesTheDepartmentHeadAndARepeatingOneComesBack) {
  std::int64_t head_id = 0, owner_id = 0;
  app->user_with_roles(admin, "head.wang", {}, &head_id);
  app->user_with_roles(admin, "zhang.san", {}, &owner_id);
  auto department = app->call("POST", "/api/v1/departments",
                              serialize(object{{"code", "SVC"}, {"name", "客服部"}, {"head_user_id", head_id}}), &admin);
  ASSERT_EQ(department.status, 201) << department.body;
  ASSERT_EQ(app->call("PUT", "/api/v1/users/" + std::to_string(owner_id) + "/department",
                      serialize(object{{"department_id", department.number("id")}}), &admin)
                .status,
            204);
  auto task = app->call("POST", "/api/v1/tasks",
                        serialize(object{{"title", "季度回访"}, {"due_at", at(10min)}, {"escalate_after_hours", 24},
                                         {"repeat_every_days", 90}, {"owner_id", owner_id}}),
                        &admin);
  ASSERT_EQ(task.status, 201) << task.body;

  app->clock().advance(std::chrono::hours(23));
  EXPECT_EQ(0, sweep().escalated);
  app->clock().advance(std::chrono::hours(2));
  EXPECT_EQ(1, sweep().escalated);
  EXPECT_EQ((std::vector<std::string>{"部门任务逾期：季度回访"}), titles(again("head.wang")));
  admin = again("admin");

  const std::string path = "/api/v1/tasks/" + std::to_string(task.number("id"));
  auto done = app->call("POST", path + "/complete", R"({"version":1})", &admin);
  ASSERT_EQ(done.status, 200) << done.body;
  auto next = app->call("GET", "/api/v1/tasks/" + std::to_string(done.number("next_id")), "", &admin);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ("open", next.text("status"));
  EXPECT_EQ(owner_id, next.number("owner_id"));
  EXPECT_EQ(storage::Timestamp::parse(task.text("due_at"))->micros + 90LL * 24 * 3600 * 1'000'000,
            storage::Timestamp::parse(next.text("due_at"))->micros);
  EXPECT_EQ(app->call("POST", path + "/complete", R"({"version":1})", &admin).status, 409) << "stale";
}

INSTANTIATE_TEST_SUITE_P(Backends, Tasks, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
