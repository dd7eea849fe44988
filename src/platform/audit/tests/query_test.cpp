// Reading the log back: filters, time windows and newest-first pages with a cursor.
#include <chrono>

#include "platform/audit/tests/audit_test_support.hpp"

namespace verp::audit::testing_support {
namespace {

using storage::testing_support::describe;

class QueryTest : public AuditTest {
 protected:
  // seq 1..6: sales01 updates customers 1..3 in company 1; admin grants role 9 in company 2;
  // an unknown name fails to sign in; sales01 exports customer 2.
  void SetUp() override {
    AuditTest::SetUp();
    if (HasFatalFailure()) return;
    append_many(3);
    Entry grant = customer_update(4);
    grant.user_id = 1, grant.user_name = "admin", grant.company_id = 2;
    grant.action = "role.grant", grant.target_type = "role", grant.target_id = "9";
    append_one(grant);
    Entry failure = customer_update(5);
    failure.user_id.reset(), failure.company_id.reset(), failure.user_name = "mallory";
    failure.action = "sign_in.failure", failure.target_type = "session", failure.target_id = "";
    failure.change = detail_json({{"reason", "unknown_user"}});
    append_one(failure);
    Entry export_entry = customer_update(6);
    export_entry.action = "export", export_entry.target_id = "2";
    append_one(export_entry);
  }

  // The seqs a query answers, in the order given.
  std::vector<std::int64_t> seqs(const Query& q) {
    auto page = db().read([&](storage::Connection& c) { return query(c, q); });
    EXPECT_TRUE(page.ok()) << describe(page);
    std::vector<std::int64_t> out;
    if (page.ok()) {
      for (const Record& record : page->records) out.push_back(record.seq);
    }
    return out;
  }
};

using ::testing::ElementsAre;

TEST_P(QueryTest, WithoutFiltersTheNewestComeFirst) { EXPECT_THAT(seqs({}), ElementsAre(6, 5, 4, 3, 2, 1)); }

TEST_P(QueryTest, EachFilterNarrowsTheLog) {
  EXPECT_THAT(seqs({.user_id = 7}), ElementsAre(6, 3, 2, 1));
  EXPECT_THAT(seqs({.company_id = 2}), ElementsAre(4));
  EXPECT_THAT(seqs({.action = "sign_in.failure"}), ElementsAre(5));
  EXPECT_THAT(seqs({.target_type = "customer"}), ElementsAre(6, 3, 2, 1));
  EXPECT_THAT(seqs({.target_type = "customer", .target_id = "2"}), ElementsAre(6, 2));
  EXPECT_THAT(seqs({.user_id = 7, .action = "update", .target_type = "customer", .target_id = "2"}), ElementsAre(2));
  EXPECT_THAT(seqs({.user_id = 99}), ElementsAre());
}

TEST_P(QueryTest, TheTimeWindowIncludesFromAndExcludesTo) {
  Query q{.from = customer_update(2).at, .to = customer_update(5).at};
  EXPECT_THAT(seqs(q), ElementsAre(4, 3, 2));
}

TEST_P(QueryTest, PagesFollowTheCursorToTheEnd) {
  Query q{.limit = 4};
  auto first = db().read([&](storage::Connection& c) { return query(c, q); });
  ASSERT_TRUE(first.ok()) << describe(first);
  ASSERT_EQ(first->records.size(), 4u);
  ASSERT_EQ(first->next_cursor, std::optional<std::int64_t>(3));
  q.before_seq = first->next_cursor;
  EXPECT_THAT(seqs(q), ElementsAre(2, 1));
  auto last = db().read([&](storage::Connection& c) { return query(c, q); });
  ASSERT_TRUE(last.ok()) << describe(last);
  EXPECT_FALSE(last->next_cursor.has_value());
  // A page that ends exactly at the last record has no cursor either.
  auto exact = db().read([&](storage::Connection& c) { return query(c, Query{.limit = 6}); });
  ASSERT_TRUE(exact.ok()) << describe(exact);
  EXPECT_FALSE(exact->next_cursor.has_value());
}

TEST_P(QueryTest, RecordsComeBackWhole) {
  auto page = db().read([&](storage::Connection& c) { return query(c, Query{.action = "sign_in.failure"}); });
  ASSERT_TRUE(page.ok()) << describe(page);
  ASSERT_EQ(page->records.size(), 1u);
  const Record& record = page->records[0];
  EXPECT_EQ(record.at, customer_update(5).at);
  EXPECT_FALSE(record.user_id.has_value());
  EXPECT_EQ(record.user_name, "mallory");
  EXPECT_EQ(record.change, R"({"reason":"unknown_user"})");
  EXPECT_EQ(record.hash.size(), 64u);
}

TEST_P(QueryTest, OutOfRangeQueriesAreRefused) {
  auto field_of = [&](const Query& q) -> std::string {
    auto page = db().read([&](storage::Connection& c) { return query(c, q); });
    if (page.ok()) return "accepted";
    EXPECT_EQ(page.error().message_id, "audit.invalid_query");
    EXPECT_EQ(page.error().kind, ErrorKind::validation);
    return page.error().field;
  };
  EXPECT_EQ(field_of({.limit = 0}), "limit");
  EXPECT_EQ(field_of({.limit = 1001}), "limit");
  EXPECT_EQ(field_of({.limit = 1000}), "accepted");
  EXPECT_EQ(field_of({.from = customer_update(5).at, .to = customer_update(2).at}), "from");
}

VERP_STORAGE_BACKENDS(QueryTest);

}  // namespace
}  // namespace verp::audit::testing_support
