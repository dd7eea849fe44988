// What the answers say (问卷结果):
//   GET /api/v1/surveys/{id}/results?from=&to=[&format=xlsx|pdf|csv]
//   GET /api/v1/crm/feedback/summary?from=&to=      every survey of the company, by category
//   GET /api/v1/customers/{id}/feedback             one customer's responses and scores
// from/to are days (YYYY-MM-DD, China time, both included). The scores:
//   CSAT = share of ratings of 4 or 5 stars;  NPS = %promoters (9–10) − %detractors (0–6),
// over every rating (NPS) question answered, in Decimal, percentages with one decimal, rounded
// once (NPS is (promoters − detractors) × 100 / answers, not the difference of two rounded shares).
// The response rate counts invitations only: answers through the anonymous link are responses
// nobody was invited to give.
#include <boost/json.hpp>
#include <cstdio>
#include <map>

#include "modules/crm/feedback/feedback.hpp"
#include "platform/http/json_body.hpp"
#include "modules/finance/report_tables.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Timestamp;

namespace {

constexpr int kChinaOffsetHours = 8;
constexpr std::int64_t kMicrosPerHour = 3600LL * 1'000'000;
constexpr std::size_t kTextAnswersShown = 50;

// n × 100 / of with one decimal ("66.7"); null when there is nothing to divide by.
json::value percent(std::int64_t n, std::int64_t of) {
  if (of == 0) return nullptr;
  auto share = Decimal::from_int(n * 100).div(Decimal::from_int(of), 1);
  return json::value(share ? share->to_string() : "");
}

json::value average(std::int64_t sum, std::int64_t of) {
  if (of == 0) return nullptr;
  auto mean = Decimal::from_int(sum).div(Decimal::from_int(of), 2);
  return json::value(mean ? mean->to_string() : "");
}

// Scores counted as CSAT and NPS need them.
struct Scores {
  std::int64_t ratings = 0, satisfied = 0;                  // satisfied: 4–5 stars
  std::int64_t nps_answers = 0, promoters = 0, detractors = 0;  // promoters 9–10, detractors 0–6

  void add(std::string_view kind, int score) {
    if (kind == "rating") {
      ++ratings;
      if (score >= 4) ++satisfied;
    } else if (kind == "nps") {
      ++nps_answers;
      if (score >= 9) ++promoters;
      if (score <= 6) ++detractors;
    }
  }
  void merge(const Scores& other) {
    ratings += other.ratings;
    satisfied += other.satisfied;
    nps_answers += other.nps_answers;
    promoters += other.promoters;
    detractors += other.detractors;
  }
  json::value csat() const { return percent(satisfied, ratings); }
  json::value nps() const { return percent(promoters - detractors, nps_answers); }
  void put(json::object& into) const {
    into["csat"] = csat();
    into["nps"] = nps();
    into["ratings"] = ratings;
    into["nps_answers"] = nps_answers;
  }
};

struct Range {
  std::optional<storage::Date> from, to;
  Timestamp start() const {
    if (!from) return Timestamp::from_micros(0);
    return Timestamp::from_micros((from->to_days() * 24 - kChinaOffsetHours) * kMicrosPerHour);
  }
  Timestamp end() const {  // exclusive: midnight after `to`
    // No end: a far day both databases store as a timestamp (SQLite keeps them as ISO text).
    if (!to) return Timestamp::from_micros(storage::Date{.year = 9000, .month = 1, .day = 1}.to_days() * 24 * kMicrosPerHour);
    return Timestamp::from_micros(((to->to_days() + 1) * 24 - kChinaOffsetHours) * kMicrosPerHour);
  }
};

Result<Range> range_of(const Request& request) {
  Range range;
  std::vector<FieldError> errors;
  for (const char* name : {"from", "to"}) {
    const std::string text = finance::query_text(request, name);
    if (text.empty()) continue;
    auto day = storage::Date::parse(text);
    if (!day) errors.push_back({name, "invalid", "crm.survey_date_invalid", {}});
    else (std::string_view(name) == "from" ? range.from : range.to) = *day;
  }
  if (range.from && range.to && *range.to < *range.from) errors.push_back({"to", "before_from", "crm.survey_date_range_invalid", {}});
  if (!errors.empty()) {
    return invalid(std::move(errors));
  }
  return range;
}

// "2026-03": the month of a moment in China time.
std::string month_of(Timestamp at) {
  const std::int64_t hours = at.micros / kMicrosPerHour + kChinaOffsetHours;
  const auto day = storage::Date::from_days(hours >= 0 ? hours / 24 : (hours - 23) / 24);
  char text[8];
  std::snprintf(text, sizeof text, "%04d-%02d", day.year, day.month);
  return text;
}

struct QuestionTally {
  std::int64_t answered = 0, sum = 0;
  std::map<std::string, std::int64_t> counts;  // score or option key → answers
  Scores scores;
  json::array texts;
};

Result<json::object> survey_results(Connection& c, const SurveyHead& head, const Range& range) {
  auto questions = survey_questions(c, head.id);
  if (!questions) return questions.error();
  auto invited = c.query_row(
      "SELECT COUNT(*), COUNT(answered_at) FROM survey_invitations WHERE survey_id = $1 AND created_at >= $2 "
      "AND created_at < $3 AND channel <> 'anonymous'",
      {head.id, range.start(), range.end()});
  if (!invited) return invited.error();
  auto responses = c.query(
      "SELECT id, answered_at FROM survey_responses WHERE survey_id = $1 AND answered_at >= $2 AND answered_at < $3 "
      "AND archived_at IS NULL",
      {head.id, range.start(), range.end()});
  if (!responses) return responses.error();
  // Newest first, so the text answers shown are the newest.
  auto answers = c.query(
      "SELECT a.question_id, a.score, a.choices, a.text, r.answered_at FROM survey_answers a "
      "JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1 AND r.answered_at >= $2 "
      "AND r.answered_at < $3 AND r.archived_at IS NULL ORDER BY r.answered_at DESC, r.id DESC",
      {head.id, range.start(), range.end()});
  if (!answers) return answers.error();

  std::map<std::int64_t, QuestionTally> tallies;
  std::map<std::int64_t, std::string> kinds;
  for (const auto& question : *questions) kinds[question.id] = question.kind;
  Scores overall;
  std::map<std::string, Scores> by_month;
  std::map<std::string, std::int64_t> responses_by_month;
  for (const auto& row : *responses) ++responses_by_month[month_of(row.timestamp(1).value_or(Timestamp{}))];
  for (const auto& row : *answers) {
    const std::int64_t question = row.int64(0).value_or(0);
    QuestionTally& tally = tallies[question];
    ++tally.answered;
    const std::string& kind = kinds[question];
    if (!row.is_null(1)) {
      const int score = static_cast<int>(row.int64(1).value_or(0));
      tally.sum += score;
      ++tally.counts[std::to_string(score)];
      tally.scores.add(kind, score);
      overall.add(kind, score);
      by_month[month_of(row.timestamp(4).value_or(Timestamp{}))].add(kind, score);
    } else if (!row.is_null(2)) {
      boost::system::error_code failed;
      const json::value keys = json::parse(row.text(2).value_or("[]"), failed);
      if (!failed && keys.is_array()) {
        for (const auto& key : keys.as_array()) {
          if (key.is_string()) ++tally.counts[std::string(key.as_string())];
        }
      }
    } else if (!row.is_null(3) && tally.texts.size() < kTextAnswersShown) {
      tally.texts.push_back(json::object{{"text", row.text(3).value_or("")},
                                         {"answered_at", row.timestamp(4).value_or(Timestamp{}).to_string()}});
    }
  }

  json::array shown, rows;
  for (const Question& question : *questions) {
    QuestionTally& tally = tallies[question.id];
    json::array distribution;
    auto bucket = [&](const std::string& key, const std::string& label) {
      const std::int64_t count = tally.counts[key];
      distribution.push_back(json::object{{"key", key}, {"label", label}, {"count", count},
                                          {"share", percent(count, tally.answered)}});
      rows.push_back(json::object{{"question", std::to_string(question.position) + ". " + question.text},
                                  {"answer", label},
                                  {"count", std::to_string(count)},
                                  {"share", percent(count, tally.answered)}});
    };
    if (question.kind == "rating" || question.kind == "nps") {
      for (int score = question.kind == "nps" ? 0 : 1; score <= (question.kind == "nps" ? 10 : 5); ++score) {
        bucket(std::to_string(score), std::to_string(score));
      }
    } else {
      for (const auto& option : question.options) bucket(option.key, option.text);
    }
    json::object made{{"id", question.id},       {"position", question.position},
                      {"kind", question.kind},   {"text", question.text},
                      {"answered", tally.answered}, {"distribution", std::move(distribution)}};
    if (question.kind == "rating") {
      made["average"] = average(tally.sum, tally.answered);
      made["csat"] = tally.scores.csat();
    }
    if (question.kind == "nps") {
      made["nps"] = tally.scores.nps();
      made["promoters"] = tally.scores.promoters;
      made["passives"] = tally.scores.nps_answers - tally.scores.promoters - tally.scores.detractors;
      made["detractors"] = tally.scores.detractors;
    }
    if (question.kind == "text") made["texts"] = std::move(tally.texts);
    shown.push_back(std::move(made));
  }

  json::array trend;
  std::map<std::string, bool> months;
  for (const auto& [month, count] : responses_by_month) months[month] = true;
  for (const auto& [month, scores] : by_month) months[month] = true;
  for (const auto& [month, unused] : months) {
    json::object point{{"month", month}, {"responses", responses_by_month[month]}};
    by_month[month].put(point);
    trend.push_back(std::move(point));
  }

  const std::int64_t invitations = (*invited)->int64(0).value_or(0), answered = (*invited)->int64(1).value_or(0);
  json::object report{{"survey", json::object{{"id", head.id}, {"name", head.name}, {"category", head.category},
                                              {"status", head.status}}},
                      {"from", range.from ? json::value(range.from->to_string()) : json::value()},
                      {"to", range.to ? json::value(range.to->to_string()) : json::value()},
                      {"responses", static_cast<std::int64_t>(responses->size())},
                      {"invited", invitations},
                      {"answered_invitations", answered},
                      {"response_rate", percent(answered, invitations)},
                      {"questions", std::move(shown)},
                      {"trend", std::move(trend)}};
  overall.put(report);
  // The export's layout (finance::report_table): one row per answer option or score.
  report["title"] = json::object{{"zh", "问卷结果 " + head.name}, {"en", "Survey results " + head.name}};
  report["columns"] = json::array{json::object{{"key", "question"}, {"zh", "题目"}, {"en", "Question"}},
                                  json::object{{"key", "answer"}, {"zh", "答案"}, {"en", "Answer"}},
                                  json::object{{"key", "count"}, {"zh", "人数"}, {"en", "Answers"}},
                                  json::object{{"key", "share"}, {"zh", "占比 %"}, {"en", "Share %"}}};
  report["rows"] = std::move(rows);
  return report;
}

// Every survey of the company and each category's CSAT and NPS.
Result<json::object> feedback_summary(Connection& c, std::int64_t company, const Range& range,
                                      std::string_view locale) {
  auto surveys = c.query(
      "SELECT s.id, s.name, s.category, s.status, (SELECT COUNT(*) FROM survey_invitations i WHERE i.survey_id = s.id "
      "AND i.created_at >= $2 AND i.created_at < $3 AND i.channel <> 'anonymous'), (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = "
      "s.id AND r.answered_at >= $2 AND r.answered_at < $3 AND r.archived_at IS NULL) FROM surveys s "
      "WHERE s.company_id = $1 AND s.archived_at IS NULL ORDER BY s.id DESC",
      {company, range.start(), range.end()});
  if (!surveys) return surveys.error();
  auto scores = c.query(
      "SELECT r.survey_id, q.kind, a.score FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id "
      "JOIN survey_questions q ON q.id = a.question_id WHERE r.company_id = $1 AND r.answered_at >= $2 "
      "AND r.answered_at < $3 AND r.archived_at IS NULL AND a.score IS NOT NULL",
      {company, range.start(), range.end()});
  if (!scores) return scores.error();
  std::map<std::int64_t, Scores> per_survey;
  for (const auto& row : *scores) {
    per_survey[row.int64(0).value_or(0)].add(row.text(1).value_or(""), static_cast<int>(row.int64(2).value_or(0)));
  }
  struct Category {
    Scores scores;
    std::int64_t surveys = 0, responses = 0, invited = 0;
  };
  std::map<std::string, Category> categories;
  Scores overall;
  json::array list;
  for (const auto& row : *surveys) {
    const std::int64_t id = row.int64(0).value_or(0);
    const std::string category = row.text(2).value_or("");
    const Scores& s = per_survey[id];
    json::object made{{"id", id},
                      {"name", row.text(1).value_or("")},
                      {"category", category},
                      {"status", row.text(3).value_or("")},
                      {"invited", row.int64(4).value_or(0)},
                      {"responses", row.int64(5).value_or(0)}};
    s.put(made);
    list.push_back(std::move(made));
    Category& total = categories[category];
    ++total.surveys;
    total.invited += row.int64(4).value_or(0);
    total.responses += row.int64(5).value_or(0);
    total.scores.merge(s);
    overall.merge(s);
  }
  json::array by_category;
  for (const auto& [category, total] : categories) {
    json::object made{{"category", category},
                      {"label", i18n::Catalog::built_in().text(locale, "crm.survey_category_" + category)},
                      {"surveys", total.surveys},
                      {"invited", total.invited},
                      {"responses", total.responses}};
    total.scores.put(made);
    by_category.push_back(std::move(made));
  }
  json::object summary{{"from", range.from ? json::value(range.from->to_string()) : json::value()},
                       {"to", range.to ? json::value(range.to->to_string()) : json::value()},
                       {"categories", std::move(by_category)},
                       {"surveys", std::move(list)}};
  overall.put(summary);
  return summary;
}

Result<json::object> customer_feedback(Connection& c, std::int64_t company, std::int64_t customer) {
  auto rows = c.query(
      "SELECT r.id, r.survey_id, s.name, r.answered_at, r.nps, r.rating, r.negative, r.ticket_id, r.summary "
      "FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE r.company_id = $1 AND r.customer_id = $2 "
      "AND r.archived_at IS NULL ORDER BY r.answered_at DESC, r.id DESC",
      {company, customer});
  if (!rows) return rows.error();
  auto scores = c.query(
      "SELECT q.kind, a.score FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id "
      "JOIN survey_questions q ON q.id = a.question_id WHERE r.company_id = $1 AND r.customer_id = $2 "
      "AND r.archived_at IS NULL AND a.score IS NOT NULL",
      {company, customer});
  if (!scores) return scores.error();
  Scores overall;
  for (const auto& row : *scores) overall.add(row.text(0).value_or(""), static_cast<int>(row.int64(1).value_or(0)));
  auto optional_number = [](const storage::Row& row, std::size_t i) {
    return row.is_null(i) ? json::value() : json::value(row.int64(i).value_or(0));
  };
  json::array responses;
  for (const auto& row : *rows) {
    responses.push_back(json::object{{"id", row.int64(0).value_or(0)},
                                     {"survey_id", row.int64(1).value_or(0)},
                                     {"survey", row.text(2).value_or("")},
                                     {"answered_at", row.timestamp(3).value_or(Timestamp{}).to_string()},
                                     {"nps", optional_number(row, 4)},
                                     {"rating", optional_number(row, 5)},
                                     {"negative", row.boolean(6).value_or(false)},
                                     {"ticket_id", optional_number(row, 7)},
                                     {"summary", row.is_null(8) ? "" : row.text(8).value_or("")}});
  }
  json::object made{{"customer_id", customer}, {"responses", std::move(responses)}};
  overall.put(made);
  return made;
}

}  // namespace

Result<std::vector<TimelineEntry>> survey_timeline(Connection& c, std::int64_t company, std::int64_t customer,
                                                   std::string_view locale, std::size_t limit) {
  auto rows = c.query(
      "SELECT r.id, r.answered_at, s.name, r.nps, r.rating FROM survey_responses r JOIN surveys s ON s.id = r.survey_id "
      "WHERE r.company_id = $1 AND r.customer_id = $2 AND r.archived_at IS NULL ORDER BY r.answered_at DESC LIMIT $3",
      {company, customer, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.error();
  const auto& catalog = i18n::Catalog::built_in();
  std::vector<TimelineEntry> entries;
  for (const auto& row : *rows) {
    std::string title = catalog.text(locale, "crm.survey_timeline", {{"survey", row.text(2).value_or("")}});
    if (!row.is_null(3)) title += " NPS " + std::to_string(row.int64(3).value_or(0));
    if (!row.is_null(4)) {
      title += " " + catalog.text(locale, "crm.survey_timeline_rating", {{"rating", std::to_string(row.int64(4).value_or(0))}});
    }
    entries.push_back({.at = row.timestamp(1).value_or(Timestamp{}),
                       .kind = "survey.answered",
                       .title = std::move(title),
                       .entity = "survey_response",
                       .record_id = row.int64(0).value_or(0)});
  }
  return entries;
}

void add_survey_result_routes(http::Router& router, const CrmKit& kit) {
  const CrmKit* k = &kit;
  router.get("/api/v1/surveys/{id}/results", [k](Request& request) {
    auto range = range_of(request);
    if (!range) return k->http.problem(range.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto report = k->http.database->read([&](Connection& c) -> Result<json::object> {
      auto visible = k->store->get_in(c, k->spec("survey"), *request.principal, id, "read");
      if (!visible) return visible.error();
      auto head = survey_head(c, request.principal->company_id, id);
      if (!head) return head.error();
      return survey_results(c, *head, *range);
    });
    return k->http.answer_report(request, "survey-results", report, finance::report_table, "crm.survey_export");
  }, {.access = Access::permission("survey", "read"),
      .openapi = openapi("A survey's results: response rate, CSAT, NPS, each question's answers, the monthly trend "
                         "(?from=&to= days; ?format=xlsx|pdf|csv)",
                         "Survey")});

  router.get("/api/v1/crm/feedback/summary", [k](Request& request) {
    auto range = range_of(request);
    if (!range) return k->http.problem(range.error(), request);
    auto summary = k->http.database->read(
        [&](Connection& c) { return feedback_summary(c, request.principal->company_id, *range, request.locale); });
    if (!summary) return k->http.problem(summary.error(), request);
    return http::json_response(200, *summary);
  }, {.access = Access::permission("survey_response", "read"),
      .openapi = openapi("CSAT and NPS of every survey of the company and per category (?from=&to=)", "Survey")});

  router.get("/api/v1/customers/{id}/feedback", [k](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = k->http.database->read([&](Connection& c) -> Result<json::object> {
      auto visible = k->store->get_in(c, k->spec("customer"), *request.principal, id, "read");
      if (!visible) return visible.error();
      // The feedback of the active company's customer only (an administrator of several
      // companies may read customers of all of them).
      if (visible->company_id != request.principal->company_id) return make_error(ErrorKind::not_found, "error.not_found");
      return customer_feedback(c, request.principal->company_id, id);
    });
    if (!found) return k->http.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("survey_response", "read"),
      .openapi = openapi("A customer's survey responses with their CSAT and NPS", "Survey")});
}

}  // namespace verp::crm
