// A survey's questions: read from a PUT body with every problem named, loaded in order, and
// replaced as one list while the survey is a draft nobody has answered.
#include <boost/json.hpp>
#include <set>

#include "modules/crm/feedback/feedback.hpp"
#include "platform/base/utf8.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;

namespace {

constexpr std::size_t kMaxQuestions = 50;
constexpr std::size_t kMaxOptions = 20;
constexpr std::size_t kMaxQuestionText = 500;
constexpr std::size_t kMaxOptionText = 100;

bool is_kind(std::string_view kind) {
  return kind == "choice" || kind == "multi_choice" || kind == "rating" || kind == "nps" || kind == "text";
}
bool has_options(std::string_view kind) { return kind == "choice" || kind == "multi_choice"; }
bool has_score(std::string_view kind) { return kind == "rating" || kind == "nps"; }
int highest_score(std::string_view kind) { return kind == "nps" ? 10 : 5; }
int lowest_score(std::string_view kind) { return kind == "nps" ? 0 : 1; }
// Detractors of an NPS question score 0–6; a rating of one or two stars is dissatisfied.
int default_negative_at_most(std::string_view kind) { return kind == "nps" ? 6 : 2; }

// Reads one text member: required, at most `max` code points.
std::string text_of(const json::object& object, std::string_view member, const std::string& path, std::size_t max,
                    bool required, std::vector<FieldError>& errors) {
  const json::value* value = object.if_contains(member);
  if (value == nullptr || value->is_null() || (value->is_string() && value->as_string().empty())) {
    if (required) errors.push_back({path, "required", "field.required", {}});
    return {};
  }
  if (!value->is_string()) {
    errors.push_back({path, "not_text", "field.not_text", {}});
    return {};
  }
  std::string text(value->as_string());
  const auto length = utf8_length(text);
  if (!length || *length > max) errors.push_back({path, "too_long", "field.too_long", {{"max", std::to_string(max)}}});
  return text;
}

std::vector<ChoiceOption> options_of(const json::value* value, const std::string& path,
                                     std::vector<FieldError>& errors) {
  std::vector<ChoiceOption> options;
  if (value == nullptr || !value->is_array() || value->as_array().size() < 2 || value->as_array().size() > kMaxOptions) {
    errors.push_back({path, "options_count", "crm.survey_options_count", {{"max", std::to_string(kMaxOptions)}}});
    return options;
  }
  std::set<std::string, std::less<>> keys;
  std::size_t index = 0;
  for (const json::value& each : value->as_array()) {
    const std::string at = path + "[" + std::to_string(index++) + "]";
    if (!each.is_object()) {
      errors.push_back({at, "not_object", "crm.survey_option_invalid", {}});
      continue;
    }
    const json::object& option = each.as_object();
    ChoiceOption made{.key = text_of(option, "key", at + ".key", 20, false, errors),
                      .text = text_of(option, "text", at + ".text", kMaxOptionText, true, errors)};
    if (made.key.empty()) made.key = std::to_string(index);
    if (const json::value* negative = option.if_contains("negative"); negative != nullptr && !negative->is_null()) {
      if (!negative->is_bool()) errors.push_back({at + ".negative", "not_boolean", "field.not_boolean", {}});
      else made.negative = negative->as_bool();
    }
    if (!keys.insert(made.key).second) errors.push_back({at + ".key", "duplicate", "crm.survey_option_duplicate", {}});
    options.push_back(std::move(made));
  }
  return options;
}

}  // namespace

Result<std::vector<Question>> questions_from_json(const json::value& body) {
  std::vector<FieldError> errors;
  const json::value* list = body.is_object() ? body.as_object().if_contains("questions") : nullptr;
  if (list == nullptr || !list->is_array() || list->as_array().empty() || list->as_array().size() > kMaxQuestions) {
    return invalid({{"questions", "count", "crm.survey_questions_count", {{"max", std::to_string(kMaxQuestions)}}}});
  }
  std::vector<Question> questions;
  int position = 0;
  for (const json::value& each : list->as_array()) {
    const std::string path = "questions[" + std::to_string(position) + "]";
    ++position;
    if (!each.is_object()) {
      errors.push_back({path, "not_object", "crm.survey_question_invalid", {}});
      continue;
    }
    const json::object& object = each.as_object();
    for (const auto& [member, value] : object) {
      static const std::set<std::string, std::less<>> known{"id", "kind", "text", "options", "required", "negative_at_most"};
      if (!known.contains(member)) errors.push_back({path + "." + std::string(member), "not_writable", "field.not_writable", {}});
    }
    Question question{.position = position,
                      .kind = text_of(object, "kind", path + ".kind", 20, true, errors),
                      .text = text_of(object, "text", path + ".text", kMaxQuestionText, true, errors)};
    if (!question.kind.empty() && !is_kind(question.kind)) {
      errors.push_back({path + ".kind", "invalid_option", "crm.survey_question_kind", {}});
    }
    if (const json::value* required = object.if_contains("required"); required != nullptr && !required->is_null()) {
      if (!required->is_bool()) errors.push_back({path + ".required", "not_boolean", "field.not_boolean", {}});
      else question.required = required->as_bool();
    }
    if (has_options(question.kind)) {
      question.options = options_of(object.if_contains("options"), path + ".options", errors);
    } else if (object.contains("options") && !object.at("options").is_null()) {
      errors.push_back({path + ".options", "not_allowed", "crm.survey_options_not_allowed", {}});
    }
    if (has_score(question.kind)) {
      question.negative_at_most = default_negative_at_most(question.kind);
      if (const json::value* at_most = object.if_contains("negative_at_most"); at_most != nullptr && !at_most->is_null()) {
        const int low = lowest_score(question.kind), high = highest_score(question.kind);
        if (!at_most->is_int64() || at_most->as_int64() < low - 1 || at_most->as_int64() >= high) {
          // low - 1: nothing is negative; high - 1 at most, or every answer would be.
          errors.push_back({path + ".negative_at_most", "out_of_range", "crm.survey_negative_at_most",
                            {{"min", std::to_string(low - 1)}, {"max", std::to_string(high - 1)}}});
        } else {
          question.negative_at_most = static_cast<int>(at_most->as_int64());
        }
      }
    }
    questions.push_back(std::move(question));
  }
  if (!errors.empty()) {
    return invalid(std::move(errors));
  }
  return questions;
}

Result<std::vector<Question>> survey_questions(Connection& c, std::int64_t survey) {
  auto rows = c.query(
      "SELECT id, position, kind, text, options, required, negative_at_most FROM survey_questions WHERE survey_id = $1 "
      "ORDER BY position",
      {survey});
  if (!rows) return rows.error();
  std::vector<Question> questions;
  for (const auto& row : *rows) {
    Question question{.id = row.int64(0).value_or(0),
                      .position = static_cast<int>(row.int64(1).value_or(0)),
                      .kind = row.text(2).value_or(""),
                      .text = row.text(3).value_or(""),
                      .required = row.boolean(5).value_or(false)};
    if (!row.is_null(6)) question.negative_at_most = static_cast<int>(row.int64(6).value_or(0));
    boost::system::error_code failed;
    const json::value options = json::parse(row.text(4).value_or("[]"), failed);
    if (failed || !options.is_array()) return make_error(ErrorKind::internal, "error.internal", "survey_questions.options");
    for (const auto& option : options.as_array()) {
      const auto* o = option.if_object();
      const auto* key = o != nullptr ? o->if_contains("key") : nullptr;
      const auto* text = o != nullptr ? o->if_contains("text") : nullptr;
      const auto* negative = o != nullptr ? o->if_contains("negative") : nullptr;
      if (key == nullptr || !key->is_string() || text == nullptr || !text->is_string()) {
        return make_error(ErrorKind::internal, "error.internal", "survey_questions.options");
      }
      question.options.push_back({.key = std::string(key->as_string()),
                                  .text = std::string(text->as_string()),
                                  .negative = negative != nullptr && negative->is_bool() && negative->as_bool()});
    }
    questions.push_back(std::move(question));
  }
  return questions;
}

json::object question_json(const Question& question) {
  json::array options;
  for (const auto& option : question.options) {
    options.push_back(json::object{{"key", option.key}, {"text", option.text}, {"negative", option.negative}});
  }
  json::object made{{"id", question.id},           {"position", question.position}, {"kind", question.kind},
                    {"text", question.text},       {"options", std::move(options)}, {"required", question.required}};
  made["negative_at_most"] = question.negative_at_most ? json::value(*question.negative_at_most) : json::value();
  return made;
}

Result<SurveyHead> survey_head(Connection& c, std::optional<std::int64_t> company, std::int64_t survey) {
  auto row = c.query_row(
      "SELECT id, company_id, name, category, status, introduction, created_by FROM surveys "
      "WHERE id = $1 AND archived_at IS NULL",
      {survey});
  if (!row) return row.error();
  if (!*row || (company && (*row)->int64(1).value_or(0) != *company)) {
    return make_error(ErrorKind::not_found, "error.not_found");
  }
  const auto& r = **row;
  return SurveyHead{.id = r.int64(0).value_or(0),
                    .company_id = r.int64(1).value_or(0),
                    .name = r.text(2).value_or(""),
                    .category = r.text(3).value_or(""),
                    .status = r.text(4).value_or(""),
                    .introduction = r.is_null(5) ? "" : r.text(5).value_or(""),
                    .created_by = r.is_null(6) ? 0 : r.int64(6).value_or(0)};
}

Status replace_questions(Connection& c, const CrmKit& kit, const finance::Actor& actor, std::int64_t survey,
                         const std::vector<Question>& questions) {
  auto head = survey_head(c, actor.principal.company_id, survey);
  if (!head) return head.error();
  auto answered = c.query_row("SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1", {survey});
  if (!answered) return answered.error();
  // Answers refer to the questions they answer: once anyone has answered, the questions stay.
  if (*answered && (*answered)->int64(0).value_or(0) > 0) return make_error(ErrorKind::conflict, "crm.survey_answered");
  if (head->status != "draft") return make_error(ErrorKind::invalid_transition, "crm.survey_not_draft");
  if (auto cleared = c.execute("DELETE FROM survey_questions WHERE survey_id = $1", {survey}); !cleared) {
    return cleared.error();
  }
  for (const Question& question : questions) {
    json::array options;
    for (const auto& option : question.options) {
      options.push_back(json::object{{"key", option.key}, {"text", option.text}, {"negative", option.negative}});
    }
    const storage::Value at_most = question.negative_at_most ? storage::Value(std::int64_t{*question.negative_at_most})
                                                             : storage::Value();
    auto added = c.execute(
        "INSERT INTO survey_questions (survey_id, position, kind, text, options, required, negative_at_most) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {survey, std::int64_t{question.position}, question.kind, question.text, json::serialize(options),
         question.required, at_most});
    if (!added) return added.error();
  }
  auto recorded = kit.store->transition_in(c, kit.spec("survey"), actor.principal, survey,
                                           {{"question_count", std::int64_t(questions.size())}}, "questions",
                                           actor.caller);
  if (!recorded) return recorded.error();
  return {};
}

}  // namespace verp::crm
