// A deliberately small blocking HTTP/1.1 client on plain POSIX sockets, for tests that must
// see exactly what goes over the wire (limits, slow clients, keep-alive, shutdown).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace verp::http::testing {

struct WireResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(const std::string& name) const;  // case-insensitive; "" if absent
};

class Client {
 public:
  // Connects to 127.0.0.1:port; fails the calling test (ADD_FAILURE) when it cannot, unless
  // the test expects the refusal (must_connect = false).
  explicit Client(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                  bool must_connect = true);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send_raw(const std::string& bytes);
  // Reads one response (Content-Length framed); nullopt on close or timeout.
  std::optional<WireResponse> read_response(bool head_request = false);
  // One request/response on this connection.
  std::optional<WireResponse> request(const std::string& method, const std::string& target,
                                      const std::vector<std::pair<std::string, std::string>>& headers = {},
                                      const std::string& body = {});
  // Every byte that arrives until the server closes the connection or `within` passes.
  std::string read_until_closed(std::chrono::milliseconds within);
  // True when the server closed the connection within `within`.
  bool closed_by_peer(std::chrono::milliseconds within);

 private:
  int fd_ = -1;
  std::string pending_;
};

// Connect, send one request with Connection: close, read the answer.
std::optional<WireResponse> fetch(std::uint16_t port, const std::string& method, const std::string& target,
                                  const std::vector<std::pair<std::string, std::string>>& headers = {},
                                  const std::string& body = {});

}  // namespace verp::http::testing
