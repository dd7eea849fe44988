#include "platform/events/hub.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <shared_mutex>

namespace verp::events {
namespace detail {

struct Slot {
  Hub::Filter filter;
  Hub::Wake wake;
  std::size_t limit = 0;
  std::mutex mutex;
  std::deque<std::shared_ptr<const Delivery>> queue;
  std::string_view ended;  // a literal; empty while live
};

struct HubState {
  std::size_t queue_limit = 0;
  // Shared by publishers, exclusive for (un)subscribing: many publishers fan out at once.
  mutable std::shared_mutex mutex;
  std::vector<std::shared_ptr<Slot>> slots;
  std::atomic<std::uint64_t> next_id{0};
  std::atomic<std::uint64_t> published{0};
  std::atomic<std::uint64_t> queued{0};
  std::atomic<std::uint64_t> overflows{0};
  std::atomic<std::uint64_t> interruptions{0};
};

}  // namespace detail

Subscription::Subscription(std::shared_ptr<detail::HubState> hub, std::shared_ptr<detail::Slot> slot)
    : hub_(std::move(hub)), slot_(std::move(slot)) {}

Subscription::~Subscription() {
  std::unique_lock lock(hub_->mutex);  // waits for publishers that may be waking this slot
  std::erase(hub_->slots, slot_);
}

std::vector<std::shared_ptr<const Delivery>> Subscription::take() {
  std::lock_guard lock(slot_->mutex);
  std::vector<std::shared_ptr<const Delivery>> taken(std::make_move_iterator(slot_->queue.begin()),
                                                     std::make_move_iterator(slot_->queue.end()));
  slot_->queue.clear();
  return taken;
}

std::string_view Subscription::ended() const {
  std::lock_guard lock(slot_->mutex);
  return slot_->ended;
}

Hub::Hub(std::size_t queue_limit) : state_(std::make_shared<detail::HubState>()) {
  state_->queue_limit = std::max<std::size_t>(1, queue_limit);
}

Hub::~Hub() = default;

std::unique_ptr<Subscription> Hub::subscribe(Filter filter, Wake wake) {
  auto slot = std::make_shared<detail::Slot>();
  slot->filter = std::move(filter);
  slot->wake = std::move(wake);
  slot->limit = state_->queue_limit;
  {
    std::unique_lock lock(state_->mutex);
    state_->slots.push_back(slot);
  }
  return std::make_unique<Subscription>(state_, std::move(slot));
}

void Hub::publish(Event event) {
  event.id = ++state_->next_id;
  auto delivery = std::make_shared<Delivery>();
  delivery->json = encode(event);
  delivery->event = std::move(event);
  std::shared_ptr<const Delivery> shared = std::move(delivery);
  state_->published.fetch_add(1, std::memory_order_relaxed);

  std::shared_lock lock(state_->mutex);
  for (const auto& slot : state_->slots) {
    if (!slot->filter(shared->event)) continue;
    bool wake = false;
    {
      std::lock_guard slot_lock(slot->mutex);
      if (!slot->ended.empty()) continue;
      if (slot->queue.size() >= slot->limit) {
        // Too far behind: drop it rather than grow without bound or make the publisher wait.
        slot->ended = "too_slow";
        slot->queue.clear();
        state_->overflows.fetch_add(1, std::memory_order_relaxed);
        wake = true;
      } else {
        wake = slot->queue.empty();
        slot->queue.push_back(shared);
        state_->queued.fetch_add(1, std::memory_order_relaxed);
      }
    }
    if (wake) slot->wake();
  }
}

void Hub::end_all(std::string_view reason) {
  state_->interruptions.fetch_add(1, std::memory_order_relaxed);
  std::shared_lock lock(state_->mutex);
  for (const auto& slot : state_->slots) {
    {
      std::lock_guard slot_lock(slot->mutex);
      if (!slot->ended.empty()) continue;
      slot->ended = reason;
    }
    slot->wake();
  }
}

HubStats Hub::stats() const {
  HubStats stats;
  stats.published = state_->published.load(std::memory_order_relaxed);
  stats.queued = state_->queued.load(std::memory_order_relaxed);
  stats.overflows = state_->overflows.load(std::memory_order_relaxed);
  stats.interruptions = state_->interruptions.load(std::memory_order_relaxed);
  std::shared_lock lock(state_->mutex);
  stats.subscribers = state_->slots.size();
  return stats;
}

}  // namespace verp::events
