// The public tracking routes a campaign's recipients open from their message, without signing
// in (Access::anyone). A token names one campaign message; it is random (256 bits) and stored
// only as its digest. An unknown or altered token changes nothing and answers what any unknown
// token answers, so the routes tell nothing about other recipients.
//   GET  /api/v1/public/t/o/{token}.gif   a 1×1 GIF; marks the message opened (the first time)
//   GET  /api/v1/public/t/c/{token}?u=N   302 to link N of THIS campaign's template; marks clicked
//                                         (and opened); 404 for anything else — never an open redirect
//   GET  /api/v1/public/t/u/{token}       a small page asking to confirm the unsubscribe
//   POST /api/v1/public/t/u/{token}       sets opt_out on the contact (or the customer), audited
#include <boost/json.hpp>

#include "modules/crm/campaigns/campaign_render.hpp"
#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/security/tokens.hpp"

namespace verp::crm {

using finance::openapi;
using http::Access;
using http::Request;
using http::Response;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

// A transparent 1×1 GIF.
const std::string& pixel() {
  static const std::string gif = std::string(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00"
      "\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b",
      43);
  return gif;
}

struct Tracked {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> contact_id;
  std::string body;  // the campaign's template
  std::string campaign_name;
};

// The message a token names; nullopt for anything else.
Result<std::optional<Tracked>> find(Connection& c, std::string_view token) {
  if (token.size() != 43) return std::optional<Tracked>();  // random_token()'s length
  auto row = c.query_row(
      "SELECT m.id, m.company_id, m.campaign_id, m.customer_id, m.contact_id, c.body, c.name FROM campaign_messages m "
      "JOIN campaigns c ON c.id = m.campaign_id WHERE m.token_digest = $1",
      {security::token_digest(token)});
  if (!row) return row.error();
  if (!*row) return std::optional<Tracked>();
  const storage::Row& r = **row;
  return std::optional(Tracked{.id = r.int64(0).value_or(0),
                               .company_id = r.int64(1).value_or(0),
                               .campaign_id = r.int64(2).value_or(0),
                               .customer_id = r.int64(3).value_or(0),
                               .contact_id = finance::optional_id(r, 4),
                               .body = r.is_null(5) ? "" : r.text(5).value_or(""),
                               .campaign_name = r.text(6).value_or("")});
}

Response not_found() { return Response::text(404, "Not found\n"); }

Response no_store(Response response) {
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

std::string page(std::string_view title, std::string_view content) {
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" +
         std::string(title) +
         "</title><style>body{font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}"
         "button{padding:.5rem 1.5rem;font-size:1rem}</style></head><body>" +
         std::string(content) + "</body></html>";
}

}  // namespace

void add_tracking_routes(http::Router& router, const CrmKit& kit) {
  const finance::LedgerHttp http = kit.http;
  const entity::EntityStore* store = kit.store;
  const entity::EntitySpec* contact_spec = &kit.spec("contact");
  const entity::EntitySpec* customer_spec = &kit.spec("customer");
  auto now = [http] { return Timestamp::from_system(http.clock->now()); };

  router.get(std::string(kOpenPath) + "{file}", [=](Request& request) {
    std::string token(request.param("file"));
    if (token.ends_with(".gif")) token.resize(token.size() - 4);
    // The pixel is answered whatever happens: a mail client shows no broken image.
    (void)http.database->write([&](Connection& c) -> Status {
      auto found = find(c, token);
      if (!found) return found.error();
      if (!*found) return {};
      auto marked = c.execute("UPDATE campaign_messages SET opened_at = $1 WHERE id = $2 AND opened_at IS NULL",
                              {now(), (*found)->id});
      if (!marked) return marked.error();
      return {};
    });
    return no_store(Response::text(200, pixel(), "image/gif"));
  }, {.access = Access::anyone(), .openapi = openapi("Campaign open pixel (public)", "Campaign tracking")});

  router.get(std::string(kClickPath) + "{token}", [=](Request& request) {
    const std::string token(request.param("token"));
    const auto index = request.integer_query("u");
    auto target = http.database->write([&](Connection& c) -> Result<std::optional<std::string>> {
      auto found = find(c, token);
      if (!found) return found.error();
      if (!*found || !index) return std::optional<std::string>();
      const auto links = template_links((*found)->body);
      if (*index < 0 || *index >= static_cast<std::int64_t>(links.size())) return std::optional<std::string>();
      auto marked = c.execute(
          "UPDATE campaign_messages SET clicked_at = COALESCE(clicked_at, $1), opened_at = COALESCE(opened_at, $1), "
          "clicks = clicks + 1 WHERE id = $2",
          {now(), (*found)->id});
      if (!marked) return marked.error();
      return std::optional(links[static_cast<std::size_t>(*index)]);
    });
    if (!target || !*target) return no_store(not_found());
    Response response = Response::text(302, "");
    response.headers.set("Location", **target);
    return no_store(std::move(response));
  }, {.access = Access::anyone(), .openapi = openapi("Campaign tracked link (public): redirects to the campaign's link", "Campaign tracking")});

  router.get(std::string(kUnsubscribePath) + "{token}", [=](Request& request) {
    const std::string token(request.param("token"));
    auto found = http.database->read([&](Connection& c) { return find(c, token); });
    if (!found || !*found) return no_store(not_found());
    return no_store(Response::text(
        200,
        page("退订 / Unsubscribe",
             "<h1>退订营销信息</h1><p>确认后，我们将不再向您发送营销信息。</p><p>Confirm and we will send you no more "
             "marketing messages.</p><form method=\"post\"><button type=\"submit\">确认退订 / Unsubscribe</button></form>"),
        "text/html; charset=utf-8"));
  }, {.access = Access::anyone(), .openapi = openapi("Campaign unsubscribe page (public)", "Campaign tracking")});

  router.post(std::string(kUnsubscribePath) + "{token}", [=](Request& request) {
    const std::string token(request.param("token"));
    auto done = http.database->write([&](Connection& c) -> Result<bool> {
      auto found = find(c, token);
      if (!found) return found.error();
      if (!*found) return false;
      const Tracked& message = **found;
      // The recipient acts for themselves: no user, the company's record, the request's address.
      const security::Principal recipient{.user_id = 0, .user_name = "campaign-recipient",
                                          .company_id = message.company_id};
      const entity::Caller caller{.address = request.remote_address, .request_id = request.request_id};
      const entity::EntitySpec& spec = message.contact_id ? *contact_spec : *customer_spec;
      const std::int64_t record = message.contact_id ? *message.contact_id : message.customer_id;
      auto changed = store->transition_in(c, spec, recipient, record, {{"opt_out", true}}, "unsubscribe", caller);
      if (!changed) return changed.error();
      auto marked = c.execute(
          "UPDATE campaign_messages SET unsubscribed_at = COALESCE(unsubscribed_at, $1) WHERE id = $2",
          {now(), message.id});
      if (!marked) return marked.error();
      return true;
    });
    if (!done || !*done) return no_store(not_found());
    return no_store(Response::text(200, page("已退订 / Unsubscribed",
                                             "<h1>已退订</h1><p>您将不再收到我们的营销信息。</p><p>You will receive no more "
                                             "marketing messages from us.</p>"),
                                   "text/html; charset=utf-8"));
  }, {.access = Access::anyone(), .openapi = openapi("Campaign unsubscribe (public): opts the recipient out", "Campaign tracking")});
}

}  // namespace verp::crm
