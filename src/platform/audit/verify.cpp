// verify(): recomputes the hash chain and names the first record that breaks it.
#include <limits>

#include "platform/audit/audit_log.hpp"
#include "platform/audit/hash_chain.hpp"
#include "platform/audit/record_row.hpp"

namespace verp::audit {
namespace {

constexpr std::int64_t kPageSize = 1000;

// Follows the chain one record at a time. After a problem it keeps counting, taking each
// record as it stands, so the report still says how many records there are.
class ChainWalker {
 public:
  ChainWalker(std::int64_t head_seq, std::string head_hash) : head_seq_(head_seq), head_hash_(std::move(head_hash)) {}

  void check(const Record& record) {
    ++report_.records;
    if (!report_.first_problem) {
      if (record.seq < expected_seq_) {
        note(record.seq, "inserted", "seq " + std::to_string(record.seq) + " is below 1");
      } else if (record.seq > expected_seq_ && expected_seq_ <= head_seq_) {
        note(expected_seq_, "removed",
             "records " + std::to_string(expected_seq_) + ".." + std::to_string(record.seq - 1) + " are missing");
      } else if (record.seq > head_seq_) {
        note(record.seq, "inserted", "audit_head ends at seq " + std::to_string(head_seq_));
      } else if (record_hash(record.previous_hash, record) != record.hash) {
        note(record.seq, "altered", "the stored hash is not the hash of the record's contents");
      } else if (record.previous_hash != previous_hash_) {
        note(record.seq, "reordered",
             "previous_hash is not the hash of record " + std::to_string(expected_seq_ - 1) + " before it");
      }
    }
    expected_seq_ = record.seq + 1;
    previous_hash_ = record.hash;
  }

  VerifyReport finish() {
    if (report_.first_problem) return std::move(report_);
    if (expected_seq_ <= head_seq_) {
      note(expected_seq_, "removed",
           "audit_head counts " + std::to_string(head_seq_) + " records; the log ends at seq " +
               std::to_string(expected_seq_ - 1));
    } else if (previous_hash_ != head_hash_) {
      note(head_seq_, "altered", "audit_head's last_hash is not the hash of the last record");
    }
    return std::move(report_);
  }

 private:
  void note(std::int64_t seq, std::string kind, std::string detail) {
    report_.first_problem = Problem{.seq = seq, .kind = std::move(kind), .detail = std::move(detail)};
  }

  std::int64_t head_seq_;
  std::string head_hash_;
  std::int64_t expected_seq_ = 1;
  std::string previous_hash_{kGenesisHash};
  VerifyReport report_;
};

Result<VerifyReport> walk(storage::Connection& connection) {
  auto head = connection.query_row("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
  if (!head) return std::move(head).error();
  if (!*head) {
    return make_error(ErrorKind::internal, "audit.not_initialised", "audit_head has no row 1: run audit::migrations()");
  }
  auto head_seq = (*head)->int64(0);
  auto head_hash = (*head)->text(1);
  if (!head_seq) return std::move(head_seq).error();
  if (!head_hash) return std::move(head_hash).error();

  ChainWalker walker(*head_seq, std::move(head_hash).value());
  const std::string page_sql =
      "SELECT " + std::string(kRecordColumns) + " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    auto rows = connection.query(page_sql, {after, kPageSize});
    if (!rows) return std::move(rows).error();
    for (const storage::Row& row : *rows) {
      auto record = record_from_row(row);
      if (!record) return std::move(record).error();
      walker.check(*record);
      after = record->seq;
    }
    if (rows->size() < static_cast<std::size_t>(kPageSize)) break;
  }
  return walker.finish();
}

}  // namespace

Result<VerifyReport> verify(storage::Database& database) {
  // One read transaction: the head and every page come from the same snapshot.
  return database.read([](storage::Connection& connection) { return walk(connection); });
}

}  // namespace verp::audit
