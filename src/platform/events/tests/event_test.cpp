// Events as JSON: what travels through pg_notify and what the client reads.
#include <gtest/gtest.h>

#include "platform/events/event.hpp"

namespace verp::events {
namespace {

TEST(EventJson, ARecordEventRoundTripsWithItsScopeFacts) {
  Event event{.kind = Kind::record, .company_id = 3, .entity = "customer", .record_id = 12, .action = "updated",
              .owner_id = 5, .department_id = 9, .data = R"({"version":4})"};
  const std::string json = encode(event);
  EXPECT_EQ(json,
            R"({"kind":"record","company_id":3,"entity":"customer","record_id":12,"action":"updated",)"
            R"("owner_id":5,"department_id":9,"data":{"version":4}})");
  auto back = decode(json);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->kind, Kind::record);
  EXPECT_EQ(back->company_id, 3);
  EXPECT_FALSE(back->user_id.has_value());
  EXPECT_EQ(back->entity, "customer");
  EXPECT_EQ(back->record_id, 12);
  EXPECT_EQ(back->owner_id, 5);
  EXPECT_EQ(back->department_id, 9);
  EXPECT_EQ(back->data, R"({"version":4})");
}

TEST(EventJson, AnOversizedPayloadIsCutToIdsSoItAlwaysFitsANotify) {
  Event event{.kind = Kind::notification, .company_id = 1, .user_id = 2,
              .data = R"({"title":")" + std::string(20000, 'x') + R"("})"};
  const std::string json = encode(event);
  EXPECT_LE(json.size(), kMaxEncodedBytes);
  EXPECT_NE(json.find(R"("data":{"truncated":true})"), std::string::npos);
  EXPECT_EQ(decode(json)->user_id, 2);
}

TEST(EventJson, GarbageIsRefused) {
  EXPECT_FALSE(decode("not json").ok());
  EXPECT_FALSE(decode(R"({"kind":"gossip"})").ok());
  EXPECT_EQ(decode("[]").error().message_id, "events.bad_payload");
}

}  // namespace
}  // namespace verp::events
