#include "platform/http/problem.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace verp::http {

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::validation: return 400;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::invalid_transition: return 409;
    case ErrorKind::too_large: return 413;
    case ErrorKind::rate_limited: return 429;
    case ErrorKind::unavailable: return 503;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

const char* kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::validation: return "validation";
    case ErrorKind::unauthenticated: return "unauthenticated";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::invalid_transition: return "invalid_transition";
    case ErrorKind::too_large: return "too_large";
    case ErrorKind::rate_limited: return "rate_limited";
    case ErrorKind::unavailable: return "unavailable";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

namespace {

Response render(const Error& error, int status, const Request& request, const i18n::Catalog& catalog) {
  boost::json::object body;
  body["type"] = std::string("urn:verp:problem:") + kind_name(error.kind);
  body["title"] = catalog.text(request.locale, std::string("error.") + kind_name(error.kind));
  body["status"] = status;
  if (error.kind == ErrorKind::internal) {
    body["detail"] = catalog.text(request.locale, "http.internal", {{"request_id", request.request_id}});
  } else if (!error.message_id.empty()) {
    body["detail"] = catalog.text(request.locale, error.message_id, error.args);
  }
  body["instance"] = request.path;
  body["request_id"] = request.request_id;
  if (!error.rule.empty()) body["rule"] = error.rule;
  boost::json::array errors;
  if (!error.field.empty()) {
    errors.push_back({{"field", error.field},
                      {"code", error.message_id},
                      {"message", catalog.text(request.locale, error.message_id, error.args)}});
  }
  for (const FieldError& field : error.fields) {
    errors.push_back({{"field", field.field},
                      {"code", field.code},
                      {"message", catalog.text(request.locale, field.message_id, field.args)}});
  }
  if (!errors.empty()) body["errors"] = std::move(errors);

  Response response;
  response.status = status;
  response.headers.add("Content-Type", "application/problem+json");
  response.headers.add("Content-Language", request.locale);
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace

Response problem_response(const Error& error, const Request& request, const i18n::Catalog& catalog) {
  return render(error, status_for(error.kind), request, catalog);
}

Response problem_response(ErrorKind kind, int status, std::string message_id, std::vector<MessageArg> args,
                          const Request& request, const i18n::Catalog& catalog) {
  Error error = make_error(kind, std::move(message_id));
  error.args = std::move(args);
  return render(error, status, request, catalog);
}

}  // namespace verp::http
