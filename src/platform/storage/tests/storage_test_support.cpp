#include "platform/storage/tests/storage_test_support.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

namespace verp::storage::testing_support {
namespace {

constexpr const char* kNoPostgres =
    "VERP_TEST_POSTGRES_URL is not set, so the PostgreSQL half of the storage tests cannot run.\n"
    "Start a throw-away cluster and export its URL:\n"
    "  scripts/pg-test-cluster.sh start\n"
    "  export VERP_TEST_POSTGRES_URL=$(scripts/pg-test-cluster.sh url)\n"
    "(`make test` does this for you.)";

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(device() % 1000000);
}

// Runs SQL on a short-lived libpq connection outside the code under test.
bool run_admin_sql(const std::string& url, const std::string& sql, std::string& message) {
  PGconn* connection = PQconnectdb(url.c_str());
  bool ok = PQstatus(connection) == CONNECTION_OK;
  if (ok) {
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);  // "drop cascades to …"
    PGresult* result = PQexec(connection, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    if (!ok) message = PQresultErrorMessage(result);
    PQclear(result);
  } else {
    message = PQerrorMessage(connection);
  }
  PQfinish(connection);
  return ok;
}

}  // namespace

void PrintTo(Backend backend, std::ostream* out) { *out << (backend == Backend::sqlite ? "sqlite" : "postgres"); }

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgres";
}

std::string describe(const Error& error) {
  std::string text = error.message_id + " (kind " + std::to_string(static_cast<int>(error.kind)) + ")";
  if (!error.detail.empty()) text += ": " + error.detail;
  return text;
}

std::unique_ptr<FreshDatabase> FreshDatabase::create(Backend backend) {
  if (backend == Backend::sqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "verp-storage-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "cannot create a temporary folder";
      return nullptr;
    }
    return std::unique_ptr<FreshDatabase>(new FreshDatabase(backend, pattern + "/test.db", pattern));
  }
  const char* base = std::getenv("VERP_TEST_POSTGRES_URL");
  if (base == nullptr || *base == '\0') {
    ADD_FAILURE() << kNoPostgres;
    return nullptr;
  }
  std::string base_url = base;
  std::string schema = "verp_test_" + unique_suffix();
  std::string message;
  if (!run_admin_sql(base_url, "CREATE SCHEMA " + schema, message)) {
    ADD_FAILURE() << "cannot create a test schema at VERP_TEST_POSTGRES_URL=" << base_url << ": " << message;
    return nullptr;
  }
  std::string url =
      base_url + (base_url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  return std::unique_ptr<FreshDatabase>(new FreshDatabase(backend, url, schema + "\n" + base_url));
}

FreshDatabase::~FreshDatabase() {
  if (backend_ == Backend::sqlite) {
    std::error_code ignored;
    std::filesystem::remove_all(cleanup_, ignored);
    return;
  }
  auto newline = cleanup_.find('\n');
  std::string message;
  if (!run_admin_sql(cleanup_.substr(newline + 1), "DROP SCHEMA " + cleanup_.substr(0, newline) + " CASCADE",
                     message)) {
    ADD_FAILURE() << "cannot drop test schema: " << message;
  }
}

void StorageTest::SetUp() {
  fresh_ = FreshDatabase::create(GetParam());
  if (!fresh_) {
    FAIL() << "no fresh " << (is_postgres() ? "PostgreSQL" : "SQLite") << " database";
  }
  reopen(DatabaseOptions{});
}

void StorageTest::TearDown() {
  if (database_) {
    VERP_EXPECT_OK(database_->close(std::chrono::seconds(30)));
  }
  database_.reset();
  fresh_.reset();
}

void StorageTest::reopen(const DatabaseOptions& options) {
  database_.reset();
  auto opened = Database::open(fresh_->url(), options);
  ASSERT_TRUE(opened.ok()) << describe(opened);
  database_ = std::move(opened).value();
}

std::unique_ptr<Database> StorageTest::open_another(const DatabaseOptions& options) {
  auto opened = Database::open(fresh_->url(), options);
  EXPECT_TRUE(opened.ok()) << describe(opened);
  return opened ? std::move(opened).value() : nullptr;
}

void StorageTest::create_table(const TableDef& table) {
  auto synced = sync_schema(db(), {table});
  ASSERT_TRUE(synced.ok()) << describe(synced);
}

Result<std::int64_t> StorageTest::exec(const std::string& sql, std::initializer_list<Value> params) {
  std::vector<Value> copy(params);
  return db().write([&](Connection& c) { return c.execute(sql, copy); });
}

std::int64_t StorageTest::scalar(const std::string& sql, std::initializer_list<Value> params) {
  std::vector<Value> copy(params);
  auto value = db().read([&](Connection& c) -> Result<std::int64_t> {
    auto row = c.query_row(sql, copy);
    if (!row) return std::move(row).error();
    if (!*row) return make_error(ErrorKind::not_found, "test.no_row");
    return (*row)->int64(0);
  });
  EXPECT_TRUE(value.ok()) << sql << ": " << describe(value);
  return value.ok() ? *value : -1;
}

}  // namespace verp::storage::testing_support
