// The survey's own tables: its questions, its invitations and the answers of each response.
#include "modules/crm/feedback/feedback.hpp"
#include "modules/finance/ledger_columns.hpp"

namespace verp::crm {

using namespace finance::columns;

namespace {

// A survey's questions in order. Options are a JSON array of {key, text, negative}; a question
// is negative at or below negative_at_most (ratings and NPS).
storage::TableDef question_table() {
  return storage::TableDef{
      .name = "survey_questions",
      .columns = {key(), refers("survey_id", "surveys"), number("position"), words("kind"), words("text"),
                  words("options"), flag("required"), number("negative_at_most", false)},
      .indexes = {{.name = "survey_questions_position_key", .columns = {"survey_id", "position"}, .unique = true}}};
}

// One row per person invited: the link's token is kept only as its SHA-256 digest (a leaked
// database does not answer surveys); answered_at and response_id are set by the answer. An answer
// through a survey's anonymous link is an invitation of channel "anonymous" made as it is
// answered, with the address it came from (answered_from) for the per-address limit.
storage::TableDef invitation_table() {
  return storage::TableDef{
      .name = "survey_invitations",
      .columns = {key(), refers("company_id", "companies"), refers("survey_id", "surveys"), words("token_digest"),
                  refers("customer_id", "customers", false), refers("contact_id", "contacts", false),
                  words("channel"), words("recipient", false), number("message_id", false), moment("created_at", true),
                  refers("created_by", "users"), moment("answered_at"), words("answered_from", false),
                  refers("response_id", "survey_responses", false)},
      .indexes = {{.name = "survey_invitations_token_key", .columns = {"token_digest"}, .unique = true},
                  {.name = "survey_invitations_survey_idx", .columns = {"survey_id", "channel", "answered_from"}},
                  {.name = "survey_invitations_response_key", .columns = {"response_id"}, .unique = true}}};
}

// The answers of a response, one row per question answered: a score, the chosen option keys
// (JSON array) or a text.
storage::TableDef answer_table() {
  return storage::TableDef{
      .name = "survey_answers",
      .columns = {refers("response_id", "survey_responses"), refers("question_id", "survey_questions"),
                  number("score", false), words("choices", false), words("text", false), flag("negative")},
      .primary_key = {"response_id", "question_id"},
      .indexes = {{.name = "survey_answers_question_idx", .columns = {"question_id"}}}};
}

}  // namespace

std::vector<storage::TableDef> feedback_tables() { return {question_table(), invitation_table(), answer_table()}; }

}  // namespace verp::crm
