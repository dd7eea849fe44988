#include "platform/storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <thread>

namespace verp::storage {
namespace {

// The "verp_decimal" collation: orders canonical decimal text ("-12.50", "3", "100.000") by
// numeric value, so `price COLLATE verp_decimal > $1` and ORDER BY compare amounts as numbers
// and never through a double. Text that is not a plain decimal sorts after every number, bytewise.
struct DecimalText {
  bool valid = false;
  bool negative = false;
  std::string_view integer;   // without leading zeros
  std::string_view fraction;  // without trailing zeros
};

DecimalText read_decimal_text(std::string_view text) {
  DecimalText d;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
  const std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == int_start) return d;
  d.integer = text.substr(int_start, i - int_start);
  if (i < text.size()) {
    if (text[i] != '.') return d;
    const std::size_t frac_start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i != text.size() || i == frac_start) return d;
    d.fraction = text.substr(frac_start);
  }
  while (!d.integer.empty() && d.integer.front() == '0') d.integer.remove_prefix(1);
  while (!d.fraction.empty() && d.fraction.back() == '0') d.fraction.remove_suffix(1);
  if (d.integer.empty() && d.fraction.empty()) d.negative = false;  // -0 is 0
  d.valid = true;
  return d;
}

int compare_magnitude(const DecimalText& a, const DecimalText& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  if (int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  if (int c = a.fraction.compare(b.fraction); c != 0) return c < 0 ? -1 : 1;
  return 0;
}

int compare_decimal_text(void*, int left_size, const void* left, int right_size, const void* right) {
  const std::string_view a(static_cast<const char*>(left), static_cast<std::size_t>(left_size));
  const std::string_view b(static_cast<const char*>(right), static_cast<std::size_t>(right_size));
  const DecimalText x = read_decimal_text(a);
  const DecimalText y = read_decimal_text(b);
  if (!x.valid || !y.valid) {
    if (x.valid != y.valid) return x.valid ? -1 : 1;
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (x.negative != y.negative) return x.negative ? -1 : 1;
  const int magnitude = compare_magnitude(x, y);
  return x.negative ? -magnitude : magnitude;
}

// Maps an extended SQLite result code to the storage error vocabulary (errors.hpp).
Error map_error(int code, std::string message) {
  std::string_view text = message;
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      // "UNIQUE constraint failed: table.column, …": the columns are the useful part.
      auto colon = text.find(": ");
      std::string constraint = colon == std::string_view::npos ? "" : std::string(text.substr(colon + 2));
      return storage_error(ErrorKind::conflict, kUniqueViolation, std::move(message))
          .with_arg("constraint", constraint);
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return storage_error(ErrorKind::validation, kForeignKeyViolation, std::move(message));
    case SQLITE_CONSTRAINT_NOTNULL:
      return storage_error(ErrorKind::validation, kNotNullViolation, std::move(message));
    case SQLITE_CONSTRAINT_CHECK:
      return storage_error(ErrorKind::validation, kCheckViolation, std::move(message));
    default:
      // ON DELETE RESTRICT reports SQLITE_CONSTRAINT_TRIGGER with the foreign-key message.
      if ((code & 0xff) == SQLITE_CONSTRAINT && text.starts_with("FOREIGN KEY constraint failed")) {
        return storage_error(ErrorKind::validation, kForeignKeyViolation, std::move(message));
      }
      break;
  }
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return storage_error(ErrorKind::unavailable, kBusy, std::move(message));
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return storage_error(ErrorKind::unavailable, kConnectionLost, std::move(message));
    default:
      return storage_error(ErrorKind::internal, kSqlError, std::move(message));
  }
}

bool only_space(std::string_view text) { return text.find_first_not_of(" \t\r\n;") == std::string_view::npos; }

// The position n of a "$n" parameter name, or 0 when the name has another form.
std::size_t placeholder_number(const char* name) {
  if (name == nullptr || name[0] != '$') return 0;
  std::string_view digits(name + 1);
  std::size_t number = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return 0;
  return number;
}

}  // namespace

Result<std::unique_ptr<BackendConnection>> SqliteConnection::open(const std::string& path, Role role,
                                                                  const DatabaseOptions& options) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == Role::writer) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return storage_error(ErrorKind::unavailable, kConnectFailed, "cannot open " + path + ": " + message)
        .with_arg("path", path);
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, options.statement_cache_size));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
  sqlite3_create_collation_v2(db, "verp_decimal", SQLITE_UTF8, nullptr, compare_decimal_text, nullptr);

  std::string pragmas;
  if (role == Role::writer) {
    if (auto wal = connection->switch_to_wal(options.busy_timeout); !wal) return wal.error();
    pragmas =
        options.sqlite_synchronous == SqliteSync::full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    pragmas += "PRAGMA foreign_keys=ON;";
  } else {
    pragmas = "PRAGMA query_only=ON;";
  }
  if (auto applied = connection->execute_script(pragmas); !applied) return applied.error();
  return std::unique_ptr<BackendConnection>(std::move(connection));
}

Status SqliteConnection::switch_to_wal(std::chrono::milliseconds patience) {
  // Switching a new file to WAL takes an exclusive lock. When several processes open the same new
  // file together, SQLite may answer BUSY at once instead of calling the busy handler (waiting
  // could deadlock two readers that both want to upgrade), so the switch is retried here until
  // the busy timeout has passed. journal_mode is answered by a row ("wal", or "memory" for
  // :memory:), so it is a query.
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (auto pause = std::chrono::milliseconds(2);; pause = std::min(pause * 2, std::chrono::milliseconds(100))) {
    auto mode = query("PRAGMA journal_mode=WAL", {});
    if (mode) return {};
    if (mode.error().message_id != kBusy || std::chrono::steady_clock::now() >= deadline) return std::move(mode).error();
    std::this_thread::sleep_for(pause);
  }
}

SqliteConnection::~SqliteConnection() {
  for (sqlite3_stmt* statement : cache_.clear()) sqlite3_finalize(statement);
  placeholder_numbers_.clear();
  sqlite3_close(db_);  // rolls back an open transaction; the last connection checkpoints the WAL
}

Error SqliteConnection::last_error(int code) const {
  int extended = sqlite3_extended_errcode(db_);
  return map_error(extended != SQLITE_OK ? extended : code, sqlite3_errmsg(db_));
}

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (sqlite3_stmt** cached = cache_.find(key)) return *cached;

  sqlite3_stmt* statement = nullptr;
  const char* tail = nullptr;
  int rc =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement, &tail);
  if (rc != SQLITE_OK) return note(last_error(rc));
  if (statement == nullptr) return storage_error(ErrorKind::internal, kSqlError, "empty SQL statement");
  std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (!only_space(rest)) {
    // Trailing comments are fine; a second statement is not.
    sqlite3_stmt* second = nullptr;
    sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &second, nullptr);
    if (second != nullptr) {
      sqlite3_finalize(second);
      sqlite3_finalize(statement);
      return storage_error(ErrorKind::internal, kSqlError, "more than one statement; use execute_script: " + key);
    }
  }
  std::vector<std::uint32_t> numbers(static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) + 1, 0);
  for (std::size_t i = 1; i < numbers.size(); ++i) {
    numbers[i] = static_cast<std::uint32_t>(placeholder_number(sqlite3_bind_parameter_name(statement, static_cast<int>(i))));
  }
  placeholder_numbers_[statement] = std::move(numbers);
  for (sqlite3_stmt* evicted : cache_.insert(std::move(key), statement)) {
    placeholder_numbers_.erase(evicted);
    sqlite3_finalize(evicted);
  }
  return statement;
}

Status SqliteConnection::bind(sqlite3_stmt* statement, Params params) {
  int count = sqlite3_bind_parameter_count(statement);
  const auto known = placeholder_numbers_.find(statement);
  for (int i = 1; i <= count; ++i) {
    const char* name = nullptr;
    std::size_t number = 0;
    if (known != placeholder_numbers_.end() && static_cast<std::size_t>(i) < known->second.size()) {
      number = known->second[static_cast<std::size_t>(i)];
    } else {
      name = sqlite3_bind_parameter_name(statement, i);
      number = placeholder_number(name);
    }
    if (number == 0) {
      name = sqlite3_bind_parameter_name(statement, i);
      return storage_error(ErrorKind::internal, kBadPlaceholder,
                           std::string("placeholder ") + (name != nullptr ? name : "?") + " is not $1..$n");
    }
    if (number > params.size()) {
      return storage_error(ErrorKind::internal, kBadPlaceholder,
                           "statement uses $" + std::to_string(number) + " but " + std::to_string(params.size()) +
                               " parameters were given");
    }
    const Value& value = params[number - 1];
    if (auto checked = check_parameter(value, number); !checked) return checked;
    int rc = SQLITE_OK;
    switch (value.type()) {
      case ValueType::null:
        rc = sqlite3_bind_null(statement, i);
        break;
      case ValueType::int64:
        rc = sqlite3_bind_int64(statement, i, *value.get_if<std::int64_t>());
        break;
      case ValueType::boolean:
        rc = sqlite3_bind_int(statement, i, *value.get_if<bool>() ? 1 : 0);
        break;
      case ValueType::text: {
        const std::string& text = *value.get_if<std::string>();
        // SQLITE_STATIC: params outlive the statement's execution, which ends before query() returns.
        rc = sqlite3_bind_text64(statement, i, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
        break;
      }
      case ValueType::blob: {
        const std::string& bytes = value.get_if<Blob>()->bytes;
        rc = bytes.empty() ? sqlite3_bind_zeroblob(statement, i, 0)  // a null pointer would bind NULL
                           : sqlite3_bind_blob64(statement, i, bytes.data(), bytes.size(), SQLITE_STATIC);
        break;
      }
      case ValueType::decimal:
      case ValueType::date:
      case ValueType::timestamp: {
        std::string text = value.type() == ValueType::decimal ? value.get_if<Decimal>()->to_string()
                           : value.type() == ValueType::date  ? value.get_if<Date>()->to_string()
                                                              : value.get_if<Timestamp>()->to_string();
        rc = sqlite3_bind_text64(statement, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      }
    }
    if (rc != SQLITE_OK) return note(last_error(rc));
  }
  return {};
}

Result<ResultSet> SqliteConnection::run(sqlite3_stmt* statement) {
  int column_count = sqlite3_column_count(statement);
  auto columns = std::make_shared<ColumnNames>();
  columns->reserve(static_cast<std::size_t>(column_count));
  for (int c = 0; c < column_count; ++c) columns->emplace_back(sqlite3_column_name(statement, c));

  sqlite3_int64 changes_before = sqlite3_total_changes64(db_);
  std::vector<Row> rows;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    std::vector<Cell> cells(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      Cell& cell = cells[static_cast<std::size_t>(c)];
      switch (sqlite3_column_type(statement, c)) {
        case SQLITE_INTEGER:
          cell.kind = Cell::Kind::integer;
          cell.integer = sqlite3_column_int64(statement, c);
          break;
        case SQLITE_FLOAT:  // verp never writes REAL; other tools might. Shown as text.
        case SQLITE_TEXT: {
          cell.kind = Cell::Kind::text;
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
          cell.bytes.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c)));
          break;
        }
        case SQLITE_BLOB: {
          cell.kind = Cell::Kind::blob;
          const void* data = sqlite3_column_blob(statement, c);
          auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, c));
          if (size > 0) cell.bytes.assign(static_cast<const char*>(data), size);
          break;
        }
        default:
          break;  // NULL
      }
    }
    rows.emplace_back(columns, std::move(cells));
  }
  Error error;
  bool failed = rc != SQLITE_DONE;
  if (failed) error = last_error(rc);
  // Only statements that changed rows report them: changes64() keeps the last DML's count.
  std::int64_t affected = sqlite3_total_changes64(db_) != changes_before ? sqlite3_changes64(db_) : 0;
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (failed) return note(std::move(error));
  return ResultSet(std::move(columns), std::move(rows), affected);
}

Result<ResultSet> SqliteConnection::query(std::string_view sql, Params params) {
  auto statement = prepare(sql);
  if (!statement) return std::move(statement).error();
  if (auto bound = bind(*statement, params); !bound) {
    sqlite3_clear_bindings(*statement);
    return bound.error();
  }
  return run(*statement);
}

Result<std::int64_t> SqliteConnection::execute_batch(std::string_view sql,
                                                     std::span<const std::vector<Value>> param_sets) {
  // In-process SQLite has no round trips to save: a loop over the cached statement is optimal.
  std::int64_t total = 0;
  for (const auto& params : param_sets) {
    auto result = query(sql, params);
    if (!result) return std::move(result).error();
    total += result->affected_rows();
  }
  return total;
}

Status SqliteConnection::execute_script(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  Error error = last_error(rc);
  if (message != nullptr) {
    error.detail = message;
    sqlite3_free(message);
  }
  return note(std::move(error));
}

Status SqliteConnection::begin(TransactionKind kind, Isolation) {
  clear_retry_hint();
  // IMMEDIATE takes the write lock now, so a write transaction never fails half-way with
  // SQLITE_BUSY; BUSY here (another process holds the lock past busy_timeout) is retried whole.
  return execute_script(kind == TransactionKind::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Status SqliteConnection::commit() { return execute_script("COMMIT"); }

void SqliteConnection::rollback() {
  // Some errors (BUSY, IOERR, FULL) already ended the transaction.
  if (sqlite3_get_autocommit(db_) == 0) (void)execute_script("ROLLBACK");
}

bool SqliteConnection::healthy() const { return sqlite3_get_autocommit(db_) != 0; }

Status SqliteConnection::ping() {
  auto result = query("SELECT count(*) FROM sqlite_schema", {});
  if (result) return {};
  Error error = std::move(result).error();
  error.kind = ErrorKind::unavailable;
  return error;
}

}  // namespace verp::storage
