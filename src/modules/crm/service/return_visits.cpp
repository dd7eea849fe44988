#include "modules/crm/service/return_visits.hpp"

#include <boost/json.hpp>

#include "modules/crm/service/service_tasks.hpp"
#include "modules/crm/service/ticket_state.hpp"
#include "modules/crm/service/tickets.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm::service {

namespace json = boost::json;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr std::int64_t kMicrosPerDay = 24LL * 60 * kMicrosPerMinute;

Status visit_changed(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t visit,
                     const std::map<std::string, Value, std::less<>>& changes, std::string_view action) {
  auto done =
      kit.store->transition_in(c, kit.spec("return_visit"), actor.principal, visit, changes, action, actor.caller);
  if (!done) return done.error();
  return {};
}

}  // namespace

Status schedule_return_visit(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t id) {
  auto ticket = ticket_state(c, actor.principal.company_id, id);
  if (!ticket) return ticket.error();
  auto policy = sla_policy_for(c, ticket->company, ticket->priority, ticket->kind);
  if (!policy) return policy.error();
  const std::int64_t days = *policy ? (*policy)->return_visit_days : kDefaultReturnVisitDays;
  const storage::Date due = storage::Date::from_days(inventory::local_today(actor.clock).to_days() + days);
  const std::int64_t owner = ticket->owner.value_or(actor.principal.user_id);
  // Planning the visit is part of resolving, which the actor was allowed: the visit is created
  // under that authority and given to the ticket's assignee.
  const security::Principal planner{.user_id = actor.principal.user_id,
                                    .user_name = actor.principal.user_name,
                                    .company_id = ticket->company,
                                    .company_ids = {ticket->company},
                                    .grants = {{"return_visit", "create", security::DataScope::company}}};
  json::object body{
      {"ticket_id", id}, {"customer_id", ticket->customer_id}, {"due_on", due.to_string()}, {"owner_id", owner}};
  if (ticket->contact_id) body["contact_id"] = *ticket->contact_id;
  auto visit = kit.store->create_in(c, kit.spec("return_visit"), planner, body, true, actor.caller);
  if (!visit) return visit.error();
  const std::vector<MessageArg> args{{"code", ticket->code}, {"subject", ticket->subject}, {"due_on", due.to_string()}};
  const auto& catalog = i18n::Catalog::built_in();
  // Due at the end of that day in China (16:00 UTC is midnight in UTC+8).
  const Timestamp due_at{(due.to_days() + 1) * kMicrosPerDay - 8 * 60 * kMicrosPerMinute};
  auto task = give_task(c, kit,
                        {.company = ticket->company,
                         .owner = owner,
                         .title = catalog.text("zh-CN", "crm.return_visit_task", args),
                         .description = catalog.text("zh-CN", "crm.return_visit_task_body", args),
                         .due_at = due_at,
                         .entity = "return_visit",
                         .record_id = visit->record->id,
                         .source = "crm.return_visits"});
  if (!task) return task.error();
  return {};
}

Status cancel_planned_visits(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t ticket) {
  auto planned = c.query(
      "SELECT id FROM return_visits WHERE ticket_id = $1 AND status = 'planned' AND archived_at IS NULL", {ticket});
  if (!planned) return planned.error();
  for (const auto& row : *planned) {
    const std::int64_t visit = row.int64(0).value_or(0);
    if (Status done = visit_changed(c, kit, actor, visit, {{"status", "cancelled"}}, "cancel"); !done) return done;
    if (Status tasks = finish_tasks_about(c, kit, actor, "return_visit", visit, "cancelled"); !tasks) return tasks;
  }
  return {};
}

Status complete_return_visit(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t visit,
                             std::optional<std::int64_t> satisfaction, std::string_view notes) {
  if (!satisfaction) return finance::field_error("satisfaction", "required", "field.required");
  if (*satisfaction < 1 || *satisfaction > 5) {
    return finance::field_error("satisfaction", "out_of_range", "crm.return_visit_satisfaction_range");
  }
  auto row = c.query_row(
      "SELECT status, ticket_id FROM return_visits WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {visit, actor.principal.company_id});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  if ((*row)->text(0).value_or("") != "planned") {
    return make_error(ErrorKind::invalid_transition, "crm.return_visit_not_planned");
  }
  const auto ticket = finance::optional_id(**row, 1);
  if (Status done = visit_changed(c, kit, actor, visit,
                                  {{"status", "done"},
                                   {"satisfaction", *satisfaction},
                                   {"notes", notes.empty() ? Value() : Value(notes)},
                                   {"completed_at", Timestamp::from_system(actor.clock.now())}},
                                  "complete");
      !done) {
    return done;
  }
  if (Status tasks = finish_tasks_about(c, kit, actor, "return_visit", visit, "done"); !tasks) return tasks;
  json::object entry{{"satisfaction", *satisfaction}};
  if (ticket && *satisfaction <= kReopeningScore) {
    auto state = ticket_state(c, actor.principal.company_id, *ticket);
    if (!state) return state.error();
    if (state->status == "resolved" || state->status == "closed") {
      const std::string reason =
          i18n::Catalog::built_in().text("zh-CN", "crm.ticket_reopened_by_visit",
                                         {{"score", std::to_string(*satisfaction)}, {"notes", std::string(notes)}});
      if (Status reopened = act_on_ticket(c, kit, actor, *ticket, TicketStep::reopen, {.reason = reason}); !reopened) {
        return reopened;
      }
      entry["reopened_ticket"] = *ticket;
    }
  }
  return finance::audit_ledger(c, actor, "return_visit.complete", "return_visit", visit, entry);
}

}  // namespace verp::crm::service
