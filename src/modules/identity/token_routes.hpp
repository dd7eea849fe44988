// GET /api/v1/auth/tokens: the caller's own API tokens, without the token or its digest
// (those are shown once, at creation). Internal to the identity module.
#pragma once

#include <optional>

#include <cstdint>
#include <string>
#include <vector>

#include "modules/identity/identity_service.hpp"
#include "platform/http/router.hpp"

namespace verp::identity {

struct ApiTokenInfo {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string name;
  std::vector<security::Grant> grants;  // resource and action only; the scope is the owner's
  Clock::TimePoint created_at, expires_at;
  bool revoked = false;
  std::optional<Clock::TimePoint> last_used_at;
};

// Every API token of the principal's user, in every company, oldest first.
Result<std::vector<ApiTokenInfo>> api_tokens_of(IdentityService& service, const security::Principal& principal);

void add_token_routes(http::Router& router, IdentityService& service);

}  // namespace verp::identity
