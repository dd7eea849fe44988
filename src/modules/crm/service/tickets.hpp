// Service tickets (服务工单) inside the area: opening, assignment, SLA deadlines and the steps.
// Every step is one transaction (the caller's) writing the ticket's history, an audit entry and
// a ticket_events row (status before and after, who, when, a note).
//
//   new ─assign─▶ assigned ─respond─▶ in_progress ◀─resume─ waiting
//    └───────────respond──────────────▲   │ └──────wait──────▲
//                                         resolve (also from waiting)
//                                         ▼
//   in_progress ◀──reopen── resolved ─close─▶ closed ─reopen─▶ in_progress
#pragma once

#include <boost/json/object.hpp>

#include "modules/crm/service/service.hpp"

namespace verp::crm::service {

inline constexpr std::int64_t kMicrosPerMinute = 60'000'000;

// The statuses in which a ticket waits for someone at the company.
bool is_open_status(std::string_view status);

// open_ticket with the fields as JSON, as POST /api/v1/tickets sends them (validated by the
// ticket entity: "subject", "customer_id"…).
Result<std::int64_t> open_ticket_from(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                                      const boost::json::object& fields);

// Gives the ticket to `user` (an active member of the company): the owner changes, a new ticket
// becomes assigned. Errors: not_found; validation "user_id" crm.assignee_not_member;
// invalid_transition crm.ticket_closed for a closed ticket.
Status assign_ticket(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t ticket,
                     std::int64_t user, std::string_view reason);

// A new priority, and the deadlines of the policy for it counted again from when the ticket was
// opened. Errors: not_found; validation "priority"; invalid_transition crm.ticket_closed.
Status change_priority(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t ticket,
                       std::string_view priority, std::string_view reason);

enum class TicketStep { respond, wait, resume, resolve, close, reopen };
std::optional<TicketStep> ticket_step(std::string_view verb);

struct StepInput {
  std::string note;        // wait, resume, respond, close: optional
  std::string resolution;  // resolve: required
  std::string root_cause;  // resolve: optional
  std::string reason;      // reopen: required
};

// One step of the diagram above. resolve also schedules the return visit (return_visits.hpp);
// reopen counts the resolution deadline again from now and cancels planned return visits.
// Errors: not_found; invalid_transition crm.ticket_cannot_<verb>; validation "resolution" or
// "reason" when missing.
Status act_on_ticket(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t ticket,
                     TicketStep step, const StepInput& input);

// The ticket's status history, oldest first: [{at, by, by_name, from_status, to_status, note}].
Result<boost::json::array> ticket_events(storage::Connection& c, std::int64_t ticket);

// Appends one row to the ticket's status history; `by` empty: the system (the SLA job).
Status record_event(storage::Connection& c, std::int64_t ticket, storage::Timestamp at, std::optional<std::int64_t> by,
                    std::string_view from, std::string_view to, std::string_view note);
Status record_event(storage::Connection& c, std::int64_t ticket, const finance::Actor& actor, std::string_view from,
                    std::string_view to, std::string_view note);

}  // namespace verp::crm::service
