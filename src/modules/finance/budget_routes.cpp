// HTTP for budgets:
//   GET /api/v1/budgets?year=, POST /api/v1/budgets, GET|PUT /api/v1/budgets/{id}
//   GET /api/v1/finance/budget-execution?year=2026&to=3 (also as a file)
#include <boost/json.hpp>

#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"
#include "modules/finance/budgets.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

void add_budget_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.actor_of(request); };
  auto answer_report = [kit](Request& request, std::string_view kind, const Result<json::object>& report) {
    return kit.answer_report(request, kind, report);
  };

  // ---- budgets -------------------------------------------------------------------------------

  // {"year","account","department_id"?,"project_id"?,"control","annual"|"months":[12]}
  auto budget_input = [](http::JsonBody& body) {
    body.allow_only({"year", "account", "department_id", "project_id", "control", "annual", "months", "version"});
    BudgetInput input{.year = static_cast<int>(body.integer("year").value_or(0)),
                      .account_code = body.text("account", {.max_length = 12}),
                      .department_id = body.integer("department_id"),
                      .project_id = body.integer("project_id"),
                      .control = body.text("control", {.required = true, .max_length = 10}),
                      .version = body.integer("version")};
    if (const json::value* annual = body.raw("annual"); annual != nullptr && !annual->is_null()) {
      auto cents = annual->is_string() ? parse_amount(std::string_view(annual->as_string()))
                                       : Result<Cents>(make_error(ErrorKind::validation, "finance.amount_as_text"));
      if (cents) input.annual = *cents;
      else body.add_error("annual", "invalid", cents.error().message_id);
    }
    if (const json::value* months = body.raw("months"); months != nullptr && months->is_array()) {
      for (std::size_t m = 0; m < months->as_array().size(); ++m) {
        const json::value& month = months->as_array()[m];
        auto cents = month.is_string() ? parse_amount(std::string_view(month.as_string()))
                                       : Result<Cents>(make_error(ErrorKind::validation, "finance.amount_as_text"));
        if (cents) input.months.push_back(*cents);
        else body.add_error("months[" + std::to_string(m) + "]", "invalid", cents.error().message_id);
      }
    }
    return input;
  };

  // ?year= is required: a budget list or report of no year is a mistake, not an empty answer.
  auto year_of = [](const Request& request) -> Result<int> {
    const auto year = request.integer_query("year");
    if (!year || *year < 2000 || *year > 2099) return field_error("year", "out_of_range", "finance.year_out_of_range");
    return static_cast<int>(*year);
  };

  router.get("/api/v1/budgets", [=](Request& request) {
    const auto wanted = year_of(request);
    if (!wanted) return problem(wanted.error(), request);
    const int year = *wanted;
    auto listed = database->read([&](Connection& c) -> Result<json::array> {
      auto ids = c.query("SELECT b.id FROM budgets b JOIN accounts a ON a.id = b.account_id WHERE b.company_id = $1 "
                         "AND b.year = $2 ORDER BY a.code, b.id",
                         {request.principal->company_id, year});
      if (!ids) return ids.error();
      json::array items;
      for (const auto& row : *ids) {
        auto budget = budget_json(c, request.principal->company_id, row.int64(0).value_or(0));
        if (!budget) return budget.error();
        if (*budget) items.push_back(std::move(**budget));
      }
      return items;
    });
    if (!listed) return problem(listed.error(), request);
    return http::json_response(200, json::object{{"items", std::move(*listed)}});
  }, {.access = Access::permission("budget", "read"), .openapi = openapi("Budgets of a year", "Budget")});

  router.get("/api/v1/budgets/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    auto found = database->read([&](Connection& c) { return budget_json(c, request.principal->company_id, id.value_or(0)); });
    if (!found) return problem(found.error(), request);
    if (!*found) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    return http::json_response(200, **found);
  }, {.access = Access::permission("budget", "read"), .openapi = openapi("One budget with its months", "Budget")});

  router.post("/api/v1/budgets", [=](Request& request) {
    http::JsonBody body(request);
    BudgetInput input = budget_input(body);
    if (!body.ok()) return problem(body.error(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto id = create_budget(c, actor_of(request), input);
      if (!id) return id.error();
      auto shown = budget_json(c, request.principal->company_id, *id);
      if (!shown) return shown.error();
      return **shown;
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("budget", "create"),
      .openapi = openapi("A budget for an account (and department or project), annual or by month", "Budget")});

  router.put("/api/v1/budgets/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    http::JsonBody body(request);
    BudgetInput input = budget_input(body);
    if (!body.ok()) return problem(body.error(), request);
    auto changed = database->write([&](Connection& c) -> Result<json::object> {
      if (Status updated = update_budget(c, actor_of(request), *id, input); !updated) return updated.error();
      auto shown = budget_json(c, request.principal->company_id, *id);
      if (!shown) return shown.error();
      return **shown;
    });
    if (!changed) return problem(changed.error(), request);
    return http::json_response(200, *changed);
  }, {.access = Access::permission("budget", "update"), .openapi = openapi("Change a budget's amounts or control", "Budget")});

  router.get("/api/v1/finance/budget-execution", [=](Request& request) {
    const auto wanted = year_of(request);
    if (!wanted) return problem(wanted.error(), request);
    const int year = *wanted;
    const auto to = request.integer_query("to").value_or(12);
    if (to < 1 || to > 12) return problem(field_error("to", "out_of_range", "finance.month_out_of_range"), request);
    const int month = static_cast<int>(to);
    auto report = database->read(
        [&](Connection& c) { return budget_execution(c, request.principal->company_id, year, month, request.locale); });
    return answer_report(request, "budget-execution", report);
  }, {.access = Access::permission("budget", "read"),
      .openapi = openapi("Budget against actual (预算执行): budget and used to a month, variance, share used", "Budget")});
}

}  // namespace verp::finance
