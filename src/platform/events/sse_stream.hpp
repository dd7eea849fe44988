// SseStream: a hub Subscription written as Server-Sent Events (text/event-stream).
//
//   retry: 5000            first, with a ": connected" comment (the client is subscribed)
//   id: 42                 then one block per event: the hub's number on this node,
//   event: record          the kind (notification, job, record)
//   data: {...}            and the event's JSON on one line
//   : keepalive            a comment after `keepalive` without events (proxies keep the line)
//   event: reconnect       last, when the client fell too far behind ("too_slow"), the node may
//   data: {"reason":...}   have missed events ("missed_events"), the stream reached its max_age
//                          ("expired") or the server stops ("server_stopping"): the client
//                          should reconnect and refetch what it shows
//
// Ids are per node and restart with the process: there is no replay of missed events
// (Last-Event-ID is ignored); a reconnecting client refetches instead.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "platform/events/hub.hpp"
#include "platform/http/message.hpp"

namespace verp::events {

struct StreamOptions {
  std::chrono::milliseconds keepalive{15'000};
  std::chrono::milliseconds retry{5'000};  // the client's reconnection delay
  // A stream ends (`event: reconnect`, "reason":"expired") after this long, within one
  // keep-alive interval, so that the reconnect authenticates again: a user who signed out, was
  // disabled or lost a grant stops hearing events at the latest then.
  std::chrono::milliseconds max_age{10 * 60'000};
};

class SseStream final : public http::BodyStream {
 public:
  // Subscribes at once, so that events committed from now on are kept until the transport reads.
  SseStream(Hub& hub, Hub::Filter filter, StreamOptions options);
  ~SseStream() override;

  void start(std::function<void()> wake) override;
  bool read(std::string& out) override;
  std::chrono::milliseconds keepalive_interval() const override { return options_.keepalive; }
  void keepalive(std::string& out) override;
  void close(bool server_stopping, std::string& farewell) override;

 private:
  // The wake function arrives after subscribing; events before it are simply read first.
  struct Waker {
    std::mutex mutex;
    std::function<void()> wake;
  };
  StreamOptions options_;
  std::shared_ptr<Waker> waker_;
  std::unique_ptr<Subscription> subscription_;
  bool greeted_ = false;
  std::chrono::steady_clock::time_point expires_at_;
};

// One event as an SSE block ("id:", "event:", "data:").
void append_event(std::string& out, const Delivery& delivery);

}  // namespace verp::events
