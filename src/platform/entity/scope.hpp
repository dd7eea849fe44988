// Data scope in memory: whether a record with these ownership facts is within what the caller's
// grants reach for an action. The twin of the SQL condition the store applies to queries
// (detail::scope_condition, record_io.cpp, where both live so they change together); used where
// a record is judged without loading it, e.g. live events deciding who may hear of a change.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "platform/entity/entity_spec.hpp"
#include "platform/security/principal.hpp"

namespace verp::entity {

struct RecordFacts {
  std::optional<std::int64_t> company_id;
  std::optional<std::int64_t> owner_id;
  std::optional<std::int64_t> department_id;
};

bool in_scope(const EntitySpec& spec, const security::Principal& principal, std::string_view action,
              const RecordFacts& facts);

}  // namespace verp::entity
