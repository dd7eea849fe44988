// The service area (售后服务): tickets with their SLA deadlines, return visits (回访) and care
// plans. This header is what other areas may call: opening a ticket (the feedback area opens one
// when a survey answer is negative). The steps, jobs and routes are in tickets.hpp and the
// area's other files.
#pragma once

#include <optional>
#include <string>

#include "modules/crm/area.hpp"
#include "modules/finance/ledger.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> service_entities();
std::vector<storage::TableDef> service_tables();
// `verp check`: crm.ticket_history (each ticket numbered, its status where its history ends).
std::vector<Check> service_checks();

// What a ticket is opened with. Empty texts and absent ids are left out; kind, channel and
// priority take the entity's defaults (support, phone, normal) when empty.
struct TicketInput {
  std::string subject;  // required, at most 200 characters
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> contact_id;
  std::optional<std::int64_t> sales_order_id;
  std::optional<std::int64_t> item_id;
  std::string serial_number;
  std::string kind;      // complaint | repair | support | return_exchange | consultation
  std::string channel;   // phone | email | web_form | portal | survey
  std::string priority;  // urgent | high | normal | low
  std::string description;
};

// Opens a ticket in the actor's company, inside the caller's transaction (commit or roll back
// with it), and answers its id:
//  - numbered TK-YYYYMM-NNNN (China's calendar month);
//  - the active SLA policy for its priority (and kind, else any kind) gives response_due_at and
//    resolution_due_at, counted in calendar minutes from now; none: no deadlines;
//  - the first active assignment rule (by sequence) whose kind and region match gives it to a
//    user, or to the active member of a department with the fewest open tickets; the assignee
//    becomes the ticket's owner (status "assigned") and is notified. No rule: status "new",
//    owned by the actor;
//  - the ticket's history, audit entries and its first ticket_events row are written.
// Preconditions: actor.principal holds ticket/create (a job or a public page acts through a
// principal made for it, whose user_id is a member of the company).
// Errors: forbidden; validation naming the fields ("subject", "customer_id" when the customer
// is not the company's…), nothing written by this call; storage errors.
Result<std::int64_t> open_ticket(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                                 const TicketInput& input);

}  // namespace verp::crm
