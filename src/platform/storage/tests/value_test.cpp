// Dates, timestamps and values on their own, and the statement cache: no database needed.
#include "platform/storage/value.hpp"

#include <gtest/gtest.h>

#include "platform/storage/statement_cache.hpp"

namespace verp::storage {
namespace {

TEST(DateTest, ParsesAndPrintsIsoDays) {
  auto date = Date::parse("2024-02-29");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ((Date{2024, 2, 29}), *date);
  EXPECT_EQ("2024-02-29", date->to_string());
  EXPECT_EQ("0001-01-01", (Date{1, 1, 1}).to_string());
}

TEST(DateTest, RejectsImpossibleOrSloppyDays) {
  for (const char* text :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024-01-01T00:00", "", "abcd-ef-gh"}) {
    auto date = Date::parse(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ("storage.invalid_date", date.error().message_id);
    EXPECT_EQ(ErrorKind::validation, date.error().kind);
  }
}

TEST(DateTest, CountsDaysFromTheEpochBothWays) {
  EXPECT_EQ(0, (Date{1970, 1, 1}).to_days());
  EXPECT_EQ(-1, (Date{1969, 12, 31}).to_days());
  EXPECT_EQ((Date{2000, 3, 1}), Date::from_days((Date{2000, 2, 29}).to_days() + 1));
  EXPECT_EQ((Date{1900, 1, 1}), Date::from_days((Date{1900, 1, 1}).to_days()));
}

TEST(TimestampTest, PrintsFixedWidthUtcWithMicroseconds) {
  EXPECT_EQ("1970-01-01T00:00:00.000000Z", Timestamp{0}.to_string());
  EXPECT_EQ("1969-12-31T23:59:59.999999Z", Timestamp{-1}.to_string());
  EXPECT_EQ("2024-03-01T04:34:56.500001Z", Timestamp::parse("2024-03-01T04:34:56.500001Z")->to_string());
}

TEST(TimestampTest, ParsesTheFormsBothDatabasesWrite) {
  auto utc = Timestamp::parse("2024-03-01T04:34:56.5Z");
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*utc, *Timestamp::parse("2024-03-01 12:34:56.5+08"));       // PostgreSQL, another zone
  EXPECT_EQ(*utc, *Timestamp::parse("2024-03-01 04:34:56.500000+00"));  // PostgreSQL, UTC
  EXPECT_EQ(*utc, *Timestamp::parse("2024-03-01T10:04:56.5+05:30"));
  EXPECT_EQ(*utc, *Timestamp::parse("2024-03-01T00:34:56.5-0400"));
  EXPECT_EQ(Timestamp{0}, *Timestamp::parse("1970-01-01 00:00:00"));
}

TEST(TimestampTest, RejectsGarbage) {
  for (const char* text : {"2024-03-01", "2024-03-01T25:00:00Z", "2024-03-01T10:00:00.1234567Z",
                           "2024-03-01T10:00:00.Z", "2024-03-01T10:00:00 UTC", "infinity"}) {
    auto parsed = Timestamp::parse(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ("storage.invalid_timestamp", parsed.error().message_id);
  }
}

TEST(TimestampTest, ConvertsToAndFromTheSystemClock) {
  Timestamp t{1'700'000'000'123'456};
  EXPECT_EQ(t, Timestamp::from_system(t.to_system()));
}

TEST(ValueTest, KeepsTheTypeItWasBuiltFrom) {
  EXPECT_EQ(ValueType::null, Value().type());
  EXPECT_EQ(ValueType::null, Value(std::optional<int>()).type());
  EXPECT_EQ(ValueType::int64, Value(7).type());
  EXPECT_EQ(ValueType::int64, Value(std::optional<long>(7)).type());
  EXPECT_EQ(ValueType::boolean, Value(true).type());
  EXPECT_EQ(ValueType::text, Value("text").type());
  EXPECT_EQ(ValueType::text, Value(std::string_view("text")).type());
  EXPECT_EQ(ValueType::blob, Value(Blob{std::string("\0x", 2)}).type());
  EXPECT_EQ(ValueType::decimal, Value(Decimal::from_int(3)).type());
  EXPECT_EQ(ValueType::date, Value(Date{2024, 1, 2}).type());
  EXPECT_EQ(ValueType::timestamp, Value(Timestamp{5}).type());
}

TEST(ValueTest, DecimalsAreEqualOnlyWithTheSameScale) {
  EXPECT_EQ(Value(*Decimal::parse("1.50")), Value(*Decimal::parse("1.50")));
  EXPECT_NE(Value(*Decimal::parse("1.50")), Value(*Decimal::parse("1.5")));
}

TEST(StatementCacheTest, EvictsTheLeastRecentlyUsed) {
  StatementCache<int> cache(2);
  EXPECT_TRUE(cache.insert("a", 1).empty());
  EXPECT_TRUE(cache.insert("b", 2).empty());
  ASSERT_NE(nullptr, cache.find("a"));  // "b" is now the oldest
  auto evicted = cache.insert("c", 3);
  ASSERT_EQ(1u, evicted.size());
  EXPECT_EQ(2, evicted[0]);
  EXPECT_EQ(nullptr, cache.find("b"));
  EXPECT_EQ(1, *cache.find("a"));
  EXPECT_EQ(std::vector<int>{3}, cache.erase("c"));
  EXPECT_EQ(1u, cache.size());
  EXPECT_EQ(std::vector<int>{1}, cache.clear());
}

}  // namespace
}  // namespace verp::storage
