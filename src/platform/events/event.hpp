// Event: one thing that happened, for live clients (GET /api/v1/events). Small by design: ids,
// a title at most — a client that wants the record fetches it through the API, where field rules
// apply. Who may receive an event is decided from what it carries (company, user, the record's
// owner and department), so delivery never queries the database per client.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::events {

enum class Kind { notification, job, record };
std::string_view to_string(Kind kind);

struct Event {
  std::uint64_t id = 0;  // set by the Hub of the node that delivers it (the SSE `id:`)
  Kind kind = Kind::record;
  std::optional<std::int64_t> company_id;  // none: consortium-wide data, or a company-less job
  std::optional<std::int64_t> user_id;     // notification: its recipient; job: its owner
  // Record events: what changed, how, and the facts the data scope needs.
  std::string entity;  // the entity's name, e.g. "customer"
  std::int64_t record_id = 0;
  std::string action;  // created, updated, archived, restored, deleted
  std::optional<std::int64_t> owner_id;
  std::optional<std::int64_t> department_id;
  std::string data = "{}";  // a JSON object for the client (notification title, job progress…)
};

// The event as one JSON object: what travels through the database and what the client reads.
// When it would exceed kMaxEncodedBytes, `data` is replaced by {"truncated":true} (the client
// fetches the rest), so that it always fits PostgreSQL's NOTIFY payload limit.
inline constexpr std::size_t kMaxEncodedBytes = 7900;
std::string encode(const Event& event);
// Errors: validation "events.bad_payload".
Result<Event> decode(std::string_view text);

}  // namespace verp::events
