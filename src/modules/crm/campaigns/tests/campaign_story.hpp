// The marketing setting for segment and campaign stories: the sales company (深圳, speakers in
// stock, 张 selling) on 10 March 2026 with 陈, its marketer (the marketing role template), a mail
// server on 127.0.0.1 as the company's e-mail sender, and Guangdong key accounts:
//   华强电子 (A, 广东省深圳市) — its primary contact 王经理 reads wang@huaqiang.cn
//   美的商贸 (A, 广东省广州市) — the customer opted out of marketing
//   珠江实业 (A, 广东省珠海市) — its primary contact 赵总 opted out
//   潮汕食品 (A, 广东省汕头市) — no contact; its own address is sales@chaoshan.cn
//   北方重工 (A, 北京市) and 华南电子 (C) are not Guangdong key accounts.
#pragma once

#include <regex>
#include <thread>

#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/notify/delivery.hpp"
#include "modules/sales/tests/sales_story.hpp"
#include "platform/notify/tests/stub_process.hpp"

namespace verp::testing {

class CampaignStory : public SalesStory {
 protected:
  void SetUp() override {
    ASSERT_NE(sink.port(), 0) << "smtp_sink.py did not start: is python3-aiosmtpd installed?";
    SalesStory::SetUp();
    using namespace std::chrono;
    app->clock().set(sys_days{year{2026} / 3 / 10} + hours{2});  // 10:00 in Shenzhen
    admin = app->admin();
    chen = app->user_from_template(admin, "shichang.chen", "marketing");
    auto mail = app->call("POST", "/api/v1/notification-channels",
                          serialize(object{{"channel", "email"},
                                           {"smtp_url", "smtp://127.0.0.1:" + std::to_string(sink.port())},
                                           {"from_address", "深圳优品 <market@youpin.cn>"}}),
                          &admin);
    ASSERT_EQ(mail.status, 201) << mail.body;
    huaqiang = customer("C-201", "华强电子", "A", "广东省深圳市");
    contact(huaqiang, "王经理", "wang@huaqiang.cn");
    midea = customer("C-202", "美的商贸", "A", "广东省广州市", object{{"opt_out", true}, {"email", "info@midea-sm.cn"}});
    zhujiang = customer("C-203", "珠江实业", "A", "广东省珠海市", object{{"email", "office@zhujiang.cn"}});
    contact(zhujiang, "赵总", "zhao@zhujiang.cn", true);
    chaoshan = customer("C-204", "潮汕食品", "A", "广东省汕头市", object{{"email", "sales@chaoshan.cn"}});
    beifang = customer("C-205", "北方重工", "A", "北京市", object{{"email", "buy@beifang.cn"}});
  }

  std::int64_t customer(const std::string& code, const std::string& name, const std::string& grade,
                        const std::string& region, object more = {}) {
    object body{{"code", code}, {"name", name}, {"grade", grade}, {"region", region}};
    for (const auto& [key, value] : more) body[key] = value;
    return created("customers", body);
  }

  std::int64_t contact(std::int64_t of, const std::string& name, const std::string& email, bool opt_out = false) {
    return created("contacts", object{{"customer_id", of}, {"name", name}, {"email", email},
                                      {"primary_contact", true}, {"opt_out", opt_out}});
  }

  void patch(const std::string& path, std::int64_t id, object fields) {
    auto current = app->call("GET", id_path("/api/v1/" + path, id), "", &admin);
    fields["version"] = current.number("version");
    auto reply = app->call("PATCH", id_path("/api/v1/" + path, id), serialize(fields), &admin);
    EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
  }

  // 北京分公司, another member company: its administrator (who sets it up) and 马, its marketer.
  Client beijing_marketer() {
    beijing_admin = app->admin_of_new_company(admin, "BJ", "北京分公司");
    return app->user_from_template(beijing_admin, "beijing.ma", "marketing");
  }

  static boost::json::value guangdong_key_accounts() {
    return boost::json::parse(
        R"({"all":[{"field":"grade","op":"eq","value":"A"},{"field":"region","op":"contains","value":"广东"}]})");
  }

  std::int64_t segment(const std::string& name, boost::json::value filter, Client* as = nullptr) {
    auto made = app->call("POST", "/api/v1/segments", serialize(object{{"name", name}, {"filter", std::move(filter)}}),
                          as != nullptr ? as : &chen);
    EXPECT_EQ(made.status, 201) << made.body;
    return made.number("id");
  }

  Reply campaign(const std::string& name, std::int64_t of_segment, object more = {}) {
    object body{{"name", name},
                {"segment_id", of_segment},
                {"channel", "email"},
                {"subject", "春季新品上市"},
                {"body", "{name}您好：{customer}的春季专属优惠见 https://shop.youpin.cn/spring ，条款见 "
                         "https://shop.youpin.cn/terms 。—— {company}"},
                {"tracking_url", "https://erp.youpin.cn/"},
                {"cost", "100.00"},
                {"conversion_days", 14}};
    for (const auto& [key, value] : more) body[key] = value;
    return app->call("POST", "/api/v1/campaigns", serialize(body), &chen);
  }

  Reply step(std::int64_t id, const std::string& verb, const std::string& body = "{}", Client* as = nullptr) {
    return app->call("POST", id_path("/api/v1/campaigns", id, verb), body, as != nullptr ? as : &chen);
  }

  // The crm.campaigns job, as the scheduler runs it every minute.
  crm::CampaignRun send_due(int batch = 500, TestApp* node = nullptr) {
    TestApp& on = node != nullptr ? *node : *app;
    auto& application = on.application();
    const crm::CrmKit kit{.http = {.database = application.database.get(),
                                   .catalog = &application.context->catalog,
                                   .clock = &on.clock(),
                                   .files = &application.context->entity_store->files()},
                          .store = application.context->entity_store,
                          .entities = application.entities.get()};
    auto run = crm::send_due_campaigns(kit, batch);
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id + " " + run.error().detail);
    return run ? *run : crm::CampaignRun{};
  }

  // notify's deliveries job.
  std::int64_t deliver() {
    auto run = notify::deliver_due(*app->application().database, *app->application().context->entity_store,
                                   app->clock());
    EXPECT_TRUE(run.ok()) << (run ? "" : run.error().message_id + " " + run.error().detail);
    return run ? run->sent : -1;
  }

  Reply results(std::int64_t id, Client* as = nullptr) {
    return app->call("GET", id_path("/api/v1/campaigns", id, "results"), "", as != nullptr ? as : &chen);
  }

  // A public request, as a recipient's mail client or browser makes it: nobody signed in.
  Reply anonymous(const std::string& method, const std::string& target) {
    Client nobody;
    return app->call(method, target, "", &nobody);
  }

  // The mails the sink received, as recipient → decoded text (first part).
  std::map<std::string, std::string> mailbox() {
    std::map<std::string, std::string> out;
    for (const auto& mail : sink.received()) {
      std::string to;
      if (const auto* rcpt = mail.if_contains("rcpt_tos"); rcpt != nullptr && rcpt->is_array() && !rcpt->as_array().empty()) {
        to = std::string(rcpt->as_array().at(0).as_string());
      }
      std::string text;
      if (const auto* parts = mail.if_contains("parts"); parts != nullptr && parts->is_array() && !parts->as_array().empty()) {
        text = std::string(parts->as_array()[0].as_object().at("content").as_string());
      }
      out[to] = text + "\n" + serialize(mail);
    }
    return out;
  }

  // The tracking token of a message's text.
  static std::string token_in(const std::string& text) {
    static const std::regex kToken("/api/v1/public/t/c/([A-Za-z0-9_-]{43})");
    std::smatch match;
    return std::regex_search(text, match, kToken) ? match[1].str() : std::string();
  }

  // An order of 10 speakers at 50.00 (565.00 with VAT) by `buyer` on `date`, confirmed.
  std::int64_t confirmed_order(std::int64_t buyer, const std::string& date) {
    auto placed = order(array{sale_line(item, "10", "50")},
                        object{{"customer_id", buyer}, {"order_date", date}, {"delivery_date", date}}, &admin);
    EXPECT_EQ(placed.status, 201) << placed.body;
    EXPECT_EQ(confirm(placed.number("id"), &admin).status, 201);
    return placed.number("id");
  }

  std::int64_t company_of(std::int64_t customer_id) {
    auto row = app->application().database->read([&](storage::Connection& c) {
      return c.query_row("SELECT company_id FROM customers WHERE id = $1", {customer_id});
    });
    return row && *row ? (*row)->int64(0).value_or(0) : 0;
  }

  notify::testing::StubProcess sink{"smtp_sink.py"};
  Client chen;
  Client beijing_admin;
  std::int64_t huaqiang = 0, midea = 0, zhujiang = 0, chaoshan = 0, beifang = 0;
};

}  // namespace verp::testing
