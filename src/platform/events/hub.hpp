// Hub: this node's in-process fan-out of events to live subscribers (one per SSE client).
//
// publish() never waits for a subscriber: each has a bounded queue, and a subscriber whose queue
// is full is dropped — it stops receiving and Subscription::ended() says so, so its stream
// tells the client to reconnect (and refetch) instead of silently missing events. A subscriber's
// filter decides what it receives; it runs on the publishing thread for every event, so it must
// be quick and must not block (check what the event carries; never query the database).
//
// Events reach the hub only after their transaction committed: through Database::listen (see
// bridge.hpp), never directly from a transaction function.
//
// Thread safety: every method may be called from any thread. A Subscription may outlive its Hub
// (it then receives nothing).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/events/event.hpp"

namespace verp::events {

// An event as delivered: the event and its JSON, made once for every subscriber.
struct Delivery {
  Event event;
  std::string json;
};

struct HubStats {
  std::uint64_t published = 0;       // events that reached the hub
  std::uint64_t queued = 0;          // (event, subscriber) pairs queued
  std::uint64_t overflows = 0;       // subscribers dropped for falling behind
  std::uint64_t interruptions = 0;   // end_all() calls (e.g. the LISTEN session broke)
  std::uint64_t subscribers = 0;     // subscribed now
};

namespace detail {
struct HubState;
struct Slot;
}  // namespace detail

class Subscription {
 public:
  Subscription(std::shared_ptr<detail::HubState> hub, std::shared_ptr<detail::Slot> slot);
  ~Subscription();  // unsubscribes; once it returns, the wake function is never called again
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // What arrived since the last take(), oldest first.
  std::vector<std::shared_ptr<const Delivery>> take();
  // Why nothing more will arrive — "too_slow" (the queue overflowed and was dropped) or the
  // reason given to Hub::end_all — or "" while the subscription is live.
  std::string_view ended() const;

 private:
  std::shared_ptr<detail::HubState> hub_;
  std::shared_ptr<detail::Slot> slot_;
};

class Hub {
 public:
  using Filter = std::function<bool(const Event&)>;
  // Called (from the publishing thread) when a subscriber's queue goes from empty to not empty,
  // or when it overflows. Must not block.
  using Wake = std::function<void()>;

  explicit Hub(std::size_t queue_limit = 1024);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  std::unique_ptr<Subscription> subscribe(Filter filter, Wake wake);
  // Numbers the event and queues it for every subscriber whose filter accepts it.
  void publish(Event event);
  // Ends every live subscription with `reason` (a literal), e.g. when this node may have missed
  // events: their clients reconnect and refetch. What they had queued is still delivered.
  void end_all(std::string_view reason);
  HubStats stats() const;

 private:
  std::shared_ptr<detail::HubState> state_;
};

}  // namespace verp::events
