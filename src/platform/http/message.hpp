// Request and Response: verp's own HTTP message types. Handlers, routers and middleware see
// only these, never Beast, so that Beast and Asio stay inside server.cpp (one heavy TU).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/security/principal.hpp"

namespace verp::http {

// Who may call a route. Secure by default: a route registered without saying otherwise needs
// a signed-in caller. The authentication middleware (identity module) enforces it before the
// handler runs; `permission` also requires the grant (resource, action) in the active company.
struct Access {
  enum class Kind { anyone, signed_in, permission };
  Kind kind = Kind::signed_in;
  std::string resource;
  std::string action;

  static Access anyone() { return Access{Kind::anyone, {}, {}}; }
  static Access signed_in() { return Access{Kind::signed_in, {}, {}}; }
  static Access permission(std::string resource, std::string action) {
    return Access{Kind::permission, std::move(resource), std::move(action)};
  }
};

// Case-insensitive header list in arrival order. Few headers per message, so a vector beats
// a map.
class Headers {
 public:
  // The first value of `name`, or empty when absent.
  std::string_view get(std::string_view name) const;
  bool has(std::string_view name) const;
  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // Replaces every value of `name` with one.
  void set(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct QueryParam {
  std::string name;
  std::string value;  // percent-decoded
};

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received, e.g. "/api/v1/customers?q=%E5%8D%8E"
  std::string path;    // percent-decoded path, e.g. "/api/v1/customers"
  std::vector<QueryParam> query;
  Headers headers;
  std::string body;
  std::string remote_address;

  // Filled in by the server and the middleware chain:
  std::string request_id;
  std::string locale = "zh-CN";  // negotiated from Accept-Language: "zh-CN" or "en"
  std::vector<std::pair<std::string, std::string>> path_params;  // from the route pattern
  std::string route;  // the matched route pattern, for logs and metrics
  static constexpr std::size_t kNoRoute = static_cast<std::size_t>(-1);
  std::size_t route_index = kNoRoute;  // index into Router::routes(), set by the dispatcher
  std::chrono::steady_clock::time_point received_at;
  // What the matched route demands; anyone when no route matched (404s, static files).
  Access access = Access::anyone();
  // Set by the authentication middleware for a signed-in caller.
  std::shared_ptr<const security::Principal> principal;

  std::string_view param(std::string_view name) const;        // a path parameter, or ""
  // A path parameter that must be a positive integer id; nullopt for anything else.
  std::optional<std::int64_t> id_param(std::string_view name) const;
  const std::string* query_param(std::string_view name) const;  // first value, or nullptr
  // A query parameter that must be a whole number; nullopt when absent or anything else.
  std::optional<std::int64_t> integer_query(std::string_view name) const;
};

// A response body produced over time (Server-Sent Events), written by the server as chunks
// after the headers, on the connection's I/O strand; the stream never holds a worker thread.
// The connection is closed when the stream ends (never kept alive).
//
// The server calls, in order: start(wake) once; read() whenever woken, until it returns false;
// keepalive() when nothing was written for keepalive_interval(); close() exactly once at the end
// (the stream ended, the client went away, or the server is stopping — then `farewell` is
// written before the final chunk). All calls except `wake` come from one strand at a time.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // `wake` is thread-safe, cheap and may be called at any time, even after close(): it makes the
  // server call read() soon.
  virtual void start(std::function<void()> wake) = 0;
  // Appends what is ready to `out` without blocking; false once the stream has ended (what it
  // appended is still written).
  virtual bool read(std::string& out) = 0;
  virtual std::chrono::milliseconds keepalive_interval() const = 0;
  virtual void keepalive(std::string& out) = 0;
  virtual void close(bool server_stopping, std::string& farewell) = 0;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the server sends the file's bytes as the body (static assets).
  std::string file_path;
  // When set, the server writes the headers and then the stream (chunked); body is ignored.
  std::shared_ptr<BodyStream> stream;
  bool close_connection = false;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
};

}  // namespace verp::http
