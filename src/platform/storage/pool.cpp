#include "platform/storage/pool.hpp"

#include "platform/storage/database.hpp"

namespace verp::storage {

ConnectionPool::ConnectionPool(std::size_t max_size, Factory factory, std::chrono::milliseconds health_check_after)
    : max_size_(max_size), factory_(std::move(factory)), health_check_after_(health_check_after) {}

ConnectionPool::~ConnectionPool() { (void)close(); }

void ConnectionPool::Lease::reset() {
  if (connection_ && pool_ != nullptr) pool_->release(std::move(connection_));
  connection_.reset();
}

Result<ConnectionPool::Lease> ConnectionPool::acquire(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  bool waited = false;
  for (;;) {
    if (closed_) return storage_error(ErrorKind::unavailable, kClosed, "the database is closed");

    if (!idle_.empty()) {
      std::unique_ptr<BackendConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      ++leased_;
      lock.unlock();
      // Checked outside the lock: a ping is a round trip.
      bool stale = std::chrono::steady_clock::now() - connection->last_used() > health_check_after_;
      if (connection->healthy() && (!stale || connection->ping())) {
        lock.lock();
        ++acquisitions_;
        if (waited) ++waits_;
        return Lease(this, std::move(connection));
      }
      connection.reset();
      lock.lock();
      --leased_;
      --open_;
      ++discarded_;
      continue;  // there is room for a new connection now
    }

    if (open_ < max_size_) {
      ++open_;
      ++leased_;
      lock.unlock();
      auto created = factory_();
      lock.lock();
      if (!created) {
        --open_;
        --leased_;
        available_.notify_one();  // someone waiting may try to connect instead
        return std::move(created).error();
      }
      ++acquisitions_;
      if (waited) ++waits_;
      return Lease(this, std::move(created).value());
    }

    waited = true;
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && !(open_ < max_size_) &&
        !closed_) {
      ++timeouts_;
      ++waits_;
      return storage_error(ErrorKind::unavailable, kPoolTimeout,
                           "no database connection free within " + std::to_string(timeout.count()) + " ms");
    }
  }
}

void ConnectionPool::release(std::unique_ptr<BackendConnection> connection) {
  connection->touch();
  bool keep = connection->healthy();
  std::unique_lock lock(mutex_);
  --leased_;
  if (keep && !closed_) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
    if (!keep) ++discarded_;
    lock.unlock();
    connection.reset();  // closes the session outside the lock
    lock.lock();
  }
  available_.notify_all();  // notify_all: close() may be waiting besides one acquirer
}

Status ConnectionPool::close(std::chrono::milliseconds timeout) {
  std::vector<std::unique_ptr<BackendConnection>> to_close;
  Status status;
  {
    std::unique_lock lock(mutex_);
    closed_ = true;
    available_.notify_all();
    auto no_leases = [this] { return leased_ == 0; };
    if (timeout == std::chrono::milliseconds::max()) {
      available_.wait(lock, no_leases);
    } else if (!available_.wait_for(lock, timeout, no_leases)) {
      status = storage_error(ErrorKind::unavailable, kClosed,
                             std::to_string(leased_) + " connections still in use at close");
    }
    to_close.swap(idle_);
    open_ -= to_close.size();
  }
  to_close.clear();
  return status;
}

void ConnectionPool::add_stats(PoolStats& stats) const {
  std::lock_guard lock(mutex_);
  stats.max_size += max_size_;
  stats.open += open_;
  stats.in_use += leased_;
  stats.acquisitions += acquisitions_;
  stats.waits += waits_;
  stats.timeouts += timeouts_;
  stats.discarded += discarded_;
}

}  // namespace verp::storage
