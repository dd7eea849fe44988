// What `verp check` proves of the surveys: an invitation is answered exactly when it has its
// response; negative feedback from a customer has its complaint ticket; a survey counts the
// questions it has.
#include "modules/crm/feedback/feedback.hpp"

namespace verp::crm {

using storage::Connection;

namespace {

// One problem per row of `sql`, each "<what> <id>: <why>".
Check check_of(std::string name, std::string sql, std::string what, std::string why) {
  return Check{.name = name, .run = [sql, what, why](storage::Database& database) {
                 return database.read([&](Connection& c) -> Result<std::vector<std::string>> {
                   auto rows = c.query(sql);
                   if (!rows) return rows.error();
                   std::vector<std::string> problems;
                   for (const auto& row : *rows) {
                     problems.push_back(what + " " + std::to_string(row.int64(0).value_or(0)) + ": " + why);
                   }
                   return problems;
                 });
               }};
}

}  // namespace

std::vector<Check> feedback_checks() {
  return {check_of("crm: survey invitations are answered exactly when they have a response",
                   "SELECT id FROM survey_invitations WHERE (answered_at IS NULL) <> (response_id IS NULL) ORDER BY id",
                   "survey invitation", "answered_at and response_id disagree"),
          check_of("crm: negative feedback from a customer has its complaint ticket",
                   "SELECT id FROM survey_responses WHERE negative AND customer_id IS NOT NULL AND ticket_id IS NULL "
                   "ORDER BY id",
                   "survey response", "negative feedback without a ticket"),
          check_of("crm: a survey counts its questions",
                   "SELECT s.id FROM surveys s WHERE s.question_count <> (SELECT COUNT(*) FROM survey_questions q "
                   "WHERE q.survey_id = s.id) ORDER BY s.id",
                   "survey", "question_count differs from its questions")};
}

}  // namespace verp::crm
