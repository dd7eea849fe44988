// The audit log: an append-only, tamper-evident record of who did what, when, to which record.
//
// Every module that changes data or handles a security event calls append() with the same
// Connection as the change itself, so the record commits or rolls back together with it:
//
//   auto saved = db.write([&](storage::Connection& c) -> Status {
//     ... change the customer ...
//     audit::Entry entry{.at = clock.now(), .user_id = user.id, .user_name = user.name, ...,
//                        .action = "update", .target_type = "customer", .target_id = "42",
//                        .change = audit::change_json({{.field = "name", .before = old, .after = now}})};
//     if (auto seq = audit::append(c, entry); !seq) return seq.error();
//     return {};
//   });
//
// Tamper evidence. Records form one hash chain in `seq` order (1, 2, 3, … without gaps):
// hash = hex SHA-256(previous_hash || canonical encoding of the record), the first record's
// previous_hash being 64 zeros. The canonical encoding is hash_chain.hpp's. The one-row table
// `audit_head` holds the last seq and hash, so removing records from the end is detected too.
// verify() recomputes the chain. Triggers (migrations()) refuse UPDATE, DELETE and (PostgreSQL)
// TRUNCATE on `audit_log` and any rewind of `audit_head`, so the application cannot change the
// log by mistake. What the chain cannot catch: someone with DDL rights who drops the triggers,
// rewrites records AND recomputes every later hash and the head. Anchoring the head outside the
// database (printing or mailing it) closes that gap; it is not done here.
//
// Concurrency. append() first runs `UPDATE audit_head … WHERE id = 1`: on PostgreSQL that row
// lock serialises appenders until their transaction ends (READ COMMITTED sees the committed
// head; at REPEATABLE READ/SERIALIZABLE the second appender gets a serialization failure and
// Database::write re-runs it), on SQLite the single writer serialises anyway. So parallel
// transactions form one chain with no forks and no gaps, and a rolled-back transaction leaves
// no hole. The price: audit appends are a point of serialisation; keep the work done between
// append() and commit short.
//
// Setting up: the application syncs tables() and runs migrations() under kMigrationScope. The
// first migration also syncs tables() itself and seeds the head row, so it is self-sufficient.
//
// Thread safety: all functions are stateless; a Connection is used by one thread at a time
// (connection.hpp). Errors raised here, besides storage's own (errors.hpp):
//   audit.invalid_entry    validation  an Entry field is malformed (args: field)
//   audit.invalid_change   validation  Entry::change is not a JSON object
//   audit.invalid_query    validation  a Query is out of range (args: field)
//   audit.not_initialised  internal    the audit_head row is missing: migrations() did not run
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/export/table.hpp"
#include "platform/storage/connection.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/migrations.hpp"
#include "platform/storage/schema.hpp"

namespace verp::audit {

// One thing that happened. `change` is a JSON object text: for updates
// {"field": {"before": x, "after": y}, ...}, for creates {"field": {"after": y}}, for deletes
// {"field": {"before": x}}, or any event detail object (sign-in: {"reason": "bad_password"});
// never secrets: callers pass sensitive fields through redact() or FieldChange::sensitive.
// All text is UTF-8 without NUL bytes. `at` is kept to the microsecond (truncated).
struct Entry {
  Clock::TimePoint at;                  // when (UTC), from the caller's Clock
  std::optional<std::int64_t> user_id;  // who (none for anonymous, e.g. a failed sign-in of an unknown name)
  std::string user_name;                // as typed / as known, for readers of the log
  std::optional<std::int64_t> company_id;
  std::string address;     // client IP
  std::string request_id;  // correlates with the request log
  // "create", "update", "delete", "sign_in.success", "sign_in.failure", "mfa.enrol", "role.grant", "export", ...
  std::string action;
  std::string target_type;    // "user", "role", "customer", "sales_order", "session", ...
  std::string target_id;      // "" when none
  std::string change = "{}";  // JSON object text
};

// A stored entry with its place in the chain.
struct Record : Entry {
  std::int64_t seq = 0;
  std::string previous_hash;  // 64 lower-case hex digits
  std::string hash;           // 64 lower-case hex digits
};

inline constexpr std::string_view kMigrationScope = "audit";

// `audit_log` and `audit_head`, with the indexes query() uses. `change` is a TEXT column, not
// JSON/JSONB: PostgreSQL would normalise JSONB text, and the hash covers the exact bytes.
std::vector<storage::TableDef> tables();

// Scope kMigrationScope. 1: syncs tables(), seeds audit_head (seq 0, genesis hash) and creates
// the append-only triggers for the database's dialect.
std::vector<storage::Migration> migrations();

// Appends `entry` inside the caller's write transaction and returns its seq. Validates the
// entry first (audit.invalid_entry: empty action or target_type, text that is not UTF-8 or
// holds NUL; audit.invalid_change: change is not a JSON object). Fails with
// audit.not_initialised when migrations() have not run, and with storage errors (the caller's
// transaction is then aborted on PostgreSQL: return the error).
Result<std::int64_t> append(storage::Connection& connection, const Entry& entry);

// One field's change for change_json(). Values are shown as given, as JSON strings; a missing
// `before` (create) or `after` (delete) is left out of the object.
struct FieldChange {
  std::string field;
  std::optional<std::string> before;
  std::optional<std::string> after;
  bool sensitive = false;  // values become kRedacted; whether each was present is kept
};

inline constexpr std::string_view kRedacted = "***";

// A secret's stand-in: kRedacted when `value` is present, nullopt when not.
std::optional<std::string> redact(const std::optional<std::string>& value);

// {"field": {"before": "x", "after": "y"}, ...} in the given order; a repeated field keeps its
// last change. Never fails: invalid UTF-8 in values is replaced by U+FFFD.
std::string change_json(const std::vector<FieldChange>& changes);
// {"k": "v", ...} for event details; the same rules as change_json().
std::string detail_json(std::initializer_list<std::pair<std::string_view, std::string>> fields);

// What verify() found wrong first.
//   altered    the record's stored hash is not the hash of its contents (a field, its
//              previous_hash or its hash was changed), or audit_head's hash is not the last
//              record's
//   removed    `seq` is missing: a gap in the sequence, or audit_head counts more records
//   reordered  the record's previous_hash is not the hash of the record before it
//   inserted   a record beyond audit_head's last_seq, or a seq below 1
struct Problem {
  std::int64_t seq = 0;
  std::string kind;
  std::string detail;  // technical English text for people and logs
};

struct VerifyReport {
  std::int64_t records = 0;  // records read (all of them, also after a problem)
  std::optional<Problem> first_problem;
};

// Walks the whole chain in seq order, in pages of 1000 rows inside one read snapshot (so
// concurrent appends are neither half-seen nor reported), and names the first problem.
// Memory stays bounded by one page. Errors: storage errors; audit.not_initialised.
Result<VerifyReport> verify(storage::Database& database);

// A page of the log, newest first. Filters combine with AND.
struct Query {
  std::optional<std::int64_t> user_id, company_id;
  std::optional<std::string> action, target_type, target_id;
  std::optional<Clock::TimePoint> from, to;  // at >= from, at < to
  std::optional<std::int64_t> before_seq;    // cursor: newest first, seq < before_seq
  int limit = 50;                            // 1..1000
};

struct Page {
  std::vector<Record> records;
  std::optional<std::int64_t> next_cursor;  // before_seq for the next page; none on the last page
};

// Errors: audit.invalid_query (limit outside 1..1000, from after to), storage errors.
Result<Page> query(storage::Connection& connection, const Query& q);

// RFC 4180 CSV for download: UTF-8 with a BOM (so Excel opens Chinese text), CRLF line ends,
// a header row in "zh-CN" or "en" (any other locale: zh-CN, the default language), then one row
// per record: seq, at (ISO 8601 UTC), user id, user name, company id, address, request id,
// action, target type, target id, change, hash. A cell starting with = + - @ tab or CR gets a
// leading ' so spreadsheets do not run it as a formula; cells holding a comma, quote, CR or LF
// are quoted with "" doubling.
// The same as a table, for platform/export's to_csv/to_xlsx.
exporting::Table to_table(const std::vector<Record>& records, std::string_view locale);
std::string to_csv(const std::vector<Record>& records, std::string_view locale);

}  // namespace verp::audit
