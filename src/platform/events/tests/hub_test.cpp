// The hub on its own: fan-out by filter, in order, without ever waiting for a slow subscriber.
#include <gtest/gtest.h>

#include <atomic>

#include "platform/events/hub.hpp"

namespace verp::events {
namespace {

Event notification_for(std::int64_t user) {
  return Event{.kind = Kind::notification, .company_id = 1, .user_id = user, .data = R"({"title":"hi"})"};
}

bool for_user(const Event& event, std::int64_t user) { return event.user_id == user; }

TEST(Hub, EachSubscriberGetsTheEventsItsFilterAcceptsInOrderWithIncreasingIds) {
  Hub hub;
  std::atomic<int> wakes_a{0}, wakes_b{0};
  auto a = hub.subscribe([](const Event& e) { return for_user(e, 7); }, [&] { ++wakes_a; });
  auto b = hub.subscribe([](const Event& e) { return for_user(e, 8); }, [&] { ++wakes_b; });
  hub.publish(notification_for(7));
  hub.publish(notification_for(8));
  hub.publish(notification_for(7));
  auto got = a->take();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_LT(got[0]->event.id, got[1]->event.id);
  EXPECT_EQ(got[0]->json, encode(got[0]->event));
  EXPECT_EQ(b->take().size(), 1u);
  EXPECT_EQ(wakes_a.load(), 1) << "woken once: the queue was empty only before the first event";
  EXPECT_EQ(wakes_b.load(), 1);
  EXPECT_TRUE(a->take().empty());
}

TEST(Hub, ASubscriberThatFallsTooFarBehindIsDroppedWithoutSlowingThePublisher) {
  Hub hub(/*queue_limit=*/4);
  std::atomic<int> wakes{0};
  auto slow = hub.subscribe([](const Event&) { return true; }, [&] { ++wakes; });
  auto keeping_up = hub.subscribe([](const Event&) { return true; }, [] {});
  for (int i = 0; i < 10; ++i) {
    hub.publish(notification_for(1));
    (void)keeping_up->take();
  }
  EXPECT_EQ(slow->ended(), "too_slow");
  EXPECT_TRUE(slow->take().empty()) << "what it had queued is gone; it must reconnect and refetch";
  EXPECT_EQ(keeping_up->ended(), "");
  EXPECT_EQ(wakes.load(), 2) << "once for the first event, once for the overflow";
  EXPECT_EQ(hub.stats().overflows, 1u);
}

TEST(Hub, EndingEverySubscriptionWakesEachOnceAndKeepsWhatWasQueued) {
  Hub hub;
  int wakes = 0;
  auto subscription = hub.subscribe([](const Event&) { return true; }, [&] { ++wakes; });
  hub.publish(notification_for(1));
  hub.end_all("missed_events");
  hub.publish(notification_for(1));
  EXPECT_EQ(subscription->ended(), "missed_events");
  EXPECT_EQ(subscription->take().size(), 1u);
  EXPECT_EQ(wakes, 2);
  EXPECT_EQ(hub.stats().interruptions, 1u);
}

TEST(Hub, ADroppedSubscriptionHearsNothingAndIsNoLongerCounted) {
  Hub hub;
  int wakes = 0;
  auto subscription = hub.subscribe([](const Event&) { return true; }, [&] { ++wakes; });
  EXPECT_EQ(hub.stats().subscribers, 1u);
  subscription.reset();
  hub.publish(notification_for(1));
  EXPECT_EQ(wakes, 0);
  EXPECT_EQ(hub.stats().subscribers, 0u);
  EXPECT_EQ(hub.stats().published, 1u);
}

TEST(Hub, ASubscriptionMayOutliveItsHub) {
  auto hub = std::make_unique<Hub>();
  auto subscription = hub->subscribe([](const Event&) { return true; }, [] {});
  hub.reset();
  EXPECT_TRUE(subscription->take().empty());
}

}  // namespace
}  // namespace verp::events
