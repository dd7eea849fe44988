// Tampering: someone with raw database access removes the append-only triggers and edits the
// log. verify() must name the first record touched and say how.
#include "platform/audit/hash_chain.hpp"
#include "platform/audit/tests/audit_test_support.hpp"

namespace verp::audit::testing_support {
namespace {

using TamperTest = AuditTest;

std::string describe(const VerifyReport& report) {
  if (!report.first_problem) return "no problem";
  return report.first_problem->kind + " at " + std::to_string(report.first_problem->seq) + " (" +
         report.first_problem->detail + ")";
}

TEST_P(TamperTest, AnEmptyLogIsClean) {
  auto report = verified();
  EXPECT_EQ(report.records, 0);
  EXPECT_EQ(describe(report), "no problem");
}

TEST_P(TamperTest, AnUntouchedLogIsClean) {
  append_many(20);
  auto report = verified();
  EXPECT_EQ(report.records, 20);
  EXPECT_EQ(describe(report), "no problem");
}

TEST_P(TamperTest, AlteringOneFieldIsNamedAltered) {
  append_many(10);
  drop_guards();
  tamper("UPDATE audit_log SET user_name = 'mallory' WHERE seq = 5");
  auto report = verified();
  EXPECT_EQ(report.records, 10);
  ASSERT_TRUE(report.first_problem);
  EXPECT_EQ(report.first_problem->seq, 5);
  EXPECT_EQ(report.first_problem->kind, "altered");
}

// Each edit lands on an earlier record than the one before, so each must become the first
// problem: this proves every column is covered by the hash.
TEST_P(TamperTest, EveryColumnIsCoveredByTheHash) {
  append_many(12);
  drop_guards();
  struct Edit {
    std::int64_t seq;
    std::string set;
    storage::Value value;
  };
  const Edit edits[] = {
      {12, "hash", std::string(64, 'a')},
      {11, "previous_hash", std::string(kGenesisHash)},
      {10, "change", R"({"name":{"before":"x","after":"y"}})"},
      {9, "target_id", "999"},
      {8, "target_type", "supplier"},
      {7, "action", "delete"},
      {6, "request_id", "req-forged"},
      {5, "address", "192.168.1.1"},
      {4, "company_id", storage::Value()},
      {3, "user_name", "sales02"},
      {2, "user_id", 8},
      {1, "at", storage::Timestamp::from_micros(to_micros(customer_update(1).at) + 1)},
  };
  for (const Edit& edit : edits) {
    tamper("UPDATE audit_log SET " + edit.set + " = $1 WHERE seq = $2", {edit.value, edit.seq});
    auto report = verified();
    ASSERT_TRUE(report.first_problem) << edit.set;
    EXPECT_EQ(report.first_problem->seq, edit.seq) << edit.set;
    EXPECT_EQ(report.first_problem->kind, "altered") << edit.set;
  }
}

TEST_P(TamperTest, DeletingARecordIsNamedRemoved) {
  append_many(10);
  drop_guards();
  tamper("DELETE FROM audit_log WHERE seq = 5");
  auto report = verified();
  EXPECT_EQ(report.records, 9);
  EXPECT_EQ(describe(report), "removed at 5 (records 5..5 are missing)");
}

TEST_P(TamperTest, SwappingTwoRecordsIsNamedAtTheFirstOfThem) {
  append_many(10);
  drop_guards();
  tamper("UPDATE audit_log SET seq = -5 WHERE seq = 5");
  tamper("UPDATE audit_log SET seq = 5 WHERE seq = 6");
  tamper("UPDATE audit_log SET seq = 6 WHERE seq = -5");
  auto report = verified();
  ASSERT_TRUE(report.first_problem);
  EXPECT_EQ(report.first_problem->seq, 5);
  EXPECT_EQ(report.first_problem->kind, "altered");
}

// A cleverer tamperer swaps two records and gives each a hash that fits its new contents; the
// links between records still give it away.
TEST_P(TamperTest, SwappingWithRecomputedHashesIsNamedReordered) {
  append_many(10);
  auto records = all_records();
  Record moved_up = records[5];    // seq 6 becomes seq 5
  Record moved_down = records[4];  // seq 5 becomes seq 6
  moved_up.seq = 5;
  moved_down.seq = 6;
  drop_guards();
  for (Record* record : {&moved_up, &moved_down}) {
    record->hash = record_hash(record->previous_hash, *record);
    tamper(
        "UPDATE audit_log SET user_id = $1, user_name = $2, request_id = $3, target_id = $4, change = $5, "
        "at = $6, previous_hash = $7, hash = $8 WHERE seq = $9",
        {record->user_id, record->user_name, record->request_id, record->target_id, record->change,
         storage::Timestamp::from_micros(to_micros(record->at)), record->previous_hash, record->hash, record->seq});
  }
  auto report = verified();
  ASSERT_TRUE(report.first_problem);
  EXPECT_EQ(report.first_problem->seq, 5);
  EXPECT_EQ(report.first_problem->kind, "reordered");
}

TEST_P(TamperTest, RemovingTheLastRecordIsCaughtByTheHead) {
  append_many(10);
  drop_guards();
  tamper("DELETE FROM audit_log WHERE seq = 10");
  auto report = verified();
  EXPECT_EQ(report.records, 9);
  ASSERT_TRUE(report.first_problem);
  EXPECT_EQ(report.first_problem->seq, 10);
  EXPECT_EQ(report.first_problem->kind, "removed");
}

TEST_P(TamperTest, ChangingTheHeadHashIsNamedAltered) {
  append_many(4);
  drop_guards();
  tamper("UPDATE audit_head SET last_hash = $1 WHERE id = 1", {std::string(kGenesisHash)});
  EXPECT_EQ(describe(verified()), "altered at 4 (audit_head's last_hash is not the hash of the last record)");
}

TEST_P(TamperTest, ARecordForgedPastTheHeadIsNamedInserted) {
  append_many(5);
  auto records = all_records();
  Record forged = records.back();
  forged.seq = 6;
  forged.previous_hash = records.back().hash;
  forged.hash = record_hash(forged.previous_hash, forged);
  tamper(
      "INSERT INTO audit_log (seq, at, user_id, user_name, company_id, address, request_id, action, target_type, "
      "target_id, change, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {forged.seq, storage::Timestamp::from_micros(to_micros(forged.at)), forged.user_id, forged.user_name,
       forged.company_id, forged.address, forged.request_id, forged.action, forged.target_type, forged.target_id,
       forged.change, forged.previous_hash, forged.hash});
  auto report = verified();
  EXPECT_EQ(report.records, 6);
  ASSERT_TRUE(report.first_problem);
  EXPECT_EQ(report.first_problem->seq, 6);
  EXPECT_EQ(report.first_problem->kind, "inserted");
}

// verify() reads in pages of 1000: a problem on the third page is found, every record counted.
TEST_P(TamperTest, VerifyWalksPastOnePage) {
  append_many_in_one_transaction(2300);
  EXPECT_EQ(describe(verified()), "no problem");
  drop_guards();
  tamper("UPDATE audit_log SET target_id = 'x' WHERE seq = 2101");
  auto report = verified();
  EXPECT_EQ(report.records, 2300);
  EXPECT_EQ(describe(report), "altered at 2101 (the stored hash is not the hash of the record's contents)");
}

VERP_STORAGE_BACKENDS(TamperTest);

}  // namespace
}  // namespace verp::audit::testing_support
