// The caller's own API tokens. Creating and revoking them live in auth_routes.cpp.
#include "modules/identity/token_routes.hpp"

#include <boost/json.hpp>

#include "modules/identity/web.hpp"
#include "platform/base/try.hpp"
#include "platform/http/json_body.hpp"
#include "platform/storage/value.hpp"

namespace verp::identity {
namespace {

// The stored grants are the JSON array create_api_token wrote; anything else reads as none.
std::vector<security::Grant> parse_grants(const std::string& text) {
  std::vector<security::Grant> grants;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_array()) return grants;
  for (const auto& item : parsed.as_array()) {
    const auto* object = item.if_object();
    const auto* resource = object ? object->if_contains("resource") : nullptr;
    const auto* action = object ? object->if_contains("action") : nullptr;
    if (resource == nullptr || action == nullptr || !resource->is_string() || !action->is_string()) continue;
    grants.push_back({std::string(resource->as_string()), std::string(action->as_string())});
  }
  return grants;
}

std::string time_text(Clock::TimePoint at) { return storage::Timestamp::from_system(at).to_string(); }

}  // namespace

Result<std::vector<ApiTokenInfo>> api_tokens_of(IdentityService& service, const security::Principal& principal) {
  return service.database().read([&](storage::Connection& c) -> Result<std::vector<ApiTokenInfo>> {
    // Never the digest: the list must not help anyone match or guess a token.
    VERP_TRY(auto rows, c.query("SELECT id, company_id, name, grants, created_at, expires_at, revoked_at, last_used_at "
                                "FROM api_tokens WHERE user_id = $1 ORDER BY id",
                                {principal.user_id}));
    std::vector<ApiTokenInfo> out;
    for (const auto& row : rows) {
      ApiTokenInfo token;
      VERP_TRY(token.id, row.int64(0));
      VERP_TRY(token.company_id, row.int64(1));
      VERP_TRY(token.name, row.text(2));
      VERP_TRY(auto grants, row.text(3));
      token.grants = parse_grants(grants);
      VERP_TRY(auto created, row.timestamp(4));
      VERP_TRY(auto expires, row.timestamp(5));
      token.created_at = created.to_system();
      token.expires_at = expires.to_system();
      token.revoked = !row.is_null(6);
      VERP_TRY(auto used, row.get<std::optional<storage::Timestamp>>(7));
      if (used) token.last_used_at = used->to_system();
      out.push_back(std::move(token));
    }
    return out;
  });
}

void add_token_routes(http::Router& router, IdentityService& service) {
  router.get("/api/v1/auth/tokens", [&service](http::Request& request) {
    auto tokens = api_tokens_of(service, *request.principal);
    if (!tokens) return problem(tokens.error(), request);
    boost::json::array items;
    for (const auto& t : *tokens) {
      boost::json::array grants;
      for (const auto& g : t.grants) grants.push_back({{"resource", g.resource}, {"action", g.action}});
      items.push_back({{"id", t.id},
                       {"company_id", t.company_id},
                       {"name", t.name},
                       {"grants", grants},
                       {"created_at", time_text(t.created_at)},
                       {"expires_at", time_text(t.expires_at)},
                       {"revoked", t.revoked},
                       {"last_used_at", t.last_used_at ? boost::json::value(time_text(*t.last_used_at))
                                                       : boost::json::value(nullptr)}});
    }
    return http::json_response(200, boost::json::object{{"items", items}, {"next_cursor", nullptr}});
  });
}

}  // namespace verp::identity
