// HTTP for a campaign's steps; its list, form, history and export are the generic entity routes
// (/api/v1/campaigns), which edit only drafts. Each step is one transaction that writes the
// campaign's new version (history) and an audit entry:
//   POST /api/v1/campaigns/{id}/schedule {"scheduled_at"}   draft → scheduled (at a future time)
//   POST /api/v1/campaigns/{id}/send                        draft|scheduled → scheduled for now
//   POST /api/v1/campaigns/{id}/cancel                      draft|scheduled|sending → cancelled
// The crm.campaigns job sends what is scheduled (campaign_sender.cpp).
#include <boost/json.hpp>

#include "modules/crm/campaigns/campaign_support.hpp"
#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

// What a campaign needs before it may go out; every missing piece named at once.
Status ready_to_send(const entity::Record& campaign, std::string_view public_url) {
  Error error = make_error(ErrorKind::validation, "error.validation");
  auto missing = [&](const char* field) { error.fields.push_back({field, "required", "crm.campaign_incomplete", {}}); };
  if (campaign.get("segment_id").is_null()) missing("segment_id");
  if (text_of(campaign, "body").empty()) missing("body");
  if (text_of(campaign, "channel") == "email" && text_of(campaign, "subject").empty()) missing("subject");
  // Tracked links and the unsubscribe link are absolute: the recipient opens them outside verp,
  // at the campaign's own address or else the server's public address (VERP_PUBLIC_URL).
  if (text_of(campaign, "tracking_url").empty() && public_url.empty()) missing("tracking_url");
  if (!error.fields.empty()) return error;
  return {};
}

Error wrong_state(const std::string& status) {
  Error error = make_error(ErrorKind::invalid_transition, "crm.campaign_wrong_state");
  error.field = "status";
  error.args = {{"status", status}};
  return error;
}

}  // namespace

void add_campaign_routes(http::Router& router, const CrmKit& kit) {
  const finance::LedgerHttp http = kit.http;
  const entity::EntityStore* store = kit.store;
  const entity::EntitySpec* spec = &kit.spec("campaign");
  auto problem = [http](const Error& error, const Request& request) { return http.problem(error, request); };

  // Runs `step` on the campaign (404 outside the caller's scope for updating campaigns) in one
  // transaction; `step` answers the changes, which become the campaign's next version.
  using Step = std::function<Result<std::map<std::string, Value, std::less<>>>(const entity::Record&, Timestamp now)>;
  auto run = [=](Request& request, std::string_view action, const Step& step) {
    const auto id = request.id_param("id").value_or(0);
    const Timestamp now = Timestamp::from_system(http.clock->now());
    const finance::Actor actor = http.actor_of(request);
    auto done = http.database->write([&](Connection& c) -> Result<json::object> {
      auto campaign = store->get_in(c, *spec, *request.principal, id, "update");
      if (!campaign) return campaign.error();
      auto changes = step(*campaign, now);
      if (!changes) return changes.error();
      auto changed = store->transition_in(c, *spec, actor.principal, id, *changes, action, actor.caller);
      if (!changed) return changed.error();
      auto fields = store->fields_for(*spec, request.principal->company_id);
      if (!fields) return fields.error();
      return store->to_json(*spec, *fields, *request.principal, *changed);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(200, *done);
  };

  router.post("/api/v1/campaigns/{id}/schedule", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"scheduled_at"});
    const std::string at_text = body.text("scheduled_at", {.required = true, .max_length = 40});
    if (!body.ok()) return problem(body.error(), request);
    auto at = Timestamp::parse(at_text);
    if (!at) return problem(finance::field_error("scheduled_at", "invalid", "crm.campaign_time_invalid"), request);
    return run(request, "schedule", [&](const entity::Record& campaign, Timestamp now) -> Result<std::map<std::string, Value, std::less<>>> {
      const std::string status = text_of(campaign, "status");
      if (status != "draft") return wrong_state(status);
      if (*at < now) return finance::field_error("scheduled_at", "past", "crm.campaign_time_past");
      if (Status ready = ready_to_send(campaign, kit.public_url); !ready) return ready.error();
      return std::map<std::string, Value, std::less<>>{{"status", "scheduled"}, {"scheduled_at", *at}};
    });
  }, {.access = Access::permission("campaign", "schedule"),
      .openapi = openapi("Schedule a draft campaign to be sent at a time", "Campaign")});

  router.post("/api/v1/campaigns/{id}/send", [=](Request& request) {
    return run(request, "send", [&](const entity::Record& campaign, Timestamp now) -> Result<std::map<std::string, Value, std::less<>>> {
      const std::string status = text_of(campaign, "status");
      if (status != "draft" && status != "scheduled") return wrong_state(status);
      if (Status ready = ready_to_send(campaign, kit.public_url); !ready) return ready.error();
      return std::map<std::string, Value, std::less<>>{{"status", "scheduled"}, {"scheduled_at", now}};
    });
  }, {.access = Access::permission("campaign", "send"),
      .openapi = openapi("Send a campaign now (the crm.campaigns job picks it up within a minute)", "Campaign")});

  router.post("/api/v1/campaigns/{id}/cancel", [=](Request& request) {
    return run(request, "cancel", [&](const entity::Record& campaign, Timestamp) -> Result<std::map<std::string, Value, std::less<>>> {
      const std::string status = text_of(campaign, "status");
      // A campaign being sent stops after the batch in hand; what went out stays in its results.
      if (status != "draft" && status != "scheduled" && status != "sending") return wrong_state(status);
      return std::map<std::string, Value, std::less<>>{{"status", "cancelled"}};
    });
  }, {.access = Access::permission("campaign", "cancel"),
      .openapi = openapi("Cancel a campaign that is not sent yet", "Campaign")});
}

}  // namespace verp::crm
