#include <array>

#include "modules/identity/records.hpp"
#include "modules/identity/web.hpp"
#include "platform/http/problem.hpp"
#include "platform/security/tokens.hpp"

namespace verp::identity {
namespace {

bool is_safe_method(std::string_view method) { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

// A session that has not finished signing in may reach only the routes that finish it.
bool allowed_in_state(SessionState state, std::string_view route) {
  static constexpr std::array<std::string_view, 2> kAlways = {"/api/v1/auth/logout", "/api/v1/auth/me"};
  for (auto path : kAlways) {
    if (route == path) return state != SessionState::mfa_pending || route == "/api/v1/auth/logout";
  }
  switch (state) {
    case SessionState::active: return true;
    case SessionState::mfa_pending: return false;
    case SessionState::mfa_enrolment_required:
      return route == "/api/v1/auth/totp/enrol" || route == "/api/v1/auth/totp/confirm" ||
             route == "/api/v1/auth/sms/enrol" || route == "/api/v1/auth/sms/confirm";
    case SessionState::password_change_required: return route == "/api/v1/auth/password";
  }
  return false;
}

}  // namespace

std::string cookie_value(const http::Request& request, std::string_view name) {
  std::string_view header = request.headers.get("Cookie");
  while (!header.empty()) {
    auto end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}

Caller caller_of(const http::Request& request) {
  return Caller{request.remote_address, std::string(request.headers.get("User-Agent")), request.request_id};
}

http::Response problem(const Error& error, const http::Request& request) {
  http::Response response = http::problem_response(error, request, i18n::Catalog::built_in());
  if (error.kind == ErrorKind::rate_limited) {
    for (const auto& arg : error.args) {
      if (arg.name == "seconds") response.headers.add("Retry-After", arg.value);
    }
  }
  return response;
}

http::Middleware authentication_middleware(IdentityService& service) {
  return [&service](http::Request& request, const http::Handler& next) -> http::Response {
    std::optional<Authenticated> who;
    const std::string_view authorization = request.headers.get("Authorization");
    const std::string cookie = cookie_value(request, kSessionCookie);
    Result<Authenticated> resolved = internal::unauthenticated();
    if (authorization.starts_with("Bearer ")) {
      resolved = service.authenticate_bearer(authorization.substr(7));
    } else if (!cookie.empty()) {
      resolved = service.authenticate_session(cookie);
    }
    if (resolved.ok()) {
      who = std::move(resolved.value());
    } else if (resolved.error().kind != ErrorKind::unauthenticated) {
      return problem(resolved.error(), request);  // the database is down, say: not a 401
    }

    if (request.access.kind == http::Access::Kind::anyone) {
      if (who && who->state == SessionState::active) request.principal = who->principal;
      return next(request);
    }
    if (!who) return problem(resolved.ok() ? internal::unauthenticated() : resolved.error(), request);
    if (!allowed_in_state(who->state, request.route)) {
      Error error = make_error(ErrorKind::forbidden, "security.session_step_required");
      error.with_arg("step", std::string(to_string(who->state)));
      return problem(error, request);
    }
    // Cookies ride along with forged cross-site requests; a token in a header cannot.
    if (who->principal->method == security::AuthMethod::session && !is_safe_method(request.method) &&
        !security::constant_time_equal(request.headers.get("X-CSRF-Token"), who->csrf_token)) {
      return problem(make_error(ErrorKind::forbidden, "http.csrf_missing"), request);
    }
    if (request.access.kind == http::Access::Kind::permission &&
        !who->principal->may(request.access.resource, request.access.action)) {
      Error error = make_error(ErrorKind::forbidden, "error.forbidden");
      error.with_arg("resource", request.access.resource).with_arg("action", request.access.action);
      return problem(error, request);
    }
    request.principal = who->principal;
    return next(request);
  };
}

}  // namespace verp::identity
