#include "modules/finance/ledger_http.hpp"

#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/report_tables.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/table_download.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Request;
using storage::Connection;

std::string openapi(std::string_view summary, std::string_view tag) {
  return std::string(R"({"summary":")") + std::string(summary) + R"(","tags":[")" + std::string(tag) + "\"]}";
}

json::object period_json(const Period& period) {
  return {{"id", period.id},
          {"code", period.code()},
          {"year", period.year},
          {"month", period.month},
          {"starts_on", period.starts_on.to_string()},
          {"ends_on", period.ends_on.to_string()},
          {"state", period.state}};
}

json::object ref_json(const VoucherRef& ref) {
  json::array over_budget;
  for (const BudgetOverrun& overrun : ref.over_budget) {
    over_budget.push_back(json::object{{"budget_id", overrun.budget_id},
                                       {"account", overrun.account},
                                       {"control", overrun.control},
                                       {"budget", format_amount(overrun.budget)},
                                       {"used", format_amount(overrun.used)}});
  }
  return {{"id", ref.id},
          {"word", ref.word},
          {"number", ref.number},
          {"label", voucher_label(ref.word, ref.number)},
          {"state", ref.state},
          {"version", ref.version},
          {"over_budget", std::move(over_budget)}};
}

std::string query_text(const Request& request, std::string_view name) {
  const std::string* value = request.query_param(name);
  return value != nullptr ? *value : std::string();
}

http::Response LedgerHttp::problem(const Error& error, const Request& request) const {
  return http::problem_response(error, request, *catalog);
}

Actor LedgerHttp::actor_of(const Request& request) const {
  return Actor{*request.principal, entity::Caller{request.remote_address, request.request_id}, *clock};
}

Result<PeriodRange> LedgerHttp::range_of(Connection& c, const Request& request) const {
  const std::int64_t company = request.principal->company_id;
  std::string from = query_text(request, "from");
  std::string to = query_text(request, "to");
  if (from.empty() && to.empty()) {
    const auto today = storage::Date::from_days(
        std::chrono::duration_cast<std::chrono::days>(clock->now().time_since_epoch()).count());
    from = to = period_code(today.year, today.month);
  }
  // One sent, the other follows it; an unknown period is then named once, where it was sent.
  const bool from_sent = !from.empty();
  const bool to_sent = !to.empty();
  if (from.empty()) from = to;
  if (to.empty()) to = from;
  auto first = period_by_code(c, company, from);
  if (!first) return first.error();
  auto last = period_by_code(c, company, to);
  if (!last) return last.error();
  std::vector<FieldError> problems;
  if (!*first && (from_sent || !to_sent)) {
    problems.push_back({"from", "unknown_period", "finance.period_unknown", {{"period", from}}});
  }
  if (!*last && to_sent) problems.push_back({"to", "unknown_period", "finance.period_unknown", {{"period", to}}});
  if (*first && *last && (*last)->starts_on < (*first)->starts_on) {
    problems.push_back({"to", "before_from", "finance.range_reversed", {}});
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  return PeriodRange{**first, **last};
}

http::Response LedgerHttp::answer_report(Request& request, std::string_view kind,
                                       const Result<json::object>& report) const {
  return answer_report(request, kind, report, report_table, "ledger.export");
}

http::Response LedgerHttp::answer_report(Request& request, std::string_view kind, const Result<json::object>& report,
                                         const ReportTable& table, std::string_view audit_action) const {
  if (!report) return problem(report.error(), request);
  const std::string format = query_text(request, "format");
  if (format.empty() || format == "json") return http::json_response(200, *report);
  if (!http::is_download_format(format)) {
    return problem(field_error("format", "unknown", "finance.report_format"), request);
  }
  auto audited = database->write([&](Connection& c) {
    return audit_ledger(c, actor_of(request), std::string(audit_action), "report", 0,
                        {{"report", kind}, {"format", format}, {"query", request.target}});
  });
  if (!audited) return problem(audited.error(), request);
  auto file = http::table_download(table(kind, *report, request.locale), format, kind);
  if (!file) return problem(file.error(), request);
  return std::move(*file);
}

}  // namespace verp::finance
