// Care plans (客户关怀) for 华东机电, whose account 孙 looks after (service_story.hpp): 陈经理
// was born on 2 April 1985, and key customers are visited at least every 30 days.
#include "modules/crm/service/care_plans.hpp"

#include "modules/crm/service/tests/service_story.hpp"

namespace verp::testing {
namespace {

class CarePlans : public ServiceStory {
 protected:
  void SetUp() override {
    ServiceStory::SetUp();
    auto contact =
        app->call("POST", "/api/v1/contacts?confirm_duplicates=true",
                  serialize(object{{"customer_id", customer}, {"name", "陈经理"}, {"birthday", "1985-04-02"}}), &sun);
    ASSERT_EQ(contact.status, 201) << contact.body;
    created("care-plans", object{{"name", "客户生日祝福"}, {"kind", "birthday_greeting"}});
  }

  crm::service::CareRun run_at(std::chrono::system_clock::time_point at) {
    later(at);
    auto crm = kit();
    auto run = crm::service::run_care_plans(*app->application().database, crm, app->clock());
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id + " " + run.error().detail);
    return run ? *run : crm::service::CareRun{-1, -1};
  }
};

// The job runs at 00:10 every night; on 陈经理's birthday 孙 finds one greeting task, and only one.
TEST_P(CarePlans, TheOwnerIsGivenOneBirthdayTaskOnTheBirthday) {
  EXPECT_EQ(run_at(china(4, 1, 0, 10)).greetings, 0) << "the day before";
  EXPECT_TRUE(tasks_of(sun).empty());

  EXPECT_EQ(run_at(china(4, 2, 0, 10)).greetings, 1) << "2 April in China, still 1 April in UTC";
  EXPECT_EQ(tasks_of(sun), std::vector<std::string>{"送上生日祝福：陈经理（华东机电）"});
  auto task = app->call("GET", "/api/v1/tasks?status=open", "", &sun).json.at("items").at(0);
  EXPECT_EQ(task.at("entity").as_string(), "contact");
  EXPECT_EQ(std::string(task.at("due_at").as_string()).substr(0, 19), "2026-04-02T16:00:00") << "by midnight in China";

  EXPECT_EQ(run_at(china(4, 2, 15, 0)).greetings, 0) << "once per birthday";
  EXPECT_EQ(run_at(china(4, 3, 0, 10)).greetings, 0);
  EXPECT_EQ(tasks_of(sun).size(), 1u);
  EXPECT_EQ(count("care_plan_claims"), 1);
}

// A visit plan for grade C customers (华东机电 is one): due 30 days after the last follow-up — or
// after the customer was entered, with none — once, and again 30 days after the next follow-up.
TEST_P(CarePlans, APeriodicVisitFallsDueOnceAfterTheInterval) {
  created("care-plans",
          object{{"name", "普通客户月度拜访"}, {"kind", "periodic_visit"}, {"grade", "C"}, {"interval_days", 30}});
  EXPECT_EQ(run_at(china(4, 30, 0, 10)).visits, 0);
  EXPECT_EQ(run_at(china(5, 1, 0, 10)).visits, 1) << "entered on 1 April";
  EXPECT_EQ(tasks_of(sun), std::vector<std::string>{"定期拜访：华东机电（已 30 天未跟进）"});
  EXPECT_EQ(run_at(china(5, 2, 0, 10)).visits, 0) << "once per occurrence";

  auto visited = app->call("POST", "/api/v1/follow-ups",
                           serialize(object{{"customer_id", customer},
                                            {"kind", "visit"},
                                            {"occurred_at", "2026-05-03T02:00:00Z"},
                                            {"content", "上门拜访，了解新需求"}}),
                           &sun);
  ASSERT_EQ(visited.status, 201) << visited.body;
  EXPECT_EQ(run_at(china(6, 1, 0, 10)).visits, 0);
  EXPECT_EQ(run_at(china(6, 2, 0, 10)).visits, 1) << "30 days after the visit of 3 May";

  auto invalid =
      app->call("POST", "/api/v1/care-plans", serialize(object{{"name", "x"}, {"kind", "periodic_visit"}}), &admin);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_TRUE(names_field(invalid, "interval_days")) << invalid.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, CarePlans, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
