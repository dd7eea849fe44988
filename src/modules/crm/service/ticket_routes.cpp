// HTTP for tickets and return visits. The entities' list, form, history and export are the
// generic routes (/api/v1/tickets, /api/v1/return-visits…); these are the service steps:
//   POST /api/v1/tickets {subject, customer_id, contact_id?, kind?, channel?, priority?, sales_order_id?,
//                         item_id?, serial_number?, description?}                → 201 the ticket
//   GET  /api/v1/tickets/board?mine=true&priority=&kind=                          → open tickets by status
//   GET  /api/v1/tickets/assignees        → the company's active members with their open tickets
//   POST /api/v1/tickets/{id}/assign {user_id, reason?}
//   POST /api/v1/tickets/{id}/priority {priority, reason?}
//   POST /api/v1/tickets/{id}/respond|wait|resume|close {note?}
//   POST /api/v1/tickets/{id}/resolve {resolution, root_cause?}
//   POST /api/v1/tickets/{id}/reopen {reason}
//   GET  /api/v1/tickets/{id}/events                                              → the status history
//   POST /api/v1/return-visits/{id}/complete {satisfaction, notes?}
#include <boost/json.hpp>

#include "modules/crm/service/return_visits.hpp"
#include "modules/crm/service/service_routes.hpp"
#include "modules/crm/service/ticket_sla.hpp"
#include "modules/crm/service/tickets.hpp"
#include "platform/http/json_body.hpp"

namespace verp::crm::service {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;

void add_ticket_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* shared = &kit;
  const entity::EntitySpec* spec = &kit.spec("ticket");
  auto problem = [shared](const Error& error, const Request& request) { return shared->http.problem(error, request); };
  // The record as the generic API shows it, with its links' titles, after the step committed.
  auto answer = [shared, spec, problem](const Request& request, std::int64_t id, int status) {
    auto record = shared->store->get(*spec, *request.principal, id);
    if (!record) return problem(record.error(), request);
    auto fields = shared->store->fields_for(*spec, request.principal->company_id);
    if (!fields) return problem(fields.error(), request);
    auto titles = shared->store->link_titles(*spec, *fields, *request.principal, {*record});
    if (!titles) return problem(titles.error(), request);
    return http::json_response(status, shared->store->to_json(*spec, *fields, *request.principal, *record, &*titles));
  };
  // Runs a step on a ticket within the caller's data scope for the step's action (404 outside
  // it), in one transaction, and answers the ticket.
  auto step = [=](Request& request, std::string_view action,
                  const std::function<Status(Connection&, std::int64_t)>& body) {
    const auto id = request.id_param("id").value_or(0);
    auto done = shared->http.database->write([&](Connection& c) -> Status {
      auto visible = shared->store->get_in(c, *spec, *request.principal, id, action);
      if (!visible) return visible.error();
      return body(c, id);
    });
    if (!done) return problem(done.error(), request);
    return answer(request, id, 200);
  };

  router.post("/api/v1/tickets", [=](Request& request) {
    http::JsonBody body(request);
    // The fields a ticket is opened with; everything else is the system's.
    body.allow_only({"subject", "customer_id", "contact_id", "kind", "channel", "priority", "sales_order_id", "item_id",
                     "serial_number", "description"});
    if (!body.ok()) return problem(body.error(), request);
    const auto* root = body.raw_root();
    auto made = shared->http.database->write([&](Connection& c) -> Result<std::int64_t> {
      return open_ticket_from(c, *shared, shared->http.actor_of(request), root->as_object());
    });
    if (!made) return problem(made.error(), request);
    return answer(request, *made, 201);
  }, {.access = Access::permission("ticket", "create"),
      .openapi = openapi("Open a service ticket (numbered TK-YYYYMM-NNNN, SLA deadlines, assigned by the rules)",
                         "Service ticket")});

  router.get("/api/v1/tickets/board", [=](Request& request) {
    BoardQuery query{.mine = finance::query_text(request, "mine") == "true",
                     .priority = finance::query_text(request, "priority"),
                     .kind = finance::query_text(request, "kind")};
    auto board = ticket_board(*shared, *request.principal, query,
                              storage::Timestamp::from_system(shared->http.clock->now()));
    if (!board) return problem(board.error(), request);
    return http::json_response(200, *board);
  }, {.access = Access::permission("ticket", "read"),
      .openapi = openapi("Open tickets by status with their SLA clocks at the server's time", "Service ticket")});

  // Whom a ticket can be given to, for the reassign dialog: agents cannot list users, and the
  // open-ticket count is what a supervisor weighs.
  router.get("/api/v1/tickets/assignees", [=](Request& request) {
    auto rows = shared->http.database->read([&](Connection& c) {
      return c.query(
          "SELECT u.id, u.display_name, (SELECT COUNT(*) FROM tickets t WHERE t.company_id = m.company_id AND "
          "t.owner_id = u.id AND t.archived_at IS NULL AND t.status IN ('new', 'assigned', 'in_progress', 'waiting')) "
          "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.company_id = $1 AND u.is_active "
          "ORDER BY u.display_name, u.id",
          {request.principal->company_id});
    });
    if (!rows) return problem(rows.error(), request);
    json::array items;
    for (const auto& row : *rows) {
      items.push_back(json::object{{"id", row.int64(0).value_or(0)},
                                   {"display_name", row.text(1).value_or("")},
                                   {"open_tickets", row.int64(2).value_or(0)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  }, {.access = Access::permission("ticket", "assign"),
      .openapi = openapi("The members a ticket can be given to, with their open tickets", "Service ticket")});

  router.post("/api/v1/tickets/{id}/assign", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"user_id", "reason"});
    const auto user = body.integer("user_id", true);
    const std::string reason = body.optional_text("reason", {.max_length = 500}).value_or("");
    if (!body.ok()) return problem(body.error(), request);
    return step(request, "assign", [&](Connection& c, std::int64_t id) {
      return assign_ticket(c, *shared, shared->http.actor_of(request), id, *user, reason);
    });
  }, {.access = Access::permission("ticket", "assign"),
      .openapi = openapi("Give the ticket to another member of the company", "Service ticket")});

  router.post("/api/v1/tickets/{id}/priority", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"priority", "reason"});
    const std::string priority = body.text("priority", {.required = true, .max_length = 20});
    const std::string reason = body.optional_text("reason", {.max_length = 500}).value_or("");
    if (!body.ok()) return problem(body.error(), request);
    return step(request, "update", [&](Connection& c, std::int64_t id) {
      return change_priority(c, *shared, shared->http.actor_of(request), id, priority, reason);
    });
  }, {.access = Access::permission("ticket", "update"),
      .openapi = openapi("Change the priority; the SLA deadlines are computed again", "Service ticket")});

  for (const char* verb : {"respond", "wait", "resume", "resolve", "close", "reopen"}) {
    router.post(std::string("/api/v1/tickets/{id}/") + verb, [=](Request& request) {
      http::JsonBody body(request);
      body.allow_only({"note", "resolution", "root_cause", "reason"});
      StepInput input{.note = body.optional_text("note", {.max_length = 1000}).value_or(""),
                      .resolution = body.optional_text("resolution", {.max_length = 2000}).value_or(""),
                      .root_cause = body.optional_text("root_cause", {.max_length = 1000}).value_or(""),
                      .reason = body.optional_text("reason", {.max_length = 500}).value_or("")};
      if (!body.ok()) return problem(body.error(), request);
      return step(request, verb, [&](Connection& c, std::int64_t id) {
        return act_on_ticket(c, *shared, shared->http.actor_of(request), id, *ticket_step(verb), input);
      });
    }, {.access = Access::permission("ticket", verb),
        .openapi = openapi(std::string("Ticket step: ") + verb, "Service ticket")});
  }

  router.get("/api/v1/tickets/{id}/events", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto events = shared->http.database->read([&](Connection& c) -> Result<json::array> {
      auto visible = shared->store->get_in(c, *spec, *request.principal, id, "read");
      if (!visible) return visible.error();
      return ticket_events(c, id);
    });
    if (!events) return problem(events.error(), request);
    return http::json_response(200, json::object{{"items", std::move(*events)}});
  }, {.access = Access::permission("ticket", "read"),
      .openapi = openapi("The ticket's status history, oldest first", "Service ticket")});
}

void add_return_visit_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* shared = &kit;
  const entity::EntitySpec* spec = &kit.spec("return_visit");
  auto problem = [shared](const Error& error, const Request& request) { return shared->http.problem(error, request); };
  router.post("/api/v1/return-visits/{id}/complete", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"satisfaction", "notes"});
    const auto satisfaction = body.integer("satisfaction");
    const std::string notes = body.optional_text("notes", {.max_length = 2000}).value_or("");
    if (!body.ok()) return problem(body.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto done = shared->http.database->write([&](Connection& c) -> Status {
      auto visible = shared->store->get_in(c, *spec, *request.principal, id, "update");
      if (!visible) return visible.error();
      return complete_return_visit(c, *shared, shared->http.actor_of(request), id, satisfaction, notes);
    });
    if (!done) return problem(done.error(), request);
    auto record = shared->store->get(*spec, *request.principal, id);
    if (!record) return problem(record.error(), request);
    auto fields = shared->store->fields_for(*spec, request.principal->company_id);
    if (!fields) return problem(fields.error(), request);
    return http::json_response(200, shared->store->to_json(*spec, *fields, *request.principal, *record));
  }, {.access = Access::permission("return_visit", "complete"),
      .openapi = openapi("Record the return visit's satisfaction (1–5); 2 or less reopens the ticket",
                         "Return visit")});
}

}  // namespace verp::crm::service
