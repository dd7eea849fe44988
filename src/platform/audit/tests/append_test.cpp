// Appending: one gap-free chain, written in the caller's transaction, refused by the database
// when anyone tries to change it afterwards.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "platform/audit/hash_chain.hpp"
#include "platform/audit/tests/audit_test_support.hpp"

namespace verp::audit::testing_support {
namespace {

using storage::testing_support::describe;

using AppendTest = AuditTest;

TEST_P(AppendTest, RecordsAreNumberedFromOneWithoutGaps) {
  EXPECT_EQ(append_one(customer_update(1)), 1);
  EXPECT_EQ(append_one(customer_update(2)), 2);
  EXPECT_EQ(append_one(customer_update(3)), 3);
}

TEST_P(AppendTest, ARecordReadsBackAsWrittenAndChainsFromGenesis) {
  Entry anonymous{.at = Clock::TimePoint(std::chrono::nanoseconds(1709283600123456789)),
                  .user_name = "nobody\"; DROP TABLE x; --",
                  .address = "::1",
                  .request_id = "r1",
                  .action = "sign_in.failure",
                  .target_type = "session",
                  .change = detail_json({{"reason", "unknown_user"}})};
  append_one(customer_update(1));
  append_one(anonymous);

  auto records = all_records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].previous_hash, kGenesisHash);
  EXPECT_EQ(records[1].previous_hash, records[0].hash);
  const Record& read = records[1];
  EXPECT_EQ(read.seq, 2);
  EXPECT_EQ(to_micros(read.at), 1709283600123456);  // kept to the microsecond
  EXPECT_FALSE(read.user_id.has_value());
  EXPECT_FALSE(read.company_id.has_value());
  EXPECT_EQ(read.user_name, anonymous.user_name);
  EXPECT_EQ(read.address, "::1");
  EXPECT_EQ(read.action, "sign_in.failure");
  EXPECT_EQ(read.target_type, "session");
  EXPECT_EQ(read.target_id, "");
  EXPECT_EQ(read.change, R"({"reason":"unknown_user"})");
  EXPECT_EQ(read.hash, record_hash(read.previous_hash, read));
  EXPECT_EQ(records[0].change, R"({"name":{"before":"华东机电","after":"华东机电 1"}})");
}

TEST_P(AppendTest, ARolledBackAppendLeavesNoHole) {
  append_one(customer_update(1));
  auto failed = db().write([&](storage::Connection& c) -> Status {
    if (auto seq = append(c, customer_update(2)); !seq) return seq.error();
    return make_error(ErrorKind::conflict, "test.business_rule_failed");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(append_one(customer_update(3)), 2);
  EXPECT_FALSE(verified().first_problem.has_value());
}

TEST_P(AppendTest, MalformedEntriesAreRefusedBeforeWriting) {
  auto refused = [&](Entry entry) -> std::string {
    auto seq = db().write([&](storage::Connection& c) { return append(c, entry); });
    if (seq.ok()) return "appended";
    EXPECT_EQ(seq.error().kind, ErrorKind::validation);
    return seq.error().message_id + "/" + seq.error().field;
  };
  Entry entry = customer_update(1);
  entry.change = "[1, 2]";
  EXPECT_EQ(refused(entry), "audit.invalid_change/change");
  entry.change = "{\"unterminated\": ";
  EXPECT_EQ(refused(entry), "audit.invalid_change/change");
  entry = customer_update(1);
  entry.action = "";
  EXPECT_EQ(refused(entry), "audit.invalid_entry/action");
  entry = customer_update(1);
  entry.user_name = "bad \xff byte";
  EXPECT_EQ(refused(entry), "audit.invalid_entry/user_name");
  entry = customer_update(1);
  entry.target_id = std::string("nul\0inside", 10);
  EXPECT_EQ(refused(entry), "audit.invalid_entry/target_id");
  EXPECT_EQ(verified().records, 0);
}

TEST_P(AppendTest, MigrationsRunTwiceApplyNothingTheSecondTime) {
  append_one(customer_update(1));
  auto again = storage::run_migrations(db(), kMigrationScope, migrations());
  ASSERT_TRUE(again.ok()) << describe(again);
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(append_one(customer_update(2)), 2);
}

TEST_P(AppendTest, TheDatabaseRefusesToChangeOrRemoveRecords) {
  append_many(3);
  // Refused by the triggers, which say why.
  auto refused = [&](const std::string& sql, const std::string& because) {
    auto result = db().write([&](storage::Connection& c) { return c.execute(sql); });
    ASSERT_FALSE(result.ok()) << sql << " was allowed";
    EXPECT_THAT(result.error().detail, ::testing::HasSubstr(because)) << sql;
  };
  refused("UPDATE audit_log SET user_name = 'mallory' WHERE seq = 2", "audit_log is append-only");
  refused("DELETE FROM audit_log WHERE seq = 3", "audit_log is append-only");
  refused("DELETE FROM audit_head", "audit_head only moves forward");
  refused("UPDATE audit_head SET last_seq = 2 WHERE id = 1", "audit_head only moves forward");
  refused("UPDATE audit_head SET last_seq = last_seq + 5 WHERE id = 1", "audit_head only moves forward");
  if (is_postgres()) {
    refused("TRUNCATE audit_log", "audit_log is append-only");
    refused("TRUNCATE audit_head", "audit_head only moves forward");
  }
  auto report = verified();
  EXPECT_EQ(report.records, 3);
  EXPECT_FALSE(report.first_problem.has_value());
}

TEST_P(AppendTest, ParallelAppendersFormOneChainWithoutForksOrGaps) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  std::vector<std::vector<std::int64_t>> seqs(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Entry entry = customer_update(t * kPerThread + i);
        entry.user_id = t;
        auto seq = db().write([&](storage::Connection& c) { return append(c, entry); });
        if (seq.ok()) seqs[t].push_back(*seq);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::vector<std::int64_t> all;
  for (const auto& mine : seqs) {
    EXPECT_EQ(mine.size(), static_cast<std::size_t>(kPerThread));
    EXPECT_TRUE(std::is_sorted(mine.begin(), mine.end()));
    all.insert(all.end(), mine.begin(), mine.end());
  }
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], static_cast<std::int64_t>(i) + 1);
  auto report = verified();
  EXPECT_EQ(report.records, kThreads * kPerThread);
  EXPECT_FALSE(report.first_problem.has_value()) << report.first_problem->kind << " at " << report.first_problem->seq;
}

// Not a check: prints appends per second, one write transaction each, for the record.

VERP_STORAGE_BACKENDS(AppendTest);

// Before migrations() there is no head row: append() says so instead of starting a second chain.
class UnmigratedAuditTest : public storage::testing_support::StorageTest {};

TEST_P(UnmigratedAuditTest, AppendingBeforeMigrationsFailsNotInitialised) {
  auto synced = storage::sync_schema(db(), tables());
  ASSERT_TRUE(synced.ok()) << describe(synced);
  auto seq = db().write([&](storage::Connection& c) { return append(c, customer_update(1)); });
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.error().message_id, "audit.not_initialised");
  auto report = verify(db());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().message_id, "audit.not_initialised");
}

VERP_STORAGE_BACKENDS(UnmigratedAuditTest);

}  // namespace
}  // namespace verp::audit::testing_support
