// Return visits (回访) after 王 resolves 华东机电's complaint (service_story.hpp): the urgent
// policy plans the call two days later, as a task for 王.
#include "modules/crm/service/tests/service_story.hpp"

namespace verp::testing {
namespace {

class ReturnVisits : public ServiceStory {
 protected:
  // The complaint, answered and resolved by 王 at 10:00; answers the ticket.
  std::int64_t resolved_complaint() {
    const auto id = urgent_complaint();
    EXPECT_EQ(step(id, "respond", wang).status, 200);
    later(china(4, 1, 10, 0));
    auto resolved = step(id, "resolve", wang, object{{"resolution", "更换音箱"}, {"root_cause", "喇叭虚焊"}});
    EXPECT_EQ(resolved.status, 200) << resolved.body;
    return id;
  }

  object visit_of(std::int64_t ticket, std::string_view status) {
    auto listed =
        app->call("GET", "/api/v1/return-visits?ticket_id=" + std::to_string(ticket) + "&status=" + std::string(status),
                  "", &wang);
    EXPECT_EQ(listed.status, 200) << listed.body;
    const auto& items = listed.json.at("items").as_array();
    EXPECT_EQ(items.size(), 1u) << listed.body;
    return items.empty() ? object{} : items[0].as_object();
  }

  Reply complete(std::int64_t visit, object body) {
    return app->call("POST", id_path("/api/v1/return-visits", visit, "complete"), serialize(body), &wang);
  }
};

// The customer is called back on 3 April and still hears the noise (2 of 5): the same ticket is
// worked again — reopened with the score as its reason, a fresh 4 hours to resolve it — and the
// visit's task is done. (CRM-S04: a low score reopens the ticket rather than opening another.)
TEST_P(ReturnVisits, ResolvingPlansAVisitAndALowScoreReopensTheTicket) {
  const auto id = resolved_complaint();
  auto visit = visit_of(id, "planned");
  EXPECT_EQ(visit.at("due_on").as_string(), "2026-04-03") << "the urgent policy's 2 days";
  EXPECT_EQ(visit.at("owner_id").as_int64(), wang_id);
  EXPECT_EQ(visit.at("customer_id").as_int64(), customer);
  EXPECT_EQ(tasks_of(wang), std::vector<std::string>{"回访：工单 TK-202604-0001「音箱有杂音」（2026-04-03）"});

  const auto visit_id = visit.at("id").as_int64();
  auto wild = complete(visit_id, object{{"satisfaction", 6}});
  EXPECT_EQ(wild.status, 400);
  EXPECT_TRUE(names_field(wild, "satisfaction")) << wild.body;
  EXPECT_TRUE(names_field(complete(visit_id, object{{"notes", "未接通"}}), "satisfaction"));
  EXPECT_EQ(visit_of(id, "planned").at("version"), visit.at("version")) << "nothing written";

  later(china(4, 3, 14, 0));
  auto done = complete(visit_id, object{{"satisfaction", 2}, {"notes", "还是有杂音"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.text("status"), "done");
  EXPECT_EQ(done.number("satisfaction"), 2);
  EXPECT_EQ(field(id, "status"), "in_progress") << "reopened";
  EXPECT_EQ(field(id, "resolution_due_at").substr(0, 19), "2026-04-03T10:00:00") << "14:00 + 4 hours, China";
  EXPECT_TRUE(tasks_of(wang).empty()) << "the visit's task is done";
  auto events = app->call("GET", id_path("/api/v1/tickets", id, "events"), "", &wang);
  const auto& last = events.json.at("items").as_array().back();
  EXPECT_EQ(last.at("to_status").as_string(), "in_progress");
  EXPECT_EQ(last.at("note").as_string(), "回访满意度 2 分：还是有杂音");
  EXPECT_EQ(complete(visit_id, object{{"satisfaction", 4}}).status, 409) << "done already";

  // Fixed for good this time: the next visit is happy and the ticket stays resolved, then closes.
  ASSERT_EQ(step(id, "resolve", wang, object{{"resolution", "更换主板"}}).status, 200);
  auto second = visit_of(id, "planned");
  EXPECT_EQ(second.at("due_on").as_string(), "2026-04-05");
  ASSERT_EQ(complete(second.at("id").as_int64(), object{{"satisfaction", 5}}).status, 200);
  EXPECT_EQ(field(id, "status"), "resolved");
  ASSERT_EQ(step(id, "close", wang).status, 200);
}

// Reopened by hand before the call: the planned visit and its task are cancelled.
TEST_P(ReturnVisits, ReopeningCancelsThePlannedVisit) {
  const auto id = resolved_complaint();
  ASSERT_EQ(step(id, "reopen", wang, object{{"reason", "客户来电仍有问题"}}).status, 200);
  EXPECT_EQ(visit_of(id, "cancelled").at("ticket_id").as_int64(), id);
  EXPECT_TRUE(tasks_of(wang).empty());
}

// 北京分公司 cannot complete 深圳's return visit.
TEST_P(ReturnVisits, AnotherCompanyCannotCompleteTheVisit) {
  const auto id = resolved_complaint();
  const auto visit_id = visit_of(id, "planned").at("id").as_int64();
  Client founder = app->admin_of_new_company(admin, "BJ", "北京分公司");
  Client beijing = app->user_from_template(founder, "bj.kefu", "customer_service");
  auto theirs = app->call("POST", id_path("/api/v1/return-visits", visit_id, "complete"),
                          serialize(object{{"satisfaction", 1}}), &beijing);
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(field(id, "status"), "resolved");
  EXPECT_EQ(visit_of(id, "planned").at("id").as_int64(), visit_id);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReturnVisits, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
