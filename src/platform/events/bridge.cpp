#include "platform/events/bridge.hpp"

#include "platform/base/log.hpp"

namespace verp::events {

Status publish(storage::Connection& connection, const Event& event) {
  return connection.notify(kChannel, encode(event));
}

Result<std::unique_ptr<storage::Listener>> feed(storage::Database& database, Hub& hub) {
  return database.listen(kChannel, [&hub](std::string_view payload) {
    auto event = decode(payload);
    if (!event) {
      log::warn("events.bad_payload", {{"detail", event.error().detail}});
      return;
    }
    hub.publish(std::move(*event));
  }, [&hub] {
    // The LISTEN session broke and listens again: whatever committed meanwhile was not heard.
    log::warn("events.gap");
    hub.end_all("missed_events");
  });
}

}  // namespace verp::events
