// The feedback area (客户反馈与满意度): surveys designed by an administrator, answered through a
// public link, and their results. What its files share:
//   feedback_entities.cpp   survey, survey_response (entities)
//   survey_tables.cpp       survey_questions, survey_invitations, survey_answers (tables)
//   survey_questions.cpp    a survey's questions: read, check, replace
//   survey_design_routes.cpp  PUT questions, open, close
//   survey_invitations.cpp  invitations by link, e-mail or SMS
//   public_answers.cpp      the answer page's routes for an invitation and the answer's transaction
//   open_links.cpp          the anonymous link of a survey (no invitation), rate-limited per address
//   feedback_ticket.cpp     negative feedback opens a complaint ticket
//   survey_results.cpp      results, the company's summary, a customer's feedback, the timeline
//   feedback_checks.cpp     what `verp check` proves of them
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/crm/area.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> feedback_entities();
std::vector<storage::TableDef> feedback_tables();
std::vector<Check> feedback_checks();

// The user name of the principal the public answer page acts as: the only one that may save a
// survey response (the survey_response entity's rule).
inline constexpr const char* kAnswerPageActor = "crm.survey_answer";

// A validation error naming every field problem at once.
inline Error invalid(std::vector<FieldError> fields) {
  Error error = make_error(ErrorKind::validation, "error.validation");
  error.fields = std::move(fields);
  return error;
}

// ---- questions -------------------------------------------------------------------------------

struct ChoiceOption {
  std::string key;   // what an answer names ("1", "2"… unless given)
  std::string text;
  bool negative = false;  // choosing it is negative feedback
};

struct Question {
  std::int64_t id = 0;
  int position = 0;  // 1-based
  std::string kind;  // choice | multi_choice | rating | nps | text
  std::string text;
  std::vector<ChoiceOption> options;  // choice kinds only
  bool required = false;
  // rating and nps: a score at or below this is negative (default 2 for ratings, 6 for NPS).
  std::optional<int> negative_at_most;
};

// The questions of a PUT body ({"questions":[…]}), every problem named ("questions[2].options").
Result<std::vector<Question>> questions_from_json(const boost::json::value& body);
// The survey's questions in order. Errors: storage.
Result<std::vector<Question>> survey_questions(storage::Connection& c, std::int64_t survey);
boost::json::object question_json(const Question& question);
// Replaces the questions of a draft survey without answers (history "questions" and audit).
// Errors: not_found; invalid_transition "crm.survey_not_draft"; conflict "crm.survey_answered".
Status replace_questions(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t survey,
                         const std::vector<Question>& questions);

// ---- survey state ----------------------------------------------------------------------------

struct SurveyHead {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string name;
  std::string category;
  std::string status;
  std::string introduction;
  std::int64_t created_by = 0;
};
// The survey of `company` (any company when nullopt). Errors: not_found.
Result<SurveyHead> survey_head(storage::Connection& c, std::optional<std::int64_t> company, std::int64_t survey);

// ---- answers ---------------------------------------------------------------------------------

struct Answer {
  std::int64_t question_id = 0;
  std::optional<int> score;           // rating, nps
  std::vector<std::string> choices;   // choice, multi_choice: option keys
  std::string text;                   // text
  bool negative = false;
};

// Checks answers against the questions: every required question answered, scores in range,
// choices among the options, no unknown or repeated question. Problems name "answers[i].value"
// (or "answers[i].question_id", "answers" for a missing required one).
Result<std::vector<Answer>> answers_from_json(const boost::json::value& body, const std::vector<Question>& questions);

// ---- the answer page ----------------------------------------------------------------------

// Whom a link lets answer: an invitation's person, or nobody in particular (the anonymous link
// makes an invitation of channel "anonymous" for each answer).
struct Invitation {
  std::int64_t id = 0;
  std::int64_t survey_id = 0;
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> contact_id;
  std::int64_t invited_by = 0;
  bool answered = false;
};

// The survey as the answer page shows it: introduction, questions without what counts as
// negative, labels in `locale`.
Result<boost::json::object> survey_page(storage::Connection& c, const i18n::Catalog& catalog, std::string_view locale,
                                        const SurveyHead& head, bool answered);
// Stores the invitation's answers in the caller's transaction: claims the invitation, checks the
// answers, creates the response with its answers and, for negative feedback from a known
// customer, the complaint ticket. Errors: conflict "crm.survey_already_answered";
// invalid_transition "crm.survey_not_open"; validation naming "answers[i].value".
Result<std::int64_t> answer_invitation(storage::Connection& c, const CrmKit& kit, const http::Request& request,
                                       const Invitation& invitation, const SurveyHead& head,
                                       const boost::json::value& body);

// ---- negative feedback -----------------------------------------------------------------------

struct FeedbackTicket {
  std::int64_t company_id = 0;
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> contact_id;
  std::string subject;
  std::string description;
};
Result<std::int64_t> open_ticket_for_feedback(storage::Connection& c, const CrmKit& kit,
                                              const security::Principal& actor, const FeedbackTicket& ticket);

// ---- routes ----------------------------------------------------------------------------------

void add_survey_design_routes(http::Router& router, const CrmKit& kit);
void add_survey_invitation_routes(http::Router& router, const CrmKit& kit);
void add_public_answer_routes(http::Router& router, const CrmKit& kit);
void add_open_link_routes(http::Router& router, const CrmKit& kit);
void add_survey_result_routes(http::Router& router, const CrmKit& kit);

// Survey responses on a customer's timeline: "回答了问卷《…》 NPS 9".
Result<std::vector<TimelineEntry>> survey_timeline(storage::Connection& c, std::int64_t company, std::int64_t customer,
                                                   std::string_view locale, std::size_t limit);

}  // namespace verp::crm
