// The caller's data scope on a resource as SQL, for the area's own queries over entity tables
// (the entity store applies it to its own reads; these read several tables at once).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/security/principal.hpp"
#include "platform/storage/value.hpp"

namespace verp::crm {

// " AND (<alias>.owner_id = $n [OR <alias>.department_id = $m])" when the caller reads `resource`
// only within their own (or their department's) records, appending the parameters; nothing when
// they read the whole company's. No read grant at all reaches nothing (no user -1 owns a record).
inline std::string scope_sql(const security::Principal& principal, std::string_view resource, std::string_view alias,
                             std::vector<storage::Value>& params) {
  const auto reach = principal.scope_for(resource, "read");
  if (reach && *reach >= security::DataScope::company) return {};
  params.emplace_back(reach ? principal.user_id : std::int64_t{-1});
  std::string sql = " AND (" + std::string(alias) + ".owner_id = $" + std::to_string(params.size());
  if (reach == security::DataScope::department && principal.department_id) {
    params.emplace_back(*principal.department_id);
    sql += " OR " + std::string(alias) + ".department_id = $" + std::to_string(params.size());
  }
  return sql + ")";
}

}  // namespace verp::crm
