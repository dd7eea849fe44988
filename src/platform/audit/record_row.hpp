// Reading audit_log rows back into Records, shared by query() and verify(). Internal to
// verp_audit.
#pragma once

#include <string_view>

#include "platform/audit/audit_log.hpp"
#include "platform/base/result.hpp"
#include "platform/storage/result_set.hpp"

namespace verp::audit {

// The SELECT list record_from_row() expects, in this order.
inline constexpr std::string_view kRecordColumns =
    "seq, at, user_id, user_name, company_id, address, request_id, action, target_type, target_id, change, "
    "previous_hash, hash";

// Fails (internal, storage's type errors) only when a column holds what the table cannot.
Result<Record> record_from_row(const storage::Row& row);

}  // namespace verp::audit
