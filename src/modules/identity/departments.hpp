// Departments (部门) of a member company: a tree per company, each with an optional head, and
// the department each member belongs to (memberships.department_id).
//
// Company scope: every operation works in the principal's active company only. A department
// of another company is not_found when named by id in a path, and a validation error on the
// field that names it in a body, so ids of other companies reveal nothing either way.
//
// Rules (message ids in messages.*.json):
//   identity.department_code_taken  conflict    the code is unique per company (field code)
//   identity.unknown_department     validation  a parent or department id outside the company
//   identity.head_not_member        validation  the head must be a member of the company
//   identity.department_cycle       validation  a parent may not be the department itself or
//                                               one of its descendants (field parent_id)
//   identity.department_in_use      conflict    delete refused while it has sub-departments or
//                                               members (args: children, members)
//   error.stale_version             conflict    the patch names an old version
//
// Every change is audited (target_type "department") in its write transaction. Writes to one
// company's tree are serialised (PostgreSQL: a row lock on the company), so two concurrent
// re-parentings cannot build a cycle between them. Thread-safe: no state of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/identity/identity_service.hpp"

namespace verp::identity {

struct Department {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string code, name;
  std::optional<std::int64_t> parent_id;
  std::optional<std::int64_t> head_user_id;
  std::optional<std::string> head_name;  // the head's display name
  Clock::TimePoint created_at;
  std::int64_t version = 0;
};

struct NewDepartment {
  std::string code, name;
  std::optional<std::int64_t> parent_id;
  std::optional<std::int64_t> head_user_id;
};

// A field left out of the patch keeps its value; for the nullable links the inner optional
// distinguishes "set to this id" from "clear" (JSON null).
struct DepartmentPatch {
  std::int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::optional<std::int64_t>> parent_id;
  std::optional<std::optional<std::int64_t>> head_user_id;
};

class Departments {
 public:
  explicit Departments(IdentityService& service) : service_(service) {}

  // The active company's departments, ordered by code.
  Result<std::vector<Department>> list(const security::Principal& principal);
  Result<Department> get(const security::Principal& principal, std::int64_t department_id);
  Result<Department> create(const security::Principal& principal, const NewDepartment& input, const Caller& caller);
  Result<Department> update(const security::Principal& principal, std::int64_t department_id,
                            const DepartmentPatch& patch, const Caller& caller);
  Status remove(const security::Principal& principal, std::int64_t department_id, const Caller& caller);

  // Puts a member of the active company into a department of that company, or into none
  // (nullopt). not_found when the user is not a member of the active company.
  Status assign_member(const security::Principal& principal, std::int64_t user_id,
                       std::optional<std::int64_t> department_id, const Caller& caller);

 private:
  IdentityService& service_;
};

}  // namespace verp::identity
