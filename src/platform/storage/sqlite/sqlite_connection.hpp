// Internal: one SQLite connection (sqlite3 C API), writer or reader.
//
// A writer opens (and creates) the file, switches it to WAL, sets synchronous and turns foreign
// keys on; a reader opens the existing file with query_only=ON. Both use extended result codes
// and the busy timeout. Statements are prepared once (SQLITE_PREPARE_PERSISTENT) and cached;
// `$n` placeholders are bound by name. Used by one thread at a time (SQLITE_OPEN_NOMUTEX).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/storage/backend.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/statement_cache.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace verp::storage {

class SqliteConnection final : public BackendConnection {
 public:
  enum class Role { writer, reader };

  static Result<std::unique_ptr<BackendConnection>> open(const std::string& path, Role role,
                                                         const DatabaseOptions& options);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  using Connection::query;
  Result<ResultSet> query(std::string_view sql, Params params) override;
  Result<std::int64_t> execute_batch(std::string_view sql, std::span<const std::vector<Value>> param_sets) override;
  Status execute_script(std::string_view sql) override;

  Status begin(TransactionKind kind, Isolation isolation) override;
  Status commit() override;
  void rollback() override;
  bool healthy() const override;
  Status ping() override;

 private:
  SqliteConnection(sqlite3* db, std::size_t cache_size) : db_(db), cache_(cache_size) {}

  Result<sqlite3_stmt*> prepare(std::string_view sql);
  Status bind(sqlite3_stmt* statement, Params params);
  Result<ResultSet> run(sqlite3_stmt* statement);
  Error last_error(int code) const;
  Status switch_to_wal(std::chrono::milliseconds patience);

  sqlite3* db_;
  StatementCache<sqlite3_stmt*> cache_;
  // For each cached statement, the N of each parameter "$N" by index. Asking SQLite for a
  // parameter's name is a linear search, so binding by name would cost O(n²) for the
  // thousand-parameter multi-row INSERTs imports use; this is computed once per statement.
  std::unordered_map<sqlite3_stmt*, std::vector<std::uint32_t>> placeholder_numbers_;
};

}  // namespace verp::storage
