// Return visits (回访): a call to the customer some days after their ticket was resolved, to ask
// whether it stayed solved and how satisfied they are (1–5).
//
// Resolving a ticket plans one (due the SLA policy's return_visit_days after, default 3, China's
// calendar) owned by the ticket's assignee, with a workflow task for them. Completing it records
// the score; a score of 2 or less reopens the ticket (CRM-S04): the customer is not satisfied, so
// the same ticket — with its history and assignee — is worked again rather than a new one.
#pragma once

#include "modules/crm/area.hpp"
#include "modules/finance/ledger.hpp"

namespace verp::crm::service {

inline constexpr std::int64_t kDefaultReturnVisitDays = 3;
inline constexpr std::int64_t kReopeningScore = 2;

// Plans the return visit of a ticket just resolved (and its task). Errors: not_found, storage.
Status schedule_return_visit(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                             std::int64_t ticket);

// Cancels the ticket's planned return visits and their tasks (the ticket was reopened).
Status cancel_planned_visits(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                             std::int64_t ticket);

// planned → done with the score and notes; its task is done; a score ≤ 2 reopens a resolved or
// closed ticket. Errors: not_found; validation "satisfaction" (required, 1–5);
// invalid_transition crm.return_visit_not_planned.
Status complete_return_visit(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t visit,
                             std::optional<std::int64_t> satisfaction, std::string_view notes);

}  // namespace verp::crm::service
