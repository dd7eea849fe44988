// The transport against real sockets on 127.0.0.1 with an ephemeral port.
#include "platform/http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <thread>

#include "http_client.hpp"

namespace verp::http {
namespace {

using testing::Client;
using testing::fetch;
using namespace std::chrono_literals;

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    router.get("/healthz", [](Request&) { return Response::text(200, "ok"); }, {.execution = Execution::io_thread});
    router.get("/slow", [this](Request&) {
      slow_started = true;
      std::this_thread::sleep_for(400ms);
      return Response::text(200, "finished");
    });
    router.post("/echo", [](Request& r) { return Response::text(200, r.body); });
    router.get("/metrics", [this](Request&) { return Response::text(200, dispatcher->metrics().render()); });
    dispatcher = std::make_unique<Dispatcher>(router, i18n::Catalog::built_in(), DispatchOptions{.access_log = false});
    options.port = 0;
    server = std::make_unique<Server>(options, *dispatcher);
    ASSERT_TRUE(server->start().ok());
    port = server->port();
  }
  void TearDown() override {
    if (server) server->stop();
  }

  Router router;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;
  std::atomic<bool> slow_started{false};
};

TEST_F(ServerTest, AnswersOverARealSocket) {
  start();
  auto response = fetch(port, "GET", "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "ok");
  EXPECT_EQ(response->header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response->header("X-Request-Id").size(), 16u);
}

TEST_F(ServerTest, KeepsTheConnectionAliveAcrossRequests) {
  start();
  Client client(port);
  for (int i = 0; i < 3; ++i) {
    auto response = client.request("POST", "/echo", {}, "第" + std::to_string(i) + "次");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "第" + std::to_string(i) + "次");
  }
}

TEST_F(ServerTest, HeadSendsHeadersWithoutABody) {
  start();
  Client client(port);
  auto response = client.request("HEAD", "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("Content-Length"), "2");
  EXPECT_TRUE(response->body.empty());
  auto next = client.request("GET", "/healthz");  // the stream is still in step
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "ok");
}

TEST_F(ServerTest, RejectsABodyOverTheLimitWith413) {
  start({.max_body_bytes = 1024});
  auto response = fetch(port, "POST", "/echo", {}, std::string(4096, 'x'));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->header("Content-Type"), "application/problem+json");
  EXPECT_NE(response->body.find("1024"), std::string::npos);
}

TEST_F(ServerTest, RejectsOversizedHeadersWith431) {
  start({.max_header_bytes = 2048});
  auto response = fetch(port, "GET", "/healthz", {{"X-Padding", std::string(8192, 'a')}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
}

TEST_F(ServerTest, AnswersGarbageWith400AndCloses) {
  start();
  Client client(port);
  ASSERT_TRUE(client.send_raw("THIS IS NOT HTTP\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.closed_by_peer(2s));
}

TEST_F(ServerTest, RejectsATargetThatIsNotAnOriginFormPath) {
  start();
  auto response = fetch(port, "GET", "/a%zz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->header("Content-Type"), "application/problem+json");
}

TEST_F(ServerTest, DropsASlowLorisClientWhileServingOthers) {
  start({.read_timeout = 300ms});
  Client loris(port);
  ASSERT_TRUE(loris.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  bool dropped = false;
  for (int i = 0; i < 40 && !dropped; ++i) {
    auto other = fetch(port, "GET", "/healthz");  // others are served all along
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
    if (!loris.send_raw("X-Drip: 1\r\n")) dropped = true;
    else dropped = loris.closed_by_peer(50ms);
  }
  EXPECT_TRUE(dropped) << "a client that never finishes its headers must be disconnected";
}

TEST_F(ServerTest, ClosesAnIdleKeepAliveConnectionAfterTheIdleTimeout) {
  start({.idle_timeout = 200ms});
  Client client(port);
  ASSERT_TRUE(client.request("GET", "/healthz"));
  EXPECT_TRUE(client.closed_by_peer(5s));
}

TEST_F(ServerTest, AThousandIdleKeepAliveConnectionsDoNotBlockANewRequest) {
  start();
  std::vector<std::unique_ptr<Client>> idle;
  for (int i = 0; i < 1000; ++i) {
    idle.push_back(std::make_unique<Client>(port));
    ASSERT_TRUE(idle.back()->connected()) << i;
    if (i % 100 == 0) {
      ASSERT_TRUE(idle.back()->request("GET", "/healthz"));  // some have talked already
    }
  }
  auto response = fetch(port, "GET", "/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  auto metrics = fetch(port, "GET", "/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("verp_http_connections_open 10"), std::string::npos) << "1001+ open connections";
}

TEST_F(ServerTest, RefusesConnectionsBeyondTheCap) {
  start({.max_connections = 3});
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<Client>(port));
    ASSERT_TRUE(held.back()->request("GET", "/healthz"));
  }
  Client extra(port);
  EXPECT_TRUE(extra.closed_by_peer(2s));
  held.clear();  // once they go, new clients are served again
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    auto response = fetch(port, "GET", "/healthz");
    served = response && response->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerTest, GracefulStopFinishesTheRequestInFlightAndRefusesNewOnes) {
  start();
  Client idle(port);
  ASSERT_TRUE(idle.request("GET", "/healthz"));
  auto in_flight = std::async(std::launch::async, [this] { return fetch(port, "GET", "/slow"); });
  while (!slow_started) std::this_thread::sleep_for(5ms);
  server->stop();
  auto response = in_flight.get();
  ASSERT_TRUE(response) << "the request in flight must be answered";
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "finished");
  EXPECT_TRUE(idle.closed_by_peer(1s));
  Client late(port, 1s, /*must_connect=*/false);
  EXPECT_FALSE(late.connected() && late.request("GET", "/healthz").has_value());
}

}  // namespace
}  // namespace verp::http
