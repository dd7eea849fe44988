// What the service area's steps and jobs read of a ticket and of its SLA policy.
#pragma once

#include <optional>
#include <string>

#include "platform/base/result.hpp"
#include "platform/storage/database.hpp"

namespace verp::crm::service {

struct TicketState {
  std::int64_t id = 0;
  std::int64_t company = 0;
  std::string code;
  std::string subject;
  std::string status;
  std::string priority;
  std::string kind;
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> contact_id;
  std::optional<std::int64_t> owner;
  storage::Timestamp created_at;
};

// The ticket of `company` (not archived). Errors: not_found.
Result<TicketState> ticket_state(storage::Connection& c, std::int64_t company, std::int64_t ticket);

struct SlaPolicy {
  std::int64_t id = 0;
  std::int64_t response_minutes = 0;
  std::int64_t resolution_minutes = 0;
  std::int64_t remind_before_minutes = 0;
  std::int64_t return_visit_days = 3;
};

// The company's active policy for the priority and kind, else for the priority and any kind.
Result<std::optional<SlaPolicy>> sla_policy_for(storage::Connection& c, std::int64_t company, std::string_view priority,
                                                std::string_view kind);

}  // namespace verp::crm::service
