// The audit module: the audit_log tables and triggers, GET /api/v1/audit-log for auditors
// (with CSV export), and the hash-chain check in `verp check`.
#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::audit {

std::unique_ptr<Module> make_audit_module();

}  // namespace verp::audit
