// A small client side of GET /api/v1/events for tests and the benchmark: SseDecoder turns the
// bytes of an HTTP response (status line, headers, chunked body) into SSE events as they
// arrive; SseClient is a blocking reader over a plain POSIX socket on 127.0.0.1.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verp::events::testing {

struct SseEvent {
  std::string id;
  std::string event;  // "message" when the block had no event: line
  std::string data;
};

class SseDecoder {
 public:
  // Feeds received bytes; false when they cannot be an HTTP response with a chunked body.
  bool feed(std::string_view bytes);
  // Events decoded so far and not yet taken, oldest first.
  std::vector<SseEvent> take();

  bool has_headers() const { return headers_done_; }
  int status() const { return status_; }
  std::string header(std::string_view name) const;  // case-insensitive; "" if absent
  bool greeted() const { return retry_ms_ > 0; }     // the `retry:` line arrived
  int retry_ms() const { return retry_ms_; }
  int comments() const { return comments_; }        // keep-alive and other comment lines
  bool ended() const { return ended_; }              // the last chunk arrived
  const std::string& raw_body() const { return body_raw_; }

 private:
  bool parse_headers();
  bool parse_chunks();
  void parse_events();

  std::string wire_;
  std::string body_;      // de-chunked text not yet parsed into events
  std::string body_raw_;  // everything de-chunked (for error bodies)
  bool headers_done_ = false;
  bool chunked_ = false;
  int status_ = 0;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::vector<SseEvent> ready_;
  int retry_ms_ = 0;
  int comments_ = 0;
  bool ended_ = false;
};

class SseClient {
 public:
  // Connects to 127.0.0.1:port and sends `GET target` with the headers.
  SseClient(std::uint16_t port, const std::string& target,
            const std::vector<std::pair<std::string, std::string>>& headers = {});
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  // Reads until the headers and the `retry:` greeting arrived (the stream is subscribed).
  bool wait_greeted(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // The next event, or nullopt when none arrived within `timeout` (or the stream ended).
  std::optional<SseEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Reads until the server ended the body or closed the connection.
  bool wait_ended(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Reads until a comment (keep-alive) arrived.
  bool wait_comment(std::chrono::milliseconds timeout);
  void hang_up();

  const SseDecoder& decoder() const { return decoder_; }

 private:
  // One read of what is there, waiting up to `timeout`; false on close or error.
  bool pump(std::chrono::milliseconds timeout);

  int fd_ = -1;
  bool closed_ = false;
  SseDecoder decoder_;
  std::vector<SseEvent> pending_;
};

}  // namespace verp::events::testing
