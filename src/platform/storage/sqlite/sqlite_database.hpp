// Internal: the SQLite Database: one writer connection (a pool of one, so writers queue on it
// with acquire_timeout) and a pool of reader connections. See database.hpp for the contract.
#pragma once

#include <memory>
#include <string>

#include "platform/storage/database.hpp"

namespace verp::storage {

class SqliteDatabase final : public Database {
 public:
  // Opens (creating) the file and its writer connection; readers open on first use.
  static Result<std::unique_ptr<Database>> open(std::string path, const DatabaseOptions& options);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  Status ping() override;
  Status close(std::chrono::milliseconds timeout = std::chrono::milliseconds::max()) override;

 protected:
  Result<ConnectionPool::Lease> acquire(TransactionKind kind) override;
  void add_pool_stats(PoolStats& stats) const override;

 private:
  SqliteDatabase(std::string path, const DatabaseOptions& options);

  std::string path_;
  std::unique_ptr<ConnectionPool> writer_;
  std::unique_ptr<ConnectionPool> readers_;  // null when reads use the writer
};

}  // namespace verp::storage
