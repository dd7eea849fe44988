// The service desk's setting: 深圳优品贸易's 客服部 (headed by 赵敏) with the agents 王芳 and 李强,
// 孙伟 who sells to 华东机电 (上海) and looks after it, an urgent SLA (respond within 30 minutes,
// resolve within 4 hours, remind 10 minutes before, return visit 2 days after) and a rule that
// gives every complaint to the 客服部 member with the fewest open tickets. It is 1 April 2026,
// 09:00 in China.
#pragma once

#include "modules/crm/area.hpp"
#include "modules/finance/tests/ledger_story.hpp"  // id_path and the JSON names stories use
#include "platform/i18n/catalog.hpp"

namespace verp::testing {

// A moment in China's time (UTC+8).
inline std::chrono::system_clock::time_point china(int month, int day, int hour, int minute) {
  return std::chrono::sys_days{std::chrono::year{2026} / month / day} + std::chrono::hours(hour - 8) +
         std::chrono::minutes(minute);
}

class ServiceStory : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    app->clock().set(china(4, 1, 9, 0));
    admin = app->admin();
    ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"kefu","name":"客服","from_template":"customer_service"})",
                        &admin)
                  .status,
              201);
    ASSERT_EQ(app->call("POST", "/api/v1/roles", R"({"code":"seller","name":"销售员","from_template":"sales"})", &admin)
                  .status,
              201);
    zhao = app->user_with_roles(admin, "kefu.zhao", {"kefu"}, &zhao_id);
    wang = app->user_with_roles(admin, "kefu.wang", {"kefu"}, &wang_id);
    li = app->user_with_roles(admin, "kefu.li", {"kefu"}, &li_id);
    sun = app->user_with_roles(admin, "xiaoshou.sun", {"seller"}, &sun_id);
    auto desk = app->call("POST", "/api/v1/departments",
                          serialize(object{{"code", "SVC"}, {"name", "客服部"}, {"head_user_id", zhao_id}}), &admin);
    ASSERT_EQ(desk.status, 201) << desk.body;
    service_desk = desk.number("id");
    for (auto member : {wang_id, li_id}) {
      auto moved = app->call("PUT", id_path("/api/v1/users", member, "department"),
                             serialize(object{{"department_id", service_desk}}), &admin);
      ASSERT_EQ(moved.status, 204) << moved.body;
    }
    auto bought = app->call("POST", "/api/v1/customers?confirm_duplicates=true",
                            serialize(object{{"code", "C-001"}, {"name", "华东机电"}, {"region", "上海"}}), &sun);
    ASSERT_EQ(bought.status, 201) << bought.body;
    customer = bought.number("id");
    urgent_policy = created("sla-policies", object{{"name", "紧急工单"},
                                                   {"priority", "urgent"},
                                                   {"response_minutes", 30},
                                                   {"resolution_minutes", 240},
                                                   {"remind_before_minutes", 10},
                                                   {"return_visit_days", 2}});
    created(
        "ticket-assignment-rules",
        object{{"name", "投诉归客服部"}, {"sequence", 10}, {"kind", "complaint"}, {"to_department_id", service_desk}});
  }

  // Time passes (sessions end after a while idle): at `when`, everyone signs in again.
  void later(std::chrono::system_clock::time_point when) {
    app->clock().set(when);
    admin = app->admin();
    const std::string password = "quiet river under seven stone bridges";  // TestApp::user_with_roles's
    zhao = app->sign_in("kefu.zhao", password);
    wang = app->sign_in("kefu.wang", password);
    li = app->sign_in("kefu.li", password);
    sun = app->sign_in("xiaoshou.sun", password);
  }

  std::int64_t created(const std::string& path, const object& body) {
    auto reply = app->call("POST", "/api/v1/" + path + "?confirm_duplicates=true", serialize(body), &admin);
    EXPECT_EQ(reply.status, 201) << path << ": " << reply.body;
    return reply.number("id");
  }

  Reply open(object body, Client& as) {
    if (!body.contains("customer_id")) body["customer_id"] = customer;
    return app->call("POST", "/api/v1/tickets", serialize(body), &as);
  }

  // An urgent complaint about a noisy speaker, opened by 赵 on the phone.
  std::int64_t urgent_complaint() {
    auto opened = open(object{{"subject", "音箱有杂音"},
                              {"kind", "complaint"},
                              {"priority", "urgent"},
                              {"serial_number", "SN-2026-0042"}},
                       zhao);
    EXPECT_EQ(opened.status, 201) << opened.body;
    return opened.number("id");
  }

  Reply step(std::int64_t ticket, const std::string& verb, Client& as, const object& body = {}) {
    return app->call("POST", id_path("/api/v1/tickets", ticket, verb), serialize(body), &as);
  }

  object ticket(std::int64_t id, Client* as = nullptr) {
    auto reply = app->call("GET", id_path("/api/v1/tickets", id), "", as ? as : &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : object{};
  }

  std::string field(std::int64_t id, std::string_view name) {
    const auto record = ticket(id);
    const auto* value = record.if_contains(name);
    if (value == nullptr || value->is_null()) return "(null)";
    if (value->is_string()) return std::string(value->as_string());
    return serialize(*value);
  }

  // The CRM kit as the module's jobs get it, on the application's database and clock.
  crm::CrmKit kit() {
    auto& application = app->application();
    return crm::CrmKit{.http = {.database = application.database.get(),
                                .catalog = &i18n::Catalog::built_in(),
                                .clock = &app->clock(),
                                .files = &application.context->entity_store->files()},
                       .store = application.context->entity_store,
                       .entities = application.entities.get()};
  }

  // The titles of the client's notifications of this kind, newest first.
  std::vector<std::string> notified(Client& client, std::string_view kind) {
    std::vector<std::string> titles;
    auto inbox = app->call("GET", "/api/v1/notifications", "", &client);
    EXPECT_EQ(inbox.status, 200) << inbox.body;
    if (!inbox.json.is_object()) return titles;
    for (const auto& note : inbox.json.at("items").as_array()) {
      if (note.at("kind").as_string() == kind) titles.emplace_back(note.at("title").as_string());
    }
    return titles;
  }

  // The titles of the client's open tasks.
  std::vector<std::string> tasks_of(Client& client) {
    std::vector<std::string> tasks;
    auto listed = app->call("GET", "/api/v1/tasks?status=open", "", &client);
    EXPECT_EQ(listed.status, 200) << listed.body;
    if (!listed.json.is_object()) return tasks;
    for (const auto& task : listed.json.at("items").as_array()) tasks.emplace_back(task.at("title").as_string());
    return tasks;
  }

  std::int64_t count(const std::string& table) {
    auto rows = app->application().database->read(
        [&](storage::Connection& c) { return c.query_row("SELECT COUNT(*) FROM " + table); });
    EXPECT_TRUE(rows.ok());
    return rows && *rows ? (*rows)->int64(0).value_or(-1) : -1;
  }

  std::unique_ptr<TestApp> app;
  Client admin, zhao, wang, li, sun;
  std::int64_t zhao_id = 0, wang_id = 0, li_id = 0, sun_id = 0;
  std::int64_t service_desk = 0, customer = 0, urgent_policy = 0;
};

}  // namespace verp::testing
