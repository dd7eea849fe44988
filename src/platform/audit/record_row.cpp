#include "platform/audit/record_row.hpp"

#include "platform/audit/hash_chain.hpp"

namespace verp::audit {
namespace {

// Reads column `index` into `out`; false (with `error` set) when it cannot.
template <typename T>
bool read(const storage::Row& row, std::size_t index, T& out, Error& error) {
  auto value = row.get<T>(index);
  if (!value) {
    error = std::move(value).error();
    return false;
  }
  out = std::move(value).value();
  return true;
}

}  // namespace

Result<Record> record_from_row(const storage::Row& row) {
  Record record;
  storage::Timestamp at;
  Error error;
  bool ok = read(row, 0, record.seq, error) && read(row, 1, at, error) && read(row, 2, record.user_id, error) &&
            read(row, 3, record.user_name, error) && read(row, 4, record.company_id, error) &&
            read(row, 5, record.address, error) && read(row, 6, record.request_id, error) &&
            read(row, 7, record.action, error) && read(row, 8, record.target_type, error) &&
            read(row, 9, record.target_id, error) && read(row, 10, record.change, error) &&
            read(row, 11, record.previous_hash, error) && read(row, 12, record.hash, error);
  if (!ok) return error;
  record.at = from_micros(at.micros);
  return record;
}

}  // namespace verp::audit
