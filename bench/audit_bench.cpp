// Audit appends per second: each append is one write transaction, as when one document
// transition is recorded. SQLite with synchronous=FULL (the default) and NORMAL; PostgreSQL
// when VERP_BENCH_POSTGRES_URL names a database (scripts/bench.sh passes the test cluster).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "platform/audit/audit_log.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/migrations.hpp"
#include "platform/storage/schema.hpp"

namespace {

using namespace verp;

std::unique_ptr<storage::Database> prepared(const std::string& url, const storage::DatabaseOptions& options) {
  auto database = storage::Database::open(url, options);
  if (!database) return nullptr;
  if (!storage::sync_schema(**database, audit::tables()).ok()) return nullptr;
  if (!storage::run_migrations(**database, audit::kMigrationScope, audit::migrations()).ok()) return nullptr;
  return std::move(database.value());
}

void run_appends(benchmark::State& state, storage::Database& database) {
  audit::Entry entry;
  entry.user_id = 1;
  entry.user_name = "bench";
  entry.company_id = 1;
  entry.address = "127.0.0.1";
  entry.request_id = "bench";
  entry.action = "update";
  entry.target_type = "sales_order";
  entry.target_id = "SO-2026-000123";
  entry.change = R"({"state":{"before":"draft","after":"confirmed"}})";
  for (auto _ : state) {
    entry.at = std::chrono::system_clock::now();
    auto status = database.write([&](storage::Connection& c) -> Status {
      auto seq = audit::append(c, entry);
      if (!seq) return seq.error();
      return {};
    });
    if (!status) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void SqliteAppend(benchmark::State& state) {
  const auto file = std::filesystem::temp_directory_path() / ("verp-audit-bench-" + std::to_string(::getpid()) + ".db");
  storage::DatabaseOptions options;
  options.sqlite_synchronous = state.range(0) == 1 ? storage::SqliteSync::full : storage::SqliteSync::normal;
  {
    auto database = prepared(file.string(), options);
    if (!database) {
      state.SkipWithError("cannot open SQLite");
      return;
    }
    run_appends(state, *database);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
}
BENCHMARK(SqliteAppend)->Arg(1)->Arg(0)->ArgName("synchronous_full")->UseRealTime();

void PostgresAppend(benchmark::State& state) {
  const char* url = std::getenv("VERP_BENCH_POSTGRES_URL");
  if (url == nullptr) {
    state.SkipWithError("VERP_BENCH_POSTGRES_URL not set");
    return;
  }
  auto database = prepared(url, {});
  if (!database) {
    state.SkipWithError("cannot open PostgreSQL");
    return;
  }
  run_appends(state, *database);
}
BENCHMARK(PostgresAppend)->UseRealTime();

}  // namespace
