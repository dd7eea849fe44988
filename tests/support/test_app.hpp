// TestApp: the whole application in-process on a fresh database, with a ManualClock, driven
// through the same dispatcher (middleware, routes, handlers) that serves HTTP — everything but
// the socket. Scenario tests use it to tell business stories on SQLite and PostgreSQL.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/database_setup.hpp"
#include "app/http_stack.hpp"
#include "platform/base/clock.hpp"
#include "platform/http/server.hpp"
#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::testing {

using storage::testing_support::Backend;

// The administrator's password on every TestApp (meets the policy: 15+ characters).
inline constexpr const char* kAdminPassword = "correct horse battery staple 2026";

struct Reply {
  int status = 0;
  boost::json::value json;  // null when the body is not JSON
  std::string body;
  http::Headers headers;
  std::string text(std::string_view key) const;   // json[key] as text ("" when absent)
  std::int64_t number(std::string_view key) const;
};

// What a signed-in client holds: the session cookie and the CSRF token, or a bearer token.
struct Client {
  std::string cookie;
  std::string csrf;
  std::string bearer;
  std::string locale = "en";
};

class TestApp {
 public:
  explicit TestApp(Backend backend, std::vector<std::unique_ptr<Module>> extra_modules = {});
  // Another node on `first`'s database (its own Application, hub and job workers), for stories
  // across nodes on PostgreSQL. `first` must outlive it.
  struct SameDatabaseAs {
    const TestApp& first;
  };
  explicit TestApp(SameDatabaseAs node);
  ~TestApp();
  bool ready() const { return stack_ != nullptr; }

  ManualClock& clock() { return clock_; }
  app::Application& application() { return *app_; }
  const http::Router& router() const { return stack_->router; }
  http::Dispatcher& dispatcher() { return *stack_->dispatcher; }
  app::HttpStack& stack() { return *stack_; }

  // One request through the dispatcher. A Set-Cookie/csrf answer updates `client`.
  Reply call(const std::string& method, const std::string& target, const std::string& body = {},
             Client* client = nullptr, const std::vector<std::pair<std::string, std::string>>& headers = {},
             const std::string& address = "127.0.0.1");

  // Signs in with a password and expects 200; the client's state is whatever the session is.
  Client sign_in(const std::string& user_name, const std::string& password, const std::string& address = "127.0.0.1");
  Client admin() { return sign_in("admin", kAdminPassword); }
  // Founds another member company (as `admin`) and returns a fresh administrator session switched
  // into it: how stories check that company B sees nothing of company A.
  Client admin_of_new_company(Client& admin, const std::string& code, const std::string& name);

  // Text messages the application sent through its SMS webhook (a stub on 127.0.0.1), as the
  // JSON bodies it posted; and the newest 6-digit code among them.
  std::vector<std::string> sent_sms();
  std::string last_sms_code();

  // Creates a user in the admin's active company with these roles, signs them in and sets
  // their own password, returning an active client.
  Client user_with_roles(Client& admin, const std::string& user_name, const std::vector<std::string>& roles,
                         std::int64_t* user_id = nullptr);
  // The same with one role made from one of verp's role templates (identity/role_templates.cpp)
  // in the admin's active company, under the template's name; made once, reused after.
  Client user_from_template(Client& admin, const std::string& user_name, const std::string& role_template);

 private:
  void start_sms_stub();
  void open(const std::string& url, std::vector<std::unique_ptr<Module>> extra_modules = {});

  ManualClock clock_;
  // The SMS provider stand-in: records every POST /sms.
  http::Router sms_router_;
  std::unique_ptr<http::Dispatcher> sms_dispatcher_;
  std::unique_ptr<http::Server> sms_server_;
  std::mutex sms_mutex_;
  std::vector<std::string> sms_bodies_;
  std::unique_ptr<storage::testing_support::FreshDatabase> fresh_;
  std::string url_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<app::HttpStack> stack_;
  std::string data_dir_;
};

std::string json_text(const boost::json::value& value);

// True when a problem answer's errors[] names `field` (and, if given, with this code).
bool names_field(const Reply& reply, std::string_view field, std::string_view code = {});

}  // namespace verp::testing
