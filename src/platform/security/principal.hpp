// Principal: who is making a request, in which member company, with which permissions.
//
// The identity module builds one per request from a session or an API token; handlers and
// generic entity operations ask it, never the database, what the caller may do. A Principal
// is immutable once built and safe to share between threads.
//
// Permissions are grants of (resource, action) with a data scope, e.g. ("sales_order",
// "confirm", company). "*" as resource or action matches any. Field rules hide a field or
// make it read-only for a resource (cost price, credit limit). New users have no grants:
// everything not granted is denied.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verp::security {

// Which records of a resource a grant reaches, narrowest first.
enum class DataScope { own = 0, department = 1, company = 2, all_companies = 3 };

enum class FieldAccess { editable, read_only, hidden };

struct Grant {
  std::string resource;
  std::string action;
  DataScope scope = DataScope::company;
};

struct FieldRule {
  std::string resource;
  std::string field;
  FieldAccess access = FieldAccess::hidden;
};

// How the caller proved who they are.
enum class AuthMethod { session, api_token };

struct Principal {
  std::int64_t user_id = 0;
  std::string user_name;
  std::string display_name;
  std::int64_t company_id = 0;                   // the active member company
  std::optional<std::int64_t> department_id;     // in the active company
  std::vector<std::int64_t> company_ids;         // every company the user belongs to
  std::vector<Grant> grants;                     // in the active company
  std::vector<FieldRule> field_rules;            // in the active company
  AuthMethod method = AuthMethod::session;
  std::int64_t credential_id = 0;                // the session's or the token's id

  static bool matches(std::string_view granted, std::string_view wanted) {
    return granted == "*" || granted == wanted;
  }

  // The widest scope any grant gives for (resource, action), or nullopt when none does.
  std::optional<DataScope> scope_for(std::string_view resource, std::string_view action) const {
    std::optional<DataScope> widest;
    for (const Grant& grant : grants) {
      if (!matches(grant.resource, resource) || !matches(grant.action, action)) continue;
      if (!widest || grant.scope > *widest) widest = grant.scope;
    }
    return widest;
  }

  bool may(std::string_view resource, std::string_view action) const { return scope_for(resource, action).has_value(); }

  // The strictest rule for the field; editable when no rule names it.
  FieldAccess field_access(std::string_view resource, std::string_view field) const {
    FieldAccess strictest = FieldAccess::editable;
    for (const FieldRule& rule : field_rules) {
      if (!matches(rule.resource, resource) || rule.field != field) continue;
      if (rule.access > strictest) strictest = rule.access;
    }
    return strictest;
  }

  bool belongs_to(std::int64_t company) const {
    return std::find(company_ids.begin(), company_ids.end(), company) != company_ids.end();
  }
};

}  // namespace verp::security
