// Connection: one database session, lent to a transaction function by Database::write/read.
//
// Placeholders: callers write PostgreSQL-style numbered placeholders `$1`, `$2`, … in every
// dialect. A number may repeat and appear in any order (`... WHERE a = $2 OR b = $2`); `$n`
// binds params[n-1]. PostgreSQL takes them natively; the SQLite backend binds `$n` by name.
// `?`, `:name` and `@name` are rejected ("storage.bad_placeholder"). Values are never spliced
// into SQL text, so user input cannot change a statement.
//
// Every query() is a prepared statement, cached per connection (LRU, DatabaseOptions::
// statement_cache_size) and keyed by the SQL text (PostgreSQL: text + parameter types), so
// repeating a statement costs no parsing. Write SQL that both dialects accept: `INSERT …
// ON CONFLICT … DO UPDATE`, `RETURNING`, CTEs, `LIMIT/OFFSET` all work in SQLite 3.40 and
// PostgreSQL 15; branch on dialect() only where they differ.
//
// Batches: every statement is one round trip on PostgreSQL (~0.1 ms on loopback). Insert many
// rows with one multi-row `INSERT … VALUES ($1,$2),($3,$4),…` (mind the limits: 32767 parameters
// on SQLite, 65535 on PostgreSQL), or run one statement for many parameter sets with
// execute_batch(), which uses libpq pipeline mode on PostgreSQL.
//
// Thread safety: a Connection is used by one thread at a time, and only inside the transaction
// function it was passed to; never keep a reference to it after that function returns.
// Failure: statement errors are returned as Errors (errors.hpp); on PostgreSQL a failed statement
// aborts the whole transaction, so return the error (or use savepoint()) rather than carry on.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/storage/result_set.hpp"
#include "platform/storage/value.hpp"

namespace verp::storage {

enum class Dialect { sqlite, postgres };

std::string_view to_string(Dialect dialect);

using Params = std::span<const Value>;

class Connection {
 public:
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Dialect dialect() const = 0;

  // Runs one statement and returns all its rows (a statement without rows returns an empty
  // set whose affected_rows() counts the changed rows). More than one statement in `sql` is an
  // error; use execute_script() for DDL scripts.
  virtual Result<ResultSet> query(std::string_view sql, Params params) = 0;
  Result<ResultSet> query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query(sql, Params(params.begin(), params.size()));
  }

  // Runs one statement and returns the number of rows it inserted, updated or deleted.
  Result<std::int64_t> execute(std::string_view sql, Params params);
  Result<std::int64_t> execute(std::string_view sql, std::initializer_list<Value> params = {}) {
    return execute(sql, Params(params.begin(), params.size()));
  }

  // The first row, or nullopt when there is none (further rows are ignored).
  Result<std::optional<Row>> query_row(std::string_view sql, Params params);
  Result<std::optional<Row>> query_row(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query_row(sql, Params(params.begin(), params.size()));
  }

  // Runs one statement once per parameter set, in order, stopping at the first error; returns
  // the total of affected rows. On PostgreSQL the statements are pipelined (one round trip per
  // few hundred statements instead of one each).
  virtual Result<std::int64_t> execute_batch(std::string_view sql, std::span<const std::vector<Value>> param_sets) = 0;

  // Runs SQL text that may hold several statements and no parameters (DDL). Never pass user
  // input here.
  virtual Status execute_script(std::string_view sql) = 0;

  // Runs `body` inside a SAVEPOINT: if it returns an error, only its work is rolled back and the
  // enclosing transaction stays usable (on PostgreSQL too). Returns what `body` returned.
  Status savepoint(const std::function<Status(Connection&)>& body);

  // Transactional notification (PostgreSQL's NOTIFY, on both backends): listeners registered with
  // Database::listen(channel) receive `payload` only if and after this write transaction commits;
  // a rollback, or the rollback of an enclosing savepoint, discards it. Identical (channel,
  // payload) pairs in one transaction are delivered once. On PostgreSQL every node listening on
  // the same database and schema hears it; on SQLite only this process's Database does.
  // Errors: validation "storage.bad_channel" (a channel is 1–40 of [a-z0-9_]),
  // "storage.notification_too_large" (payload of 8000 bytes or more, PostgreSQL's limit).
  virtual Status notify(std::string_view channel, std::string_view payload);

  // Notifications waiting for the commit (SQLite); the transaction runner takes them.
  struct PendingNotification {
    std::string channel;
    std::string payload;
  };
  std::vector<PendingNotification> take_notifications() { return std::exchange(pending_notifications_, {}); }

  // The checks notify() and Database::listen() apply on every backend.
  static Status check_channel(std::string_view channel);
  static Status check_notification(std::string_view channel, std::string_view payload);

 protected:
  Connection() = default;

 private:
  int savepoint_depth_ = 0;
  std::vector<PendingNotification> pending_notifications_;
};

// A statement bound to a connection, for running the same SQL repeatedly. Preparation and
// caching happen in the connection, so this is a convenience, not a resource: it must not
// outlive the transaction function whose connection it uses.
class Statement {
 public:
  Statement(Connection& connection, std::string sql) : connection_(&connection), sql_(std::move(sql)) {}

  const std::string& sql() const { return sql_; }
  Result<ResultSet> query(Params params) const { return connection_->query(sql_, params); }
  Result<ResultSet> query(std::initializer_list<Value> params = {}) const { return connection_->query(sql_, params); }
  Result<std::int64_t> execute(Params params) const { return connection_->execute(sql_, params); }
  Result<std::int64_t> execute(std::initializer_list<Value> params = {}) const {
    return connection_->execute(sql_, params);
  }
  Result<std::optional<Row>> query_row(std::initializer_list<Value> params = {}) const {
    return connection_->query_row(sql_, params);
  }
  Result<std::int64_t> execute_batch(std::span<const std::vector<Value>> param_sets) const {
    return connection_->execute_batch(sql_, param_sets);
  }

 private:
  Connection* connection_;
  std::string sql_;
};

}  // namespace verp::storage
