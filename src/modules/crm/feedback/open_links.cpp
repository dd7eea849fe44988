// A survey's anonymous link (公开匿名链接), for a survey put on a website or a receipt rather than
// sent to someone (no sign-in; the survey's anonymous_link must be on and the survey open):
//   GET  /api/v1/public/surveys/open/{key}   the survey as the answer page shows it
//   POST /api/v1/public/surveys/open/{key} {"answers":[…]}  → 201 {"response_id"}; 400 as for an
//        invitation; 404 unknown key or no anonymous link; 409 not open; 429 over the limit
// Each answer is an invitation of channel "anonymous" made as it is answered, so it is stored
// exactly as an invited answer is (without a customer: it opens no ticket). One network address
// answers a survey at most kAnswersPerHour times an hour, counted in the database so that every
// node applies the same limit.
#include <boost/json.hpp>

#include "modules/crm/feedback/feedback.hpp"
#include "platform/http/json_body.hpp"
#include "platform/security/tokens.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Timestamp;

namespace {

constexpr std::int64_t kAnswersPerHour = 5;
constexpr std::int64_t kMicrosPerHour = 3600LL * 1'000'000;

// The survey whose anonymous link `key` is. Errors: not_found (also when the link is off).
Result<SurveyHead> survey_of_key(Connection& c, std::string_view key) {
  if (key.empty() || key.size() > 40) return make_error(ErrorKind::not_found, "error.not_found");
  auto row = c.query_row("SELECT id FROM surveys WHERE public_key = $1 AND anonymous_link AND archived_at IS NULL",
                         {std::string(key)});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  return survey_head(c, std::nullopt, (*row)->int64(0).value_or(0));
}

Result<std::int64_t> answer_anonymously(Connection& c, const CrmKit& kit, const Request& request, std::string_view key,
                                        const json::value& body) {
  auto head = survey_of_key(c, key);
  if (!head) return head.error();
  if (head->status != "open") return make_error(ErrorKind::invalid_transition, "crm.survey_not_open");
  const Timestamp now = Timestamp::from_system(kit.http.clock->now());
  auto recent = c.query_row(
      "SELECT COUNT(*) FROM survey_invitations WHERE survey_id = $1 AND channel = 'anonymous' AND answered_from = $2 "
      "AND answered_at >= $3",
      {head->id, request.remote_address, Timestamp::from_micros(now.micros - kMicrosPerHour)});
  if (!recent) return recent.error();
  if (*recent && (*recent)->int64(0).value_or(0) >= kAnswersPerHour) {
    return make_error(ErrorKind::rate_limited, "crm.survey_rate_limited");
  }
  auto made = c.query_row(
      "INSERT INTO survey_invitations (company_id, survey_id, token_digest, channel, created_at, created_by, "
      "answered_from) VALUES ($1, $2, $3, 'anonymous', $4, $5, $6) RETURNING id",
      {head->company_id, head->id, security::token_digest(security::random_token()), now, head->created_by,
       request.remote_address});
  if (!made) return made.error();
  const Invitation invitation{.id = (*made)->int64(0).value_or(0), .survey_id = head->id, .invited_by = head->created_by};
  return answer_invitation(c, kit, request, invitation, *head, body);
}

}  // namespace

void add_open_link_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* k = &kit;
  router.get("/api/v1/public/surveys/open/{key}", [k](Request& request) {
    auto found = k->http.database->read([&](Connection& c) -> Result<json::object> {
      auto head = survey_of_key(c, request.param("key"));
      if (!head) return head.error();
      return survey_page(c, *k->http.catalog, request.locale, *head, false);
    });
    if (!found) return k->http.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::anyone(), .openapi = openapi("The survey a public anonymous link opens (no sign-in)", "Survey")});

  router.post("/api/v1/public/surveys/open/{key}", [k](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"answers"});
    if (!body.ok()) return k->http.problem(body.error(), request);
    auto saved = k->http.database->write(
        [&](Connection& c) { return answer_anonymously(c, *k, request, request.param("key"), *body.raw_root()); });
    if (!saved) return k->http.problem(saved.error(), request);
    return http::json_response(201, json::object{{"response_id", *saved}});
  }, {.access = Access::anyone(),
      .openapi = openapi("Answer a survey through its anonymous link (a few answers an hour per address)", "Survey")});
}

}  // namespace verp::crm
