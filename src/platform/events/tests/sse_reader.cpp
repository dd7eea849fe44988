#include "sse_reader.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

namespace verp::events::testing {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view field_value(std::string_view line, std::string_view name) {
  std::string_view value = line.substr(name.size() + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return value;
}

}  // namespace

bool SseDecoder::feed(std::string_view bytes) {
  wire_.append(bytes);
  if (!headers_done_ && !parse_headers()) return false;
  if (!headers_done_) return true;
  if (!chunked_) {  // an error answer with Content-Length: keep it for the test to read
    body_raw_ += wire_;
    wire_.clear();
    return true;
  }
  if (!parse_chunks()) return false;
  parse_events();
  return true;
}

std::vector<SseEvent> SseDecoder::take() { return std::exchange(ready_, {}); }

std::string SseDecoder::header(std::string_view name) const {
  const std::string wanted = lower(name);
  for (const auto& [key, value] : headers_) {
    if (lower(key) == wanted) return value;
  }
  return {};
}

bool SseDecoder::parse_headers() {
  const auto end = wire_.find("\r\n\r\n");
  if (end == std::string::npos) return true;
  std::string_view head(wire_.data(), end);
  const auto first_line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, first_line_end);
  if (!status_line.starts_with("HTTP/1.1 ") || status_line.size() < 12) return false;
  std::from_chars(status_line.data() + 9, status_line.data() + 12, status_);
  std::size_t at = first_line_end == std::string_view::npos ? head.size() : first_line_end + 2;
  while (at < head.size()) {
    auto line_end = head.find("\r\n", at);
    if (line_end == std::string_view::npos) line_end = head.size();
    std::string_view line = head.substr(at, line_end - at);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      headers_.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    at = line_end + 2;
  }
  headers_done_ = true;
  chunked_ = lower(header("Transfer-Encoding")) == "chunked";
  wire_.erase(0, end + 4);
  return true;
}

bool SseDecoder::parse_chunks() {
  while (!ended_) {
    const auto line_end = wire_.find("\r\n");
    if (line_end == std::string::npos) return true;
    std::size_t size = 0;
    auto [ptr, ec] = std::from_chars(wire_.data(), wire_.data() + line_end, size, 16);
    if (ec != std::errc()) return false;
    if (size == 0) {
      ended_ = true;
      wire_.clear();
      return true;
    }
    if (wire_.size() < line_end + 2 + size + 2) return true;
    body_.append(wire_, line_end + 2, size);
    body_raw_.append(wire_, line_end + 2, size);
    wire_.erase(0, line_end + 2 + size + 2);
  }
  return true;
}

void SseDecoder::parse_events() {
  for (;;) {
    const auto end = body_.find("\n\n");
    if (end == std::string::npos) return;
    std::string_view block(body_.data(), end);
    SseEvent event;
    bool has_data = false;
    std::size_t at = 0;
    while (at <= block.size()) {
      auto line_end = block.find('\n', at);
      if (line_end == std::string_view::npos) line_end = block.size();
      std::string_view line = block.substr(at, line_end - at);
      if (line.starts_with(":")) {
        ++comments_;
      } else if (line.starts_with("retry:")) {
        std::string_view value = field_value(line, "retry");
        std::from_chars(value.data(), value.data() + value.size(), retry_ms_);
      } else if (line.starts_with("id:")) {
        event.id = field_value(line, "id");
      } else if (line.starts_with("event:")) {
        event.event = field_value(line, "event");
      } else if (line.starts_with("data:")) {
        if (has_data) event.data += '\n';
        event.data += field_value(line, "data");
        has_data = true;
      }
      at = line_end + 1;
    }
    if (has_data) {
      if (event.event.empty()) event.event = "message";
      ready_.push_back(std::move(event));
    }
    body_.erase(0, end + 2);
  }
}

SseClient::SseClient(std::uint16_t port, const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    closed_ = true;
    return;
  }
  std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) closed_ = true;
}

SseClient::~SseClient() { hang_up(); }

void SseClient::hang_up() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  closed_ = true;
}

bool SseClient::pump(std::chrono::milliseconds timeout) {
  if (closed_) return false;
  pollfd fd{fd_, POLLIN, 0};
  if (::poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) return true;  // nothing yet
  char buffer[16384];
  const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n <= 0) {
    closed_ = true;
    return false;
  }
  if (!decoder_.feed(std::string_view(buffer, static_cast<std::size_t>(n)))) closed_ = true;
  for (auto& event : decoder_.take()) pending_.push_back(std::move(event));
  return !closed_;
}

namespace {
template <typename Done>
bool pump_until(std::chrono::milliseconds timeout, Done done, const std::function<bool(std::chrono::milliseconds)>& pump) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (!pump(std::min(left, std::chrono::milliseconds(50))) && !done()) return false;
  }
  return true;
}
}  // namespace

bool SseClient::wait_greeted(std::chrono::milliseconds timeout) {
  return pump_until(timeout, [this] { return decoder_.greeted(); }, [this](auto t) { return pump(t); });
}

std::optional<SseEvent> SseClient::next(std::chrono::milliseconds timeout) {
  pump_until(timeout, [this] { return !pending_.empty(); }, [this](auto t) { return pump(t); });
  if (pending_.empty()) return std::nullopt;
  SseEvent event = std::move(pending_.front());
  pending_.erase(pending_.begin());
  return event;
}

bool SseClient::wait_ended(std::chrono::milliseconds timeout) {
  return pump_until(timeout, [this] { return decoder_.ended() || closed_; }, [this](auto t) { return pump(t); });
}

bool SseClient::wait_comment(std::chrono::milliseconds timeout) {
  const int before = decoder_.comments();
  return pump_until(timeout, [&] { return decoder_.comments() > before; }, [this](auto t) { return pump(t); });
}

}  // namespace verp::events::testing
