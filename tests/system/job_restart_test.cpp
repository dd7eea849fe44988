// A background job whose server is killed (kill -9) while the job runs is not lost: the next
// server takes it over once its heartbeat is stale, and it completes exactly once.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "http_client.hpp"
#include "platform/storage/tests/storage_test_support.hpp"
#include "verp_process.hpp"

namespace verp::testing {
namespace {

namespace fs = std::filesystem;
using http::testing::fetch;
using http::testing::WireResponse;
using storage::testing_support::Backend;

constexpr const char* kPassword = "correct horse battery staple 2026";
constexpr int kCustomers = 30000;  // enough for the export to run a few seconds

struct Session {
  std::string cookie;
  std::string csrf;
  std::vector<std::pair<std::string, std::string>> headers() const {
    return {{"Cookie", "verp_session=" + cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}};
  }
};

Session sign_in(std::uint16_t port) {
  Session session;
  auto answer = fetch(port, "POST", "/api/v1/auth/login", {{"Content-Type", "application/json"}},
                      R"({"user_name":"admin","password":")" + std::string(kPassword) + "\"}");
  if (!answer || answer->status != 200) {
    ADD_FAILURE() << "sign-in failed: " << (answer ? answer->body : "no answer");
    return session;
  }
  const std::string cookie = answer->header("Set-Cookie");
  session.cookie = cookie.substr(13, cookie.find(';') - 13);
  session.csrf = std::string(boost::json::parse(answer->body).at("csrf_token").as_string());
  return session;
}

boost::json::object job_of(std::uint16_t port, const Session& session, const std::string& job) {
  auto answer = fetch(port, "GET", job, session.headers());
  if (!answer || answer->status != 200) return {};
  return boost::json::parse(answer->body).as_object();
}

class JobRestart : public ::testing::TestWithParam<Backend> {};

TEST_P(JobRestart, AJobWhoseServerIsKilledMidRunCompletesOnceAfterARestart) {
  auto fresh = storage::testing_support::FreshDatabase::create(GetParam());
  ASSERT_TRUE(fresh);
  const std::string url = GetParam() == Backend::postgres ? fresh->url() : fresh->sqlite_path();
  const fs::path folder = fs::path(temp_sqlite_path("jobs")).replace_extension();
  fs::create_directories(folder / "web");
  const std::vector<std::string> args{"--db", url, "--data-dir", (folder / "data").string(), "--web-root",
                                      (folder / "web").string(), "--access-log", "false"};
  const std::map<std::string, std::string> env{{"VERP_ADMIN_PASSWORD", kPassword}, {"VERP_JOB_STALE_AFTER_S", "2"}};

  std::string job;
  {
    ServeProcess first(args, env);
    ASSERT_TRUE(first.started()) << first.log();
    const Session admin = sign_in(first.port());
    std::string csv = "code,name\r\n";
    for (int i = 1; i <= kCustomers; ++i) csv += "K" + std::to_string(i) + ",客户" + std::to_string(i) + "\r\n";
    auto headers = admin.headers();
    headers.back().second = "text/csv";
    // Importing takes a while in the sanitizer build: more than fetch()'s 10 s.
    http::testing::Client importer(first.port(), std::chrono::seconds(300));
    auto imported = importer.request("POST", "/api/v1/customers/import?mode=all", headers, csv);
    ASSERT_TRUE(imported);
    ASSERT_EQ(imported->status, 200) << imported->body;

    auto accepted = fetch(first.port(), "GET", "/api/v1/customers?format=xlsx&async=true", admin.headers());
    ASSERT_TRUE(accepted);
    ASSERT_EQ(accepted->status, 202) << accepted->body;
    job = accepted->header("Location");
    // Kill the server the moment the job is seen running (bounded: 30 s).
    bool running = false;
    for (int i = 0; i < 6000 && !running; ++i) {
      const auto state = job_of(first.port(), admin, job);
      ASSERT_NE(state.contains("state") ? state.at("state").as_string() : "", "succeeded")
          << "the export finished before the server could be killed; make it bigger";
      running = state.contains("state") && state.at("state").as_string() == "running";
      if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(running);
    (void)first.stop(SIGKILL);  // kill -9: no shutdown, no cleanup, the job row says running
  }

  ServeProcess second(args, env);
  ASSERT_TRUE(second.started()) << second.log();
  const Session admin = sign_in(second.port());
  boost::json::object done;
  for (int i = 0; i < 3000; ++i) {  // bounded: 300 s (the sanitizer build exports slowly)
    done = job_of(second.port(), admin, job);
    if (done.contains("state") && (done.at("state").as_string() == "succeeded" || done.at("state").as_string() == "failed")) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(done.contains("state") ? std::string(done.at("state").as_string()) : "", "succeeded")
      << boost::json::serialize(done) << second.log();
  EXPECT_EQ(done.at("attempts").as_int64(), 2) << "run again once, by the second server";
  EXPECT_EQ(done.at("result").at("rows").as_int64(), kCustomers);
  auto file = fetch(second.port(), "GET", job + "/file", admin.headers());
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_GT(file->body.size(), 100000u);
  auto mine = fetch(second.port(), "GET", "/api/v1/jobs", admin.headers());
  ASSERT_TRUE(mine);
  EXPECT_EQ(boost::json::parse(mine->body).at("items").as_array().size(), 1u) << "one job, not two";
  (void)second.stop(SIGTERM);
  fs::remove_all(folder);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobRestart, ::testing::Values(Backend::sqlite, Backend::postgres),
                         storage::testing_support::backend_name);

}  // namespace
}  // namespace verp::testing
