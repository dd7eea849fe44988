// query(): pages of the log, newest first, for the audit screens and exports.
#include "platform/audit/audit_log.hpp"
#include "platform/audit/hash_chain.hpp"
#include "platform/audit/record_row.hpp"

namespace verp::audit {
namespace {

constexpr int kMaxLimit = 1000;

Error invalid_query(std::string field, std::string detail) {
  Error error = make_error(ErrorKind::validation, "audit.invalid_query", std::move(detail));
  error.field = field;
  error.with_arg("field", std::move(field));
  return error;
}

// Adds "<column> <op> $n" for a present filter.
class Conditions {
 public:
  void add(std::string_view column, std::string_view op, storage::Value value) {
    params_.push_back(std::move(value));
    sql_ += params_.size() == 1 ? " WHERE " : " AND ";
    sql_ += column;
    sql_ += ' ';
    sql_ += op;
    sql_ += " $" + std::to_string(params_.size());
  }
  template <typename T>
  void add_if(std::string_view column, std::string_view op, const std::optional<T>& value) {
    if (value) add(column, op, *value);
  }
  const std::string& sql() const { return sql_; }
  std::vector<storage::Value>& params() { return params_; }

 private:
  std::string sql_;
  std::vector<storage::Value> params_;
};

storage::Value timestamp(const std::optional<Clock::TimePoint>& at) {
  if (!at) return {};
  return storage::Timestamp::from_micros(to_micros(*at));
}

}  // namespace

Result<Page> query(storage::Connection& connection, const Query& q) {
  if (q.limit < 1 || q.limit > kMaxLimit) {
    return invalid_query("limit", "limit " + std::to_string(q.limit) + " is outside 1..1000");
  }
  if (q.from && q.to && *q.from > *q.to) return invalid_query("from", "from is after to");

  Conditions where;
  where.add_if("user_id", "=", q.user_id);
  where.add_if("company_id", "=", q.company_id);
  where.add_if("action", "=", q.action);
  where.add_if("target_type", "=", q.target_type);
  where.add_if("target_id", "=", q.target_id);
  if (q.from) where.add("at", ">=", timestamp(q.from));
  if (q.to) where.add("at", "<", timestamp(q.to));
  where.add_if("seq", "<", q.before_seq);
  // One row more than asked says whether there is a next page.
  where.params().push_back(q.limit + 1);
  std::string sql = "SELECT " + std::string(kRecordColumns) + " FROM audit_log" + where.sql() +
                    " ORDER BY seq DESC LIMIT $" + std::to_string(where.params().size());

  auto rows = connection.query(sql, where.params());
  if (!rows) return std::move(rows).error();
  Page page;
  for (const storage::Row& row : *rows) {
    if (page.records.size() == static_cast<std::size_t>(q.limit)) {
      page.next_cursor = page.records.back().seq;
      break;
    }
    auto record = record_from_row(row);
    if (!record) return std::move(record).error();
    page.records.push_back(std::move(record).value());
  }
  return page;
}

}  // namespace verp::audit
