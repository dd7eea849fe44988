// Notifications beyond the notification centre, as people receive them: an overdue task reaches
// its owner's mailbox (a real SMTP server on 127.0.0.1) in the owner's language; a text message
// relay that is down is retried with back-off until it gives up, the administrator sees why and
// sends it again once the relay is fixed; people choose their channels; and another company
// never sees the deliveries.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/notify/delivery.hpp"
#include "modules/workflow/api.hpp"
#include "platform/notify/tests/stub_process.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

using namespace std::chrono_literals;
using boost::json::object;
using boost::json::serialize;
using notify::testing::StubProcess;

constexpr const char* kPassword = "quiet river under seven stone bridges";

class Deliveries : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_NE(sink.port(), 0) << "smtp_sink.py did not start: is python3-aiosmtpd installed?";
    ASSERT_NE(relay.port(), 0) << "http_stub.py did not start";
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
  }

  void configure(object channel) {
    auto made = app->call("POST", "/api/v1/notification-channels", serialize(channel), &admin);
    ASSERT_EQ(made.status, 201) << made.body;
  }
  void configure_mail() {
    configure(object{{"channel", "email"},
                     {"smtp_url", "smtp://127.0.0.1:" + std::to_string(sink.port())},
                     {"from_address", "verp <erp@example.cn>"}});
  }
  std::string relay_url(const std::string& path) { return "http://127.0.0.1:" + std::to_string(relay.port()) + path; }

  // A member of the company with an e-mail address.
  std::int64_t member(const std::string& name, const std::string& email) {
    std::int64_t id = 0;
    people[name] = app->user_with_roles(admin, name, {}, &id);
    auto user = app->call("GET", "/api/v1/users/" + std::to_string(id), "", &admin);
    auto patched = app->call("PATCH", "/api/v1/users/" + std::to_string(id),
                             serialize(object{{"version", user.number("version")}, {"email", email}}), &admin);
    EXPECT_EQ(patched.status, 200) << patched.body;
    return id;
  }

  // A task of `owner` that is overdue an hour and a half from now, then the reminder sweep.
  void overdue_task(std::int64_t owner, const std::string& title) {
    auto task = app->call("POST", "/api/v1/tasks",
                          serialize(object{{"title", title},
                                           {"due_at", storage::Timestamp::from_system(app->clock().now() + 10min).to_string()},
                                           {"escalate_after_hours", 1},
                                           {"owner_id", owner}}),
                          &admin);
    ASSERT_EQ(task.status, 201) << task.body;
    app->clock().advance(90min);
    auto swept = workflow::send_due_reminders(*app->application().database, app->clock());
    ASSERT_TRUE(swept.ok());
    EXPECT_EQ(swept->escalated, 1);
    admin = app->admin();  // the session idled out while the clock moved
  }

  notify::DeliveryRun deliver() {
    auto run = notify::deliver_due(*app->application().database, *app->application().context->entity_store,
                                   app->clock());
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id + " " + run.error().detail);
    return run ? *run : notify::DeliveryRun{};
  }

  Client& as(const std::string& name) {
    people[name] = app->sign_in(name, kPassword);
    return people[name];
  }

  StubProcess sink{"smtp_sink.py"};
  StubProcess relay{"http_stub.py"};
  std::unique_ptr<TestApp> app;
  Client admin;
  std::map<std::string, Client> people;
};

std::string text(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The decoded text of a mail the sink received.
std::string mail_text(const boost::json::object& mail) {
  const auto* parts = mail.if_contains("parts");
  if (parts == nullptr || !parts->is_array() || parts->as_array().empty()) return {};
  return text(parts->as_array()[0].as_object(), "content");
}

TEST_P(Deliveries, AnOverdueTaskReachesItsOwnersMailboxOnceAndInTheirLanguage) {
  configure_mail();
  const auto li = member("li.visit", "li.visit@example.cn");
  overdue_task(li, "回访华强电子");

  const auto first = deliver();
  EXPECT_EQ(first.sent, 1);
  EXPECT_EQ(deliver().sent, 0) << "once";
  auto mails = sink.received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(text(mails[0], "subject"), "任务逾期：回访华强电子");
  EXPECT_NE(boost::json::serialize(mails[0]).find("li.visit@example.cn"), std::string::npos);
  EXPECT_NE(mail_text(mails[0]).find("li.visit，您好"), std::string::npos) << mail_text(mails[0]);

  // 李 reads English and wants no e-mail for overdue tasks after all — but does for escalations.
  auto chosen = app->call("PUT", "/api/v1/notification-preferences",
                          R"({"locale":"en","types":{"task.overdue":{"email":false}}})", &as("li.visit"));
  ASSERT_EQ(chosen.status, 204) << chosen.body;
  overdue_task(li, "季度回访");
  EXPECT_EQ(deliver().sent, 0) << "turned off";

  auto back_on = app->call("PUT", "/api/v1/notification-preferences", R"({"types":{"task.overdue":{"email":true}}})",
                           &as("li.visit"));
  ASSERT_EQ(back_on.status, 204) << back_on.body;
  overdue_task(li, "合同续签");
  EXPECT_EQ(deliver().sent, 1);
  mails = sink.received();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(text(mails[1], "subject"), "Overdue: 合同续签");
  EXPECT_NE(mail_text(mails[1]).find("Hello li.visit"), std::string::npos) << mail_text(mails[1]);
}

TEST_P(Deliveries, AFailingTextRelayIsRetriedWithBackOffAndTheAdministratorSendsItAgain) {
  configure(object{{"channel", "sms"}, {"webhook_url", relay_url("/status/503")}});
  const auto wu = member("wu.sales", "wu.sales@example.cn");
  Client& wu_client = as("wu.sales");
  ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/enrol", R"({"phone":"+86 139-0000-1111"})", &wu_client).status, 204);
  ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/confirm", serialize(object{{"code", app->last_sms_code()}}), &wu_client)
                .status,
            204);
  ASSERT_EQ(app->call("PUT", "/api/v1/notification-preferences", R"({"types":{"task.overdue":{"sms":true}}})",
                      &wu_client)
                .status,
            204);
  overdue_task(wu, "催收货款");

  EXPECT_EQ(deliver().retrying, 1);
  EXPECT_EQ(deliver().retrying, 0) << "not before its back-off";
  int attempts = 1;
  for (; attempts < 8; ++attempts) {
    app->clock().advance(7h);
    const auto run = deliver();
    if (run.failed == 1) break;
    EXPECT_EQ(run.retrying, 1);
  }
  EXPECT_EQ(attempts, 7) << "given up after the eighth attempt";
  EXPECT_EQ(relay.received().size(), 8u);

  admin = app->admin();
  auto failed = app->call("GET", "/api/v1/notification-deliveries?state=failed", "", &admin);
  ASSERT_EQ(failed.status, 200) << failed.body;
  const auto& items = failed.json.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("channel").as_string(), "sms");
  EXPECT_EQ(items[0].at("recipient").as_string(), "+8613900001111");
  EXPECT_NE(std::string(items[0].at("last_error").as_string()).find("503"), std::string::npos);

  // The relay is fixed; the administrator sends it again.
  auto channels = app->call("GET", "/api/v1/notification-channels", "", &admin);
  const auto& channel = channels.json.at("items").at(0);
  ASSERT_EQ(app->call("PATCH", "/api/v1/notification-channels/" + std::to_string(channel.at("id").as_int64()),
                      serialize(object{{"version", channel.at("version")}, {"webhook_url", relay_url("/sms")}}), &admin)
                .status,
            200);
  const std::string retry = "/api/v1/notification-deliveries/" + std::to_string(items[0].at("id").as_int64()) + "/retry";
  ASSERT_EQ(app->call("POST", retry, "", &admin).status, 200);
  EXPECT_EQ(app->call("POST", retry, "", &admin).status, 409) << "only a failed one";
  EXPECT_EQ(deliver().sent, 1);
  const auto posts = relay.received();
  ASSERT_EQ(posts.size(), 9u);
  const auto body = boost::json::parse(text(posts.back(), "body")).as_object();
  EXPECT_EQ(text(body, "to"), "+8613900001111");
  EXPECT_EQ(text(body, "text").rfind("【verp】任务逾期：催收货款", 0), 0u) << text(body, "text");
}

TEST_P(Deliveries, PeopleChooseTheirChannelsAndAnotherCompanySeesNoneOfIt) {
  configure_mail();
  const auto li = member("li.visit", "li.visit@example.cn");
  auto mine = app->call("GET", "/api/v1/notification-preferences", "", &as("li.visit"));
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.text("locale"), "zh-CN");
  EXPECT_EQ(mine.text("email"), "li.visit@example.cn");
  bool approvals_by_mail = false;
  for (const auto& type : mine.json.at("types").as_array()) {
    if (type.at("kind").as_string() == "approval.requested") approvals_by_mail = type.at("channels").at("email").as_bool();
  }
  EXPECT_TRUE(approvals_by_mail) << "what someone must act on goes by e-mail unless they say otherwise";

  auto bad = app->call("PUT", "/api/v1/notification-preferences",
                       R"({"locale":"fr","types":{"nope.kind":{"email":true},"task.overdue":{"fax":true}}})",
                       &as("li.visit"));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(names_field(bad, "locale"));
  EXPECT_TRUE(names_field(bad, "types.nope.kind"));
  EXPECT_TRUE(names_field(bad, "types.task.overdue.fax"));

  overdue_task(li, "回访华强电子");
  EXPECT_EQ(deliver().sent, 1);
  Client admin_in_b = app->admin_of_new_company(admin, "SZ", "深圳分公司");
  ASSERT_FALSE(admin_in_b.cookie.empty());
  Client boss_b = app->user_with_roles(admin_in_b, "sz.boss", {"administrator"});
  auto seen_by_b = app->call("GET", "/api/v1/notification-deliveries", "", &boss_b);
  ASSERT_EQ(seen_by_b.status, 200) << seen_by_b.body;
  EXPECT_TRUE(seen_by_b.json.at("items").as_array().empty());
  auto seen_by_a = app->call("GET", "/api/v1/notification-deliveries", "", &admin);
  ASSERT_EQ(seen_by_a.json.at("items").as_array().size(), 1u);
  const auto id = seen_by_a.json.at("items").at(0).at("id").as_int64();
  EXPECT_EQ(app->call("POST", "/api/v1/notification-deliveries/" + std::to_string(id) + "/retry", "", &boss_b).status,
            404);
  EXPECT_EQ(app->call("GET", "/api/v1/notification-deliveries", "", &as("li.visit")).status, 403)
      << "administrators only";
}

// A campaign writes to a customer's buyer, who is no user of verp: the mail leaves through the
// company's SMTP sender, once; a text message goes to the relay with what it is for; a message
// without a recipient is refused; a company without a WeChat sender sees that message fail.
TEST_P(Deliveries, AMessageToACustomersContactLeavesThroughTheCompanysSender) {
  configure_mail();
  configure(object{{"channel", "sms"}, {"webhook_url", relay_url("/sms")}});
  auto* db = app->application().database.get();
  auto queue = [&](notify::OutboundMessage message) {
    return db->write([&](storage::Connection& c) { return notify::queue_message(c, app->clock(), message); });
  };
  const std::int64_t company = 1;
  auto mail = queue({.company_id = company, .channel = "email", .recipient = "buyer@huaqiang.example.cn",
                     .subject = "新品发布会邀请", .body = "王经理，您好：诚邀您参加 3 月 18 日的新品发布会。", .purpose = "campaign"});
  ASSERT_TRUE(mail.ok()) << mail.error().message_id;
  auto text_message = queue({.company_id = company, .channel = "sms", .recipient = "+8613800001234",
                             .body = "【verp】新品发布会 3 月 18 日，回 T 退订", .purpose = "campaign"});
  ASSERT_TRUE(text_message.ok());
  auto wechat = queue({.company_id = company, .channel = "wechat", .recipient = "+8613800001234", .body = "新品发布会",
                       .purpose = "campaign"});
  ASSERT_TRUE(wechat.ok());
  auto nobody = queue({.company_id = company, .channel = "email", .recipient = "", .body = "…"});
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().message_id, "notify.invalid_message");
  auto fax = queue({.company_id = company, .channel = "fax", .recipient = "010-1234", .body = "…"});
  EXPECT_FALSE(fax.ok());

  const auto run = deliver();
  EXPECT_EQ(run.sent, 2);
  EXPECT_EQ(run.failed, 1) << "no WeChat sender: failed for good, not retried";
  EXPECT_EQ(deliver().sent, 0) << "once";
  auto mails = sink.received();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(text(mails[0], "subject"), "新品发布会邀请");
  EXPECT_NE(serialize(mails[0]).find("buyer@huaqiang.example.cn"), std::string::npos);
  const auto posts = relay.received();
  ASSERT_EQ(posts.size(), 1u);
  const auto body = boost::json::parse(text(posts[0], "body")).as_object();
  EXPECT_EQ(text(body, "to"), "+8613800001234");
  EXPECT_EQ(text(body, "purpose"), "campaign");

  auto state = db->read([&](storage::Connection& c) { return notify::message_state(c, *mail); });
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->state, "sent");
  EXPECT_TRUE(state->sent_at.has_value());
  auto failed = db->read([&](storage::Connection& c) { return notify::message_state(c, *wechat); });
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->state, "failed");
}

INSTANTIATE_TEST_SUITE_P(Backends, Deliveries, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
