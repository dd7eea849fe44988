// Streamed response bodies (http::BodyStream) over a real socket: chunks as they are produced,
// keep-alives while idle, the last chunk at the end, and nothing left behind when the client
// hangs up or the server stops.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "http_client.hpp"
#include "platform/http/server.hpp"

namespace verp::http {
namespace {

using testing::Client;
using namespace std::chrono_literals;

// A body the test feeds by hand.
class HandFedStream final : public BodyStream {
 public:
  void start(std::function<void()> wake) override {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
    started = true;
  }
  bool read(std::string& out) override {
    std::lock_guard lock(mutex_);
    out += std::exchange(ready_, {});
    return !finished_;
  }
  std::chrono::milliseconds keepalive_interval() const override { return 100ms; }
  void keepalive(std::string& out) override { out += "~"; }
  void close(bool server_stopping, std::string& farewell) override {
    if (server_stopping) farewell = "bye";
    closed = true;
  }

  void push(std::string text, bool last = false) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      ready_ += text;
      finished_ = last;
      wake = wake_;
    }
    if (wake) wake();
  }

  std::atomic<bool> started{false};
  std::atomic<bool> closed{false};

 private:
  std::mutex mutex_;
  std::function<void()> wake_;
  std::string ready_;
  bool finished_ = false;
};

bool wait_until(const std::atomic<bool>& flag, std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!flag && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  return flag;
}

class StreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.get("/stream", [this](Request&) {
      Response response;
      response.headers.set("Content-Type", "text/event-stream");
      response.stream = body;
      return response;
    });
    dispatcher = std::make_unique<Dispatcher>(router, i18n::Catalog::built_in(), DispatchOptions{.access_log = false});
    server = std::make_unique<Server>(ServerOptions{.port = 0, .worker_threads = 1}, *dispatcher);
    ASSERT_TRUE(server->start().ok());
  }
  void TearDown() override {
    if (server) server->stop();
  }

  std::shared_ptr<HandFedStream> body = std::make_shared<HandFedStream>();
  Router router;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<Server> server;
};

TEST_F(StreamTest, ABodyArrivesChunkByChunkWithKeepAlivesWhileIdleAndEndsWithTheLastChunk) {
  Client client(server->port());
  ASSERT_TRUE(client.send_raw("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(wait_until(body->started, 2s));
  body->push("first");
  std::this_thread::sleep_for(250ms);  // idle: keep-alives
  body->push("second", /*last=*/true);
  const std::string wire = client.read_until_closed(2s);
  EXPECT_NE(wire.find("HTTP/1.1 200 OK\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("Connection: close\r\n"), std::string::npos) << "a stream is never kept alive";
  EXPECT_NE(wire.find("\r\n5\r\nfirst\r\n"), std::string::npos) << wire;
  EXPECT_NE(wire.find("\r\n1\r\n~\r\n"), std::string::npos) << "a keep-alive while idle: " << wire;
  EXPECT_NE(wire.find("\r\n6\r\nsecond\r\n0\r\n\r\n"), std::string::npos) << wire;
  EXPECT_TRUE(body->closed);
}

TEST_F(StreamTest, AClientThatHangsUpEndsItsStreamAtOnce) {
  {
    Client client(server->port());
    ASSERT_TRUE(client.send_raw("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(wait_until(body->started, 2s));
  }
  EXPECT_TRUE(wait_until(body->closed, 1s)) << "noticed without waiting for a write to fail";
}

TEST_F(StreamTest, StoppingTheServerSendsTheFarewellAndTheLastChunkPromptly) {
  Client client(server->port());
  ASSERT_TRUE(client.send_raw("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(wait_until(body->started, 2s));
  const auto started = std::chrono::steady_clock::now();
  server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  const std::string wire = client.read_until_closed(1s);
  EXPECT_NE(wire.find("\r\n3\r\nbye\r\n0\r\n\r\n"), std::string::npos) << wire;
}

TEST_F(StreamTest, HeadGetsTheHeadersAndNoStream) {
  Client client(server->port());
  auto response = client.request("HEAD", "/stream");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("Content-Type"), "text/event-stream");
  EXPECT_TRUE(body->closed);
  EXPECT_FALSE(body->started);
}

}  // namespace
}  // namespace verp::http
