// The SLA watch over open tickets (crm.ticket_sla, every 5 minutes) and the ticket board.
//
// For each open ticket with deadlines — the response deadline until the first response, the
// resolution deadline until it is resolved — the job tells the assignee once when the deadline
// is within the policy's remind_before_minutes, and once it has passed sets the ticket's
// response_breached / resolution_breached flag, marks it escalated (escalated_at, the first
// time) and notifies the assignee and the head of the assignee's department (departments.
// head_user_id through the membership, as workflow's task escalation does). Each alert is
// claimed by inserting (ticket, alert, deadline) into ticket_sla_alerts first: safe on several
// nodes, and a deadline moved by a new priority is watched again.
#pragma once

#include <boost/json/object.hpp>

#include "modules/crm/area.hpp"

namespace verp::crm::service {

struct SlaRun {
  int reminded = 0;   // reminders sent before a deadline
  int escalated = 0;  // deadlines found breached (each once)
};

Result<SlaRun> watch_ticket_deadlines(storage::Database& database, const CrmKit& kit, const Clock& clock);

struct BoardQuery {
  bool mine = false;
  std::string priority;  // empty: any
  std::string kind;      // empty: any
};

// The open tickets the principal may read, grouped by status (new, assigned, in_progress,
// waiting), each with its fields and, computed at `now`: response_remaining_minutes /
// resolution_remaining_minutes (negative: overdue by; null: no such deadline or already met),
// remind_before_minutes, and sla_state ok | warning | breached (the worse of the two).
Result<boost::json::object> ticket_board(const CrmKit& kit, const security::Principal& principal,
                                         const BoardQuery& query, storage::Timestamp now);

// Whole minutes from `now` to `due`, rounded down (−0.5 minutes is −1: already overdue).
std::int64_t minutes_until(storage::Timestamp due, storage::Timestamp now);

}  // namespace verp::crm::service
