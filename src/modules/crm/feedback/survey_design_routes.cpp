// A survey's design and life (survey_design_routes):
//   GET  /api/v1/surveys/{id}/questions                  the questions in order, and the key of the
//                                                          anonymous link when the survey has one
//   PUT  /api/v1/surveys/{id}/questions {"questions":[…]}  replaces a draft's questions
//   POST /api/v1/surveys/{id}/open | close                 draft → open → closed
// The survey's own fields (name, category, introduction) are the entity's generic routes.
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

namespace {

Result<json::object> design_json(Connection& c, const SurveyHead& head) {
  auto questions = survey_questions(c, head.id);
  if (!questions) return questions.error();
  json::array list;
  for (const auto& question : *questions) list.push_back(question_json(question));
  auto link = c.query_row("SELECT anonymous_link, public_key FROM surveys WHERE id = $1", {head.id});
  if (!link) return link.error();
  const bool anonymous = *link && !(*link)->is_null(0) && (*link)->boolean(0).value_or(false);
  const bool keyed = *link && !(*link)->is_null(1);
  return json::object{{"id", head.id},
                      {"status", head.status},
                      {"questions", std::move(list)},
                      {"anonymous_key", anonymous && keyed ? json::value((*link)->text(1).value_or("")) : json::value()}};
}

// open: a draft with questions starts collecting answers; close: an open survey stops.
Status change_status(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t survey,
                     std::string_view verb) {
  auto head = survey_head(c, actor.principal.company_id, survey);
  if (!head) return head.error();
  std::string next;
  if (verb == "open") {
    if (head->status != "draft") return make_error(ErrorKind::invalid_transition, "crm.survey_not_draft");
    auto questions = survey_questions(c, survey);
    if (!questions) return questions.error();
    if (questions->empty()) return make_error(ErrorKind::invalid_transition, "crm.survey_without_questions");
    next = "open";
  } else {
    if (head->status != "open") return make_error(ErrorKind::invalid_transition, "crm.survey_not_open");
    next = "closed";
  }
  std::map<std::string, storage::Value, std::less<>> changes{{"status", next}};
  // The key of the anonymous link (/s/open/<key>), made once; the link answers only while the
  // survey allows anonymous answers and is open.
  auto key = c.query_row("SELECT public_key FROM surveys WHERE id = $1", {survey});
  if (!key) return key.error();
  if (verb == "open" && (!*key || (*key)->is_null(0))) changes["public_key"] = security::random_token(16);
  auto done = kit.store->transition_in(c, kit.spec("survey"), actor.principal, survey, changes, verb, actor.caller);
  if (!done) return done.error();
  return {};
}

}  // namespace

void add_survey_design_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* k = &kit;
  // The survey within the caller's data scope for `action`: 404 outside it (another company's).
  auto visible = [k](Connection& c, const Request& request, std::int64_t id, std::string_view action) -> Status {
    auto record = k->store->get_in(c, k->spec("survey"), *request.principal, id, action);
    if (!record) return record.error();
    return {};
  };
  auto design = [k, visible](Request& request, std::string_view action,
                             const std::function<Status(Connection&, std::int64_t)>& change) {
    const auto id = request.id_param("id").value_or(0);
    auto run = [&](Connection& c) -> Result<json::object> {
      if (Status seen = visible(c, request, id, action); !seen) return seen.error();
      if (change) {
        if (Status changed = change(c, id); !changed) return changed.error();
      }
      auto head = survey_head(c, request.principal->company_id, id);
      if (!head) return head.error();
      return design_json(c, *head);
    };
    auto done = change ? k->http.database->write(run) : k->http.database->read(run);
    if (!done) return k->http.problem(done.error(), request);
    return http::json_response(200, *done);
  };

  router.get("/api/v1/surveys/{id}/questions", [=](Request& request) {
    return design(request, "read", nullptr);
  }, {.access = Access::permission("survey", "read"), .openapi = openapi("A survey's questions in order", "Survey")});

  router.put("/api/v1/surveys/{id}/questions", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"questions"});
    if (!body.ok()) return k->http.problem(body.error(), request);
    auto questions = questions_from_json(*body.raw_root());
    if (!questions) return k->http.problem(questions.error(), request);
    return design(request, "update", [&](Connection& c, std::int64_t id) {
      return replace_questions(c, *k, k->http.actor_of(request), id, *questions);
    });
  }, {.access = Access::permission("survey", "update"),
      .openapi = openapi("Replace the questions of a draft survey nobody has answered", "Survey")});

  for (const auto& [verb, summary] : {std::pair{"open", "Start collecting answers (a draft with questions)"},
                                      std::pair{"close", "Stop collecting answers"}}) {
    router.post(std::string("/api/v1/surveys/{id}/") + verb, [=, verb = std::string(verb)](Request& request) {
      return design(request, "update", [&](Connection& c, std::int64_t id) {
        return change_status(c, *k, k->http.actor_of(request), id, verb);
      });
    }, {.access = Access::permission("survey", "update"), .openapi = openapi(summary, "Survey")});
  }
}

}  // namespace verp::crm
