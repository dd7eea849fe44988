// The identity module's HTTP side: the authentication middleware and the routes. Internal to
// the module; other modules see only Request::principal and Access on their routes.
#pragma once

#include "modules/identity/identity_service.hpp"
#include "platform/http/dispatcher.hpp"
#include "platform/http/router.hpp"

namespace verp::identity {

inline constexpr std::string_view kSessionCookie = "verp_session";

// Resolves the caller (session cookie or bearer token), enforces each route's Access, the
// CSRF token on cookie-authenticated writes, and the steps a fresh session must take first
// (MFA, enrolment, password change).
http::Middleware authentication_middleware(IdentityService& service);

void add_auth_routes(http::Router& router, IdentityService& service);
void add_admin_routes(http::Router& router, IdentityService& service);

// Helpers shared by the route files.
Caller caller_of(const http::Request& request);
std::string cookie_value(const http::Request& request, std::string_view name);
http::Response problem(const Error& error, const http::Request& request);

}  // namespace verp::identity
