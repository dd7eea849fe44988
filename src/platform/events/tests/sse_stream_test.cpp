// The SSE text a subscription becomes, without a socket: greeting, events, and the three ways a
// stream ends with `event: reconnect`.
#include <gtest/gtest.h>

#include "platform/events/sse_stream.hpp"

namespace verp::events {
namespace {

using namespace std::chrono_literals;

bool everything(const Event&) { return true; }

TEST(SseStream, GreetsThenWritesEachEventAsOneBlock) {
  Hub hub;
  SseStream stream(hub, everything, {});
  hub.publish(Event{.kind = Kind::job, .user_id = 7, .data = R"({"id":3,"progress":40})"});
  std::string out;
  EXPECT_TRUE(stream.read(out));
  EXPECT_EQ(out,
            "retry: 5000\n: connected\n\n"
            "id: 1\nevent: job\ndata: {\"kind\":\"job\",\"user_id\":7,\"data\":{\"id\":3,\"progress\":40}}\n\n");
  out.clear();
  stream.keepalive(out);
  EXPECT_EQ(out, ": keepalive\n\n");
}

TEST(SseStream, AClientTooFarBehindIsToldToReconnect) {
  Hub hub(/*queue_limit=*/2);
  SseStream stream(hub, everything, {});
  for (int i = 0; i < 3; ++i) hub.publish(Event{.kind = Kind::job, .user_id = 7});
  std::string out;
  EXPECT_FALSE(stream.read(out));
  EXPECT_NE(out.find("event: reconnect\ndata: {\"reason\":\"too_slow\"}\n\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("id: "), std::string::npos) << "what was queued is dropped, not half-sent";
}

TEST(SseStream, AStreamEndsAtItsMaxAgeSoTheReconnectAuthenticatesAgain) {
  Hub hub;
  SseStream stream(hub, everything, {.max_age = 0ms});
  std::string out;
  EXPECT_FALSE(stream.read(out));
  EXPECT_NE(out.find("\"reason\":\"expired\""), std::string::npos) << out;
}

TEST(SseStream, StoppingTheServerLeavesAFarewellAndUnsubscribes) {
  Hub hub;
  SseStream stream(hub, everything, {});
  EXPECT_EQ(hub.stats().subscribers, 1u);
  std::string farewell;
  stream.close(/*server_stopping=*/true, farewell);
  EXPECT_EQ(farewell, "event: reconnect\ndata: {\"reason\":\"server_stopping\"}\n\n");
  EXPECT_EQ(hub.stats().subscribers, 0u);
}

}  // namespace
}  // namespace verp::events
