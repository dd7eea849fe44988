// Tables, migrations and append(): the writing side of the audit log.
#include "platform/audit/audit_log.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "platform/audit/hash_chain.hpp"
#include "platform/audit/utf8.hpp"

namespace verp::audit {
namespace {

using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Dialect;
using storage::Index;
using storage::TableDef;

// The triggers name themselves in their messages so that a refused statement explains itself.
constexpr const char* kSqliteTriggers = R"sql(
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NEW.id IS NOT OLD.id OR NEW.last_seq NOT IN (OLD.last_seq, OLD.last_seq + 1)
BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward one record at a time'); END;
)sql";

constexpr const char* kPostgresTriggers = R"sql(
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id = OLD.id AND NEW.last_seq IN (OLD.last_seq, OLD.last_seq + 1) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_head only moves forward one record at a time: % refused', TG_OP;
END
$$;
CREATE OR REPLACE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
CREATE OR REPLACE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();
)sql";

Status create_log(Connection& connection) {
  if (auto synced = storage::sync_schema(connection, tables()); !synced) return std::move(synced).error();
  auto seeded = connection.execute(
      "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING",
      {std::string(kGenesisHash)});
  if (!seeded) return std::move(seeded).error();
  return connection.execute_script(connection.dialect() == Dialect::sqlite ? kSqliteTriggers : kPostgresTriggers);
}

Error invalid_entry(std::string field, std::string detail) {
  Error error = make_error(ErrorKind::validation, "audit.invalid_entry", std::move(detail));
  error.field = field;
  error.with_arg("field", std::move(field));
  return error;
}

Status check(const Entry& entry) {
  if (entry.action.empty()) return invalid_entry("action", "an audit entry needs an action");
  if (entry.target_type.empty()) return invalid_entry("target_type", "an audit entry needs a target type");
  const std::pair<const char*, const std::string*> texts[] = {
      {"user_name", &entry.user_name}, {"address", &entry.address},         {"request_id", &entry.request_id},
      {"action", &entry.action},       {"target_type", &entry.target_type}, {"target_id", &entry.target_id},
      {"change", &entry.change}};
  for (const auto& [field, text] : texts) {
    if (!is_clean_utf8(*text)) return invalid_entry(field, std::string(field) + " is not UTF-8 text without NUL");
  }
  boost::system::error_code failure;
  boost::json::value change = boost::json::parse(entry.change, failure);
  if (failure || !change.is_object()) {
    Error error = make_error(ErrorKind::validation, "audit.invalid_change",
                             "change is not a JSON object: " + entry.change.substr(0, 200));
    error.field = "change";
    return error;
  }
  return {};
}

}  // namespace

std::vector<TableDef> tables() {
  TableDef log{
      .name = "audit_log",
      .columns = {{.name = "seq", .type = ColumnType::int64, .not_null = true},
                  {.name = "at", .type = ColumnType::timestamp, .not_null = true},
                  {.name = "user_id", .type = ColumnType::int64},
                  {.name = "user_name", .type = ColumnType::text, .not_null = true},
                  {.name = "company_id", .type = ColumnType::int64},
                  {.name = "address", .type = ColumnType::text, .not_null = true},
                  {.name = "request_id", .type = ColumnType::text, .not_null = true},
                  {.name = "action", .type = ColumnType::text, .not_null = true},
                  {.name = "target_type", .type = ColumnType::text, .not_null = true},
                  {.name = "target_id", .type = ColumnType::text, .not_null = true},
                  {.name = "change", .type = ColumnType::text, .not_null = true},
                  {.name = "previous_hash", .type = ColumnType::text, .not_null = true},
                  {.name = "hash", .type = ColumnType::text, .not_null = true}},
      .primary_key = {"seq"},
      // query() filters and then reads newest first by seq, so each filter index ends in seq.
      .indexes = {Index{.name = "audit_log_at_idx", .columns = {"at"}},
                  Index{.name = "audit_log_user_idx", .columns = {"user_id", "seq"}},
                  Index{.name = "audit_log_company_idx", .columns = {"company_id", "seq"}},
                  Index{.name = "audit_log_target_idx", .columns = {"target_type", "target_id", "seq"}},
                  Index{.name = "audit_log_action_idx", .columns = {"action", "seq"}}},
  };
  TableDef head{
      .name = "audit_head",
      .columns = {{.name = "id", .type = ColumnType::int64, .not_null = true},
                  {.name = "last_seq", .type = ColumnType::int64, .not_null = true},
                  {.name = "last_hash", .type = ColumnType::text, .not_null = true}},
      .primary_key = {"id"},
  };
  return {std::move(log), std::move(head)};
}

std::vector<storage::Migration> migrations() {
  return {
      storage::Migration{.version = 1, .name = "audit log, head row and append-only triggers", .apply = create_log}};
}

Result<std::int64_t> append(Connection& connection, const Entry& entry) {
  if (auto checked = check(entry); !checked) return std::move(checked).error();

  // First statement: the head's row lock is what orders concurrent appenders (see header).
  auto head =
      connection.query_row("UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash");
  if (!head) return std::move(head).error();
  if (!*head) {
    return make_error(ErrorKind::internal, "audit.not_initialised", "audit_head has no row 1: run audit::migrations()");
  }
  Record record;
  static_cast<Entry&>(record) = entry;
  auto seq = (*head)->int64(0);
  auto previous_hash = (*head)->text(1);
  if (!seq) return std::move(seq).error();
  if (!previous_hash) return std::move(previous_hash).error();
  record.seq = *seq;
  record.previous_hash = std::move(previous_hash).value();
  record.hash = record_hash(record.previous_hash, record);

  auto inserted = connection.execute(
      "INSERT INTO audit_log (seq, at, user_id, user_name, company_id, address, request_id, action, target_type, "
      "target_id, change, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {record.seq, storage::Timestamp::from_micros(to_micros(record.at)), record.user_id, record.user_name,
       record.company_id, record.address, record.request_id, record.action, record.target_type, record.target_id,
       record.change, record.previous_hash, record.hash});
  if (!inserted) return std::move(inserted).error();
  auto moved = connection.execute("UPDATE audit_head SET last_hash = $1 WHERE id = 1", {record.hash});
  if (!moved) return std::move(moved).error();
  return record.seq;
}

}  // namespace verp::audit
