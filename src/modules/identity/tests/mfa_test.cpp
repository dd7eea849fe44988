// Two-step verification with an authenticator app (TOTP) and recovery codes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "platform/security/totp.hpp"
#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

class TwoStep : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
  }

  std::string code_now(int steps_from_now = 0) {
    auto code = security::totp_code(secret, security::totp_step(app->clock().now()) + steps_from_now);
    EXPECT_TRUE(code.ok());
    return code.ok() ? *code : std::string();
  }

  std::string mfa(const std::string& method, const std::string& code) {
    return boost::json::serialize(boost::json::object{{"method", method}, {"code", code}});
  }

  // Enrols the admin: returns the recovery codes.
  std::vector<std::string> enrol(Client& admin) {
    auto started = app->call("POST", "/api/v1/auth/totp/enrol", "", &admin);
    EXPECT_EQ(started.status, 200) << started.body;
    secret = started.text("secret");
    EXPECT_NE(started.text("qr_svg").find("<svg"), std::string::npos);
    EXPECT_TRUE(started.text("uri").starts_with("otpauth://totp/"));
    auto confirmed = app->call("POST", "/api/v1/auth/totp/confirm",
                               boost::json::serialize(boost::json::object{{"code", code_now()}}), &admin);
    EXPECT_EQ(confirmed.status, 200) << confirmed.body;
    std::vector<std::string> codes;
    for (const auto& c : confirmed.json.at("recovery_codes").as_array()) codes.emplace_back(c.as_string());
    return codes;
  }

  std::unique_ptr<TestApp> app;
  std::string secret;
};

TEST_P(TwoStep, AfterEnrolmentSignInNeedsTheAuthenticatorCode) {
  Client admin = app->admin();
  auto codes = enrol(admin);
  EXPECT_EQ(codes.size(), 10u);
  app->clock().advance(std::chrono::seconds(60));

  Client next = app->sign_in("admin", kAdminPassword);
  auto me_before = app->call("GET", "/api/v1/auth/me", "", &next);
  EXPECT_EQ(me_before.status, 403) << "a password alone opens nothing once MFA is on";
  const std::string pre_mfa_cookie = next.cookie;
  auto verified = app->call("POST", "/api/v1/auth/mfa", mfa("totp", code_now()), &next);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.text("state"), "active");
  EXPECT_NE(next.cookie, pre_mfa_cookie) << "the session token rotates at the step up";
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &next).status, 200);
  Client stale;
  stale.cookie = pre_mfa_cookie;
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &stale).status, 401);
}

TEST_P(TwoStep, ACodeFromTheNeighbouringTimeStepIsAcceptedButNotTwoStepsAway) {
  Client admin = app->admin();
  enrol(admin);
  app->clock().advance(std::chrono::seconds(90));
  Client far = app->sign_in("admin", kAdminPassword);
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa("totp", code_now(-2)), &far).status, 401);
  Client near = app->sign_in("admin", kAdminPassword);
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa("totp", code_now(-1)), &near).status, 200);
}

TEST_P(TwoStep, AUsedCodeCannotBeReplayed) {
  Client admin = app->admin();
  enrol(admin);
  app->clock().advance(std::chrono::seconds(60));
  const std::string code = code_now();
  Client first = app->sign_in("admin", kAdminPassword);
  ASSERT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa("totp", code), &first).status, 200);
  Client replay = app->sign_in("admin", kAdminPassword);
  auto refused = app->call("POST", "/api/v1/auth/mfa", mfa("totp", code), &replay);
  EXPECT_EQ(refused.status, 401);
}

TEST_P(TwoStep, ARecoveryCodeWorksExactlyOnce) {
  Client admin = app->admin();
  auto codes = enrol(admin);
  Client first = app->sign_in("admin", kAdminPassword);
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa("recovery", codes[3]), &first).status, 200);
  Client second = app->sign_in("admin", kAdminPassword);
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa("recovery", codes[3]), &second).status, 401);
}

TEST_P(TwoStep, TooManyWrongCodesEndTheHalfSignedInSession) {
  Client admin = app->admin();
  enrol(admin);
  Client guesser = app->sign_in("admin", kAdminPassword);
  for (int i = 0; i < 5; ++i) app->call("POST", "/api/v1/auth/mfa", mfa("totp", "000000"), &guesser);
  app->clock().advance(std::chrono::seconds(30));
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa("totp", code_now()), &guesser).status, 401);
}

TEST_P(TwoStep, ARoleCanDemandMfaBeforeItsMembersDoAnything) {
  Client admin = app->admin();
  auto role = app->call("POST", "/api/v1/roles",
                        R"({"code":"cashier","name":"出纳","requires_mfa":true,)"
                        R"("grants":[{"resource":"voucher","action":"read"}]})",
                        &admin);
  ASSERT_EQ(role.status, 201) << role.body;
  auto created = app->call("POST", "/api/v1/users", R"({"user_name":"wang","display_name":"王芳","roles":["cashier"]})",
                           &admin);
  ASSERT_EQ(created.status, 201) << created.body;
  Client wang = app->sign_in("wang", created.text("temporary_password"));
  auto blocked = app->call("GET", "/api/v1/companies", "", &wang);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_NE(blocked.text("detail").find("mfa_enrolment_required"), std::string::npos) << blocked.body;
  EXPECT_EQ(app->call("POST", "/api/v1/auth/totp/enrol", "", &wang).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoStep, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing

namespace verp::testing {
namespace {

class TextMessageCodes : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    Client admin = app->admin();
    ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/enrol", R"({"phone":"+86 138-0013-8000"})", &admin).status, 204);
    ASSERT_EQ(app->sent_sms().size(), 1u);
    EXPECT_NE(app->sent_sms()[0].find("\"to\":\"+8613800138000\""), std::string::npos) << app->sent_sms()[0];
    auto confirmed = app->call("POST", "/api/v1/auth/sms/confirm",
                               boost::json::serialize(boost::json::object{{"code", app->last_sms_code()}}), &admin);
    ASSERT_EQ(confirmed.status, 204) << confirmed.body;
  }
  std::string mfa(const std::string& code) {
    return boost::json::serialize(boost::json::object{{"method", "sms"}, {"code", code}});
  }
  std::unique_ptr<TestApp> app;
};

TEST_P(TextMessageCodes, SignInCompletesWithTheCodeSentToThePhone) {
  Client client = app->sign_in("admin", kAdminPassword);
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &client).status, 403);
  ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/send", "", &client).status, 204);
  ASSERT_EQ(app->sent_sms().size(), 2u);
  auto verified = app->call("POST", "/api/v1/auth/mfa", mfa(app->last_sms_code()), &client);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(app->call("GET", "/api/v1/auth/me", "", &client).status, 200);
}

TEST_P(TextMessageCodes, AnExpiredCodeIsRefused) {
  Client client = app->sign_in("admin", kAdminPassword);
  ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/send", "", &client).status, 204);
  app->clock().advance(std::chrono::minutes(6));
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa(app->last_sms_code()), &client).status, 401);
}

TEST_P(TextMessageCodes, CodesCannotBeRequestedInABurst) {
  Client client = app->sign_in("admin", kAdminPassword);
  ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/send", "", &client).status, 204);
  auto again = app->call("POST", "/api/v1/auth/sms/send", "", &client);
  EXPECT_EQ(again.status, 429);
  EXPECT_FALSE(again.headers.get("Retry-After").empty());
  EXPECT_EQ(app->sent_sms().size(), 2u) << "enrolment + one sign-in code";
}

TEST_P(TextMessageCodes, WrongGuessesUseUpTheCode) {
  Client client = app->sign_in("admin", kAdminPassword);
  ASSERT_EQ(app->call("POST", "/api/v1/auth/sms/send", "", &client).status, 204);
  const std::string code = app->last_sms_code();
  const std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa(wrong), &client).status, 401);
  // The fifth failure ends the half-signed-in session, so even the right code is too late.
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa(wrong), &client).status, 401);
  EXPECT_EQ(app->call("POST", "/api/v1/auth/mfa", mfa(code), &client).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, TextMessageCodes, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
