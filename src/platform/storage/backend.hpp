// Internal: what a backend connection adds to the public Connection so that Database's
// transaction runner and the connection pool can drive it. Not for use outside storage/.
#pragma once

#include <chrono>

#include "platform/storage/connection.hpp"
#include "platform/storage/errors.hpp"

namespace verp::storage {

enum class TransactionKind { read, write };

// Checks a parameter before it is bound, identically for both backends: text must not contain
// NUL (PostgreSQL cannot store it; use a Blob) and a Date must be a real day. `position` is 1-based.
Status check_parameter(const Value& value, std::size_t position);

// PostgreSQL isolation levels; SQLite transactions are always serializable.
enum class Isolation { read_committed, repeatable_read, serializable };

class BackendConnection : public Connection {
 public:
  // Starts a transaction: read = a read-only snapshot, write = a read-write transaction that
  // holds the database's write lock (SQLite) or runs at `isolation` (PostgreSQL).
  virtual Status begin(TransactionKind kind, Isolation isolation) = 0;
  virtual Status commit() = 0;
  // Best effort; afterwards healthy() says whether the connection can be reused.
  virtual void rollback() = 0;
  // A cheap local check that the session is usable and idle (no open transaction).
  virtual bool healthy() const = 0;
  // A round trip to the server.
  virtual Status ping() = 0;

  // True when a statement of the current transaction failed in a way that re-running the
  // whole transaction may cure. Cleared by begin().
  bool retry_hint() const { return retry_hint_; }

  std::chrono::steady_clock::time_point last_used() const { return last_used_; }
  void touch() { last_used_ = std::chrono::steady_clock::now(); }

 protected:
  // Backends pass every statement error through here before returning it.
  Error note(Error error) {
    if (is_retryable(error) || error.message_id == kConnectionLost) retry_hint_ = true;
    return error;
  }
  void clear_retry_hint() { retry_hint_ = false; }

 private:
  bool retry_hint_ = false;
  std::chrono::steady_clock::time_point last_used_ = std::chrono::steady_clock::now();
};

}  // namespace verp::storage
