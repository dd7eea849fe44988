// Internal: the PostgreSQL Database: one bounded pool of sessions. See database.hpp.
#pragma once

#include <memory>
#include <string>

#include "platform/storage/database.hpp"

namespace verp::storage {

class PgDatabase final : public Database {
 public:
  // Connects once to check the URL and the server.
  static Result<std::unique_ptr<Database>> open(std::string url, const DatabaseOptions& options);
  ~PgDatabase() override;

  Dialect dialect() const override { return Dialect::postgres; }
  Status ping() override;
  Status close(std::chrono::milliseconds timeout = std::chrono::milliseconds::max()) override;

 protected:
  Result<ConnectionPool::Lease> acquire(TransactionKind kind) override;
  void add_pool_stats(PoolStats& stats) const override;

 private:
  PgDatabase(std::string url, const DatabaseOptions& options);

  std::string url_;
  std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace verp::storage
