// Versioned migrations on both backends: applied once, in order, each all or nothing.
#include "platform/storage/migrations.hpp"
#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::storage {
namespace {

using testing_support::describe;

class MigrationTest : public testing_support::StorageTest {
 protected:
  // A migration that records its run in `log` and inserts its version into `ran`.
  Migration step(int version, std::vector<int>& log) {
    return Migration{version, "step " + std::to_string(version), [version, &log](Connection& c) -> Status {
                       log.push_back(version);
                       auto inserted = c.execute("INSERT INTO ran (version) VALUES ($1)", {version});
                       if (!inserted) return inserted.error();
                       return {};
                     }};
  }
  void SetUp() override {
    StorageTest::SetUp();
    if (HasFatalFailure()) return;
    create_table(TableDef{.name = "ran",
                          .columns = {{.name = "version", .type = ColumnType::int64, .not_null = true}},
                          .primary_key = {},
                          .indexes = {}});
  }
};

TEST_P(MigrationTest, MigrationsRunOnceInOrder) {
  std::vector<int> log;
  std::vector<Migration> migrations = {step(1, log), step(2, log), step(10, log)};
  auto first = run_migrations(db(), "test", migrations);
  ASSERT_TRUE(first.ok()) << describe(first);
  EXPECT_EQ((std::vector<int>{1, 2, 10}), first->applied);
  EXPECT_EQ((std::vector<int>{1, 2, 10}), log);

  auto second = run_migrations(db(), "test", migrations);
  ASSERT_TRUE(second.ok()) << describe(second);
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(3u, log.size());
  EXPECT_EQ(3, scalar("SELECT count(*) FROM ran"));

  auto recorded = applied_migrations(db());
  ASSERT_TRUE(recorded.ok()) << describe(recorded);
  ASSERT_EQ(3u, recorded->size());
  EXPECT_EQ(10, (*recorded)[2].version);
  EXPECT_EQ("step 10", (*recorded)[2].name);
  EXPECT_GT((*recorded)[0].applied_at.micros, 0);
}

TEST_P(MigrationTest, NewMigrationsAreAppliedOnTheNextRun) {
  std::vector<int> log;
  ASSERT_TRUE(run_migrations(db(), "test", {step(1, log), step(2, log)}).ok());
  auto later = run_migrations(db(), "test", {step(1, log), step(2, log), step(3, log)});
  ASSERT_TRUE(later.ok()) << describe(later);
  EXPECT_EQ(std::vector<int>{3}, later->applied);
  EXPECT_EQ((std::vector<int>{1, 2, 3}), log);
}

TEST_P(MigrationTest, AFailingMigrationRollsBackIsNotRecordedAndStopsTheRun) {
  std::vector<int> log;
  bool broken = true;
  Migration second{2, "split names", [&](Connection& c) -> Status {
                     log.push_back(2);
                     if (auto r = c.execute("INSERT INTO ran (version) VALUES ($1)", {2}); !r) return r.error();
                     if (broken) return make_error(ErrorKind::validation, "test.bad_data");
                     return {};
                   }};
  std::vector<Migration> migrations = {step(1, log), second, step(3, log)};

  auto failed = run_migrations(db(), "test", migrations);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ("test.bad_data", failed.error().message_id);
  bool names_version = false;
  for (const auto& arg : failed.error().args) names_version |= (arg.name == "version" && arg.value == "2");
  EXPECT_TRUE(names_version);
  EXPECT_EQ((std::vector<int>{1, 2}), log);          // 3 was not tried
  EXPECT_EQ(1, scalar("SELECT count(*) FROM ran"));  // 2's insert was rolled back
  EXPECT_EQ(1, scalar("SELECT count(*) FROM schema_version"));

  broken = false;
  auto fixed = run_migrations(db(), "test", migrations);
  ASSERT_TRUE(fixed.ok()) << describe(fixed);
  EXPECT_EQ((std::vector<int>{2, 3}), fixed->applied);
  EXPECT_EQ(3, scalar("SELECT count(*) FROM ran"));
  EXPECT_EQ(3, scalar("SELECT count(*) FROM schema_version"));
}

TEST_P(MigrationTest, VersionsMustBePositiveAndStrictlyIncreasing) {
  std::vector<int> log;
  for (auto migrations :
       {std::vector<Migration>{step(2, log), step(1, log)}, std::vector<Migration>{step(1, log), step(1, log)},
        std::vector<Migration>{step(0, log)}, std::vector<Migration>{Migration{1, "no function", nullptr}}}) {
    auto result = run_migrations(db(), "test", migrations);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(std::string(kMigrationInvalid), result.error().message_id);
  }
  EXPECT_TRUE(log.empty());
}

TEST_P(MigrationTest, MigrationsMaySyncSchemaAndMoveData) {
  std::vector<Migration> migrations = {
      {1, "create grade table", [](Connection& c) -> Status {
         auto synced =
             sync_schema(c, {TableDef{.name = "grade",
                                      .columns = {{.name = "code", .type = ColumnType::text, .not_null = true}},
                                      .primary_key = {"code"},
                                      .indexes = {}}});
         if (!synced) return synced.error();
         auto filled = c.execute("INSERT INTO grade (code) VALUES ($1), ($2), ($3)", {"A", "B", "C"});
         if (!filled) return filled.error();
         return {};
       }}};
  auto result = run_migrations(db(), "test", migrations);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(3, scalar("SELECT count(*) FROM grade"));
}

TEST_P(MigrationTest, EachScopeNumbersItsMigrationsIndependently) {
  std::vector<int> log;
  ASSERT_TRUE(run_migrations(db(), "audit", {step(1, log)}).ok());
  auto other = run_migrations(db(), "identity", {step(1, log), step(2, log)});
  ASSERT_TRUE(other.ok()) << describe(other);
  EXPECT_EQ((std::vector<int>{1, 2}), other->applied) << "version 1 of another scope does not count";
  auto recorded = applied_migrations(db());
  ASSERT_TRUE(recorded.ok()) << describe(recorded);
  ASSERT_EQ(3u, recorded->size());
  EXPECT_EQ("audit", (*recorded)[0].scope);
  EXPECT_EQ("identity", (*recorded)[2].scope);
}

VERP_STORAGE_BACKENDS(MigrationTest);

}  // namespace
}  // namespace verp::storage
