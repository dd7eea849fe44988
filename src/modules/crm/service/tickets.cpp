// Tickets: opening with number, SLA deadlines and assignment; reassignment, priority and the
// steps of tickets.hpp.
#include "modules/crm/service/tickets.hpp"

#include <boost/json.hpp>

#include "modules/crm/service/return_visits.hpp"
#include "modules/crm/service/ticket_state.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/notify/api.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm::service {

namespace json = boost::json;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

bool is_open_status(std::string_view status) {
  return status == "new" || status == "assigned" || status == "in_progress" || status == "waiting";
}

namespace {

struct Assignee {
  std::int64_t user = 0;
  std::string rule;
};

// The first active rule (by sequence) whose kind and region match the ticket's: its user, or the
// active member of its department with the fewest open tickets (ties: the lowest user id, so
// that two nodes agree).
Result<std::optional<Assignee>> assignee_by_rules(Connection& c, std::int64_t company, std::string_view kind,
                                                  std::int64_t customer) {
  auto rules = c.query(
      "SELECT r.name, r.to_user_id, r.to_department_id FROM ticket_assignment_rules r "
      "WHERE r.company_id = $1 AND r.active AND r.archived_at IS NULL AND (r.kind IS NULL OR r.kind = $2) "
      "AND (r.region IS NULL OR r.region = '' OR r.region = (SELECT cu.region FROM customers cu WHERE cu.id = $3)) "
      "ORDER BY r.sequence, r.id",
      {company, std::string(kind), customer});
  if (!rules) return rules.error();
  for (const auto& rule : *rules) {
    if (!rule.is_null(1)) {
      auto active = c.query_row(
          "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.company_id = $2 "
          "AND u.is_active",
          {rule.int64(1).value_or(0), company});
      if (!active) return active.error();
      if (*active) return std::optional(Assignee{rule.int64(1).value_or(0), rule.text(0).value_or("")});
      continue;  // a user who left: the next rule
    }
    auto least = c.query_row(
        "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id AND u.is_active "
        "WHERE m.company_id = $1 AND m.department_id = $2 ORDER BY (SELECT COUNT(*) FROM tickets t "
        "WHERE t.company_id = m.company_id AND t.owner_id = m.user_id AND t.archived_at IS NULL "
        "AND t.status IN ('new', 'assigned', 'in_progress', 'waiting')), m.user_id LIMIT 1",
        {company, rule.int64(2).value_or(0)});
    if (!least) return least.error();
    if (*least) return std::optional(Assignee{(*least)->int64(0).value_or(0), rule.text(0).value_or("")});
  }
  return std::optional<Assignee>();
}

Status changed(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t ticket,
               const std::map<std::string, Value, std::less<>>& changes, std::string_view action) {
  auto done = kit.store->transition_in(c, kit.spec("ticket"), actor.principal, ticket, changes, action, actor.caller);
  if (!done) return done.error();
  return {};
}

// The owner is a system column the entity's transitions do not write; it changes first so that
// the version written next (history, audit) holds the new owner.
Status set_owner(Connection& c, std::int64_t ticket, std::int64_t user) {
  auto updated = c.execute("UPDATE tickets SET owner_id = $1 WHERE id = $2", {user, ticket});
  if (!updated) return updated.error();
  return {};
}

Status tell_assignee(Connection& c, const finance::Actor& actor, const TicketState& ticket, std::int64_t user) {
  if (user == actor.principal.user_id) return {};
  const std::vector<MessageArg> args{{"code", ticket.code}, {"subject", ticket.subject}};
  auto told = notify::notify(c, actor.clock,
                             {.user_id = user,
                              .company_id = ticket.company,
                              .kind = "crm.ticket_assigned",
                              .title = i18n::Catalog::built_in().text("zh-CN", "crm.ticket_assigned_title", args),
                              .entity = "ticket",
                              .record_id = ticket.id,
                              .title_id = "crm.ticket_assigned_title",
                              .args = args});
  if (!told) return told.error();
  return {};
}

Result<bool> active_member(Connection& c, std::int64_t company, std::int64_t user) {
  auto row = c.query_row(
      "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.company_id = $2 "
      "AND u.is_active",
      {user, company});
  if (!row) return row.error();
  return row->has_value();
}

std::map<std::string, Value, std::less<>> deadlines(const std::optional<SlaPolicy>& policy, Timestamp from) {
  if (!policy) return {{"sla_policy_id", Value()}, {"response_due_at", Value()}, {"resolution_due_at", Value()}};
  return {{"sla_policy_id", policy->id},
          {"response_due_at", Timestamp{from.micros + policy->response_minutes * kMicrosPerMinute}},
          {"resolution_due_at", Timestamp{from.micros + policy->resolution_minutes * kMicrosPerMinute}}};
}

}  // namespace

Result<std::int64_t> open_ticket_from(Connection& c, const CrmKit& kit, const finance::Actor& actor,
                                      const json::object& fields) {
  const auto& spec = kit.spec("ticket");
  auto created = kit.store->create_in(c, spec, actor.principal, fields, true, actor.caller);
  if (!created) return created.error();
  const std::int64_t id = created->record->id;
  auto ticket = ticket_state(c, actor.principal.company_id, id);
  if (!ticket) return ticket.error();
  auto number = inventory::next_document_number(c, ticket->company, "TK", inventory::local_today(actor.clock));
  if (!number) return number.error();
  ticket->code = *number;
  auto policy = sla_policy_for(c, ticket->company, ticket->priority, ticket->kind);
  if (!policy) return policy.error();
  auto assignee = assignee_by_rules(c, ticket->company, ticket->kind, ticket->customer_id);
  if (!assignee) return assignee.error();
  auto changes = deadlines(*policy, ticket->created_at);
  changes["code"] = *number;
  std::string note;
  if (*assignee) {
    if (Status owned = set_owner(c, id, (*assignee)->user); !owned) return owned.error();
    changes["status"] = "assigned";
    note = (*assignee)->rule;
  }
  if (Status opened = changed(c, kit, actor, id, changes, "open"); !opened) return opened.error();
  const std::string status = *assignee ? "assigned" : "new";
  if (Status kept = record_event(c, id, actor, "", status, note); !kept) return kept.error();
  json::object entry{{"code", *number}, {"priority", ticket->priority}, {"status", status}};
  if (*assignee) {
    entry["assignee"] = (*assignee)->user;
    entry["rule"] = (*assignee)->rule;
    if (Status told = tell_assignee(c, actor, *ticket, (*assignee)->user); !told) return told.error();
  }
  if (Status audited = finance::audit_ledger(c, actor, "ticket.open", "ticket", id, entry); !audited) {
    return audited.error();
  }
  return id;
}

Status assign_ticket(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t id, std::int64_t user,
                     std::string_view reason) {
  auto ticket = ticket_state(c, actor.principal.company_id, id);
  if (!ticket) return ticket.error();
  if (ticket->status == "closed") return make_error(ErrorKind::invalid_transition, "crm.ticket_closed");
  auto member = active_member(c, ticket->company, user);
  if (!member) return member.error();
  if (!*member) return finance::field_error("user_id", "not_a_member", "crm.ticket_assignee_not_member");
  if (Status owned = set_owner(c, id, user); !owned) return owned;
  const std::string to = ticket->status == "new" ? "assigned" : ticket->status;
  if (Status done = changed(c, kit, actor, id, {{"status", to}}, "assign"); !done) return done;
  if (Status kept = record_event(c, id, actor, ticket->status, to, reason); !kept) return kept;
  if (Status told = tell_assignee(c, actor, *ticket, user); !told) return told;
  return finance::audit_ledger(c, actor, "ticket.assign", "ticket", id,
                               {{"code", ticket->code},
                                {"from_user", ticket->owner.has_value() ? json::value(*ticket->owner) : json::value()},
                                {"to_user", user},
                                {"reason", std::string(reason)}});
}

Status change_priority(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t id,
                       std::string_view priority, std::string_view reason) {
  if (priority != "urgent" && priority != "high" && priority != "normal" && priority != "low") {
    return finance::field_error("priority", "not_an_option", "field.not_an_option");
  }
  auto ticket = ticket_state(c, actor.principal.company_id, id);
  if (!ticket) return ticket.error();
  if (ticket->status == "closed") return make_error(ErrorKind::invalid_transition, "crm.ticket_closed");
  auto policy = sla_policy_for(c, ticket->company, priority, ticket->kind);
  if (!policy) return policy.error();
  auto changes = deadlines(*policy, ticket->created_at);
  changes["priority"] = std::string(priority);
  // A deadline moved into the future is not breached any more; the SLA job judges it again.
  const auto now = Timestamp::from_system(actor.clock.now());
  for (const char* which : {"response", "resolution"}) {
    const auto* due = changes[std::string(which) + "_due_at"].get_if<Timestamp>();
    if (due == nullptr || *due > now) changes[std::string(which) + "_breached"] = false;
  }
  if (Status done = changed(c, kit, actor, id, changes, "change_priority"); !done) return done;
  if (Status kept = record_event(
          c, id, actor, ticket->status, ticket->status,
          ticket->priority + " → " + std::string(priority) + (reason.empty() ? "" : "：" + std::string(reason)));
      !kept) {
    return kept;
  }
  return finance::audit_ledger(c, actor, "ticket.change_priority", "ticket", id,
                               {{"code", ticket->code},
                                {"from", ticket->priority},
                                {"to", std::string(priority)},
                                {"reason", std::string(reason)}});
}

std::optional<TicketStep> ticket_step(std::string_view verb) {
  if (verb == "respond") return TicketStep::respond;
  if (verb == "wait") return TicketStep::wait;
  if (verb == "resume") return TicketStep::resume;
  if (verb == "resolve") return TicketStep::resolve;
  if (verb == "close") return TicketStep::close;
  if (verb == "reopen") return TicketStep::reopen;
  return std::nullopt;
}

Status act_on_ticket(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t id, TicketStep step,
                     const StepInput& input) {
  auto ticket = ticket_state(c, actor.principal.company_id, id);
  if (!ticket) return ticket.error();
  const std::string& from = ticket->status;
  const auto now = Timestamp::from_system(actor.clock.now());
  std::map<std::string, Value, std::less<>> changes;
  std::string verb, to, note = input.note;
  auto refuse = [](std::string_view name) {
    return make_error(ErrorKind::invalid_transition, "crm.ticket_cannot_" + std::string(name));
  };
  switch (step) {
    case TicketStep::respond:
      verb = "respond";
      if (from != "new" && from != "assigned") return refuse(verb);
      // Whoever answers an unassigned ticket takes it.
      if (from == "new") {
        if (Status owned = set_owner(c, id, actor.principal.user_id); !owned) return owned;
      }
      to = "in_progress";
      changes["first_response_at"] = now;
      break;
    case TicketStep::wait:
      verb = "wait";
      if (from != "in_progress") return refuse(verb);
      to = "waiting";
      break;
    case TicketStep::resume:
      verb = "resume";
      if (from != "waiting") return refuse(verb);
      to = "in_progress";
      break;
    case TicketStep::resolve:
      verb = "resolve";
      if (from != "in_progress" && from != "waiting") return refuse(verb);
      if (input.resolution.empty()) return finance::field_error("resolution", "required", "field.required");
      to = "resolved";
      changes = {{"resolution", input.resolution}, {"resolved_at", now}};
      changes["root_cause"] = input.root_cause.empty() ? Value() : Value(input.root_cause);
      note = input.resolution;
      break;
    case TicketStep::close:
      verb = "close";
      if (from != "resolved") return refuse(verb);
      to = "closed";
      changes["closed_at"] = now;
      break;
    case TicketStep::reopen: {
      verb = "reopen";
      if (from != "resolved" && from != "closed") return refuse(verb);
      if (input.reason.empty()) return finance::field_error("reason", "required", "field.required");
      to = "in_progress";
      note = input.reason;
      // The customer waits again: the resolution time starts over from now.
      auto policy = sla_policy_for(c, ticket->company, ticket->priority, ticket->kind);
      if (!policy) return policy.error();
      changes = {{"closed_at", Value()}, {"resolved_at", Value()}, {"resolution_breached", false}};
      if (*policy)
        changes["resolution_due_at"] = Timestamp{now.micros + (*policy)->resolution_minutes * kMicrosPerMinute};
      if (Status cancelled = cancel_planned_visits(c, kit, actor, id); !cancelled) return cancelled;
      break;
    }
  }
  changes["status"] = to;
  if (Status done = changed(c, kit, actor, id, changes, verb); !done) return done;
  if (Status kept = record_event(c, id, actor, from, to, note); !kept) return kept;
  if (step == TicketStep::resolve) {
    if (Status planned = schedule_return_visit(c, kit, actor, id); !planned) return planned;
  }
  json::object entry{{"code", ticket->code}, {"from", from}, {"to", to}};
  if (!note.empty()) entry["note"] = note;
  return finance::audit_ledger(c, actor, "ticket." + verb, "ticket", id, entry);
}

Status record_event(Connection& c, std::int64_t ticket, Timestamp at, std::optional<std::int64_t> by,
                    std::string_view from, std::string_view to, std::string_view note) {
  auto next = c.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM ticket_events WHERE ticket_id = $1", {ticket});
  if (!next) return next.error();
  auto written = c.execute(
      "INSERT INTO ticket_events (ticket_id, seq, at, by_user, from_status, to_status, note) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {ticket, (*next)->int64(0).value_or(1), at, Value(by), from.empty() ? Value() : Value(from), std::string(to),
       note.empty() ? Value() : Value(note)});
  if (!written) return written.error();
  return {};
}

Status record_event(Connection& c, std::int64_t ticket, const finance::Actor& actor, std::string_view from,
                    std::string_view to, std::string_view note) {
  return record_event(c, ticket, Timestamp::from_system(actor.clock.now()), actor.principal.user_id, from, to, note);
}

Result<json::array> ticket_events(Connection& c, std::int64_t ticket) {
  auto rows = c.query(
      "SELECT e.at, e.by_user, u.display_name, e.from_status, e.to_status, e.note FROM ticket_events e "
      "LEFT JOIN users u ON u.id = e.by_user WHERE e.ticket_id = $1 ORDER BY e.seq",
      {ticket});
  if (!rows) return rows.error();
  json::array events;
  for (const auto& row : *rows) {
    auto text_or_null = [&](std::size_t i) {
      return row.is_null(i) ? json::value() : json::value(row.text(i).value_or(""));
    };
    events.push_back(json::object{{"at", row.timestamp(0).value_or(Timestamp{}).to_string()},
                                  {"by", row.is_null(1) ? json::value() : json::value(row.int64(1).value_or(0))},
                                  {"by_name", text_or_null(2)},
                                  {"from_status", text_or_null(3)},
                                  {"to_status", row.text(4).value_or("")},
                                  {"note", text_or_null(5)}});
  }
  return events;
}

}  // namespace verp::crm::service
