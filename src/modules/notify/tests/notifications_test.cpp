// The notification centre: a user learns that their background import finished, reads it, and
// never sees anyone else's notifications.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "tests/support/test_app.hpp"

namespace verp::testing {
namespace {

class Notifications : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    app = std::make_unique<TestApp>(GetParam());
    ASSERT_TRUE(app->ready());
    admin = app->admin();
  }

  Reply wait_for_job(const std::string& path, Client& client) {
    Reply status;
    for (int i = 0; i < 1000; ++i) {  // bounded: at most ~20 s
      status = app->call("GET", path, "", &client);
      if (status.text("state") == "succeeded" || status.text("state") == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return status;
  }

  std::unique_ptr<TestApp> app;
  Client admin;
};

TEST_P(Notifications, ABackgroundImportTellsItsUserWhenItEndsAndTheyMarkItRead) {
  admin.locale = "zh-CN";
  auto accepted = app->call("POST", "/api/v1/payment-terms/import?mode=all&async=true",
                            "code,name,days\r\nN30,月结30天,30\r\n", &admin);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  auto job = wait_for_job("/api/v1/jobs/" + std::to_string(accepted.number("job_id")), admin);
  ASSERT_EQ("succeeded", job.text("state")) << job.body;

  auto inbox = app->call("GET", "/api/v1/notifications", "", &admin);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_EQ(1, inbox.number("unread_count"));
  const auto& first = inbox.json.at("items").as_array().at(0).as_object();
  EXPECT_EQ("付款条件：已完成", std::string(first.at("title").as_string()));
  EXPECT_EQ("job.succeeded", std::string(first.at("kind").as_string()));
  EXPECT_FALSE(first.at("read").as_bool());

  // Someone else can neither see nor mark it.
  Client other = app->user_with_roles(admin, "li.lei", {});
  EXPECT_EQ(0u, app->call("GET", "/api/v1/notifications", "", &other).json.at("items").as_array().size());
  const std::string mark = "/api/v1/notifications/" + std::to_string(first.at("id").as_int64()) + "/read";
  EXPECT_EQ(app->call("POST", mark, "", &other).status, 404);

  EXPECT_EQ(app->call("POST", mark, "", &admin).status, 204);
  auto after = app->call("GET", "/api/v1/notifications?unread=true", "", &admin);
  EXPECT_EQ(0, after.number("unread_count"));
  EXPECT_EQ(0u, after.json.at("items").as_array().size());
}

INSTANTIATE_TEST_SUITE_P(Backends, Notifications, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
