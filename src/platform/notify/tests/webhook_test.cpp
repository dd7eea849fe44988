// post_json against a local HTTP stub (tests/http_stub.py on 127.0.0.1): 2xx is success, any
// other answer or no answer is unavailable, and only http(s) URLs and clean headers get through.
#include "platform/notify/webhook.hpp"

#include <gtest/gtest.h>

#include "platform/notify/retry.hpp"
#include "stub_process.hpp"

namespace verp::notify {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

std::string str(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string arg(const Error& error, std::string_view name) {
  for (const MessageArg& a : error.args) {
    if (a.name == name) return a.value;
  }
  return {};
}

class Webhook : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(stub_.port(), 0) << "tests/http_stub.py did not start"; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(stub_.port()) + path; }

  testing::StubProcess stub_{"http_stub.py"};
};

TEST_F(Webhook, PostsTheJsonBodyAndHeaders) {
  const std::string body = R"({"msgtype":"text","text":{"content":"库存预警：M6 螺丝低于安全库存 📦"}})";
  auto status = post_json(url("/hook"), body, 5s, {{"X-Verp-Signature", "sha256=abc"}, {"X-Empty", ""}});
  ASSERT_TRUE(status.ok()) << status.error().detail;
  EXPECT_EQ(status.value(), 200);
  auto received = stub_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(str(received[0], "path"), "/hook");
  EXPECT_EQ(str(received[0], "body"), body);
  const json::object& headers = received[0]["headers"].as_object();
  EXPECT_EQ(str(headers, "content-type"), "application/json");
  EXPECT_EQ(str(headers, "x-verp-signature"), "sha256=abc");
  EXPECT_TRUE(headers.contains("x-empty"));
  EXPECT_EQ(str(headers, "x-empty"), "");
  EXPECT_FALSE(headers.contains("expect"));
}

TEST_F(Webhook, AnyTwoHundredIsSuccess) {
  for (int code : {200, 201, 202, 299}) {
    auto status = post_json(url("/status/" + std::to_string(code)), "{}", 5s);
    ASSERT_TRUE(status.ok()) << code << ": " << status.error().detail;
    EXPECT_EQ(status.value(), code);
  }
}

TEST_F(Webhook, ACallersContentTypeReplacesTheDefault) {
  ASSERT_TRUE(post_json(url("/hook"), "{}", 5s, {{"content-type", "application/json; charset=utf-8"}}).ok());
  auto received = stub_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(str(received[0]["headers"].as_object(), "content-type"), "application/json; charset=utf-8");
}

TEST_F(Webhook, OtherStatusesAreUnavailableWithTheStatus) {
  for (int code : {500, 503, 404, 400, 302}) {
    auto status = post_json(url("/status/" + std::to_string(code)), "{}", 5s);
    ASSERT_FALSE(status.ok()) << code;
    EXPECT_EQ(status.error().kind, ErrorKind::unavailable);
    EXPECT_EQ(status.error().message_id, "notify.webhook_failed");
    EXPECT_EQ(arg(status.error(), "http_status"), std::to_string(code));
    EXPECT_NE(
        status.error().detail.find("HTTP " + std::to_string(code) + ": {\"status\": " + std::to_string(code) + "}"),
        std::string::npos)
        << status.error().detail;
    EXPECT_TRUE(should_retry(status.error()));
  }
}

TEST_F(Webhook, TheDetailLeavesOutCredentialsAndTheQuery) {
  const std::string with_secrets =
      "http://robot:pa55@127.0.0.1:" + std::to_string(stub_.port()) + "/status/500?key=SECRET-KEY";
  auto status = post_json(with_secrets, "{}", 5s);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().detail.find("SECRET-KEY"), std::string::npos) << status.error().detail;
  EXPECT_EQ(status.error().detail.find("pa55"), std::string::npos) << status.error().detail;
  EXPECT_NE(status.error().detail.find("127.0.0.1"), std::string::npos) << status.error().detail;
  EXPECT_NE(status.error().detail.find("HTTP 500"), std::string::npos) << status.error().detail;
}

TEST_F(Webhook, OnlyHttpAndHttpsUrlsAreAccepted) {
  for (const std::string bad : {"", "ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1/",
                                "smtp://127.0.0.1", "127.0.0.1:80/hook", "http://", "https:///path", "http:/127.0.0.1/",
                                "javascript:alert(1)", "http://127.0.0.1/a b", "http://127.0.0.1/\r\nX: y"}) {
    auto status = post_json(bad, "{}", 5s);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().kind, ErrorKind::validation) << bad;
    EXPECT_EQ(status.error().message_id, "notify.invalid_url") << bad;
    EXPECT_EQ(status.error().field, "url");
    EXPECT_FALSE(should_retry(status.error()));
  }
  auto upper = post_json("HTTP://127.0.0.1:" + std::to_string(stub_.port()) + "/hook", "{}", 5s);
  EXPECT_TRUE(upper.ok()) << upper.error().detail;
  EXPECT_EQ(stub_.received().size(), 1u);
}

TEST_F(Webhook, HeadersThatCouldInjectAreRefused) {
  const std::vector<std::vector<std::pair<std::string, std::string>>> bad = {{{"X-A", "1\r\nX-B: 2"}},
                                                                             {{"X-A", "1\nX-B: 2"}},
                                                                             {{"X-A", std::string("1\0", 2)}},
                                                                             {{"Bad Name", "x"}},
                                                                             {{"X-A:", "x"}},
                                                                             {{"", "x"}},
                                                                             {{"X-Ok", "fine"}, {"X-B\r\n", "x"}}};
  for (const auto& headers : bad) {
    auto status = post_json(url("/hook"), "{}", 5s, headers);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, ErrorKind::validation);
    EXPECT_EQ(status.error().message_id, "notify.invalid_header");
    EXPECT_EQ(status.error().field, "headers[" + std::to_string(headers.size() - 1) + "]");
  }
  EXPECT_TRUE(stub_.received().empty());
}

TEST_F(Webhook, ASlowServerTimesOut) {
  const auto start = std::chrono::steady_clock::now();
  auto status = post_json(url("/slow"), "{}", 1s);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(arg(status.error(), "http_status"), "");
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s);
}

TEST(PostJson, AClosedPortIsUnavailableAtOnce) {
  const int port = testing::closed_port();
  ASSERT_NE(port, 0);
  const auto start = std::chrono::steady_clock::now();
  auto status = post_json("http://127.0.0.1:" + std::to_string(port) + "/hook", "{}", 10s);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(status.error().message_id, "notify.webhook_failed");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

}  // namespace
}  // namespace verp::notify
