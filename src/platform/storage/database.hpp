// Database: the one entry point to storage. Opened from a URL, it owns the connections and runs
// transaction functions on them.
//
//   auto db = Database::open("data/verp.db");                    // SQLite (also "sqlite:path")
//   auto db = Database::open("postgresql://user@host/verp");     // PostgreSQL ("postgres://" too)
//
//   Status s = (*db)->write([&](Connection& c) -> Status {
//     auto r = c.execute("UPDATE stock SET qty = qty - $1 WHERE item_id = $2", {qty, item_id});
//     if (!r) return r.error();
//     return {};
//   });
//   Result<std::int64_t> n = (*db)->read([&](Connection& c) -> Result<std::int64_t> { … });
//
// Transactions are scopes, not objects: write()/read() lend a Connection inside a transaction,
// commit when the function succeeds and roll back when it returns an error. The WHOLE function
// is re-run (up to max_attempts, with a small randomised backoff) when the transaction failed
// with a serialization failure (PG 40001), a deadlock (PG 40P01) or SQLITE_BUSY, or when the
// connection broke before COMMIT. So a transaction function must have no side effects outside
// the database (no HTTP calls, no sent mail; collect them and act after the commit), and must
// not keep state across attempts. There is deliberately no begin()/commit() handle: the runner
// cannot retry code it does not own, and a handle can leak a connection.
//
// SQLite: WAL, synchronous=FULL by default (NORMAL on request: faster, but the last commits can
// be lost on power failure — the caller should warn), foreign keys on, STRICT tables. One writer
// connection, serialised: write() takes it (BEGIN IMMEDIATE), so writers queue in-process
// instead of spinning on SQLITE_BUSY; read() uses a pool of reader connections (query_only),
// each transaction a consistent snapshot that does not block or wait for the writer.
//
// PostgreSQL: a bounded pool (pool_size). write() runs at write_isolation (default READ
// COMMITTED: use `UPDATE … SET n = n + 1`, `… WHERE version = $v`, or `SELECT … FOR UPDATE` for
// read-modify-write, or ask for serializable in WriteOptions); read() runs REPEATABLE READ READ
// ONLY, one snapshot. Sessions run with TimeZone=UTC and DateStyle=ISO.
//
// Thread safety: a Database is safe to use from any number of threads. Waiting for a connection
// longer than acquire_timeout fails with ErrorKind::unavailable ("storage.pool_timeout").
// Never call write()/read() from inside a transaction function: it would be a second,
// independent transaction (on SQLite a nested write() waits for the writer its caller holds and
// fails after acquire_timeout). Pass the Connection down instead.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/storage/backend.hpp"
#include "platform/storage/connection.hpp"
#include "platform/storage/pool.hpp"

namespace verp::storage {

enum class SqliteSync { full, normal };

struct DatabaseOptions {
  // SQLite
  SqliteSync sqlite_synchronous = SqliteSync::full;
  std::size_t sqlite_readers = 4;                // reader connections; 0 = reads use the writer
  std::chrono::milliseconds busy_timeout{5000};  // SQLite waits this long for another process's lock

  // PostgreSQL
  std::size_t pool_size = 10;
  std::chrono::seconds connect_timeout{5};
  Isolation write_isolation = Isolation::read_committed;

  // Both
  std::chrono::milliseconds acquire_timeout{5000};      // wait for a free connection (SQLite: the writer)
  std::chrono::milliseconds health_check_after{30000};  // ping connections idle longer than this
  std::size_t statement_cache_size = 256;               // prepared statements kept per connection
  int max_attempts = 5;                                 // transaction runs, first one included
  std::chrono::milliseconds retry_backoff{2};           // doubles per attempt, randomised ±50 %
  std::chrono::milliseconds retry_backoff_max{200};
};

struct WriteOptions {
  std::optional<Isolation> isolation;  // PostgreSQL only; defaults to DatabaseOptions::write_isolation
};

// Figures for /metrics. For SQLite they add up the writer (size 1) and the reader pool.
struct PoolStats {
  std::size_t max_size = 0;        // connections the pool may open
  std::size_t open = 0;            // connections open now
  std::size_t in_use = 0;          // lent to transactions now
  std::uint64_t acquisitions = 0;  // connections lent, in total
  std::uint64_t waits = 0;         // acquisitions that had to wait for a connection
  std::uint64_t timeouts = 0;      // acquisitions that gave up (ErrorKind::unavailable)
  std::uint64_t discarded = 0;     // connections closed by a failed health check
  std::uint64_t retries = 0;       // transactions re-run after serialization failure/deadlock/busy
  std::uint64_t transactions = 0;  // transaction attempts finished (committed or not, retries included)
};

// Called with a notification's payload (see Connection::notify). It runs on the committing
// thread (SQLite) or on the database's listener thread (PostgreSQL), while the listener registry
// is locked: be quick, never block, and never call listen() or drop a Listener from inside it.
using NotificationHandler = std::function<void(std::string_view payload)>;
// Called (under the same rules) when notifications may have been missed: on PostgreSQL, after
// the LISTEN session broke and listens again. Listeners that mirror state should resynchronise.
using GapHandler = std::function<void()>;

class Database;

// A registration made by Database::listen(); dropping it stops the calls. It must not outlive
// its Database.
class Listener {
 public:
  Listener(Database& database, std::uint64_t id) : database_(database), id_(id) {}
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

 private:
  Database& database_;
  std::uint64_t id_;
};

class Database {
 public:
  // Opens a database: "postgresql://…" or "postgres://…" → PostgreSQL (libpq URL syntax, query
  // parameters such as sslmode and options=-csearch_path%3Dx pass through); "sqlite:PATH",
  // "sqlite://PATH" or a plain file path → SQLite (the file is created; ":memory:" works with
  // reads on the writer). Connects once to fail fast. Errors: "storage.bad_url" (validation),
  // "storage.connect_failed" (unavailable).
  static Result<std::unique_ptr<Database>> open(std::string_view url, const DatabaseOptions& options = {});

  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  virtual Dialect dialect() const = 0;
  const DatabaseOptions& options() const { return options_; }

  // Runs fn(Connection&) in a read-write transaction, retrying as described above. F returns
  // Status or Result<T>; write() returns the same type: fn's result after a commit, fn's error
  // after a rollback, or the commit's or the runner's own error.
  template <typename F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Connection&> {
    return run<F>(TransactionKind::write, WriteOptions{}, fn);
  }
  template <typename F>
  auto write(const WriteOptions& options, F&& fn) -> std::invoke_result_t<F&, Connection&> {
    return run<F>(TransactionKind::write, options, fn);
  }
  // Runs fn(Connection&) in a read-only snapshot transaction; writes in it fail.
  template <typename F>
  auto read(F&& fn) -> std::invoke_result_t<F&, Connection&> {
    return run<F>(TransactionKind::read, WriteOptions{}, fn);
  }

  // Calls `handler` with the payload of every notification on `channel` that commits from now on
  // (Connection::notify). On PostgreSQL this node keeps one dedicated LISTEN session (opened by
  // the first listen(), re-opened with backoff when it breaks) and returns once it listens, so
  // notifications committed by any node after listen() returns are heard; while that session is
  // down, notifications are missed, not queued. Errors: "storage.bad_channel", and on PostgreSQL
  // "storage.connect_failed" when the session cannot be opened within connect_timeout.
  // `on_gap` (optional) hears of each such interruption once the session listens again.
  virtual Result<std::unique_ptr<Listener>> listen(std::string_view channel, NotificationHandler handler,
                                                   GapHandler on_gap = {});

  // One round trip on a pooled connection (for /readyz). Errors are ErrorKind::unavailable.
  virtual Status ping() = 0;

  PoolStats stats() const;

  // Refuses new transactions ("storage.closed"), waits up to `timeout` for running ones to
  // return their connections, and closes all connections. Idempotent. The destructor closes
  // and waits without limit.
  virtual Status close(std::chrono::milliseconds timeout = std::chrono::milliseconds::max()) = 0;

 protected:
  explicit Database(const DatabaseOptions& options) : options_(options) {}

  // Backend hook: a connection for this kind of transaction, waiting up to acquire_timeout.
  virtual Result<ConnectionPool::Lease> acquire(TransactionKind kind) = 0;
  virtual void add_pool_stats(PoolStats& stats) const = 0;

  // Registers a handler; delivers to the handlers of `channel` (from any thread).
  std::unique_ptr<Listener> add_listener(std::string_view channel, NotificationHandler handler, GapHandler on_gap);
  void deliver(std::string_view channel, std::string_view payload);
  void announce_gap(std::string_view channel);

 private:
  friend class Listener;
  void remove_listener(std::uint64_t id);

  struct ListenerEntry {
    std::uint64_t id = 0;
    std::string channel;
    NotificationHandler handler;
    GapHandler on_gap;
  };
  std::mutex listeners_mutex_;
  std::mutex delivery_mutex_;  // SQLite: notifications are delivered in commit order
  std::vector<ListenerEntry> listeners_;
  std::uint64_t next_listener_ = 1;

  template <typename F>
  auto run(TransactionKind kind, const WriteOptions& options, F& fn) -> std::invoke_result_t<F&, Connection&>;

  // The runner: attempts, backoff, commit/rollback. `fn` is called once per attempt.
  Status run_transaction(TransactionKind kind, const WriteOptions& options,
                         const std::function<Status(Connection&)>& fn);

  DatabaseOptions options_;
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> transactions_{0};
};

template <typename F>
auto Database::run(TransactionKind kind, const WriteOptions& options, F& fn) -> std::invoke_result_t<F&, Connection&> {
  using R = std::invoke_result_t<F&, Connection&>;
  if constexpr (std::is_same_v<R, Status>) {
    return run_transaction(kind, options, [&fn](Connection& c) -> Status { return fn(c); });
  } else {
    std::optional<R> out;
    Status status = run_transaction(kind, options, [&fn, &out](Connection& c) -> Status {
      out.emplace(fn(c));
      if (!out->ok()) return out->error();
      return {};
    });
    if (!status) return std::move(status).error();
    return std::move(*out);
  }
}

}  // namespace verp::storage
