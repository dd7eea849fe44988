#include "platform/events/audience.hpp"

#include <algorithm>
#include <charconv>

#include "platform/entity/scope.hpp"

namespace verp::events {
namespace {

Error bad_watch(std::string detail) {
  Error error = make_error(ErrorKind::validation, "events.bad_watch", detail);
  error.field = "watch";
  return error;
}

bool for_this_user(const security::Principal& principal, const Event& event) {
  return event.user_id == principal.user_id && (!event.company_id || *event.company_id == principal.company_id);
}

}  // namespace

Result<std::vector<WatchedRecord>> parse_watch(std::string_view text, const entity::Registry& registry,
                                               const security::Principal& principal) {
  std::vector<WatchedRecord> watched;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) continue;
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) return bad_watch(std::string(item));
    const std::string_view name = item.substr(0, colon);
    const std::string_view id_text = item.substr(colon + 1);
    const entity::EntitySpec* spec = registry.find(name);
    if (spec == nullptr) return bad_watch(std::string(item));
    WatchedRecord record{std::string(name), 0};
    if (id_text != "*") {
      auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), record.record_id);
      if (ec != std::errc() || end != id_text.data() + id_text.size() || record.record_id <= 0) {
        return bad_watch(std::string(item));
      }
    }
    if (!principal.may(spec->name, "read")) {
      return make_error(ErrorKind::forbidden, "error.forbidden", spec->name + ".read");
    }
    watched.push_back(std::move(record));
    if (watched.size() > kMaxWatched) return bad_watch("more than " + std::to_string(kMaxWatched) + " records");
  }
  return watched;
}

bool may_receive(const security::Principal& principal, const std::vector<WatchedRecord>& watched,
                 const entity::Registry& registry, const Event& event) {
  switch (event.kind) {
    case Kind::notification:
    case Kind::job:
      return for_this_user(principal, event);
    case Kind::record: {
      const bool asked = std::any_of(watched.begin(), watched.end(), [&](const WatchedRecord& w) {
        return w.entity == event.entity && (w.record_id == 0 || w.record_id == event.record_id);
      });
      if (!asked) return false;
      const entity::EntitySpec* spec = registry.find(event.entity);
      return spec != nullptr &&
             entity::in_scope(*spec, principal, "read",
                              {.company_id = event.company_id, .owner_id = event.owner_id,
                               .department_id = event.department_id});
    }
  }
  return false;
}

}  // namespace verp::events
