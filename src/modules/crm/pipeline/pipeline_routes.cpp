// HTTP for leads, opportunities, follow-ups and the pipeline's board and statistics. Lists,
// forms, history and export are the entities' generic routes; these are the steps (README.md):
//   POST /api/v1/leads                               numbered LD-YYYYMM-NNNN
//   GET  /api/v1/leads/{id}/matches                  customers that look like the lead
//   POST /api/v1/leads/{id}/qualify | disqualify {"reason"} | convert {...}
//   POST /api/v1/opportunities                       numbered OP-YYYYMM-NNNN, in its first stage
//   GET  /api/v1/opportunities/{id}/view             the detail page
//   POST /api/v1/opportunities/{id}/move | win | lose | reopen | quotation
//   POST /api/v1/follow-ups                          with the next follow-up's task
//   PATCH /api/v1/follow-ups/{id}                    its task follows the next follow-up time
//   GET  /api/v1/crm/pipeline                        the kanban
//   GET  /api/v1/crm/pipeline/stats?from=&to=&owner_id=&department_id=
#include <boost/json.hpp>

#include "modules/crm/pipeline/pipeline_internal.hpp"
#include "platform/http/json_body.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using http::Response;
using storage::Connection;

namespace {

// 201 with the record, or 409 naming the records it looks like (as the generic create answers).
Response created(const CrmKit& kit, const Request& request, const entity::EntitySpec& spec,
                 const entity::CreateOutcome& outcome) {
  if (!outcome.record) {
    Response response = kit.http.problem(make_error(ErrorKind::conflict, "entity.possible_duplicates"), request);
    boost::system::error_code ec;
    auto body = json::parse(response.body, ec);
    if (ec || !body.is_object()) return response;
    json::array list;
    for (const auto& match : outcome.duplicates) {
      json::array fields(match.matched_on.begin(), match.matched_on.end());
      list.push_back({{"id", match.id}, {"title", match.title}, {"code", match.code}, {"matched_on", fields}});
    }
    body.as_object()["duplicates"] = std::move(list);
    response.body = json::serialize(body);
    return response;
  }
  auto fields = kit.store->fields_for(spec, request.principal->company_id);
  if (!fields) return kit.http.problem(fields.error(), request);
  Response response = http::json_response(201, kit.store->to_json(spec, *fields, *request.principal, *outcome.record));
  response.headers.set("Location", "/api/v1/" + spec.path + "/" + std::to_string(outcome.record->id));
  return response;
}

bool confirmed(const Request& request) {
  const std::string* confirm = request.query_param("confirm_duplicates");
  return confirm != nullptr && *confirm == "true";
}

// POST /api/v1/<entity's path>: the module's create (numbering, tasks…) instead of the generic one,
// answered as the generic create answers.
using Create = std::function<Result<entity::CreateOutcome>(Connection&, const Actor&, const json::object& body,
                                                           bool confirm_duplicates)>;
void add_create_route(http::Router& router, const CrmKit& kit, std::string entity_name, Create create,
                      std::string summary, std::string tag) {
  router.post("/api/v1/" + kit.spec(entity_name).path, [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok() || !body.raw_root()->is_object()) return kit.http.problem(body.error(), request);
    auto made = kit.http.database->write([&](Connection& c) {
      return create(c, kit.http.actor_of(request), body.raw_root()->as_object(), confirmed(request));
    });
    if (!made) return kit.http.problem(made.error(), request);
    return created(kit, request, kit.spec(entity_name), *made);
  }, {.access = Access::permission(entity_name, "create"), .openapi = openapi(summary, tag)});
}

// An optional positive id in the body, or the problem naming it.
std::optional<std::int64_t> optional_id(http::JsonBody& body, std::string_view field) {
  auto id = body.integer(field);
  if (id && *id <= 0) body.add_error(std::string(field), "invalid", "field.not_integer");
  return id;
}

Result<ConversionInput> conversion_from(const json::value& root) {
  const json::object* body = root.if_object();
  if (body == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  ConversionInput input;
  std::vector<FieldError> problems;
  for (const auto& [key, value] : *body) {
    if (key == "customer_id") {
      if (value.is_int64() && value.as_int64() > 0) input.customer_id = value.as_int64();
      else if (!value.is_null()) problems.push_back({"customer_id", "invalid", "field.not_integer", {}});
    } else if (key == "customer" || key == "opportunity") {
      if (!value.is_object()) {
        problems.push_back({std::string(key), "invalid", "crm.pipeline.object_expected", {}});
        continue;
      }
      (key == "customer" ? input.customer : input.opportunity) = value.as_object();
    } else {
      problems.push_back({std::string(key), "not_writable", "field.not_writable", {}});
    }
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  return input;
}

Result<StatsQuery> stats_query(const Request& request) {
  StatsQuery query;
  std::vector<FieldError> problems;
  for (const char* name : {"from", "to"}) {
    const std::string text = finance::query_text(request, name);
    if (text.empty()) continue;
    auto day = storage::Date::parse(text);
    if (!day) problems.push_back({name, "invalid", "entity.invalid_date", {}});
    else (std::string_view(name) == "from" ? query.from : query.to) = *day;
  }
  for (const char* name : {"owner_id", "department_id"}) {
    if (request.query_param(name) == nullptr) continue;
    auto id = request.integer_query(name);
    if (!id || *id <= 0) problems.push_back({name, "invalid", "field.not_integer", {}});
    else (std::string_view(name) == "owner_id" ? query.owner_id : query.department_id) = *id;
  }
  if (query.from && query.to && *query.to < *query.from) {
    problems.push_back({"to", "before_from", "crm.pipeline.to_before_from", {}});
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  return query;
}

void add_lead_routes(http::Router& router, const CrmKit& kit) {
  auto problem = [kit](const Error& error, const Request& request) { return kit.http.problem(error, request); };

  auto create = [kit](Connection& c, const Actor& actor, const json::object& body, bool confirm) {
    return create_lead(c, kit, actor, body, confirm);
  };
  add_create_route(router, kit, "lead", create, "Enter a lead (numbered LD-YYYYMM-NNNN)", "Lead");

  router.get("/api/v1/leads/{id}/matches", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = kit.http.database->read([&](Connection& c) -> Result<json::array> {
      auto lead = record_of(c, kit, "lead", *request.principal, id, "read");
      if (!lead) return lead.error();
      return lead_matches(c, request.principal->company_id, id);
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, json::object{{"items", std::move(*found)}});
  }, {.access = Access::permission("lead", "read"),
      .openapi = openapi("Customers whose normalised name, phone or e-mail match the lead", "Lead")});

  // A step on a lead answers the lead as it then is.
  auto lead_step = [=](Request& request, const std::function<Status(Connection&, std::int64_t)>& body) {
    const auto id = request.id_param("id").value_or(0);
    auto done = kit.http.database->write([&](Connection& c) -> Result<entity::Record> {
      if (Status ran = body(c, id); !ran) return ran.error();
      return record_of(c, kit, "lead", *request.principal, id, "read");
    });
    if (!done) return problem(done.error(), request);
    auto fields = kit.store->fields_for(kit.spec("lead"), request.principal->company_id);
    if (!fields) return problem(fields.error(), request);
    return http::json_response(200, kit.store->to_json(kit.spec("lead"), *fields, *request.principal, *done));
  };
  router.post("/api/v1/leads/{id}/qualify", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({});
    if (!body.ok()) return problem(body.error(), request);
    return lead_step(request, [&](Connection& c, std::int64_t id) {
      return act_on_lead(c, kit, kit.http.actor_of(request), id, LeadAction::qualify, "");
    });
  }, {.access = Access::permission("lead", "update"), .openapi = openapi("The lead is a real prospect", "Lead")});
  router.post("/api/v1/leads/{id}/disqualify", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"reason"});
    const std::string reason = body.text("reason", {.max_length = 500});
    if (!body.ok()) return problem(body.error(), request);
    return lead_step(request, [&](Connection& c, std::int64_t id) {
      return act_on_lead(c, kit, kit.http.actor_of(request), id, LeadAction::disqualify, reason);
    });
  }, {.access = Access::permission("lead", "update"),
      .openapi = openapi("The lead is not worth pursuing (a reason)", "Lead")});

  router.post("/api/v1/leads/{id}/convert", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = conversion_from(*body.raw_root());
    if (!input) return problem(input.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto done = kit.http.database->write([&](Connection& c) -> Result<json::object> {
      auto conversion = convert_lead(c, kit, kit.http.actor_of(request), id, *input);
      if (!conversion) return conversion.error();
      auto view = opportunity_view(c, request.principal->company_id, conversion->opportunity_id);
      if (!view) return view.error();
      return json::object{{"customer_id", conversion->customer_id},
                          {"new_customer", conversion->new_customer},
                          {"contact_id", conversion->contact_id},
                          {"opportunity_id", conversion->opportunity_id},
                          {"opportunity", std::move(*view)}};
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(201, *done);
  }, {.access = Access::permission("lead", "update"),
      .openapi = openapi("Convert a lead into a customer (new or matched), a contact and an opportunity", "Lead")});
}

void add_opportunity_routes(http::Router& router, const CrmKit& kit) {
  auto problem = [kit](const Error& error, const Request& request) { return kit.http.problem(error, request); };

  auto create = [kit](Connection& c, const Actor& actor, const json::object& body, bool) {
    return create_opportunity(c, kit, actor, body);
  };
  add_create_route(router, kit, "opportunity", create,
                   "Enter an opportunity (numbered OP-YYYYMM-NNNN, in the first open stage)", "Opportunity");

  // The detail page; an order made from the linked quotation is linked first.
  auto view_of = [=](Connection& c, const Request& request, std::int64_t id) -> Result<json::object> {
    auto order = link_order(c, kit, kit.http.actor_of(request), id);
    if (!order) return order.error();
    return opportunity_view(c, request.principal->company_id, id);
  };
  router.get("/api/v1/opportunities/{id}/view", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    // Read only, unless the order the linked quotation became is still to be linked.
    std::optional<json::object> read;
    auto found = kit.http.database->read([&](Connection& c) -> Status {
      auto record = record_of(c, kit, "opportunity", *request.principal, id, "read");
      if (!record) return record.error();
      auto unlinked = c.query_row(
          "SELECT 1 FROM opportunities o JOIN quotations q ON q.id = o.quotation_id WHERE o.id = $1 "
          "AND o.sales_order_id IS NULL AND q.sales_order_id IS NOT NULL",
          {id});
      if (!unlinked) return unlinked.error();
      if (*unlinked) return {};
      auto view = opportunity_view(c, request.principal->company_id, id);
      if (!view) return view.error();
      read = std::move(*view);
      return {};
    });
    if (!found) return problem(found.error(), request);
    if (read) return http::json_response(200, *read);
    auto linked = kit.http.database->write([&](Connection& c) { return view_of(c, request, id); });
    if (!linked) return problem(linked.error(), request);
    return http::json_response(200, *linked);
  }, {.access = Access::permission("opportunity", "read"),
      .openapi = openapi("The opportunity with its stage history, follow-ups, quotation and order", "Opportunity")});

  auto step = [=](Request& request, const std::function<Status(Connection&, std::int64_t)>& body) {
    const auto id = request.id_param("id").value_or(0);
    auto done = kit.http.database->write([&](Connection& c) -> Result<json::object> {
      if (Status ran = body(c, id); !ran) return ran.error();
      return view_of(c, request, id);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(200, *done);
  };
  router.post("/api/v1/opportunities/{id}/move", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"stage_id", "reason", "competitor", "sales_order_id"});
    const auto stage = body.integer("stage_id", true);
    Closing closing{.reason = body.optional_text("reason", {.max_length = 500}).value_or(""),
                    .competitor = body.optional_text("competitor", {.max_length = 200}).value_or(""),
                    .sales_order_id = optional_id(body, "sales_order_id")};
    if (!body.ok()) return problem(body.error(), request);
    return step(request, [&](Connection& c, std::int64_t id) {
      return move_opportunity(c, kit, kit.http.actor_of(request), id, stage.value_or(0), closing);
    });
  }, {.access = Access::permission("opportunity", "update"),
      .openapi = openapi("Move an open opportunity to another stage (a won or lost stage closes it)", "Opportunity")});
  router.post("/api/v1/opportunities/{id}/win", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"reason", "sales_order_id"});
    Closing closing{.reason = body.optional_text("reason", {.max_length = 500}).value_or(""),
                    .sales_order_id = optional_id(body, "sales_order_id")};
    if (!body.ok()) return problem(body.error(), request);
    return step(request, [&](Connection& c, std::int64_t id) {
      return win_opportunity(c, kit, kit.http.actor_of(request), id, closing);
    });
  }, {.access = Access::permission("opportunity", "update"),
      .openapi = openapi("The opportunity is won", "Opportunity")});
  router.post("/api/v1/opportunities/{id}/lose", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"reason", "competitor"});
    Closing closing{.reason = body.text("reason", {.max_length = 500}),
                    .competitor = body.optional_text("competitor", {.max_length = 200}).value_or("")};
    if (!body.ok()) return problem(body.error(), request);
    return step(request, [&](Connection& c, std::int64_t id) {
      return lose_opportunity(c, kit, kit.http.actor_of(request), id, closing);
    });
  }, {.access = Access::permission("opportunity", "update"),
      .openapi = openapi("The opportunity is lost (a reason, the competitor who won it)", "Opportunity")});
  router.post("/api/v1/opportunities/{id}/reopen", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({});
    if (!body.ok()) return problem(body.error(), request);
    return step(request, [&](Connection& c, std::int64_t id) {
      return reopen_opportunity(c, kit, kit.http.actor_of(request), id);
    });
  }, {.access = Access::permission("opportunity", "update"),
      .openapi = openapi("A won or lost opportunity is open again, in the stage it left", "Opportunity")});

  router.post("/api/v1/opportunities/{id}/quotation", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto done = kit.http.database->write([&](Connection& c) -> Result<json::object> {
      auto quotation = quote_opportunity(c, kit, kit.http.actor_of(request), id, *body.raw_root());
      if (!quotation) return quotation.error();
      return view_of(c, request, id);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(201, *done);
  }, {.access = Access::permission("quotation", "create"),
      .openapi = openapi("A draft quotation for the opportunity's customer, linked to it", "Opportunity")});

  router.get("/api/v1/crm/pipeline", [=](Request& request) {
    if (Status ready = ensure_stages(kit, *request.principal); !ready) return problem(ready.error(), request);
    auto board = kit.http.database->read([&](Connection& c) { return pipeline_board(c, kit, *request.principal); });
    if (!board) return problem(board.error(), request);
    return http::json_response(200, *board);
  }, {.access = Access::permission("opportunity", "read"),
      .openapi = openapi("The kanban: open stages with their opportunities, counts and weighted sums", "Opportunity")});

  router.get("/api/v1/crm/pipeline/stats", [=](Request& request) {
    auto query = stats_query(request);
    if (!query) return problem(query.error(), request);
    if (Status ready = ensure_stages(kit, *request.principal); !ready) return problem(ready.error(), request);
    auto stats = kit.http.database->read(
        [&](Connection& c) { return pipeline_stats(c, kit, *request.principal, *query); });
    if (!stats) return problem(stats.error(), request);
    return http::json_response(200, *stats);
  }, {.access = Access::permission("opportunity", "read"),
      .openapi = openapi("Pipeline statistics: stages, sources, win rate, cycle length, per salesperson and team",
                         "Opportunity")});

  add_create_route(router, kit, "follow_up", [kit](Connection& c, const Actor& actor, const json::object& body, bool) {
    return record_follow_up(c, kit, actor, body);
  }, "Record a follow-up; a next follow-up time becomes the owner's task", "Follow-up");

  router.patch("/api/v1/follow-ups/{id}", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok() || !body.raw_root()->is_object()) return problem(body.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto changed = kit.http.database->write([&](Connection& c) {
      return change_follow_up(c, kit, kit.http.actor_of(request), id, body.raw_root()->as_object());
    });
    if (!changed) return problem(changed.error(), request);
    auto fields = kit.store->fields_for(kit.spec("follow_up"), request.principal->company_id);
    if (!fields) return problem(fields.error(), request);
    return http::json_response(200, kit.store->to_json(kit.spec("follow_up"), *fields, *request.principal, *changed));
  }, {.access = Access::permission("follow_up", "update"),
      .openapi = openapi("Change a follow-up; a moved next follow-up time moves its task", "Follow-up")});
}

}  // namespace

void add_pipeline_routes(http::Router& router, const CrmKit& kit) {
  add_lead_routes(router, kit);
  add_opportunity_routes(router, kit);
  add_lead_form_routes(router, kit);
}

}  // namespace verp::crm
