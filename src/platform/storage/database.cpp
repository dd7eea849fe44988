#include "platform/storage/database.hpp"

#include <algorithm>
#include <random>
#include <thread>

#include "platform/storage/postgres/pg_database.hpp"
#include "platform/storage/sqlite/sqlite_database.hpp"

namespace verp::storage {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::chrono::milliseconds backoff_for(const DatabaseOptions& options, int attempt) {
  std::int64_t base = options.retry_backoff.count() << std::min(attempt - 1, 16);
  base = std::min<std::int64_t>(base, options.retry_backoff_max.count());
  // Randomised so that transactions that collided once do not collide again in lock step.
  thread_local std::minstd_rand random{std::random_device{}()};
  std::uniform_real_distribution<double> factor(0.5, 1.5);
  return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(base) * factor(random)));
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(std::string_view url, const DatabaseOptions& options) {
  if (url.empty()) return storage_error(ErrorKind::validation, kBadUrl, "empty database URL");
  if (options.max_attempts < 1 || options.pool_size < 1) {
    return storage_error(ErrorKind::validation, "storage.bad_options", "max_attempts and pool_size must be at least 1");
  }
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    return PgDatabase::open(std::string(url), options);
  }
  std::string_view path = url;
  if (starts_with(path, "sqlite:")) {
    path.remove_prefix(7);
    if (starts_with(path, "//")) path.remove_prefix(2);
  } else if (auto scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    return storage_error(ErrorKind::validation, kBadUrl,
                         "unsupported database URL scheme '" + std::string(url.substr(0, scheme_end)) + "'")
        .with_arg("url", std::string(url));
  }
  if (path.empty()) return storage_error(ErrorKind::validation, kBadUrl, "no SQLite file path in the URL");
  return SqliteDatabase::open(std::string(path), options);
}

PoolStats Database::stats() const {
  PoolStats stats;
  add_pool_stats(stats);
  stats.retries = retries_.load(std::memory_order_relaxed);
  stats.transactions = transactions_.load(std::memory_order_relaxed);
  return stats;
}

Listener::~Listener() { database_.remove_listener(id_); }

Result<std::unique_ptr<Listener>> Database::listen(std::string_view channel, NotificationHandler handler,
                                                   GapHandler on_gap) {
  if (Status checked = Connection::check_channel(channel); !checked) return std::move(checked).error();
  return add_listener(channel, std::move(handler), std::move(on_gap));
}

std::unique_ptr<Listener> Database::add_listener(std::string_view channel, NotificationHandler handler,
                                                 GapHandler on_gap) {
  std::lock_guard lock(listeners_mutex_);
  const std::uint64_t id = next_listener_++;
  listeners_.push_back({id, std::string(channel), std::move(handler), std::move(on_gap)});
  return std::make_unique<Listener>(*this, id);
}

void Database::remove_listener(std::uint64_t id) {
  std::lock_guard lock(listeners_mutex_);
  std::erase_if(listeners_, [id](const ListenerEntry& entry) { return entry.id == id; });
}

void Database::deliver(std::string_view channel, std::string_view payload) {
  // Under the lock, so that once ~Listener returns its handler is never called again.
  std::lock_guard lock(listeners_mutex_);
  for (const ListenerEntry& entry : listeners_) {
    if (entry.channel == channel) entry.handler(payload);
  }
}

void Database::announce_gap(std::string_view channel) {
  std::lock_guard lock(listeners_mutex_);
  for (const ListenerEntry& entry : listeners_) {
    if (entry.channel == channel && entry.on_gap) entry.on_gap();
  }
}

Status Database::run_transaction(TransactionKind kind, const WriteOptions& write_options,
                                 const std::function<Status(Connection&)>& fn) {
  Isolation isolation = write_options.isolation.value_or(options_.write_isolation);
  Status outcome;
  for (int attempt = 1;; ++attempt) {
    bool retryable = false;
    std::vector<Connection::PendingNotification> committed;
    std::unique_lock<std::mutex> in_commit_order(delivery_mutex_, std::defer_lock);
    {
      auto lease = acquire(kind);
      if (!lease) return std::move(lease).error();
      BackendConnection& connection = **lease;

      (void)connection.take_notifications();  // nothing from an earlier, failed use of the connection
      outcome = connection.begin(kind, isolation);
      if (!outcome) {
        retryable = connection.retry_hint() || is_retryable(outcome.error());
        connection.rollback();
      } else {
        outcome = fn(connection);
        if (outcome) {
          // A commit that fails with a serialization failure rolled back; one that lost the
          // connection may or may not have committed, so only the former is retried.
          outcome = connection.commit();
          if (!outcome) {
            retryable = is_retryable(outcome.error());
            connection.rollback();  // SQLite keeps the transaction open after a failed COMMIT
          }
          if (outcome && kind == TransactionKind::write) committed = connection.take_notifications();
          // Taken before the writer goes back, so the next commit's notifications wait for these.
          if (!committed.empty()) in_commit_order.lock();
        } else {
          retryable = connection.retry_hint() || is_retryable(outcome.error());
          connection.rollback();
        }
      }
      transactions_.fetch_add(1, std::memory_order_relaxed);
    }  // the connection goes back before the backoff, so others can proceed
    // After the connection went back: listeners must not hold up the next writer.
    for (const auto& notification : committed) deliver(notification.channel, notification.payload);
    if (in_commit_order.owns_lock()) in_commit_order.unlock();
    if (outcome || !retryable || attempt >= options_.max_attempts) return outcome;
    retries_.fetch_add(1, std::memory_order_relaxed);
    std::this_thread::sleep_for(backoff_for(options_, attempt));
  }
}

}  // namespace verp::storage
