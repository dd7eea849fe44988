// Internal: the PostgreSQL Database: one bounded pool of sessions. See database.hpp.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "platform/storage/database.hpp"
#include "platform/storage/postgres/pg_listener.hpp"

namespace verp::storage {

class PgDatabase final : public Database {
 public:
  // Connects once to check the URL and the server.
  static Result<std::unique_ptr<Database>> open(std::string url, const DatabaseOptions& options);
  ~PgDatabase() override;

  Dialect dialect() const override { return Dialect::postgres; }
  Status ping() override;
  Status close(std::chrono::milliseconds timeout = std::chrono::milliseconds::max()) override;
  Result<std::unique_ptr<Listener>> listen(std::string_view channel, NotificationHandler handler,
                                           GapHandler on_gap = {}) override;

 protected:
  Result<ConnectionPool::Lease> acquire(TransactionKind kind) override;
  void add_pool_stats(PoolStats& stats) const override;

 private:
  PgDatabase(std::string url, const DatabaseOptions& options);

  std::string url_;
  std::unique_ptr<ConnectionPool> pool_;
  std::mutex listener_mutex_;
  std::unique_ptr<PgListener> listener_;  // made by the first listen()
};

}  // namespace verp::storage
