// Internal: one PostgreSQL session (libpq).
//
// The session runs with TimeZone=UTC, DateStyle=ISO and bytea_output=hex so that text results
// parse the same everywhere. Statements are prepared with PQprepare under generated names and
// cached per (SQL, parameter types); parameters go as text with explicit types (bigint, boolean,
// numeric, date, timestamptz; text and NULL left for the server to infer) except blobs, which go
// in binary. Results come back in text format. Used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform/storage/backend.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/statement_cache.hpp"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace verp::storage {

class PgParams;

class PgConnection final : public BackendConnection {
 public:
  static Result<std::unique_ptr<BackendConnection>> open(const std::string& url, const DatabaseOptions& options);
  ~PgConnection() override;

  Dialect dialect() const override { return Dialect::postgres; }
  using Connection::query;
  Result<ResultSet> query(std::string_view sql, Params params) override;
  Result<std::int64_t> execute_batch(std::string_view sql, std::span<const std::vector<Value>> param_sets) override;
  Status execute_script(std::string_view sql) override;
  // pg_notify on the channel qualified by the session's schema (pg_listener.hpp), so that
  // deployments sharing a database in different schemas do not hear each other.
  Status notify(std::string_view channel, std::string_view payload) override;

  Status begin(TransactionKind kind, Isolation isolation) override;
  Status commit() override;
  void rollback() override;
  bool healthy() const override;
  Status ping() override;

 private:
  PgConnection(PGconn* connection, std::size_t cache_size) : connection_(connection), cache_(cache_size) {}

  // The server-side name of the prepared statement for (sql, parameter types), preparing it
  // on first use.
  Result<std::string> prepared(std::string_view sql, const PgParams& params);
  // Pipelines one chunk of a batch; adds to `total`.
  Status pipeline_chunk(const std::vector<std::string>& names, std::span<const std::vector<Value>> param_sets,
                        std::int64_t& total);
  // Turns a PGresult (consumed) into rows or an error.
  Result<ResultSet> take(PGresult* result);
  Error error_from(const PGresult* result) const;
  Status simple(const char* sql);
  void deallocate_pending();

  PGconn* connection_;
  StatementCache<std::string> cache_;
  std::vector<std::string> pending_deallocate_;  // evicted while the transaction could not run DEALLOCATE
  std::uint64_t next_statement_ = 0;
};

}  // namespace verp::storage
