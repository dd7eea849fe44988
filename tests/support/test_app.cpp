#include "tests/support/test_app.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "platform/http/url_target.hpp"
#include "platform/security/field_cipher.hpp"

namespace verp::testing {

std::string json_text(const boost::json::value& value) { return boost::json::serialize(value); }

std::string Reply::text(std::string_view key) const {
  if (!json.is_object()) return {};
  const auto* v = json.as_object().if_contains(key);
  if (v == nullptr) return {};
  return v->is_string() ? std::string(v->as_string()) : boost::json::serialize(*v);
}

std::int64_t Reply::number(std::string_view key) const {
  if (!json.is_object()) return 0;
  const auto* v = json.as_object().if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

TestApp::TestApp(Backend backend, std::vector<std::unique_ptr<Module>> extra_modules) {
  start_sms_stub();
  fresh_ = storage::testing_support::FreshDatabase::create(backend);
  if (!fresh_) return;
  open(fresh_->url(), std::move(extra_modules));
}

TestApp::TestApp(SameDatabaseAs node) {
  start_sms_stub();
  open(node.first.url_);
}

void TestApp::start_sms_stub() {
  sms_router_.post("/sms", [this](http::Request& request) {
    std::lock_guard lock(sms_mutex_);
    sms_bodies_.push_back(request.body);
    return http::Response::json(200, R"({"accepted":true})");
  }, {.access = http::Access::anyone()});
  sms_dispatcher_ = std::make_unique<http::Dispatcher>(sms_router_, i18n::Catalog::built_in(), http::DispatchOptions{false});
  sms_server_ = std::make_unique<http::Server>(http::ServerOptions{.port = 0, .worker_threads = 1}, *sms_dispatcher_);
  if (!sms_server_->start().ok()) ADD_FAILURE() << "the SMS stub could not listen";
}

void TestApp::open(const std::string& url, std::vector<std::unique_ptr<Module>> extra_modules) {
  url_ = url;
  const std::string sms_url = "http://127.0.0.1:" + std::to_string(sms_server_->port()) + "/sms";
  auto database = storage::Database::open(url);
  if (!database) {
    ADD_FAILURE() << "cannot open " << url << ": " << database.error().detail;
    return;
  }
  static int counter = 0;
  data_dir_ = (std::filesystem::temp_directory_path() /
               ("verp-app-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                  .string();
  auto assembled = app::assemble_application(
      std::move(database.value()), std::make_unique<security::FieldCipher>(security::FieldCipher::random_for_test()),
      clock_, data_dir_, kAdminPassword, sms_url, true, std::move(extra_modules));
  if (!assembled) {
    ADD_FAILURE() << "application did not start: " << assembled.error().message_id << " " << assembled.error().detail;
    return;
  }
  app_ = std::make_unique<app::Application>(std::move(assembled.value()));
  stack_ = app::build_http_stack(*app_, data_dir_ + "/no-web-ui", false);
}

TestApp::~TestApp() {
  if (sms_server_) sms_server_->stop();
  stack_.reset();
  if (app_ && app_->database) (void)app_->database->close();
  app_.reset();
  if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_);
}

Reply TestApp::call(const std::string& method, const std::string& target, const std::string& body, Client* client,
                    const std::vector<std::pair<std::string, std::string>>& headers, const std::string& address) {
  http::Request request;
  request.method = method;
  request.target = target;
  request.body = body;
  request.remote_address = address;
  if (!http::parse_target(request).ok()) ADD_FAILURE() << "bad target " << target;
  if (client != nullptr) {
    if (!client->cookie.empty()) request.headers.add("Cookie", "verp_session=" + client->cookie);
    if (!client->csrf.empty()) request.headers.add("X-CSRF-Token", client->csrf);
    if (!client->bearer.empty()) request.headers.add("Authorization", "Bearer " + client->bearer);
    request.headers.add("Accept-Language", client->locale);
  }
  for (const auto& [name, value] : headers) request.headers.set(name, value);
  http::Response response = stack_->dispatcher->dispatch(request);
  Reply reply;
  reply.status = response.status;
  reply.body = response.body;
  reply.headers = response.headers;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(response.body, ec);
  if (!ec) reply.json = parsed;
  if (client != nullptr) {
    const std::string_view set_cookie = response.headers.get("Set-Cookie");
    if (set_cookie.starts_with("verp_session=")) {
      auto end = set_cookie.find(';');
      client->cookie = std::string(set_cookie.substr(13, end - 13));
    }
    if (auto csrf = reply.text("csrf_token"); !csrf.empty()) client->csrf = csrf;
  }
  return reply;
}

std::vector<std::string> TestApp::sent_sms() {
  std::lock_guard lock(sms_mutex_);
  return sms_bodies_;
}

std::string TestApp::last_sms_code() {
  auto bodies = sent_sms();
  if (bodies.empty()) return {};
  const std::string& last = bodies.back();
  const auto at = last.find("验证码 ");
  if (at == std::string::npos) return {};
  return last.substr(at + std::string("验证码 ").size(), 6);
}

Client TestApp::sign_in(const std::string& user_name, const std::string& password, const std::string& address) {
  Client client;
  boost::json::object body{{"user_name", user_name}, {"password", password}};
  auto reply = call("POST", "/api/v1/auth/login", boost::json::serialize(body), &client, {}, address);
  EXPECT_EQ(reply.status, 200) << reply.body;
  return client;
}

Client TestApp::user_with_roles(Client& admin, const std::string& user_name, const std::vector<std::string>& roles,
                                std::int64_t* user_id) {
  boost::json::array role_list;
  for (const auto& r : roles) role_list.push_back(boost::json::string(r));
  boost::json::object body{{"user_name", user_name}, {"display_name", user_name}, {"roles", role_list}};
  auto created = call("POST", "/api/v1/users", boost::json::serialize(body), &admin);
  EXPECT_EQ(created.status, 201) << created.body;
  if (user_id != nullptr) *user_id = created.number("id");
  Client client = sign_in(user_name, created.text("temporary_password"));
  EXPECT_EQ(client.csrf.empty(), false);
  boost::json::object change{{"current_password", created.text("temporary_password")},
                             {"new_password", "quiet river under seven stone bridges"}};
  auto changed = call("POST", "/api/v1/auth/password", boost::json::serialize(change), &client);
  EXPECT_EQ(changed.status, 200) << changed.body;
  return client;
}

Client TestApp::user_from_template(Client& admin, const std::string& user_name, const std::string& role_template) {
  auto role = call("POST", "/api/v1/roles",
                   boost::json::serialize(boost::json::object{
                       {"code", role_template}, {"name", role_template}, {"from_template", role_template}}),
                   &admin);
  EXPECT_TRUE(role.status == 201 || role.status == 409) << role.body;
  return user_with_roles(admin, user_name, {role_template});
}

Client TestApp::admin_of_new_company(Client& admin, const std::string& code, const std::string& name) {
  auto company = call("POST", "/api/v1/companies",
                      boost::json::serialize(boost::json::object{{"code", code}, {"name", name}}), &admin);
  EXPECT_EQ(company.status, 201) << company.body;
  Client founder = this->admin();  // a second session: switching rotates only that one
  auto switched = call("POST", "/api/v1/auth/company",
                       boost::json::serialize(boost::json::object{{"company_id", company.number("id")}}), &founder);
  EXPECT_EQ(switched.status, 200) << switched.body;
  return founder;
}

bool names_field(const Reply& reply, std::string_view field, std::string_view code) {
  if (!reply.json.is_object()) return false;
  const auto* errors = reply.json.as_object().if_contains("errors");
  if (errors == nullptr || !errors->is_array()) return false;
  for (const auto& e : errors->as_array()) {
    if (e.at("field").as_string() == field && (code.empty() || e.at("code").as_string() == code)) return true;
  }
  return false;
}

}  // namespace verp::testing
