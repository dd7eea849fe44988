// Server: the HTTP/1.1 transport. Beast and Asio live only in server.cpp.
//
// Connections are C++20 coroutines on a small I/O thread pool, so idle keep-alive clients
// cost memory, not threads. Handlers run on a separate worker pool (they block on the
// database) unless their route says Execution::io_thread.
//
// Limits: header and body size (431/413), an idle timeout while waiting for the next request
// on a keep-alive connection, and a read timeout for a whole request once its first byte
// arrived (a slow-loris client is dropped), a cap on open connections.
//
// stop() is graceful: stop accepting, close idle connections, let in-flight requests finish
// (up to shutdown_grace), then end the threads. Thread-safe; stop() is idempotent.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "platform/base/result.hpp"
#include "platform/http/dispatcher.hpp"

namespace verp::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests); read it back with Server::port()
  int io_threads = 1;
  int worker_threads = 0;  // 0: as many as hardware threads, at least 2
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds read_timeout{30'000};
  std::size_t max_connections = 10'000;
  std::chrono::milliseconds shutdown_grace{10'000};
};

struct ServerStats {
  std::uint64_t connections_open = 0;
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_rejected = 0;
  std::uint64_t requests_in_flight = 0;
};

class Server {
 public:
  Server(ServerOptions options, Dispatcher& dispatcher);
  ~Server();  // stops if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. Errors: unavailable (address in use, bad address).
  Status start();
  std::uint16_t port() const;

  // Blocks until SIGINT or SIGTERM arrives or stop() is called from elsewhere.
  void wait_for_signal();
  void stop();

  ServerStats stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace verp::http
