#include "platform/storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <set>

namespace verp::storage {
namespace {

// Type OIDs from the PostgreSQL catalog (pg_type.dat); stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kDateOid = 1082;
constexpr Oid kTimestampTzOid = 1184;
constexpr Oid kNumericOid = 1700;

// A batch is sent in chunks so that neither side's socket buffer fills while the other is
// still sending (blocking-mode pipelines can deadlock otherwise).
constexpr std::size_t kPipelineChunk = 256;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in hex output format: "\x" followed by two hex digits per byte.
bool decode_bytea(const char* text, std::size_t length, std::string& out) {
  if (length < 2 || text[0] != '\\' || text[1] != 'x' || length % 2 != 0) return false;
  out.resize((length - 2) / 2);
  for (std::size_t i = 2, j = 0; i < length; i += 2, ++j) {
    int high = hex_value(text[i]), low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) return false;
    out[j] = static_cast<char>(high * 16 + low);
  }
  return true;
}

}  // namespace

// Parameters converted for PQexecPrepared / PQsendQueryPrepared. Pointers refer into the
// Values or into `owned_`, so a PgParams must not outlive the Values it was built from.
class PgParams {
 public:
  Status build(Params params) {
    std::size_t n = params.size();
    owned_.clear();
    owned_.reserve(n);  // no reallocation: values_ points into these strings
    values_.assign(n, nullptr);
    lengths_.assign(n, 0);
    formats_.assign(n, 0);
    types_.assign(n, 0);
    signature_.assign(n, 'n');
    for (std::size_t i = 0; i < n; ++i) {
      const Value& value = params[i];
      if (auto checked = check_parameter(value, i + 1); !checked) return checked;
      switch (value.type()) {
        case ValueType::null:
          break;
        case ValueType::int64:
          set_owned(i, std::to_string(*value.get_if<std::int64_t>()), kInt8Oid, 'i');
          break;
        case ValueType::boolean:
          set_owned(i, *value.get_if<bool>() ? "t" : "f", kBoolOid, 'b');
          break;
        case ValueType::text:
          // Left untyped so the server infers it from context (text, varchar, jsonb, an enum…).
          values_[i] = value.get_if<std::string>()->c_str();
          signature_[i] = 't';
          break;
        case ValueType::blob: {
          const std::string& bytes = value.get_if<Blob>()->bytes;
          values_[i] = bytes.data();
          lengths_[i] = static_cast<int>(bytes.size());
          formats_[i] = 1;
          types_[i] = kByteaOid;
          signature_[i] = 'x';
          break;
        }
        case ValueType::decimal:
          set_owned(i, value.get_if<Decimal>()->to_string(), kNumericOid, 'd');
          break;
        case ValueType::date:
          set_owned(i, value.get_if<Date>()->to_string(), kDateOid, 'D');
          break;
        case ValueType::timestamp:
          set_owned(i, value.get_if<Timestamp>()->to_string(), kTimestampTzOid, 'T');
          break;
      }
    }
    return {};
  }

  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }
  const Oid* types() const { return types_.data(); }
  const std::string& signature() const { return signature_; }

 private:
  void set_owned(std::size_t i, std::string text, Oid type, char code) {
    owned_.push_back(std::move(text));
    values_[i] = owned_.back().c_str();
    types_[i] = type;
    signature_[i] = code;
  }

  std::vector<std::string> owned_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<Oid> types_;
  std::string signature_;
};

Result<std::unique_ptr<BackendConnection>> PgConnection::open(const std::string& url, const DatabaseOptions& options) {
  std::string timeout = std::to_string(options.connect_timeout.count());
  // expand_dbname: the URL in "dbname" is expanded, and its settings override the ones before it.
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "verp", url.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keys, values, 1);
  if (raw == nullptr) return storage_error(ErrorKind::unavailable, kConnectFailed, "out of memory");
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string message = PQerrorMessage(raw);
    PQfinish(raw);
    return storage_error(ErrorKind::unavailable, kConnectFailed, message);
  }
  PQsetNoticeProcessor(
      raw, [](void*, const char*) {}, nullptr);  // "already exists, skipping" etc.
  std::unique_ptr<PgConnection> connection(new PgConnection(raw, options.statement_cache_size));
  if (auto set = connection->simple("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex';"
                                    " SET client_encoding = 'UTF8'; SET IntervalStyle = 'iso_8601'");
      !set) {
    return set.error();
  }
  return std::unique_ptr<BackendConnection>(std::move(connection));
}

PgConnection::~PgConnection() { PQfinish(connection_); }

Error PgConnection::error_from(const PGresult* result) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (state == nullptr) {
    // No SQLSTATE: libpq itself failed, almost always because the connection is gone.
    if (PQstatus(connection_) != CONNECTION_OK) return storage_error(ErrorKind::unavailable, kConnectionLost, message);
    return storage_error(ErrorKind::internal, kSqlError, message);
  }
  std::string_view code(state);
  if (code == "23505") {
    const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    return storage_error(ErrorKind::conflict, kUniqueViolation, message)
        .with_arg("constraint", constraint != nullptr ? constraint : "");
  }
  if (code == "23503") return storage_error(ErrorKind::validation, kForeignKeyViolation, message);
  if (code == "23502") return storage_error(ErrorKind::validation, kNotNullViolation, message);
  if (code == "23514") return storage_error(ErrorKind::validation, kCheckViolation, message);
  if (code == "40001") return storage_error(ErrorKind::unavailable, kSerializationFailure, message);
  if (code == "40P01") return storage_error(ErrorKind::unavailable, kDeadlock, message);
  if (code == "55P03") return storage_error(ErrorKind::unavailable, kBusy, message);
  if (code == "57014") return storage_error(ErrorKind::unavailable, "storage.timeout", message);
  if (code.substr(0, 2) == "08" || code == "57P01" || code == "57P02" || code == "57P03") {
    return storage_error(ErrorKind::unavailable, kConnectionLost, message);
  }
  return storage_error(ErrorKind::internal, kSqlError, message).with_arg("sqlstate", std::string(code));
}

Status PgConnection::simple(const char* sql) {
  ResultPtr result(PQexec(connection_, sql));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return {};
  return note(error_from(result.get()));
}

Result<ResultSet> PgConnection::take(PGresult* raw) {
  ResultPtr result(raw);
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_EMPTY_QUERY) return ResultSet();
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return note(error_from(result.get()));

  std::int64_t affected = 0;
  std::string_view tuples = PQcmdTuples(result.get());
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), affected);

  int field_count = PQnfields(result.get());
  int row_count = PQntuples(result.get());
  auto columns = std::make_shared<ColumnNames>();
  std::vector<bool> is_bytea;
  for (int c = 0; c < field_count; ++c) {
    columns->emplace_back(PQfname(result.get(), c));
    is_bytea.push_back(PQftype(result.get(), c) == kByteaOid);
  }
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int r = 0; r < row_count; ++r) {
    std::vector<Cell> cells(static_cast<std::size_t>(field_count));
    for (int c = 0; c < field_count; ++c) {
      if (PQgetisnull(result.get(), r, c)) continue;
      Cell& cell = cells[static_cast<std::size_t>(c)];
      const char* text = PQgetvalue(result.get(), r, c);
      auto length = static_cast<std::size_t>(PQgetlength(result.get(), r, c));
      if (is_bytea[static_cast<std::size_t>(c)]) {
        cell.kind = Cell::Kind::blob;
        if (!decode_bytea(text, length, cell.bytes)) {
          return storage_error(ErrorKind::internal, kSqlError, "unexpected bytea text from the server");
        }
      } else {
        cell.kind = Cell::Kind::text;
        cell.bytes.assign(text, length);
      }
    }
    rows.emplace_back(columns, std::move(cells));
  }
  return ResultSet(std::move(columns), std::move(rows), affected);
}

void PgConnection::deallocate_pending() {
  if (PQtransactionStatus(connection_) == PQTRANS_INERROR) return;  // would fail; try later
  for (const std::string& name : pending_deallocate_) (void)simple(("DEALLOCATE " + name).c_str());
  pending_deallocate_.clear();
}

Result<std::string> PgConnection::prepared(std::string_view sql, const PgParams& params) {
  std::string key = params.signature();
  key += '\x1f';
  key.append(sql);
  if (std::string* name = cache_.find(key)) return *name;

  std::string name = "verp_" + std::to_string(++next_statement_);
  std::string text(sql);
  ResultPtr result(PQprepare(connection_, name.c_str(), text.c_str(), params.count(), params.types()));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) return note(error_from(result.get()));
  for (std::string& evicted : cache_.insert(std::move(key), name)) pending_deallocate_.push_back(std::move(evicted));
  if (!pending_deallocate_.empty()) deallocate_pending();
  return name;
}

Result<ResultSet> PgConnection::query(std::string_view sql, Params params) {
  PgParams converted;
  if (auto built = converted.build(params); !built) return built.error();
  auto name = prepared(sql, converted);
  if (!name) return std::move(name).error();
  auto result = take(PQexecPrepared(connection_, name->c_str(), converted.count(), converted.values(),
                                    converted.lengths(), converted.formats(), 0));
  bool stale_plan = false;
  if (!result) {
    for (const MessageArg& arg : result.error().args) stale_plan |= arg.name == "sqlstate" && arg.value == "0A000";
  }
  if (stale_plan) {
    // "cached plan must not change result type" after an ALTER TABLE: forget the statement so
    // the retried transaction prepares it afresh.
    std::string key = converted.signature() + '\x1f' + std::string(sql);
    for (std::string& stale : cache_.erase(key)) pending_deallocate_.push_back(std::move(stale));
    note(storage_error(ErrorKind::unavailable, kSerializationFailure, "stale prepared statement"));
  }
  return result;
}

Status PgConnection::pipeline_chunk(const std::vector<std::string>& names,
                                    std::span<const std::vector<Value>> param_sets, std::int64_t& total) {
  for (std::size_t i = 0; i < param_sets.size(); ++i) {
    PgParams converted;
    if (auto built = converted.build(param_sets[i]); !built) return built;
    if (PQsendQueryPrepared(connection_, names[i].c_str(), converted.count(), converted.values(), converted.lengths(),
                            converted.formats(), 0) != 1) {
      return note(error_from(nullptr));
    }
  }
  if (PQpipelineSync(connection_) != 1) return note(error_from(nullptr));

  // Each statement yields one result then a null; the chunk ends with PGRES_PIPELINE_SYNC.
  // After a failure the remaining statements report PGRES_PIPELINE_ABORTED.
  Status first_error;
  int consecutive_nulls = 0;
  for (;;) {
    ResultPtr result(PQgetResult(connection_));
    if (!result) {
      if (++consecutive_nulls > 1) return note(error_from(nullptr));  // nothing pending: broken
      continue;
    }
    consecutive_nulls = 0;
    ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_PIPELINE_SYNC) break;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      std::int64_t affected = 0;
      std::string_view tuples = PQcmdTuples(result.get());
      std::from_chars(tuples.data(), tuples.data() + tuples.size(), affected);
      total += affected;
    } else if (status != PGRES_PIPELINE_ABORTED && first_error) {
      first_error = note(error_from(result.get()));
    }
  }
  return first_error;
}

Result<std::int64_t> PgConnection::execute_batch(std::string_view sql, std::span<const std::vector<Value>> param_sets) {
  if (param_sets.empty()) return std::int64_t{0};
  // Prepare every parameter-type signature first: preparing is synchronous, pipelining is not.
  std::vector<std::string> names;
  names.reserve(param_sets.size());
  for (const auto& params : param_sets) {
    PgParams converted;
    if (auto built = converted.build(params); !built) return built.error();
    auto name = prepared(sql, converted);
    if (!name) return std::move(name).error();
    names.push_back(std::move(name).value());
  }
  std::set<std::string> distinct(names.begin(), names.end());
  if (distinct.size() > cache_.capacity()) {
    // So many parameter-type signatures that preparing the last evicted the first: run one by one.
    std::int64_t total = 0;
    for (const auto& params : param_sets) {
      auto result = query(sql, params);
      if (!result) return std::move(result).error();
      total += result->affected_rows();
    }
    return total;
  }

  if (PQenterPipelineMode(connection_) != 1) return note(error_from(nullptr));
  std::int64_t total = 0;
  Status status;
  for (std::size_t start = 0; start < param_sets.size() && status; start += kPipelineChunk) {
    std::size_t count = std::min(kPipelineChunk, param_sets.size() - start);
    std::vector<std::string> chunk_names(names.begin() + static_cast<std::ptrdiff_t>(start),
                                         names.begin() + static_cast<std::ptrdiff_t>(start + count));
    status = pipeline_chunk(chunk_names, param_sets.subspan(start, count), total);
  }
  if (PQexitPipelineMode(connection_) != 1 && status) status = note(error_from(nullptr));
  if (!status) return std::move(status).error();
  return total;
}

Status PgConnection::execute_script(std::string_view sql) { return simple(std::string(sql).c_str()); }

Status PgConnection::notify(std::string_view channel, std::string_view payload) {
  if (Status checked = check_notification(channel, payload); !checked) return checked;
  // The same qualification as qualified_channel() in pg_listener.cpp, computed by the server.
  auto sent = query(
      "SELECT pg_notify(CASE WHEN current_schema() = 'public' THEN $1::text "
      "ELSE $1::text || '@' || current_schema() END, $2::text)",
      {Value(std::string(channel)), Value(std::string(payload))});
  if (!sent) return std::move(sent).error();
  return {};
}

Status PgConnection::begin(TransactionKind kind, Isolation isolation) {
  clear_retry_hint();
  if (!pending_deallocate_.empty()) deallocate_pending();
  if (kind == TransactionKind::read) return simple("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  switch (isolation) {
    case Isolation::read_committed:
      return simple("BEGIN ISOLATION LEVEL READ COMMITTED");
    case Isolation::repeatable_read:
      return simple("BEGIN ISOLATION LEVEL REPEATABLE READ");
    case Isolation::serializable:
      return simple("BEGIN ISOLATION LEVEL SERIALIZABLE");
  }
  return simple("BEGIN");
}

Status PgConnection::commit() {
  // COMMIT of a failed transaction "succeeds" as a ROLLBACK; make that visible.
  if (PQtransactionStatus(connection_) == PQTRANS_INERROR) {
    return storage_error(ErrorKind::internal, kTransactionAborted,
                         "the transaction function returned success after a failed statement");
  }
  return simple("COMMIT");
}

void PgConnection::rollback() {
  PGTransactionStatusType status = PQtransactionStatus(connection_);
  if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR) (void)simple("ROLLBACK");
}

bool PgConnection::healthy() const {
  return PQstatus(connection_) == CONNECTION_OK && PQtransactionStatus(connection_) == PQTRANS_IDLE;
}

Status PgConnection::ping() {
  Status status = simple("SELECT 1");
  if (status) return status;
  Error error = std::move(status).error();
  error.kind = ErrorKind::unavailable;
  return error;
}

}  // namespace verp::storage
