// The public answer page's API, for a customer following an invitation's link (no sign-in; the
// token is all they hold and all they may answer):
//   GET  /api/v1/public/surveys/{token}   the survey's introduction and questions, labels in the
//                                         request's language; "answered": true once answered
//   POST /api/v1/public/surveys/{token} {"answers":[{"question_id","value"}]}
//        → 201 {"response_id"}; 400 naming "answers[i].value"; 404 unknown token (nothing written);
//          409 already answered (once per invitation) or the survey is not open
// The answer is one transaction: the response (an entity, with history and audit), its answers,
// the invitation marked answered and, for negative feedback from a known customer, a complaint
// ticket linked from the response.
#include <algorithm>
#include <boost/json.hpp>

#include "modules/crm/feedback/feedback.hpp"
#include "platform/http/json_body.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/security/tokens.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Value;

namespace {

constexpr std::size_t kMaxSummaryBytes = 3000;  // well inside the field's 4,000 code points

// The invitation a token opens. Tokens are compared by their SHA-256 digest: an unknown or
// malformed token is not found, whatever it looks like.
Result<Invitation> invitation_of(Connection& c, std::string_view token) {
  if (token.empty() || token.size() > 100) return make_error(ErrorKind::not_found, "error.not_found");
  auto row = c.query_row(
      "SELECT id, survey_id, customer_id, contact_id, created_by, answered_at FROM survey_invitations "
      "WHERE token_digest = $1",
      {security::token_digest(token)});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const auto& r = **row;
  return Invitation{.id = r.int64(0).value_or(0),
                    .survey_id = r.int64(1).value_or(0),
                    .customer_id = finance::optional_id(r, 2),
                    .contact_id = finance::optional_id(r, 3),
                    .invited_by = r.int64(4).value_or(0),
                    .answered = !r.is_null(5)};
}

// The text cut at a code point boundary to at most `bytes` bytes.
std::string cut(std::string text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

// One line per answer as a person reads it: "服务评分: 2 / 5", negative answers marked.
std::string summary_of(const std::vector<Question>& questions, const std::vector<Answer>& answers) {
  std::string summary;
  for (const Answer& answer : answers) {
    const auto question = std::find_if(questions.begin(), questions.end(),
                                       [&](const Question& q) { return q.id == answer.question_id; });
    if (question == questions.end()) continue;
    std::string value;
    if (answer.score) {
      value = std::to_string(*answer.score) + (question->kind == "nps" ? " / 10" : " / 5");
    } else if (!answer.choices.empty()) {
      for (const auto& key : answer.choices) {
        for (const auto& option : question->options) {
          if (option.key == key) value += (value.empty() ? "" : ", ") + option.text;
        }
      }
    } else {
      value = answer.text;
    }
    summary += (answer.negative ? "! " : "") + question->text + ": " + value + "\n";
  }
  if (!summary.empty()) summary.pop_back();
  return cut(summary, kMaxSummaryBytes);
}

std::optional<int> first_score(const std::vector<Question>& questions, const std::vector<Answer>& answers,
                               std::string_view kind) {
  for (const Question& question : questions) {
    if (question.kind != kind) continue;
    for (const Answer& answer : answers) {
      if (answer.question_id == question.id && answer.score) return answer.score;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<json::object> survey_page(Connection& c, const i18n::Catalog& catalog, std::string_view locale,
                                 const SurveyHead& head, bool answered) {
  auto questions = survey_questions(c, head.id);
  if (!questions) return questions.error();
  json::array list;
  for (const Question& question : *questions) {
    json::object shown = question_json(question);
    // What counts as negative is the company's business, not the customer's.
    shown.erase("negative_at_most");
    for (auto& option : shown["options"].as_array()) option.as_object().erase("negative");
    list.push_back(std::move(shown));
  }
  const std::string loc(locale);
  return json::object{
      {"name", head.name},
      {"introduction", head.introduction},
      {"status", head.status},
      {"answered", answered},
      {"questions", std::move(list)},
      {"labels", json::object{{"nps_low", catalog.text(loc, "crm.survey_nps_low")},
                              {"nps_high", catalog.text(loc, "crm.survey_nps_high")},
                              {"thanks", catalog.text(loc, "crm.survey_thanks")}}}};
}

Result<std::int64_t> answer_invitation(Connection& c, const CrmKit& kit, const Request& request,
                                       const Invitation& invitation, const SurveyHead& head, const json::value& body) {
  if (invitation.answered) return make_error(ErrorKind::conflict, "crm.survey_already_answered");
  if (head.status != "open") return make_error(ErrorKind::invalid_transition, "crm.survey_not_open");
  auto questions = survey_questions(c, head.id);
  if (!questions) return questions.error();
  auto answers = answers_from_json(body, *questions);
  if (!answers) return answers.error();

  // The claim: of two submissions at once only one marks the invitation answered; the other
  // finds it answered (PostgreSQL re-reads the row after the first commits) and writes nothing.
  const auto now = storage::Timestamp::from_system(kit.http.clock->now());
  auto claimed = c.execute("UPDATE survey_invitations SET answered_at = $1 WHERE id = $2 AND answered_at IS NULL",
                           {now, invitation.id});
  if (!claimed) return claimed.error();
  if (*claimed != 1) return make_error(ErrorKind::conflict, "crm.survey_already_answered");

  // The page acts for whoever sent the invitation, with only what an answer needs: the history
  // and the audit log name them, the request id names the answer page.
  const security::Principal actor{.user_id = invitation.invited_by,
                                  .user_name = kAnswerPageActor,
                                  .company_id = head.company_id,
                                  .company_ids = {head.company_id},
                                  .grants = {{"survey_response", "create", security::DataScope::company},
                                             {"ticket", "create", security::DataScope::company},
                                             {"survey", "read", security::DataScope::company},
                                             {"customer", "read", security::DataScope::company},
                                             {"contact", "read", security::DataScope::company},
                                             {"ticket", "read", security::DataScope::company}}};
  const entity::Caller caller{request.remote_address, request.request_id};
  const std::string summary = summary_of(*questions, *answers);
  const bool negative = std::any_of(answers->begin(), answers->end(), [](const Answer& a) { return a.negative; });

  json::object response{{"survey_id", head.id}, {"answered_at", now.to_string()}, {"negative", negative},
                        {"summary", summary}};
  if (invitation.customer_id) response["customer_id"] = *invitation.customer_id;
  if (invitation.contact_id) response["contact_id"] = *invitation.contact_id;
  if (auto nps = first_score(*questions, *answers, "nps")) response["nps"] = *nps;
  if (auto rating = first_score(*questions, *answers, "rating")) response["rating"] = *rating;
  if (negative && invitation.customer_id) {
    auto customer = c.query_row("SELECT name FROM customers WHERE id = $1", {*invitation.customer_id});
    if (!customer) return customer.error();
    const std::vector<MessageArg> args{{"survey", head.name},
                                       {"customer", *customer ? (*customer)->text(0).value_or("") : ""}};
    auto ticket = open_ticket_for_feedback(
        c, kit, actor,
        {.company_id = head.company_id,
         .customer_id = *invitation.customer_id,
         .contact_id = invitation.contact_id,
         .subject = cut(kit.http.catalog->text("zh-CN", "crm.survey_ticket_subject", args), 190),
         .description = kit.http.catalog->text("zh-CN", "crm.survey_ticket_description", args) + "\n" + summary});
    if (!ticket) return ticket.error();
    response["ticket_id"] = *ticket;
  }
  auto saved = kit.store->create_in(c, kit.spec("survey_response"), actor, response, true, caller);
  if (!saved) return saved.error();
  if (!saved->record) return make_error(ErrorKind::internal, "error.internal", "survey response not created");
  const std::int64_t response_id = saved->record->id;

  for (const Answer& each : *answers) {
    json::array choices;
    for (const auto& key : each.choices) choices.emplace_back(key);
    auto stored = c.execute(
        "INSERT INTO survey_answers (response_id, question_id, score, choices, text, negative) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {response_id, each.question_id, each.score ? Value(std::int64_t{*each.score}) : Value(),
         each.choices.empty() ? Value() : Value(json::serialize(choices)), each.text.empty() ? Value() : Value(each.text),
         each.negative});
    if (!stored) return stored.error();
  }
  auto linked = c.execute("UPDATE survey_invitations SET response_id = $1 WHERE id = $2", {response_id, invitation.id});
  if (!linked) return linked.error();
  return response_id;
}

void add_public_answer_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* k = &kit;
  router.get("/api/v1/public/surveys/{token}", [k](Request& request) {
    auto found = k->http.database->read([&](Connection& c) -> Result<json::object> {
      auto invitation = invitation_of(c, request.param("token"));
      if (!invitation) return invitation.error();
      auto head = survey_head(c, std::nullopt, invitation->survey_id);
      if (!head) return head.error();
      return survey_page(c, *k->http.catalog, request.locale, *head, invitation->answered);
    });
    if (!found) return k->http.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::anyone(),
      .openapi = openapi("The survey an invitation's link opens, to answer it (no sign-in)", "Survey")});

  router.post("/api/v1/public/surveys/{token}", [k](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"answers"});
    if (!body.ok()) return k->http.problem(body.error(), request);
    auto saved = k->http.database->write([&](Connection& c) -> Result<std::int64_t> {
      auto invitation = invitation_of(c, request.param("token"));
      if (!invitation) return invitation.error();
      auto head = survey_head(c, std::nullopt, invitation->survey_id);
      if (!head) return head.error();
      return answer_invitation(c, *k, request, *invitation, *head, *body.raw_root());
    });
    if (!saved) return k->http.problem(saved.error(), request);
    return http::json_response(201, json::object{{"response_id", *saved}});
  }, {.access = Access::anyone(),
      .openapi = openapi("Answer the survey of an invitation's link, once (no sign-in)", "Survey")});
}

}  // namespace verp::crm
