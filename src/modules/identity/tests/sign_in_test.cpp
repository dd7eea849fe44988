// Signing in, as users and attackers experience it, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

std::string credentials(const std::string& user, const std::string& password) {
  return boost::json::serialize(boost::json::object{{"user_name", user}, {"password", password}});
}

class SignIn : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
  }
  std::unique_ptr<TestApp> app;
};

TEST_P(SignIn, TheAdministratorSignsInAndSeesTheirAccount) {
  Client admin = app->admin();
  auto me = app->call("GET", "/api/v1/auth/me", "", &admin);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.text("user_name"), "admin");
  EXPECT_EQ(me.text("state"), "active");
  EXPECT_EQ(me.text("csrf_token"), admin.csrf);
}

TEST_P(SignIn, AWrongPasswordAndAnUnknownUserGetTheSameAnswer) {
  Client a, b;
  auto wrong = app->call("POST", "/api/v1/auth/login", credentials("admin", "not the password at all"), &a);
  auto unknown = app->call("POST", "/api/v1/auth/login", credentials("nobody", "not the password at all"), &b);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.text("detail"), unknown.text("detail"));
  EXPECT_TRUE(a.cookie.empty());
  EXPECT_EQ(wrong.headers.get("Set-Cookie"), "");
}

TEST_P(SignIn, RepeatedFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockoutEnds) {
  Client client;
  int last_status = 0;
  for (int attempt = 0; attempt < 30 && last_status != 429; ++attempt) {
    last_status = app->call("POST", "/api/v1/auth/login", credentials("admin", "guess " + std::to_string(attempt)),
                            &client, {}, "10.0.0." + std::to_string(attempt))
                      .status;
    app->clock().advance(std::chrono::seconds(61));  // past every delay, so only the lockout stops it
  }
  ASSERT_EQ(last_status, 429) << "the account must lock after repeated failures";
  auto locked = app->call("POST", "/api/v1/auth/login", credentials("admin", kAdminPassword), &client, {}, "10.1.1.1");
  EXPECT_EQ(locked.status, 429);
  EXPECT_FALSE(locked.headers.get("Retry-After").empty());
  app->clock().advance(std::chrono::minutes(16));
  auto later = app->call("POST", "/api/v1/auth/login", credentials("admin", kAdminPassword), &client, {}, "10.1.1.1");
  EXPECT_EQ(later.status, 200) << later.body;
}

TEST_P(SignIn, ThrottlingAlsoCoversUnknownUserNamesSoItRevealsNothing) {
  Client client;
  int last_status = 0;
  for (int attempt = 0; attempt < 30 && last_status != 429; ++attempt) {
    last_status = app->call("POST", "/api/v1/auth/login", credentials("ghost", "x"), &client, {}, "10.2.0.1").status;
    app->clock().advance(std::chrono::seconds(61));
  }
  EXPECT_EQ(last_status, 429);
}

TEST_P(SignIn, AnIdleSessionExpires) {
  Client admin = app->admin();
  app->clock().advance(std::chrono::minutes(29));
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &admin).status, 200);
  app->clock().advance(std::chrono::minutes(31));
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &admin).status, 401);
}

TEST_P(SignIn, AnActiveSessionStillEndsAtItsAbsoluteTimeout) {
  Client admin = app->admin();
  for (int i = 0; i < 13 * 3; ++i) {  // busy all day: a request every 20 minutes for 13 hours
    app->clock().advance(std::chrono::minutes(20));
    if (app->call("GET", "/api/v1/auth/me", "", &admin).status == 401) {
      EXPECT_GE(i, 12 * 3 - 1) << "ended early";
      return;
    }
  }
  ADD_FAILURE() << "the session outlived its 12-hour absolute timeout";
}

TEST_P(SignIn, SigningInIssuesANewSessionTokenWhateverCookieTheBrowserBrought) {
  Client planted;
  planted.cookie = "attacker-chosen-session-id";
  auto reply = app->call("POST", "/api/v1/auth/login", credentials("admin", kAdminPassword), &planted);
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(planted.cookie, "attacker-chosen-session-id");
  Client attacker;
  attacker.cookie = "attacker-chosen-session-id";
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &attacker).status, 401);
  const std::string cookie(reply.headers.get("Set-Cookie"));
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
}

TEST_P(SignIn, CookieWritesNeedTheCsrfTokenButBearerTokensDoNot) {
  Client admin = app->admin();
  Client forged = admin;
  forged.csrf.clear();
  const std::string role = R"({"code":"viewer","name":"Viewer","grants":[{"resource":"user","action":"read"}]})";
  auto refused = app->call("POST", "/api/v1/roles", role, &forged);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.text("type"), "urn:verp:problem:forbidden");
  auto allowed = app->call("POST", "/api/v1/roles", role, &admin);
  EXPECT_EQ(allowed.status, 201) << allowed.body;
}

TEST_P(SignIn, SigningOutEndsTheSession) {
  Client admin = app->admin();
  EXPECT_EQ(app->call("POST", "/api/v1/auth/logout", "", &admin).status, 204);
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &admin).status, 401);
}

TEST_P(SignIn, ChangingThePasswordEndsEveryOtherSession) {
  Client laptop = app->admin();
  Client phone = app->admin();
  auto changed = app->call("POST", "/api/v1/auth/password",
                           R"({"current_password":"correct horse battery staple 2026",)"
                           R"("new_password":"tea leaves drift over the west lake"})",
                           &laptop);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &phone).status, 401);
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &laptop).status, 200) << "the changer gets a fresh session";
}

TEST_P(SignIn, AWeakNewPasswordIsRefusedWithReasons) {
  Client admin = app->admin();
  auto refused = app->call("POST", "/api/v1/auth/password",
                           R"({"current_password":"correct horse battery staple 2026","new_password":"password123"})",
                           &admin);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("\"field\":\"password\""), std::string::npos) << refused.body;
}

TEST_P(SignIn, ANewUserMustChangeTheTemporaryPasswordBeforeDoingAnything) {
  Client admin = app->admin();
  auto created = app->call("POST", "/api/v1/users", R"({"user_name":"li.lei","display_name":"李雷"})", &admin);
  ASSERT_EQ(created.status, 201) << created.body;
  Client li = app->sign_in("li.lei", created.text("temporary_password"));
  auto blocked = app->call("GET", "/api/v1/companies", "", &li);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_NE(blocked.text("detail").find("password_change_required"), std::string::npos);
}

TEST_P(SignIn, SignInsAndFailuresAreInTheAuditLog) {
  Client ignored;
  app->call("POST", "/api/v1/auth/login", credentials("admin", "wrong password here"), &ignored);
  Client admin = app->admin();
  auto log = app->call("GET", "/api/v1/audit-log?target_type=user&action=sign_in.failure", "", &admin);
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.json.at("items").as_array().size(), 1u);
  auto success = app->call("GET", "/api/v1/audit-log?action=sign_in.success", "", &admin);
  EXPECT_EQ(success.json.at("items").as_array().size(), 1u) << success.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, SignIn, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
