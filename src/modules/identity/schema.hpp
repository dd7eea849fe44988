// The identity module's tables: member companies, departments, users and their memberships,
// roles with grants and field rules, sessions, API tokens, MFA recovery codes and sign-in
// throttling counters.
#pragma once

#include <vector>

#include "platform/storage/schema.hpp"

namespace verp::identity {

std::vector<storage::TableDef> identity_tables();

}  // namespace verp::identity
