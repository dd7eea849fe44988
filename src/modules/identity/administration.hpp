// Administration of the virtual enterprise's people and permissions: users, roles, member
// companies, departments, and the access review. Every change is audited in its transaction.
//
// Company scope: a user is visible to a principal when they share the principal's active
// company (or, with an all_companies grant, any company of the principal). Anything else is
// not_found, never forbidden, so ids of other companies reveal nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/identity/identity_service.hpp"

namespace verp::identity {

struct UserSummary {
  std::int64_t id = 0;
  std::string user_name, display_name, email;
  bool active = true, totp_enabled = false, must_change_password = false;
  std::optional<Clock::TimePoint> last_sign_in_at;
  std::vector<std::string> roles;  // role codes in the active company
  std::int64_t version = 0;
};

struct NewUser {
  std::string user_name, display_name, email;
  std::vector<std::string> role_codes;  // roles of the active company
  std::optional<std::int64_t> department_id;
};

struct UserPatch {
  std::int64_t version = 0;
  std::optional<std::string> display_name, email;
  std::optional<bool> active;
};

struct CreatedUser {
  UserSummary user;
  std::string temporary_password;  // shown once; must be changed at the first sign-in
};

struct RoleSummary {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code, name;
  bool requires_mfa = false;
  bool is_template = false;
  std::vector<security::Grant> grants;
  std::vector<security::FieldRule> field_rules;
};

struct NewRole {
  std::string code, name;
  std::optional<std::string> from_template;
  bool requires_mfa = false;
  std::vector<security::Grant> grants;
  std::vector<security::FieldRule> field_rules;
};

// Replaces what is given; grants and field rules as whole lists.
struct RolePatch {
  std::int64_t version = 0;
  std::optional<std::string> name;
  std::optional<bool> requires_mfa;
  std::optional<std::vector<security::Grant>> grants;
  std::optional<std::vector<security::FieldRule>> field_rules;
};

struct NewMembership {
  std::string user_name;
  std::vector<std::string> role_codes;
  std::optional<std::int64_t> department_id;
};

struct AccessReviewRow {
  std::int64_t user_id = 0;
  std::string user_name, display_name;
  bool active = true, totp_enabled = false;
  std::optional<Clock::TimePoint> last_sign_in_at;
  bool unused = false;  // never signed in, or not for 90 days
  std::vector<std::string> roles;
  std::vector<std::string> permissions;  // "resource:action@scope"
};

class Administration {
 public:
  explicit Administration(IdentityService& service) : service_(service) {}

  Result<std::vector<UserSummary>> list_users(const security::Principal& principal);
  Result<UserSummary> get_user(const security::Principal& principal, std::int64_t user_id);
  Result<CreatedUser> create_user(const security::Principal& principal, const NewUser& user, const Caller& caller);
  Result<UserSummary> update_user(const security::Principal& principal, std::int64_t user_id, const UserPatch& patch,
                                  const Caller& caller);
  Result<std::string> reset_password(const security::Principal& principal, std::int64_t user_id, const Caller& caller);
  Status set_roles(const security::Principal& principal, std::int64_t user_id, const std::vector<std::string>& codes,
                   const Caller& caller);

  Result<std::vector<RoleSummary>> list_roles(const security::Principal& principal, bool templates);
  Result<RoleSummary> create_role(const security::Principal& principal, const NewRole& role, const Caller& caller);
  Result<RoleSummary> update_role(const security::Principal& principal, std::int64_t role_id, const RolePatch& patch,
                                  const Caller& caller);
  // Adds an existing user (of another member company) to the active company.
  Result<UserSummary> add_member(const security::Principal& principal, const NewMembership& membership,
                                 const Caller& caller);

  Result<std::vector<std::pair<std::int64_t, std::string>>> list_companies(const security::Principal& principal);
  Result<std::int64_t> create_company(const security::Principal& principal, std::string_view code,
                                      std::string_view name, const Caller& caller);

  Result<std::vector<AccessReviewRow>> access_review(const security::Principal& principal);

 private:
  IdentityService& service_;
};

}  // namespace verp::identity
