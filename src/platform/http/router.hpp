// Router: maps (method, path) to a handler. Patterns are literal segments and `{name}`
// parameters, e.g. "/api/v1/customers/{id}". A path that matches a pattern but not the
// method yields 405 with the Allow header; no pattern at all yields 404.
//
// Routes are registered at start-up, before the server runs; afterwards the router is
// read-only and safe to use from any number of threads.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/message.hpp"

namespace verp::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs. Business handlers block on the database, so they run on the worker
// pool; a handler that only reads memory (health, metrics) may run on the I/O thread and
// skip the hop.
enum class Execution { worker_pool, io_thread };

struct RouteOptions {
  Access access = Access::signed_in();
  Execution execution = Execution::worker_pool;
  // OpenAPI operation members for /api/v1/openapi.json, as JSON text (summary, tags,
  // parameters, requestBody, responses); merged over what the route's pattern implies.
  std::string openapi;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  std::size_t index = 0;  // dense id, used by metrics
};

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this path and method
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;  // when the path matched other methods only: e.g. "GET, HEAD"
};

class Router {
 public:
  // The first registered route that matches wins: register "/users/me" before "/users/{id}".
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void get(std::string pattern, Handler handler, RouteOptions options = {}) {
    add("GET", std::move(pattern), std::move(handler), std::move(options));
  }
  void post(std::string pattern, Handler handler, RouteOptions options = {}) {
    add("POST", std::move(pattern), std::move(handler), std::move(options));
  }
  void patch(std::string pattern, Handler handler, RouteOptions options = {}) {
    add("PATCH", std::move(pattern), std::move(handler), std::move(options));
  }
  void put(std::string pattern, Handler handler, RouteOptions options = {}) {
    add("PUT", std::move(pattern), std::move(handler), std::move(options));
  }
  void del(std::string pattern, Handler handler, RouteOptions options = {}) {
    add("DELETE", std::move(pattern), std::move(handler), std::move(options));
  }

  // A handler for GET/HEAD requests that match no route (the web UI's static files).
  void set_fallback(Handler handler, std::string_view prefix_excluded = "/api/");

  // HEAD is answered by a GET route (the server drops the body).
  RouteMatch match(std::string_view method, std::string_view path) const;

  const Handler* fallback_for(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" kept as is; matched as a parameter
  };
  static std::optional<std::vector<std::pair<std::string, std::string>>> match_pattern(
      const Compiled& pattern, const std::vector<std::string_view>& path_segments);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  Handler fallback_;
  std::string fallback_excluded_prefix_;
};

// Splits "/a/b/c" into {"a","b","c"}; an empty path or "/" gives no segments.
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace verp::http
