// Dispatcher: everything that happens to a request between the transport and the handler,
// independent of Beast so it can be tested without sockets.
//
//   prepare (I/O thread, cheap)   request id, locale, route match, where to run
//   handle  (where prepare said)  middleware chain → handler, or 404/405/fallback;
//                                 an escaping exception becomes a logged 500 problem
//   finish  (I/O thread)          security headers, request id header, metrics, access log
//
// Middleware wraps the handler: `next(request)` runs the rest of the chain. The first added
// is the outermost. Add every middleware before the server starts; afterwards the
// dispatcher is read-only and thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::http {

using Middleware = std::function<Response(Request&, const Handler& next)>;

struct DispatchOptions {
  bool access_log = true;
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, const i18n::Catalog& catalog, DispatchOptions options = {});

  void use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }

  Execution prepare(Request& request) const;
  Response handle(Request& request) const;
  void finish(const Request& request, Response& response) const;

  // prepare + handle + finish on the calling thread: for tests and in-process callers.
  Response dispatch(Request& request) const;

  Metrics& metrics() { return metrics_; }
  const i18n::Catalog& catalog() const { return catalog_; }

 private:
  Response run_chain(Request& request, const Handler& terminal) const;
  Response route_or_fallback(Request& request) const;

  const Router& router_;
  const i18n::Catalog& catalog_;
  DispatchOptions options_;
  std::vector<Middleware> middleware_;
  mutable Metrics metrics_;
};

// A request id supplied by a proxy is kept when it is short and plain; otherwise a random
// 16-hex-digit one is made.
std::string choose_request_id(std::string_view supplied);

// The headers every response carries (ARCHITECTURE §4, OWASP ASVS V14.4).
void add_security_headers(Response& response);

}  // namespace verp::http
