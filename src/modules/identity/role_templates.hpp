// The built-in role templates (administrator, auditor, sales, purchasing, warehouse,
// production, finance, customer service). Admins copy a template into a company and edit the
// copy; templates themselves are refreshed from this code at every start.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
// The inverse of to_string; nullopt for text that names no scope or access.
std::optional<security::DataScope> parse_data_scope(std::string_view text);
std::optional<security::FieldAccess> parse_field_access(std::string_view text);

}  // namespace verp::identity
