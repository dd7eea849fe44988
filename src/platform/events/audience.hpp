// Who may receive an event, decided from what the event carries and the subscriber's Principal
// (taken when the stream opened), without touching the database:
//
//   notification  only its recipient (user_id), in the company it belongs to (or any, if none)
//   job           only its owner (user_id), likewise
//   record        only a subscriber watching that record (or that entity: "customer:*") whose
//                 grants let them read it: the entity's read permission and data scope
//                 (entity::in_scope — the same rule the store's queries apply)
//
// A subscriber therefore never hears of another company's records unless a grant with the
// all_companies scope covers that company.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/entity/entity_spec.hpp"
#include "platform/events/event.hpp"
#include "platform/security/principal.hpp"

namespace verp::events {

struct WatchedRecord {
  std::string entity;
  std::int64_t record_id = 0;  // 0: every record of the entity
};

inline constexpr std::size_t kMaxWatched = 100;

// Parses "customer:12,item:7,supplier:*". Errors: validation "events.bad_watch" (syntax,
// unknown entity, more than kMaxWatched), forbidden "error.forbidden" (no read grant on an
// entity named).
Result<std::vector<WatchedRecord>> parse_watch(std::string_view text, const entity::Registry& registry,
                                               const security::Principal& principal);

bool may_receive(const security::Principal& principal, const std::vector<WatchedRecord>& watched,
                 const entity::Registry& registry, const Event& event);

}  // namespace verp::events
