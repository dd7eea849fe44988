#include "platform/http/dispatcher.hpp"

#include <algorithm>
#include <exception>
#include <random>

#include "platform/base/log.hpp"
#include "platform/http/problem.hpp"

namespace verp::http {
namespace {

std::vector<std::string> route_labels(const Router& router) {
  std::vector<std::string> labels;
  for (const Route& route : router.routes()) labels.push_back(route.method + " " + route.pattern);
  return labels;
}

bool is_plain_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string choose_request_id(std::string_view supplied) {
  if (!supplied.empty() && supplied.size() <= 64 &&
      std::all_of(supplied.begin(), supplied.end(), is_plain_id_char)) {
    return std::string(supplied);
  }
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

void add_security_headers(Response& response) {
  auto& h = response.headers;
  if (!h.has("Content-Security-Policy")) {
    h.add("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
          "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
  }
  h.add("X-Content-Type-Options", "nosniff");
  h.add("X-Frame-Options", "DENY");
  h.add("Referrer-Policy", "strict-origin-when-cross-origin");
  h.add("Cross-Origin-Opener-Policy", "same-origin");
  if (!h.has("Cache-Control")) h.add("Cache-Control", "no-store");
}

Dispatcher::Dispatcher(const Router& router, const i18n::Catalog& catalog, DispatchOptions options)
    : router_(router), catalog_(catalog), options_(options), metrics_(route_labels(router)) {}

Execution Dispatcher::prepare(Request& request) const {
  request.received_at = std::chrono::steady_clock::now();
  request.request_id = choose_request_id(request.headers.get("X-Request-Id"));
  request.locale = i18n::negotiate_locale(request.headers.get("Accept-Language"));
  RouteMatch match = router_.match(request.method, request.path);
  if (match.route == nullptr) return Execution::worker_pool;  // 404/405/static: do it off the I/O thread
  request.route = match.route->pattern;
  request.route_index = match.route->index;
  request.access = match.route->options.access;
  request.path_params = std::move(match.params);
  return match.route->options.execution;
}

Response Dispatcher::run_chain(Request& request, const Handler& terminal) const {
  // Compose from the innermost outwards, so the first `use`d middleware runs first.
  std::vector<Handler> stages(middleware_.size() + 1);
  stages.back() = terminal;
  for (std::size_t i = middleware_.size(); i-- > 0;) {
    const Handler& next = stages[i + 1];
    const Middleware& middleware = middleware_[i];
    stages[i] = [&middleware, &next](Request& r) { return middleware(r, next); };
  }
  return stages.front()(request);
}

Response Dispatcher::route_or_fallback(Request& request) const {
  if (request.route_index != Request::kNoRoute) return router_.routes()[request.route_index].handler(request);
  RouteMatch match = router_.match(request.method, request.path);
  if (!match.allow.empty()) {
    Response response = problem_response(ErrorKind::validation, 405, "http.method_not_allowed",
                                         {{"method", request.method}, {"path", request.path}, {"allow", match.allow}},
                                         request, catalog_);
    response.headers.add("Allow", match.allow);
    return response;
  }
  if (const Handler* fallback = router_.fallback_for(request.method, request.path)) return (*fallback)(request);
  return problem_response(ErrorKind::not_found, 404, "http.not_found", {{"path", request.path}}, request, catalog_);
}

Response Dispatcher::handle(Request& request) const {
  try {
    return run_chain(request, [this](Request& r) { return route_or_fallback(r); });
  } catch (const std::exception& e) {
    log::error("http.handler_exception", {{"request_id", request.request_id}, {"route", request.route}, {"what", e.what()}});
  } catch (...) {
    log::error("http.handler_exception", {{"request_id", request.request_id}, {"route", request.route}, {"what", "unknown"}});
  }
  return problem_response(ErrorKind::internal, 500, "http.internal", {{"request_id", request.request_id}}, request,
                          catalog_);
}

void Dispatcher::finish(const Request& request, Response& response) const {
  add_security_headers(response);
  response.headers.add("X-Request-Id", request.request_id);
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                            request.received_at);
  metrics_.observe(request.route_index, response.status, elapsed);
  if (options_.access_log && log::enabled(log::Level::info)) {
    log::info("http.request", {{"request_id", request.request_id},
                               {"method", request.method},
                               {"path", request.path},
                               {"status", std::to_string(response.status)},
                               {"micros", std::to_string(elapsed.count())},
                               {"remote", request.remote_address}});
  }
}

Response Dispatcher::dispatch(Request& request) const {
  prepare(request);
  Response response = handle(request);
  finish(request, response);
  return response;
}

}  // namespace verp::http
