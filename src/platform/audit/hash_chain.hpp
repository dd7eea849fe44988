// The hash chain's arithmetic, shared by append() and verify() and pinned by tests. Internal to
// verp_audit: other code reads the chain only through audit_log.hpp.
//
// A record's hash is lower-case hex SHA-256 (libsodium) over
//
//   previous_hash || canonical_encoding(record)
//
// where the canonical encoding is the tag "verp-audit-1" followed by each field as
// "<decimal byte length>:<bytes>", in this fixed order: seq, at (microseconds since the Unix
// epoch, UTC), user_id, user_name, company_id, address, request_id, action, target_type,
// target_id, change. Numbers are written in decimal; an absent user_id or company_id is the
// empty string, which no number encodes to. The length prefixes make the encoding injective:
// no two different records share one, however their texts are split. Changing any of this
// breaks every existing chain, so a new encoding needs a new tag and verify() must keep
// accepting the old one.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/audit/audit_log.hpp"

namespace verp::audit {

// The first record's previous_hash.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// Microseconds since the epoch, rounded towards the past (as stored).
std::int64_t to_micros(Clock::TimePoint at);
Clock::TimePoint from_micros(std::int64_t micros);

// Everything of the record but previous_hash and hash.
std::string canonical_encoding(const Record& record);

// Hex SHA-256 of `bytes`, 64 lower-case digits.
std::string sha256_hex(std::string_view bytes);

// sha256_hex(previous_hash + canonical_encoding(record)); record.previous_hash and record.hash
// are not read.
std::string record_hash(std::string_view previous_hash, const Record& record);

}  // namespace verp::audit
