// `verp serve` as a process, on SQLite and on PostgreSQL: probes, metrics, the web UI's
// static files, and a clean stop on SIGTERM/SIGINT.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "http_client.hpp"
#include "verp_process.hpp"

namespace verp::testing {
namespace {

namespace fs = std::filesystem;
using http::testing::Client;
using http::testing::fetch;

enum class Backend { sqlite, postgres };

class ServeTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    folder = fs::path(temp_sqlite_path("serve")).replace_extension();
    fs::create_directories(folder / "web" / "assets");
    std::ofstream(folder / "web" / "index.html") << "<!doctype html><title>verp</title>";
    std::ofstream(folder / "web" / "assets" / "app-1a2b3c.js") << "export {}";
    std::ofstream(folder / "secret.txt") << "outside the web root";
    if (GetParam() == Backend::postgres) {
      database = postgres_url();
      ASSERT_FALSE(database.empty()) << "VERP_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot run. "
                                        "Run them through `make test`, which starts a throw-away cluster.";
    } else {
      database = (folder / "verp.db").string();
    }
  }
  void TearDown() override { fs::remove_all(folder); }

  std::vector<std::string> args() const {
    return {"--db", database, "--data-dir", (folder / "data").string(), "--web-root", (folder / "web").string(),
            "--access-log", "false"};
  }

  fs::path folder;
  std::string database;
};

TEST_P(ServeTest, AnswersHealthReadinessVersionAndMetrics) {
  ServeProcess server(args());
  ASSERT_TRUE(server.started()) << server.log();

  auto health = fetch(server.port(), "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  auto ready = fetch(server.port(), "GET", "/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;

  auto version = fetch(server.port(), "GET", "/api/v1/version");
  ASSERT_TRUE(version);
  auto body = boost::json::parse(version->body).as_object();
  EXPECT_EQ(body["database"].as_string(), GetParam() == Backend::postgres ? "postgres" : "sqlite");

  auto metrics = fetch(server.port(), "GET", "/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("verp_db_pool_max_connections"), std::string::npos);
  EXPECT_NE(metrics->body.find("verp_http_requests_total{route=\"GET /readyz\",status=\"2xx\"} 1"), std::string::npos)
      << metrics->body;
  EXPECT_NE(metrics->body.find("verp_http_request_duration_seconds_bucket{route=\"GET /healthz\""), std::string::npos);
}

TEST_P(ServeTest, DescribesItsApiInOpenApi) {
  ServeProcess server(args());
  ASSERT_TRUE(server.started()) << server.log();
  auto response = fetch(server.port(), "GET", "/api/v1/openapi.json");
  ASSERT_TRUE(response);
  auto document = boost::json::parse(response->body).as_object();
  EXPECT_EQ(document["openapi"].as_string(), "3.1.0");
  EXPECT_TRUE(document["paths"].as_object().contains("/api/v1/version"));
}

TEST_P(ServeTest, ServesTheWebUiAndFallsBackToIndexForClientRoutes) {
  ServeProcess server(args());
  ASSERT_TRUE(server.started()) << server.log();
  auto index = fetch(server.port(), "GET", "/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->header("Cache-Control"), "no-cache");
  auto route = fetch(server.port(), "GET", "/sales-orders/42");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body, index->body);
  auto asset = fetch(server.port(), "GET", "/assets/app-1a2b3c.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->header("Cache-Control"), "public, max-age=31536000, immutable");
  auto api = fetch(server.port(), "GET", "/api/v1/no-such-thing");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->header("Content-Type"), "application/problem+json") << "unknown API paths never get the UI";
}

TEST_P(ServeTest, NeverServesAFileOutsideTheWebRoot) {
  ServeProcess server(args());
  ASSERT_TRUE(server.started()) << server.log();
  for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                             "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/%252e%252e/secret.txt",
                             "/..%5csecret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/.%2e/secret.txt",
                             "/../../../../../../etc/passwd"}) {
    auto response = fetch(server.port(), "GET", target);
    ASSERT_TRUE(response) << target;
    EXPECT_TRUE(response->status == 404 || response->status == 400) << target << " → " << response->status;
    EXPECT_EQ(response->body.find("outside the web root"), std::string::npos) << target;
    EXPECT_EQ(response->body.find("root:"), std::string::npos) << target;
  }
}

TEST_P(ServeTest, StopsCleanlyOnSigterm) {
  ServeProcess server(args());
  ASSERT_TRUE(server.started()) << server.log();
  Client idle(server.port());
  ASSERT_TRUE(idle.request("GET", "/healthz"));
  auto code = server.stop(SIGTERM);
  ASSERT_TRUE(code.has_value()) << "verp serve did not exit after SIGTERM\n" << server.log();
  EXPECT_EQ(*code, 0) << server.log();
  EXPECT_NE(server.log().find("serve.stopped"), std::string::npos) << server.log();
  EXPECT_TRUE(idle.closed_by_peer(std::chrono::seconds(1)));
  if (GetParam() == Backend::sqlite) {
    EXPECT_FALSE(fs::exists(database + "-wal")) << "a clean close checkpoints and removes the WAL file";
  }
}

TEST_P(ServeTest, StopsCleanlyOnSigint) {
  ServeProcess server(args());
  ASSERT_TRUE(server.started()) << server.log();
  auto code = server.stop(SIGINT);
  ASSERT_TRUE(code.has_value()) << server.log();
  EXPECT_EQ(*code, 0) << server.log();
}

TEST_P(ServeTest, RefusesToStartOnAPortInUse) {
  ServeProcess first(args());
  ASSERT_TRUE(first.started()) << first.log();
  auto second = run_verp({"serve", "--listen", "127.0.0.1:" + std::to_string(first.port()), "--db", database});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("verp: error: cannot listen on"), std::string::npos) << second.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServeTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const auto& info) { return info.param == Backend::sqlite ? "sqlite" : "postgres"; });

}  // namespace
}  // namespace verp::testing
