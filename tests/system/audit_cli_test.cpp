// `verp audit verify` as an auditor runs it against a database someone tampered with by hand.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "verp_process.hpp"

namespace verp::testing {
namespace {

// Someone with direct access to the file: drops the guards and runs their own SQL.
void tamper(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  const std::string script = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql;
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(handle, script.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(handle);
}

class AuditVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    db = temp_sqlite_path("audit-verify");
    data = db + ".data";
    // Two starts: the first creates the admin (audited), the second rotates the keys (audited).
    ASSERT_EQ(run_verp({"init", "--db", db, "--data-dir", data}).exit_code, 0);
    ASSERT_EQ(run_verp({"keys", "rotate", "--db", db, "--data-dir", data}).exit_code, 0);
    ASSERT_EQ(run_verp({"keys", "rotate", "--db", db, "--data-dir", data}).exit_code, 0);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    std::filesystem::remove_all(data);
  }
  Finished verify() { return run_verp({"audit", "verify", "--db", db, "--data-dir", data}); }

  std::string db, data;
};

TEST_F(AuditVerify, AnUntouchedLogVerifies) {
  auto result = verify();
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("ok    audit log hash chain is intact"), std::string::npos) << result.out;
}

TEST_F(AuditVerify, NamesTheRecordWhoseContentWasEdited) {
  tamper(db, "UPDATE audit_log SET user_name = 'nobody' WHERE seq = 2;");
  auto result = verify();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("record 2 altered"), std::string::npos) << result.out;
}

TEST_F(AuditVerify, NamesTheGapLeftByADeletedRecord) {
  tamper(db, "DELETE FROM audit_log WHERE seq = 2;");
  auto result = verify();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("record 2 removed"), std::string::npos) << result.out;
}

TEST_F(AuditVerify, NoticesThatTheNewestRecordWasCutOff) {
  tamper(db, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);");
  auto result = verify();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("removed"), std::string::npos) << result.out;
}

TEST_F(AuditVerify, IsPartOfVerpCheck) {
  tamper(db, "UPDATE audit_log SET action = 'nothing' WHERE seq = 1;");
  auto result = run_verp({"check", "--db", db, "--data-dir", data});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("FAIL  audit log hash chain is intact: record 1 altered"), std::string::npos) << result.out;
}

TEST_F(AuditVerify, KeyRotationAddsANewCurrentKeyToAnOwnerOnlyFile) {
  // The admin's data folder now holds three keys; the newest is current.
  auto keys = std::filesystem::path(data) / "keys" / "field.keys";
  ASSERT_TRUE(std::filesystem::exists(keys));
  const auto permissions = std::filesystem::status(keys).permissions();
  EXPECT_EQ(permissions & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none)
      << "the key file is readable by its owner only";
  auto result = run_verp({"keys", "rotate", "--db", db, "--data-dir", data});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("key 4 is current"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace verp::testing
