// The storage layer's error vocabulary: every failure of the storage API is an Error with one of
// these message ids. Callers branch on `kind`; the ids are stable and translated by i18n.
//
//   id                                 kind          meaning
//   storage.unique_violation           conflict      a unique or primary key already holds the value
//                                                    (args: constraint)
//   storage.foreign_key_violation      validation    a referenced row is missing, or still referenced
//   storage.not_null_violation         validation    NULL written to a NOT NULL column
//   storage.check_violation            validation    a CHECK constraint failed
//   storage.serialization_failure      unavailable   PG 40001; retried by Database::write/read
//   storage.deadlock                   unavailable   PG 40P01; retried
//   storage.busy                       unavailable   SQLITE_BUSY/LOCKED after the busy timeout; retried
//   storage.pool_timeout               unavailable   no connection free within acquire_timeout
//   storage.connect_failed             unavailable   cannot open/connect to the database
//   storage.connection_lost            unavailable   the connection broke during the transaction
//   storage.closed                     unavailable   Database::close() has been called
//   storage.bad_url                    validation    the database URL cannot be understood
//   storage.bad_options                validation    DatabaseOptions out of range
//   storage.schema_invalid             validation    a TableDef is malformed, or a change sync refuses
//   storage.migration_invalid          validation    migration versions not strictly increasing
//   storage.invalid_date / storage.invalid_timestamp   validation   unparsable date/time text
//   storage.nul_in_text                validation    a text parameter holds a NUL byte (use a Blob)
//   storage.timeout                    unavailable   PG statement/lock timeout (57014)
//   storage.sql_error                  internal      any other database error (syntax, missing table…)
//   storage.bad_placeholder            internal      SQL uses a placeholder other than $1..$n
//   storage.transaction_aborted        internal      a transaction function returned success after
//                                                    a failed statement (PG would silently roll back)
//   storage.type_mismatch / storage.unexpected_null / storage.no_such_column   internal   Row getters
//
// `detail` always carries the database's own message for logs; it is not user text.
#pragma once

#include <string_view>

#include "platform/base/result.hpp"

namespace verp::storage {

inline constexpr std::string_view kUniqueViolation = "storage.unique_violation";
inline constexpr std::string_view kForeignKeyViolation = "storage.foreign_key_violation";
inline constexpr std::string_view kNotNullViolation = "storage.not_null_violation";
inline constexpr std::string_view kCheckViolation = "storage.check_violation";
inline constexpr std::string_view kSerializationFailure = "storage.serialization_failure";
inline constexpr std::string_view kDeadlock = "storage.deadlock";
inline constexpr std::string_view kBusy = "storage.busy";
inline constexpr std::string_view kPoolTimeout = "storage.pool_timeout";
inline constexpr std::string_view kConnectFailed = "storage.connect_failed";
inline constexpr std::string_view kConnectionLost = "storage.connection_lost";
inline constexpr std::string_view kClosed = "storage.closed";
inline constexpr std::string_view kBadUrl = "storage.bad_url";
inline constexpr std::string_view kSchemaInvalid = "storage.schema_invalid";
inline constexpr std::string_view kMigrationInvalid = "storage.migration_invalid";
inline constexpr std::string_view kSqlError = "storage.sql_error";
inline constexpr std::string_view kBadPlaceholder = "storage.bad_placeholder";
inline constexpr std::string_view kTransactionAborted = "storage.transaction_aborted";

// True for the failures after which re-running the whole transaction can succeed:
// serialization failure, deadlock, busy. (A broken connection is retried by the runner only
// when it broke before COMMIT was sent; see Database.)
inline bool is_retryable(const Error& error) {
  return error.message_id == kSerializationFailure || error.message_id == kDeadlock || error.message_id == kBusy;
}

inline Error storage_error(ErrorKind kind, std::string_view id, std::string detail) {
  return make_error(kind, std::string(id), std::move(detail));
}

}  // namespace verp::storage
