// Internal: a bounded pool of backend connections with blocking acquire.
//
// Connections are created lazily up to max_size by the factory. acquire() hands out an idle
// connection (most recently used first), creates one when below max_size, or waits until one is
// returned; past the timeout it fails with ErrorKind::unavailable "storage.pool_timeout".
// A connection idle longer than health_check_after is pinged before it is handed out, and a
// connection that fails the check (or comes back unhealthy) is discarded and replaced.
// All member functions are thread-safe. The pool must outlive every lease it handed out.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "platform/storage/backend.hpp"

namespace verp::storage {

struct PoolStats;

class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<BackendConnection>>()>;

  ConnectionPool(std::size_t max_size, Factory factory, std::chrono::milliseconds health_check_after);
  ~ConnectionPool();  // closes, waiting for leases to come back
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A leased connection; returns it to the pool when destroyed.
  class Lease {
   public:
    Lease() = default;
    Lease(ConnectionPool* pool, std::unique_ptr<BackendConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        reset();
        pool_ = other.pool_;
        connection_ = std::move(other.connection_);
      }
      return *this;
    }
    ~Lease() { reset(); }

    BackendConnection& operator*() const { return *connection_; }
    BackendConnection* operator->() const { return connection_.get(); }
    void reset();

   private:
    ConnectionPool* pool_ = nullptr;
    std::unique_ptr<BackendConnection> connection_;
  };

  Result<Lease> acquire(std::chrono::milliseconds timeout);

  // Stops handing out connections (acquire fails with "storage.closed"), waits up to `timeout`
  // for leases to come back, and closes the idle connections. Returns unavailable when leases
  // are still out at the deadline; those connections are closed when they come back.
  Status close(std::chrono::milliseconds timeout = std::chrono::milliseconds::max());

  // Adds this pool's figures to `stats` (so a SQLite writer and reader pool add up).
  void add_stats(PoolStats& stats) const;
  std::size_t max_size() const { return max_size_; }

 private:
  void release(std::unique_ptr<BackendConnection> connection);

  const std::size_t max_size_;
  const Factory factory_;
  const std::chrono::milliseconds health_check_after_;

  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<BackendConnection>> idle_;
  std::size_t open_ = 0;  // idle + leased + being created
  std::size_t leased_ = 0;
  bool closed_ = false;
  std::uint64_t acquisitions_ = 0;
  std::uint64_t waits_ = 0;
  std::uint64_t timeouts_ = 0;
  std::uint64_t discarded_ = 0;
};

}  // namespace verp::storage
