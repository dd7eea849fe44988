// Test vocabulary for storage: every test runs on a fresh database of each backend.
//
// SQLite: a new file in a new temporary folder, removed afterwards. PostgreSQL: a new schema
// in the database named by VERP_TEST_POSTGRES_URL (see scripts/pg-test-cluster.sh), put first
// on the search_path of every connection, dropped afterwards. Without that variable the
// postgres instances fail, saying how to start a cluster: they never skip.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "platform/storage/database.hpp"
#include "platform/storage/errors.hpp"
#include "platform/storage/schema.hpp"

namespace verp::storage::testing_support {

enum class Backend { sqlite, postgres };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info);
void PrintTo(Backend backend, std::ostream* out);

// "storage.unique_violation (conflict): <detail>" for failure messages.
std::string describe(const Error& error);
template <typename T>
std::string describe(const Result<T>& result) {
  return result.ok() ? std::string("ok") : describe(result.error());
}

#define VERP_ASSERT_OK(expr)                                                                    \
  do {                                                                                          \
    const auto& verp_result_ = (expr);                                                          \
    ASSERT_TRUE(verp_result_.ok()) << ::verp::storage::testing_support::describe(verp_result_); \
  } while (0)
#define VERP_EXPECT_OK(expr)                                                                    \
  do {                                                                                          \
    const auto& verp_result_ = (expr);                                                          \
    EXPECT_TRUE(verp_result_.ok()) << ::verp::storage::testing_support::describe(verp_result_); \
  } while (0)

// A throw-away database: its URL and, for SQLite, the file path.
class FreshDatabase {
 public:
  // Fails (gtest failure + nullptr) when the backend is not available.
  static std::unique_ptr<FreshDatabase> create(Backend backend);
  ~FreshDatabase();

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  const std::string& sqlite_path() const { return url_; }

 private:
  FreshDatabase(Backend backend, std::string url, std::string cleanup)
      : backend_(backend), url_(std::move(url)), cleanup_(std::move(cleanup)) {}

  Backend backend_;
  std::string url_;
  std::string cleanup_;  // the temporary folder (SQLite) or the schema (PostgreSQL)
};

// Base fixture: GetParam() is the backend; SetUp opens `db()` with default options.
class StorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Database& db() { return *database_; }
  bool is_postgres() const { return GetParam() == Backend::postgres; }
  const FreshDatabase& fresh() const { return *fresh_; }

  // Closes db() and opens the same fresh database again with these options.
  void reopen(const DatabaseOptions& options);
  // Opens another Database on the same fresh database.
  std::unique_ptr<Database> open_another(const DatabaseOptions& options = {});

  // Creates a table through sync_schema; asserts success.
  void create_table(const TableDef& table);
  // Runs one statement in its own write transaction.
  Result<std::int64_t> exec(const std::string& sql, std::initializer_list<Value> params = {});
  // The single int64 answered by a query (e.g. a count), in a read transaction.
  std::int64_t scalar(const std::string& sql, std::initializer_list<Value> params = {});

 private:
  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database> database_;
};

#define VERP_STORAGE_BACKENDS(fixture)                                                             \
  INSTANTIATE_TEST_SUITE_P(Backends, fixture,                                                      \
                           ::testing::Values(::verp::storage::testing_support::Backend::sqlite,    \
                                             ::verp::storage::testing_support::Backend::postgres), \
                           ::verp::storage::testing_support::backend_name)

}  // namespace verp::storage::testing_support
