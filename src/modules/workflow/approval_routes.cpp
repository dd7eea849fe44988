// HTTP for approvals:
//   POST /api/v1/approvals                {"document_type","document_id","comment"?}: submit → 201
//   GET  /api/v1/approvals?box=pending|decided|submitted&cursor=&limit=
//   GET  /api/v1/approvals/types          the document types that go through approval
//   GET  /api/v1/approvals/{id}           steps, approvers and timeline
//   POST /api/v1/approvals/{id}/approve   {"comment"?}
//   POST /api/v1/approvals/{id}/reject    {"comment"} (mandatory)
//   POST /api/v1/approvals/{id}/withdraw  {"comment"?} (the submitter)
// Who may do what is decided by the flow (approvers, submitter) and, for submitting, by the
// caller's update grant on the document; every signed-in user has an inbox.
#include <boost/json.hpp>
#include <algorithm>
#include <charconv>
#include <functional>

#include "modules/workflow/approval_routes.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::workflow {

using http::Request;

namespace {

constexpr const char* kTags = R"("tags":["Approval"])";

std::string openapi(std::string_view summary) {
  return std::string(R"({"summary":")") + std::string(summary) + "\"," + kTags + "}";
}

boost::json::object state_json(const FlowState& state) { return {{"id", state.flow_id}, {"state", state.state}}; }

}  // namespace

void add_approval_routes(http::Router& router, ModuleContext& context, std::shared_ptr<const ApprovableTypes> types) {
  if (context.entity_store == nullptr) return;
  storage::Database* database = &context.database;
  const i18n::Catalog* catalog = &context.catalog;
  const ApprovalServices services{*context.entity_store, *types, context.clock};
  auto problem = [catalog](const Error& error, const Request& request) {
    return http::problem_response(error, request, *catalog);
  };
  auto caller_of = [](const Request& request) { return entity::Caller{request.remote_address, request.request_id}; };

  router.post("/api/v1/approvals", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"document_type", "document_id", "comment"});
    const std::string type = body.text("document_type", {.required = true, .max_length = 50});
    const auto id = body.integer("document_id", true);
    const std::string comment = body.text("comment", {.max_length = 1000});
    if (!body.ok()) return problem(body.error(), request);
    auto submitted = database->write([&](storage::Connection& c) {
      return submit(c, services, *request.principal, type, *id, comment, caller_of(request));
    });
    if (!submitted) return problem(submitted.error(), request);
    return http::json_response(201, state_json(*submitted));
  }, {.access = http::Access::signed_in(), .openapi = openapi("Submit a document for approval")});

  router.get("/api/v1/approvals", [=](Request& request) {
    const std::string* box_param = request.query_param("box");
    const std::string box = box_param != nullptr ? *box_param : "pending";
    std::int64_t before = 0;
    const std::string* cursor_param = request.query_param("cursor");
    const std::string cursor = cursor_param != nullptr ? *cursor_param : "";
    if (!cursor.empty()) {
      auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), before);
      if (ec != std::errc() || end != cursor.data() + cursor.size() || before <= 0) {
        Error error = make_error(ErrorKind::validation, "error.validation");
        error.fields.push_back(FieldError{"cursor", "invalid", "approval.bad_cursor", {}});
        return problem(error, request);
      }
    }
    const int limit = static_cast<int>(std::clamp<std::int64_t>(request.integer_query("limit").value_or(50), 1, 200));
    auto page = database->read(
        [&](storage::Connection& c) { return inbox(c, *request.principal, box, before, limit); });
    if (!page) return problem(page.error(), request);
    return http::json_response(200, *page);
  }, {.access = http::Access::signed_in(), .openapi = openapi("My approvals: pending, decided by me, submitted by me")});

  // What an approval rule may name as its document type, for the rule editor.
  router.get("/api/v1/approvals/types", [=](Request& request) {
    boost::json::array items;
    for (const auto* spec : types->all()) {
      items.push_back(boost::json::object{{"name", spec->name}, {"label", spec->label.in(request.locale)}});
    }
    return http::json_response(200, boost::json::object{{"items", std::move(items)}});
  }, {.access = http::Access::signed_in(), .openapi = openapi("Document types that go through approval")});

  router.get("/api/v1/approvals/{id}", [=](Request& request) {
    auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto flow = database->read([&](storage::Connection& c) { return flow_detail(c, *request.principal, *id); });
    if (!flow) return problem(flow.error(), request);
    return http::json_response(200, *flow);
  }, {.access = http::Access::signed_in(), .openapi = openapi("One approval flow with its steps and timeline")});

  // approve, reject and withdraw read the same body and answer the same way.
  using Act = std::function<Result<FlowState>(storage::Connection&, const security::Principal&, std::int64_t,
                                              std::string_view, const entity::Caller&)>;
  auto act_route = [=](Act act) {
    return [=](Request& request) {
      auto id = request.id_param("id");
      if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
      http::JsonBody body(request);
      body.allow_only({"comment"});
      const std::string comment = body.text("comment", {.max_length = 1000});
      if (!body.ok()) return problem(body.error(), request);
      auto acted = database->write(
          [&](storage::Connection& c) { return act(c, *request.principal, *id, comment, caller_of(request)); });
      if (!acted) return problem(acted.error(), request);
      return http::json_response(200, state_json(*acted));
    };
  };
  auto deciding = [=](Decision decision) -> Act {
    return [=](storage::Connection& c, const security::Principal& who, std::int64_t id, std::string_view comment,
               const entity::Caller& caller) { return decide(c, services, who, id, decision, comment, caller); };
  };
  router.post("/api/v1/approvals/{id}/approve", act_route(deciding(Decision::approve)),
              {.access = http::Access::signed_in(), .openapi = openapi("Approve the current step")});
  router.post("/api/v1/approvals/{id}/reject", act_route(deciding(Decision::reject)),
              {.access = http::Access::signed_in(), .openapi = openapi("Reject the document (comment required)")});
  router.post("/api/v1/approvals/{id}/withdraw",
              act_route([=](storage::Connection& c, const security::Principal& who, std::int64_t id,
                            std::string_view comment, const entity::Caller& caller) {
                return withdraw(c, services, who, id, comment, caller);
              }),
              {.access = http::Access::signed_in(), .openapi = openapi("Withdraw my pending submission")});
}

}  // namespace verp::workflow
