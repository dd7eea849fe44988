// First start and every start: role templates refreshed, and on an empty database a first
// member company and an administrator account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "platform/base/result.hpp"
#include "platform/module/module.hpp"

namespace verp::identity {

struct BootstrapReport {
  bool created_admin = false;
  std::optional<std::string> generated_password;  // when VERP_ADMIN_PASSWORD was not given
};

Result<BootstrapReport> bootstrap(ModuleContext& context);

// Copies a role template into a company as a new role; returns the role id. Audited by the caller.
Result<std::int64_t> copy_role_template(storage::Connection& connection, const Clock& clock, std::string_view code,
                                        std::int64_t company_id);

}  // namespace verp::identity
