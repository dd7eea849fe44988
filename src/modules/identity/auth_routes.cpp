// /api/v1/auth/*: sign-in, MFA, sign-out, the caller's own account.
#include <boost/json.hpp>

#include "modules/identity/records.hpp"
#include "modules/identity/role_templates.hpp"
#include "modules/identity/web.hpp"
#include "platform/base/try.hpp"
#include "platform/http/json_body.hpp"

namespace verp::identity {
namespace {

using http::Access;
using http::JsonBody;
using http::Request;
using http::Response;

std::string session_cookie(const Request& request, const std::string& token, bool clear = false) {
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (request.headers.get("X-Forwarded-Proto") == "https") cookie += "; Secure";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

Response session_response(const Request& request, const IssuedSession& issued, int status = 200) {
  boost::json::object body{{"state", std::string(to_string(issued.state))},
                           {"csrf_token", issued.csrf_token},
                           {"user_id", issued.user_id}};
  Response response = http::json_response(status, body);
  response.headers.add("Set-Cookie", session_cookie(request, issued.token));
  return response;
}

Response me(IdentityService& service, const Request& request) {
  const auto& p = *request.principal;
  std::string csrf;
  std::string state = "active";
  if (p.method == security::AuthMethod::session) {
    auto who = service.authenticate_session(cookie_value(request, kSessionCookie));
    if (who) {
      csrf = who->csrf_token;
      state = std::string(to_string(who->state));
    }
  }
  boost::json::array grants, rules, companies;
  for (const auto& g : p.grants) {
    grants.push_back({{"resource", g.resource}, {"action", g.action}, {"scope", std::string(to_string(g.scope))}});
  }
  for (const auto& r : p.field_rules) {
    rules.push_back({{"resource", r.resource}, {"field", r.field}, {"access", std::string(to_string(r.access))}});
  }
  for (auto id : p.company_ids) companies.push_back(id);
  boost::json::object body{{"user_id", p.user_id},         {"user_name", p.user_name},
                           {"display_name", p.display_name}, {"company_id", p.company_id},
                           {"company_ids", companies},       {"grants", grants},
                           {"field_rules", rules},           {"state", state},
                           {"csrf_token", csrf},
                           {"auth", p.method == security::AuthMethod::session ? "session" : "api_token"}};
  if (p.department_id) body["department_id"] = *p.department_id;
  return http::json_response(200, body);
}

std::string format_time(Clock::TimePoint at) { return storage::Timestamp::from_system(at).to_string(); }

}  // namespace

void add_auth_routes(http::Router& router, IdentityService& service) {
  router.post("/api/v1/auth/login", [&service](Request& request) {
    JsonBody body(request);
    const std::string user_name = body.text("user_name", {.required = true, .max_length = 100});
    const std::string password = body.text("password", {.required = true, .max_length = 1024});
    if (!body.ok()) return problem(body.error(), request);
    auto issued = service.sign_in(user_name, password, caller_of(request));
    if (!issued) return problem(issued.error(), request);
    return session_response(request, *issued);
  }, {.access = Access::anyone()});

  router.post("/api/v1/auth/mfa", [&service](Request& request) {
    JsonBody body(request);
    const std::string method = body.text("method", {.required = true, .max_length = 20});
    const std::string code = body.text("code", {.required = true, .max_length = 40});
    if (!body.ok()) return problem(body.error(), request);
    auto issued = service.verify_mfa(cookie_value(request, kSessionCookie), method, code, caller_of(request));
    if (!issued) return problem(issued.error(), request);
    return session_response(request, *issued);
  }, {.access = Access::anyone()});

  router.post("/api/v1/auth/logout", [&service](Request& request) {
    if (Status done = service.sign_out(*request.principal, caller_of(request)); !done) return problem(done.error(), request);
    Response response = Response::no_content();
    response.headers.add("Set-Cookie", session_cookie(request, "", true));
    return response;
  });

  router.get("/api/v1/auth/me", [&service](Request& request) { return me(service, request); });

  router.post("/api/v1/auth/password", [&service](Request& request) {
    JsonBody body(request);
    const std::string current = body.text("current_password", {.required = true, .max_length = 1024});
    const std::string replacement = body.text("new_password", {.required = true, .max_length = 1024});
    if (!body.ok()) return problem(body.error(), request);
    auto issued = service.change_password(*request.principal, current, replacement, caller_of(request));
    if (!issued) return problem(issued.error(), request);
    return session_response(request, *issued);
  });

  router.post("/api/v1/auth/company", [&service](Request& request) {
    JsonBody body(request);
    auto company = body.integer("company_id", true);
    if (!body.ok()) return problem(body.error(), request);
    auto issued = service.switch_company(*request.principal, *company, caller_of(request));
    if (!issued) return problem(issued.error(), request);
    return session_response(request, *issued);
  });

  router.get("/api/v1/auth/sessions", [&service](Request& request) {
    auto sessions = service.sessions_of(*request.principal);
    if (!sessions) return problem(sessions.error(), request);
    boost::json::array items;
    for (const auto& s : *sessions) {
      items.push_back({{"id", s.id},
                       {"address", s.address},
                       {"user_agent", s.user_agent},
                       {"created_at", format_time(s.created_at)},
                       {"last_seen_at", format_time(s.last_seen_at)},
                       {"current", s.current}});
    }
    return http::json_response(200, boost::json::object{{"items", items}});
  });

  router.del("/api/v1/auth/sessions/{id}", [&service](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    if (Status done = service.revoke_session(*request.principal, *id, caller_of(request)); !done) {
      return problem(done.error(), request);
    }
    return Response::no_content();
  });

  router.post("/api/v1/auth/tokens", [&service](Request& request) {
    JsonBody body(request);
    const std::string name = body.text("name", {.required = true, .max_length = 100});
    auto days = body.integer("expires_in_days", true);
    std::vector<security::Grant> grants;
    const auto* list = body.raw("grants");
    if (list == nullptr || !list->is_array() || list->as_array().empty()) {
      body.add_error("grants", "required", "field.required");
    } else {
      for (const auto& item : list->as_array()) {
        const auto* object = item.if_object();
        const auto* resource = object ? object->if_contains("resource") : nullptr;
        const auto* action = object ? object->if_contains("action") : nullptr;
        if (resource == nullptr || action == nullptr || !resource->is_string() || !action->is_string()) {
          body.add_error("grants", "invalid_grant", "identity.invalid_grant");
          break;
        }
        grants.push_back({std::string(resource->as_string()), std::string(action->as_string())});
      }
    }
    if (days && (*days < 1 || *days > 366)) {
      body.add_error("expires_in_days", "out_of_range", "identity.token_days_range");
    }
    if (!body.ok()) return problem(body.error(), request);
    auto expires = service.clock().now() + std::chrono::hours(24 * *days);
    auto created = service.create_api_token(*request.principal, name, grants, expires, caller_of(request));
    if (!created) return problem(created.error(), request);
    return http::json_response(201, boost::json::object{{"id", created->id}, {"token", created->token},
                                                        {"expires_at", format_time(expires)}});
  });

  router.del("/api/v1/auth/tokens/{id}", [&service](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    if (Status done = service.revoke_api_token(*request.principal, *id, caller_of(request)); !done) {
      return problem(done.error(), request);
    }
    return Response::no_content();
  });

  router.post("/api/v1/auth/sms/send", [&service](Request& request) {
    if (Status sent = service.send_sign_in_code(cookie_value(request, kSessionCookie), caller_of(request)); !sent) {
      return problem(sent.error(), request);
    }
    return Response::no_content();
  }, {.access = Access::anyone()});

  router.post("/api/v1/auth/sms/enrol", [&service](Request& request) {
    JsonBody body(request);
    const std::string phone = body.text("phone", {.required = true, .max_length = 30});
    if (!body.ok()) return problem(body.error(), request);
    if (Status sent = service.begin_sms_enrolment(*request.principal, phone, caller_of(request)); !sent) {
      return problem(sent.error(), request);
    }
    return Response::no_content();
  });

  router.post("/api/v1/auth/sms/confirm", [&service](Request& request) {
    JsonBody body(request);
    const std::string code = body.text("code", {.required = true, .max_length = 10});
    if (!body.ok()) return problem(body.error(), request);
    if (Status done = service.confirm_sms_enrolment(*request.principal, code, caller_of(request)); !done) {
      return problem(done.error(), request);
    }
    return Response::no_content();
  });

  router.post("/api/v1/auth/totp/enrol", [&service](Request& request) {
    auto enrolment = service.begin_totp_enrolment(*request.principal, caller_of(request));
    if (!enrolment) return problem(enrolment.error(), request);
    return http::json_response(
        200, boost::json::object{{"secret", enrolment->secret}, {"uri", enrolment->uri}, {"qr_svg", enrolment->qr_svg}});
  });

  router.post("/api/v1/auth/totp/confirm", [&service](Request& request) {
    JsonBody body(request);
    const std::string code = body.text("code", {.required = true, .max_length = 10});
    if (!body.ok()) return problem(body.error(), request);
    auto codes = service.confirm_totp_enrolment(*request.principal, code, caller_of(request));
    if (!codes) return problem(codes.error(), request);
    boost::json::array list;
    for (const auto& c : *codes) list.push_back(boost::json::string(c));
    return http::json_response(200, boost::json::object{{"recovery_codes", list}});
  });
}

}  // namespace verp::identity
