// Invitations (问卷邀请):
//   POST /api/v1/surveys/{id}/invitations {"customer_ids"?:[…], "contact_ids"?:[…], "channel":"link"|"email"|"sms"}
//     → {"invited":[{id, customer_id, contact_id, recipient, message_id, link?}], "skipped":[{…, reason}]}
// One invitation per person, each with its own unguessable link (/s/<token>). By e-mail or SMS the
// message is queued through notify::queue_message to the contact's (or the customer's) address;
// people who opted out of marketing (contact.opt_out or customer.opt_out) and people without an
// address for the channel are skipped and named. "link" sends nothing: the links are answered
// for the user to pass on, and only then (the database keeps the token's digest, never the token).
//
// Links are absolute, from the public address (VERP_PUBLIC_URL) when one is set — staff may work on
// an intranet address customers cannot reach — else from the address the user reached verp at (the
// request's Origin, else X-Forwarded-Proto/-Host, else Host): the web UI and the API are served
// from one address, so a customer following the link reaches the server the user works on.
#include <boost/json.hpp>

#include "modules/crm/feedback/feedback.hpp"
#include "platform/http/json_body.hpp"
#include "modules/notify/api.hpp"
#include "platform/security/tokens.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Value;

namespace {

constexpr std::size_t kMaxRecipients = 500;

std::string public_base(const Request& request) {
  std::string origin(request.headers.get("Origin"));
  if (!origin.empty() && origin != "null") return origin;
  std::string host(request.headers.get("X-Forwarded-Host"));
  std::string scheme(request.headers.get("X-Forwarded-Proto"));
  if (host.empty()) host = std::string(request.headers.get("Host"));
  if (scheme.empty()) scheme = "http";
  if (host.empty()) host = "localhost";
  return scheme + "://" + host;
}

struct Recipient {
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> contact_id;
  std::string name;
  std::string email;
  std::string phone;
  bool opted_out = false;
};

std::string text_value(const entity::Record& record, std::string_view field) {
  const auto* text = record.get(field).get_if<std::string>();
  return text != nullptr ? *text : std::string();
}
bool flag_value(const entity::Record& record, std::string_view field) {
  const auto* flag = record.get(field).get_if<bool>();
  return flag != nullptr && *flag;
}

// The people of the body, each the active company's and visible to the caller; any other is
// named as unknown ("contact_ids[1]"), also for an administrator who may read several companies.
Result<std::vector<Recipient>> recipients_of(Connection& c, const CrmKit& kit, const security::Principal& principal,
                                             const std::vector<std::int64_t>& customers,
                                             const std::vector<std::int64_t>& contacts) {
  std::vector<Recipient> found;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    auto customer = kit.store->get_in(c, kit.spec("customer"), principal, customers[i], "read");
    if (!customer || customer->company_id != principal.company_id) {
      if (!customer && customer.error().kind != ErrorKind::not_found) return customer.error();
      errors.push_back({"customer_ids[" + std::to_string(i) + "]", "unknown", "crm.survey_customer_unknown", {}});
      continue;
    }
    found.push_back({.customer_id = customer->id,
                     .name = text_value(*customer, "name"),
                     .email = text_value(*customer, "email"),
                     .phone = text_value(*customer, "phone"),
                     .opted_out = flag_value(*customer, "opt_out")});
  }
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    auto contact = kit.store->get_in(c, kit.spec("contact"), principal, contacts[i], "read");
    if (!contact || contact->company_id != principal.company_id) {
      if (!contact && contact.error().kind != ErrorKind::not_found) return contact.error();
      errors.push_back({"contact_ids[" + std::to_string(i) + "]", "unknown", "crm.survey_contact_unknown", {}});
      continue;
    }
    const auto* customer_id = contact->get("customer_id").get_if<std::int64_t>();
    bool customer_opted_out = false;
    if (customer_id != nullptr) {
      auto row = c.query_row("SELECT opt_out FROM customers WHERE id = $1", {*customer_id});
      if (!row) return row.error();
      customer_opted_out = *row && !(*row)->is_null(0) && (*row)->boolean(0).value_or(false);
    }
    found.push_back({.customer_id = customer_id != nullptr ? std::optional(*customer_id) : std::nullopt,
                     .contact_id = contact->id,
                     .name = text_value(*contact, "name"),
                     .email = text_value(*contact, "email"),
                     .phone = text_value(*contact, "phone"),
                     .opted_out = flag_value(*contact, "opt_out") || customer_opted_out});
  }
  if (!errors.empty()) {
    return invalid(std::move(errors));
  }
  return found;
}

json::value id_or_null(const std::optional<std::int64_t>& id) { return id ? json::value(*id) : json::value(); }

struct InviteInput {
  std::string channel;
  std::vector<std::int64_t> customers;
  std::vector<std::int64_t> contacts;
};

Result<json::object> invite(Connection& c, const CrmKit& kit, const Request& request, std::int64_t survey_id,
                            const InviteInput& input) {
  const finance::Actor actor = kit.http.actor_of(request);
  auto record = kit.store->get_in(c, kit.spec("survey"), *request.principal, survey_id, "update");
  if (!record) return record.error();
  auto head = survey_head(c, request.principal->company_id, survey_id);
  if (!head) return head.error();
  if (head->status != "open") return make_error(ErrorKind::invalid_transition, "crm.survey_not_open");
  auto people = recipients_of(c, kit, *request.principal, input.customers, input.contacts);
  if (!people) return people.error();

  const std::string base = kit.public_url.empty() ? public_base(request) : kit.public_url;
  const auto now = storage::Timestamp::from_system(kit.http.clock->now());
  json::array invited, skipped;
  for (const Recipient& person : *people) {
    const std::string address = input.channel == "email" ? person.email : input.channel == "sms" ? person.phone : "";
    std::string skip;
    if (input.channel != "link" && person.opted_out) skip = "opted_out";
    else if (input.channel != "link" && address.empty()) skip = "no_address";
    if (!skip.empty()) {
      skipped.push_back(json::object{{"customer_id", id_or_null(person.customer_id)},
                                     {"contact_id", id_or_null(person.contact_id)},
                                     {"name", person.name},
                                     {"reason", skip}});
      continue;
    }
    const std::string token = security::random_token();
    const std::string link = base + "/s/" + token;
    std::optional<std::int64_t> message;
    if (input.channel != "link") {
      const std::vector<MessageArg> args{{"name", person.name}, {"survey", head->name}, {"link", link}};
      auto queued = notify::queue_message(
          c, *kit.http.clock,
          {.company_id = head->company_id,
           .channel = input.channel,
           .recipient = address,
           .subject = kit.http.catalog->text("zh-CN", "crm.survey_invitation_subject", args),
           .body = kit.http.catalog->text("zh-CN", input.channel == "sms" ? "crm.survey_invitation_sms"
                                                                           : "crm.survey_invitation_body", args),
           .purpose = "survey"});
      if (!queued) return queued.error();
      message = *queued;
    }
    auto row = c.query_row(
        "INSERT INTO survey_invitations (company_id, survey_id, token_digest, customer_id, contact_id, channel, "
        "recipient, message_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        {head->company_id, survey_id, security::token_digest(token),
         person.customer_id ? Value(*person.customer_id) : Value(), person.contact_id ? Value(*person.contact_id) : Value(),
         input.channel, address.empty() ? Value() : Value(address), message ? Value(*message) : Value(), now,
         request.principal->user_id});
    if (!row) return row.error();
    json::object made{{"id", (*row)->int64(0).value_or(0)},
                      {"customer_id", id_or_null(person.customer_id)},
                      {"contact_id", id_or_null(person.contact_id)},
                      {"name", person.name},
                      {"recipient", address},
                      {"message_id", id_or_null(message)}};
    if (input.channel == "link") made["link"] = link;
    invited.push_back(std::move(made));
  }
  if (!invited.empty()) {
    const auto* before = record->get("invited_count").get_if<std::int64_t>();
    const std::int64_t count = (before != nullptr ? *before : 0) + static_cast<std::int64_t>(invited.size());
    auto counted = kit.store->transition_in(c, kit.spec("survey"), actor.principal, survey_id,
                                            {{"invited_count", count}}, "invite", actor.caller);
    if (!counted) return counted.error();
  }
  return json::object{{"channel", input.channel}, {"invited", std::move(invited)}, {"skipped", std::move(skipped)}};
}

// The ids of a list member; a non-id is named ("contact_ids[2]").
std::vector<std::int64_t> ids_of(http::JsonBody& body, std::string_view member) {
  std::vector<std::int64_t> ids;
  const json::value* list = body.raw(member);
  if (list == nullptr) return ids;
  if (!list->is_array()) {
    body.add_error(std::string(member), "not_list", "field.not_list");
    return ids;
  }
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const json::value& id = list->as_array()[i];
    if (!id.is_int64() || id.as_int64() <= 0) {
      body.add_error(std::string(member) + "[" + std::to_string(i) + "]", "not_integer", "field.not_integer");
    } else {
      ids.push_back(id.as_int64());
    }
  }
  return ids;
}

}  // namespace

void add_survey_invitation_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* k = &kit;
  router.post("/api/v1/surveys/{id}/invitations", [k](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"customer_ids", "contact_ids", "channel"});
    InviteInput input{.channel = body.text("channel", {.required = true, .max_length = 10}),
                      .customers = ids_of(body, "customer_ids"),
                      .contacts = ids_of(body, "contact_ids")};
    if (!input.channel.empty() && input.channel != "link" && input.channel != "email" && input.channel != "sms") {
      body.add_error("channel", "invalid_option", "crm.survey_channel");
    }
    const std::size_t people = input.customers.size() + input.contacts.size();
    if (body.ok() && (people == 0 || people > kMaxRecipients)) {
      body.add_error("contact_ids", "count", "crm.survey_recipients_count", {{"max", std::to_string(kMaxRecipients)}});
    }
    if (!body.ok()) return k->http.problem(body.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto done = k->http.database->write([&](Connection& c) { return invite(c, *k, request, id, input); });
    if (!done) return k->http.problem(done.error(), request);
    return http::json_response(201, *done);
  }, {.access = Access::permission("survey", "update"),
      .openapi = openapi("Invite customers or contacts to answer an open survey by link, e-mail or SMS", "Survey")});
}

}  // namespace verp::crm
