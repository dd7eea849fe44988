// Checking a customer's answers against the survey's questions (feedback.hpp: answers_from_json).
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/crm/feedback/feedback.hpp"
#include "platform/base/utf8.hpp"

namespace verp::crm {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxAnswerText = 2000;

bool blank(const json::value* value) {
  if (value == nullptr || value->is_null()) return true;
  if (value->is_string()) return value->as_string().empty();
  if (value->is_array()) return value->as_array().empty();
  return false;
}

// Reads one answer's value for its question; a problem is named `path`.
void read_value(const Question& question, const json::value& value, const std::string& path, Answer& answer,
                std::vector<FieldError>& errors) {
  if (question.kind == "rating" || question.kind == "nps") {
    const int low = question.kind == "nps" ? 0 : 1, high = question.kind == "nps" ? 10 : 5;
    if (!value.is_int64() || value.as_int64() < low || value.as_int64() > high) {
      errors.push_back({path, "out_of_range", "crm.survey_score_range", {{"min", std::to_string(low)}, {"max", std::to_string(high)}}});
      return;
    }
    answer.score = static_cast<int>(value.as_int64());
    answer.negative = question.negative_at_most && *answer.score <= *question.negative_at_most;
  } else if (question.kind == "text") {
    if (!value.is_string()) {
      errors.push_back({path, "not_text", "field.not_text", {}});
      return;
    }
    answer.text = std::string(value.as_string());
    const auto length = utf8_length(answer.text);
    if (!length || *length > kMaxAnswerText) {
      errors.push_back({path, "too_long", "field.too_long", {{"max", std::to_string(kMaxAnswerText)}}});
    }
  } else {
    std::vector<std::string> keys;
    if (question.kind == "choice" && value.is_string()) {
      keys.emplace_back(value.as_string());
    } else if (question.kind == "multi_choice" && value.is_array()) {
      for (const auto& key : value.as_array()) keys.push_back(key.is_string() ? std::string(key.as_string()) : "");
    } else {
      errors.push_back({path, "invalid_option", "crm.survey_choice_unknown", {}});
      return;
    }
    std::set<std::string, std::less<>> seen;
    for (const auto& key : keys) {
      const auto option = std::find_if(question.options.begin(), question.options.end(),
                                       [&](const ChoiceOption& o) { return o.key == key; });
      if (option == question.options.end() || !seen.insert(key).second) {
        errors.push_back({path, "invalid_option", "crm.survey_choice_unknown", {}});
        return;
      }
      answer.negative = answer.negative || option->negative;
    }
    answer.choices = std::move(keys);
  }
}

}  // namespace

Result<std::vector<Answer>> answers_from_json(const json::value& body, const std::vector<Question>& questions) {
  std::vector<FieldError> errors;
  const json::value* list = body.is_object() ? body.as_object().if_contains("answers") : nullptr;
  if (list == nullptr || !list->is_array()) {
    return invalid({{"answers", "not_list", "field.not_list", {}}});
  }
  std::map<std::int64_t, const Question*> by_id;
  for (const Question& question : questions) by_id[question.id] = &question;
  std::set<std::int64_t> answered;
  std::vector<Answer> answers;
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const std::string path = "answers[" + std::to_string(i) + "]";
    const json::value& each = list->as_array()[i];
    const json::value* id = each.is_object() ? each.as_object().if_contains("question_id") : nullptr;
    const auto question = id != nullptr && id->is_int64() ? by_id.find(id->as_int64()) : by_id.end();
    if (question == by_id.end() || answered.contains(question->first)) {
      errors.push_back({path + ".question_id", "unknown", "crm.survey_question_unknown", {}});
      continue;
    }
    answered.insert(question->first);
    const json::value* value = each.as_object().if_contains("value");
    if (blank(value)) {
      if (question->second->required) errors.push_back({path + ".value", "required", "field.required", {}});
      continue;
    }
    Answer answer{.question_id = question->first};
    read_value(*question->second, *value, path + ".value", answer, errors);
    answers.push_back(std::move(answer));
  }
  // A required question left out of the list altogether is named by its position in the survey.
  for (const Question& question : questions) {
    if (question.required && !answered.contains(question.id)) {
      errors.push_back({"answers", "required", "crm.survey_question_required",
                        {{"position", std::to_string(question.position)}, {"question", question.text}}});
    }
  }
  if (!errors.empty()) {
    return invalid(std::move(errors));
  }
  return answers;
}

}  // namespace verp::crm
