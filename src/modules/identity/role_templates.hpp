// The built-in role templates (administrator, auditor, sales, purchasing, warehouse,
// production, finance, customer service). Admins copy a template into a company and edit the
// copy; templates themselves are refreshed from this code at every start.
#pragma once

#include <string>
#include <vector>

#include "platform/security/principal.hpp"

namespace verp::identity {

struct RoleTemplate {
  std::string code;
  std::string name_zh;
  std::string name_en;
  bool requires_mfa = false;
  std::vector<security::Grant> grants;
  std::vector<security::FieldRule> field_rules;
};

const std::vector<RoleTemplate>& role_templates();

std::string_view to_string(security::DataScope scope);
std::string_view to_string(security::FieldAccess access);

}  // namespace verp::identity
