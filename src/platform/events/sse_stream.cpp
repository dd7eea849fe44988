#include "platform/events/sse_stream.hpp"

namespace verp::events {

void append_event(std::string& out, const Delivery& delivery) {
  out += "id: ";
  out += std::to_string(delivery.event.id);
  out += "\nevent: ";
  out += to_string(delivery.event.kind);
  out += "\ndata: ";
  out += delivery.json;  // serialised JSON holds no raw newline
  out += "\n\n";
}

SseStream::SseStream(Hub& hub, Hub::Filter filter, StreamOptions options)
    : options_(options), waker_(std::make_shared<Waker>()),
      expires_at_(std::chrono::steady_clock::now() + options.max_age) {
  subscription_ = hub.subscribe(std::move(filter), [waker = waker_] {
    std::lock_guard lock(waker->mutex);
    if (waker->wake) waker->wake();
  });
}

SseStream::~SseStream() = default;

void SseStream::start(std::function<void()> wake) {
  std::lock_guard lock(waker_->mutex);
  waker_->wake = std::move(wake);
}

bool SseStream::read(std::string& out) {
  if (!subscription_) return false;
  if (!greeted_) {
    out += "retry: " + std::to_string(options_.retry.count()) + "\n: connected\n\n";
    greeted_ = true;
  }
  for (const auto& delivery : subscription_->take()) append_event(out, *delivery);
  if (const std::string_view reason = subscription_->ended(); !reason.empty()) {
    out += "event: reconnect\ndata: {\"reason\":\"" + std::string(reason) + "\"}\n\n";
    return false;
  }
  if (std::chrono::steady_clock::now() >= expires_at_) {
    out += "event: reconnect\ndata: {\"reason\":\"expired\"}\n\n";
    return false;
  }
  return true;
}

void SseStream::keepalive(std::string& out) { out += ": keepalive\n\n"; }

void SseStream::close(bool server_stopping, std::string& farewell) {
  subscription_.reset();
  if (server_stopping) farewell = "event: reconnect\ndata: {\"reason\":\"server_stopping\"}\n\n";
}

}  // namespace verp::events
