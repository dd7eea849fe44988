// HTTP for the ledger (docs in README.md):
//   POST /api/v1/fiscal-years                         {"year"}: the twelve months
//   GET  /api/v1/fiscal-periods?year=                 periods with their vouchers by state
//   POST /api/v1/fiscal-periods/{id}/close | reopen {"reason"} | carry-forward
//   GET  /api/v1/finance/settings, PUT {"voucher_words","cashier_sign_off"}
//   GET  /api/v1/vouchers?period=&state=&word=&account_id=&cursor=&limit=
//   POST /api/v1/vouchers, GET|PUT|DELETE /api/v1/vouchers/{id}
//   POST /api/v1/vouchers/{id}/review | unreview | cashier-sign | post | void | reverse {"date"}
//   GET  /api/v1/finance/trial-balance?from=2026-01&to=2026-03[&scope=consolidated]
//   GET  /api/v1/finance/ledger?account=1122&from=&to=&customer_id=…
//   GET  /api/v1/finance/balance-sheet?at=2026-03     资产负债表
//   GET  /api/v1/finance/income-statement?from=&to=   利润表
//   GET  /api/v1/finance/cash-flow?from=&to=          现金流量表 (direct method)
//   GET  /api/v1/finance/cash-flow-items
//   GET  /api/v1/finance/open-items?account=1122&partner_id=&open=true
//   POST /api/v1/finance/allocations {"allocations":[{"debit_line_id","credit_line_id","amount"}]}
//   POST /api/v1/finance/allocations/auto {"account","partner_id"}   oldest first
//   POST /api/v1/finance/allocations/{id}/cancel
//   GET  /api/v1/finance/aging?account=1122&as_of=2026-03-31&buckets=30,60,90
//   GET  /api/v1/budgets?year=, POST /api/v1/budgets, GET|PUT /api/v1/budgets/{id}
//   GET  /api/v1/finance/budget-execution?year=2026&to=3
//   GET  /api/v1/finance/audit-analysis?from=&to=&round_threshold=10000.00
// Each report also answers ?format=csv|xlsx with a file.
//   GET  /api/v1/posting-rules/event-types            business events, their roles and standard accounts
//   POST /api/v1/posting-rules/preview                the voucher an event would become, not saved
#include <boost/json.hpp>
#include <charconv>

#include "modules/finance/finance_routes.hpp"
#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/ledger_reports.hpp"
#include "modules/finance/audit_analysis.hpp"
#include "modules/finance/budgets.hpp"
#include "modules/finance/open_items.hpp"
#include "modules/finance/posting.hpp"
#include "modules/finance/report_tables.hpp"
#include "modules/finance/statements.hpp"
#include "modules/finance/voucher_rules.hpp"
#include "platform/base/log.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/table_download.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

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

}  // namespace

void add_ledger_routes(http::Router& router, ModuleContext& context) {
  storage::Database* database = &context.database;
  const i18n::Catalog* catalog = &context.catalog;
  const Clock* clock = &context.clock;
  auto problem = [catalog](const Error& error, const Request& request) {
    return http::problem_response(error, request, *catalog);
  };
  auto actor_of = [clock](const Request& request) {
    return Actor{*request.principal, entity::Caller{request.remote_address, request.request_id}, *clock};
  };
  // "from"/"to" as period codes; either defaults to the other, both to the current period.
  auto range_of = [clock](Connection& c, const Request& request) -> Result<PeriodRange> {
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
  };

  // A report as JSON, or with ?format=csv|xlsx as a file (the export is audited).
  auto answer_report = [=](Request& request, std::string_view kind, const Result<json::object>& report) {
    if (!report) return problem(report.error(), request);
    const std::string format = query_text(request, "format");
    if (format.empty() || format == "json") return http::json_response(200, *report);
    if (!http::is_download_format(format)) {
      return problem(field_error("format", "unknown", "finance.report_format"), request);
    }
    auto audited = database->write([&](Connection& c) {
      return audit_ledger(c, actor_of(request), "ledger.export", "report", 0,
                          {{"report", kind}, {"format", format}, {"query", request.target}});
    });
    if (!audited) return problem(audited.error(), request);
    auto file = http::table_download(report_table(kind, *report, request.locale), format, kind);
    if (!file) return problem(file.error(), request);
    return std::move(*file);
  };

  // An unbalanced voucher or one dated in a closed period is refused, and the attempt is kept in
  // the audit log (in a transaction of its own) for the audit analysis.
  auto refused = [=](Request& request, const Error& error, const VoucherInput& input,
                     std::optional<std::int64_t> voucher) {
    json::array reasons;
    for (const FieldError& field : error.fields) {
      if (field.code == "unbalanced" || field.code == "period_closed") reasons.push_back(json::string(field.code));
    }
    if (!reasons.empty()) {
      Cents debit = 0, credit = 0;
      for (const LineInput& line : input.lines) debit += line.debit, credit += line.credit;
      auto logged = database->write([&](Connection& c) {
        return audit_ledger(c, actor_of(request), "voucher.refused", "voucher", voucher.value_or(0),
                            {{"reasons", std::move(reasons)}, {"date", input.date.to_string()},
                             {"debit", format_amount(debit)}, {"credit", format_amount(credit)}});
      });
      if (!logged) log::warn("finance.refusal_not_logged", {{"error", logged.error().message_id}});
    }
    return problem(error, request);
  };

  // ---- periods and settings ----------------------------------------------------------------

  router.post("/api/v1/fiscal-years", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"year"});
    const auto year = body.integer("year", true);
    if (!body.ok()) return problem(body.error(), request);
    auto opened = database->write(
        [&](Connection& c) { return open_fiscal_year(c, actor_of(request), static_cast<int>(*year)); });
    if (!opened) return problem(opened.error(), request);
    json::array periods;
    for (const Period& period : *opened) periods.push_back(period_json(period));
    return http::json_response(201, json::object{{"year", *year}, {"periods", std::move(periods)}});
  }, {.access = Access::permission("fiscal_period", "create"),
      .openapi = openapi("Open a fiscal year: its twelve monthly periods", "Ledger")});

  router.get("/api/v1/fiscal-periods", [=](Request& request) {
    const auto year = request.integer_query("year");
    auto listed = database->read([&](Connection& c) -> Result<json::array> {
      auto periods = periods_of(c, request.principal->company_id,
                                year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt);
      if (!periods) return periods.error();
      auto counts = c.query("SELECT period_id, state, COUNT(*) FROM vouchers WHERE company_id = $1 "
                            "GROUP BY period_id, state",
                            {request.principal->company_id});
      if (!counts) return counts.error();
      json::array items;
      for (const Period& period : *periods) {
        json::object item = period_json(period);
        json::object vouchers{{"draft", 0}, {"reviewed", 0}, {"posted", 0}, {"void", 0}};
        for (const auto& row : *counts) {
          if (row.int64(0).value_or(0) == period.id) vouchers[row.text(1).value_or("draft")] = row.int64(2).value_or(0);
        }
        item["vouchers"] = std::move(vouchers);
        items.push_back(std::move(item));
      }
      return items;
    });
    if (!listed) return problem(listed.error(), request);
    return http::json_response(200, json::object{{"items", std::move(*listed)}});
  }, {.access = Access::permission("fiscal_period", "read"),
      .openapi = openapi("Fiscal periods with their vouchers counted by state", "Ledger")});

  router.post("/api/v1/fiscal-periods/{id}/close", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto closed = database->write([&](Connection& c) { return close_period(c, actor_of(request), *id); });
    if (!closed) return problem(closed.error(), request);
    return http::json_response(200, period_json(*closed));
  }, {.access = Access::permission("fiscal_period", "close"),
      .openapi = openapi("Close a period (结账): all vouchers posted, profit and loss carried forward", "Ledger")});

  router.post("/api/v1/fiscal-periods/{id}/reopen", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    http::JsonBody body(request);
    body.allow_only({"reason"});
    const std::string reason = body.text("reason", {.required = true, .max_length = 500});
    if (!body.ok()) return problem(body.error(), request);
    auto reopened = database->write([&](Connection& c) { return reopen_period(c, actor_of(request), *id, reason); });
    if (!reopened) return problem(reopened.error(), request);
    return http::json_response(200, period_json(*reopened));
  }, {.access = Access::permission("fiscal_period", "reopen"),
      .openapi = openapi("Reopen the latest closed period (反结账), with a reason", "Ledger")});

  router.post("/api/v1/fiscal-periods/{id}/carry-forward", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto made = database->write([&](Connection& c) { return carry_forward(c, actor_of(request), *id); });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, ref_json(*made));
  }, {.access = Access::permission("voucher", "create"),
      .openapi = openapi("Draft the profit-and-loss carry-forward voucher (结转损益) of a period", "Ledger")});

  router.get("/api/v1/finance/settings", [=](Request& request) {
    auto settings = database->read([&](Connection& c) { return settings_of(c, request.principal->company_id); });
    if (!settings) return problem(settings.error(), request);
    return http::json_response(200, json::object{{"voucher_words", settings->voucher_words},
                                                 {"cashier_sign_off", settings->cashier_sign_off}});
  }, {.access = Access::permission("fiscal_period", "read"),
      .openapi = openapi("The company's voucher words and cashier sign-off", "Ledger")});

  router.put("/api/v1/finance/settings", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"voucher_words", "cashier_sign_off"});
    Settings settings{.voucher_words = body.text("voucher_words", {.required = true, .max_length = 10}),
                      .cashier_sign_off = body.boolean("cashier_sign_off", true).value_or(false)};
    if (!body.ok()) return problem(body.error(), request);
    auto saved = database->write([&](Connection& c) { return save_settings(c, actor_of(request), settings); });
    if (!saved) return problem(saved.error(), request);
    return http::json_response(200, json::object{{"voucher_words", settings.voucher_words},
                                                 {"cashier_sign_off", settings.cashier_sign_off}});
  }, {.access = Access::permission("fiscal_period", "update"),
      .openapi = openapi("Set the voucher words (记, or 收/付/转) and cashier sign-off", "Ledger")});

  router.get("/api/v1/finance/cash-flow-items", [=](Request& request) {
    json::array items;
    const bool english = request.locale.starts_with("en");
    for (const CashFlowItem& item : cash_flow_items()) {
      items.push_back(json::object{{"code", item.code},
                                   {"name", english ? item.en : item.zh},
                                   {"activity", item.activity},
                                   {"inflow", item.inflow}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  }, {.access = Access::signed_in(), .openapi = openapi("Cash-flow items a cash or bank line may carry", "Ledger")});

  // ---- vouchers ------------------------------------------------------------------------------

  router.get("/api/v1/vouchers", [=](Request& request) {
    VoucherQuery query;
    query.state = query_text(request, "state");
    query.word = query_text(request, "word");
    query.account_id = request.integer_query("account_id");
    query.source_type = query_text(request, "source_type");
    query.source_id = request.integer_query("source_id");
    query.limit = static_cast<int>(std::clamp<std::int64_t>(request.integer_query("limit").value_or(50), 1, 500));
    query.before = request.integer_query("cursor").value_or(0);
    if (request.principal->scope_for("voucher", "read") == security::DataScope::own) {
      query.preparer_id = request.principal->user_id;
    }
    const std::string period = query_text(request, "period");
    auto page = database->read([&](Connection& c) -> Result<json::object> {
      if (!period.empty()) {
        auto found = period_by_code(c, request.principal->company_id, period);
        if (!found) return found.error();
        if (!*found) return field_error("period", "unknown_period", "finance.period_unknown", {{"period", period}});
        query.period_id = (*found)->id;
      }
      return list_vouchers(c, request.principal->company_id, query);
    });
    if (!page) return problem(page.error(), request);
    return http::json_response(200, *page);
  }, {.access = Access::permission("voucher", "read"), .openapi = openapi("Vouchers, newest first", "Voucher")});

  router.get("/api/v1/vouchers/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto found = database->read([&](Connection& c) { return voucher_json(c, *request.principal, *id); });
    if (!found) return problem(found.error(), request);
    const bool own_only = request.principal->scope_for("voucher", "read") == security::DataScope::own;
    if (!*found || (own_only && (*found)->at("preparer").at("id").as_int64() != request.principal->user_id)) {
      return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    }
    return http::json_response(200, **found);
  }, {.access = Access::permission("voucher", "read"), .openapi = openapi("One voucher with its lines", "Voucher")});

  router.post("/api/v1/vouchers", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = voucher_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto created = database->write([&](Connection& c) { return create_voucher(c, actor_of(request), *input); });
    if (!created) return refused(request, created.error(), *input, std::nullopt);
    return http::json_response(201, ref_json(*created));
  }, {.access = Access::permission("voucher", "create"), .openapi = openapi("Enter a voucher (draft)", "Voucher")});

  router.put("/api/v1/vouchers/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::value* version = body.raw("version");
    if (version == nullptr || !version->is_int64()) {
      return problem(field_error("version", "required", "field.required"), request);
    }
    auto input = voucher_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto updated = database->write(
        [&](Connection& c) { return update_voucher(c, actor_of(request), *id, version->as_int64(), *input); });
    if (!updated) return refused(request, updated.error(), *input, *id);
    return http::json_response(200, ref_json(*updated));
  }, {.access = Access::permission("voucher", "update"), .openapi = openapi("Change a draft voucher", "Voucher")});

  router.del("/api/v1/vouchers/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto deleted = database->write([&](Connection& c) { return delete_voucher(c, actor_of(request), *id); });
    if (!deleted) return problem(deleted.error(), request);
    return http::Response{.status = 204};
  }, {.access = Access::permission("voucher", "delete"),
      .openapi = openapi("Delete the last draft of its sequence (others are voided)", "Voucher")});

  struct Verb {
    const char* path;
    VoucherAction action;
    const char* permission;
    const char* summary;
  };
  static constexpr Verb kVerbs[] = {
      {"review", VoucherAction::review, "review", "Review (审核) a draft; the reviewer is not its preparer"},
      {"unreview", VoucherAction::unreview, "review", "Take back a review (取消审核)"},
      {"cashier-sign", VoucherAction::cashier_sign, "cashier", "The cashier signs (出纳签字) a cash or bank voucher"},
      {"post", VoucherAction::post, "post", "Post (记账) a reviewed voucher into the ledger"},
      {"void", VoucherAction::void_it, "update", "Void (作废) a draft; it keeps its number"},
  };
  for (const Verb& verb : kVerbs) {
    const VoucherAction action = verb.action;
    router.post(std::string("/api/v1/vouchers/{id}/") + verb.path, [=](Request& request) {
      const auto id = request.id_param("id");
      if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
      auto acted = database->write([&](Connection& c) { return act_on_voucher(c, actor_of(request), *id, action); });
      if (!acted) return problem(acted.error(), request);
      return http::json_response(200, ref_json(*acted));
    }, {.access = Access::permission("voucher", verb.permission), .openapi = openapi(verb.summary, "Voucher")});
  }

  router.post("/api/v1/vouchers/{id}/reverse", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    http::JsonBody body(request);
    body.allow_only({"date"});
    const std::string date_text = body.text("date", {.required = true, .max_length = 10});
    auto date = storage::Date::parse(date_text);
    if (body.ok() && !date) body.add_error("date", "invalid", "finance.date_invalid");
    if (!body.ok()) return problem(body.error(), request);
    auto reversed = database->write([&](Connection& c) { return reverse_voucher(c, actor_of(request), *id, *date); });
    if (!reversed) return problem(reversed.error(), request);
    return http::json_response(201, ref_json(*reversed));
  }, {.access = Access::permission("voucher", "reverse"),
      .openapi = openapi("Reverse a posted voucher with a red-letter draft (红字冲销)", "Voucher")});

  // ---- posting rules ---------------------------------------------------------------------------

  router.get("/api/v1/posting-rules/event-types", [=](Request& request) {
    const bool english = request.locale.starts_with("en");
    json::array items;
    for (const PostingEventType& type : posting_event_types()) {
      json::array roles;
      for (const PostingRole& role : type.roles) {
        roles.push_back(json::object{{"name", role.name},
                                     {"label", english ? role.en : role.zh},
                                     {"side", role.side},
                                     {"standard_account", role.standard_account}});
      }
      items.push_back(json::object{{"name", type.name}, {"label", english ? type.en : type.zh}, {"roles", std::move(roles)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  }, {.access = Access::permission("posting_rule", "read"),
      .openapi = openapi("Business events other modules post, their roles and standard accounts", "Ledger")});

  router.post("/api/v1/posting-rules/preview", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"event_type", "date", "summary", "lines"});
    BusinessEvent event{.type = body.text("event_type", {.required = true, .max_length = 40}),
                        .summary = body.text("summary", {.required = true, .max_length = 200})};
    const std::string date = body.text("date", {.required = true, .max_length = 10});
    if (auto parsed = storage::Date::parse(date); parsed) event.date = *parsed;
    else if (!date.empty()) body.add_error("date", "invalid", "finance.date_invalid");
    // The lines read like a voucher's, with a role and one amount instead of account and sides.
    const json::value* lines = body.raw("lines");
    if (lines == nullptr || !lines->is_array()) body.add_error("lines", "required", "finance.lines_required");
    if (!body.ok()) return problem(body.error(), request);
    json::array as_voucher;
    for (const json::value& line : lines->as_array()) {
      json::object shaped = line.is_object() ? line.as_object() : json::object{};
      shaped.erase("role");
      if (const auto* amount = shaped.if_contains("amount")) {
        shaped["debit"] = *amount;
        shaped.erase("amount");
      }
      as_voucher.push_back(std::move(shaped));
    }
    auto read = voucher_from_json(json::object{{"date", date}, {"lines", std::move(as_voucher)}});
    if (!read) return problem(read.error(), request);
    if (!read->unreadable.empty()) {
      Error error = make_error(ErrorKind::validation, "error.validation");
      for (FieldError problem : read->unreadable) {
        if (problem.field.ends_with(".debit")) problem.field.replace(problem.field.size() - 5, 5, "amount");
        error.fields.push_back(std::move(problem));
      }
      return problem(error, request);
    }
    for (std::size_t i = 0; i < read->lines.size(); ++i) {
      const auto& from = read->lines[i];
      const json::value& raw = lines->as_array()[i];
      PostingLine posting{.amount = from.debit, .summary = from.summary, .customer_id = from.customer_id,
                          .supplier_id = from.supplier_id, .department_id = from.department_id,
                          .employee_id = from.employee_id, .project_id = from.project_id, .item_id = from.item_id,
                          .cash_flow_item = from.cash_flow_item};
      if (raw.is_object() && raw.as_object().if_contains("role") && raw.as_object().at("role").is_string()) {
        posting.role = std::string(raw.as_object().at("role").as_string());
      }
      event.lines.push_back(std::move(posting));
    }
    auto preview = database->read([&](Connection& c) -> Result<json::object> {
      const std::int64_t company = request.principal->company_id;
      auto input = voucher_for_event(c, company, event);
      if (!input) return input.error();
      auto settings = settings_of(c, company);
      if (!settings) return settings.error();
      auto checked = check_voucher(c, company, *settings, *input);
      if (!checked) return checked.error();
      json::array shown;
      for (const LineInput& line : checked->input.lines) {
        const AccountFacts& account = checked->accounts.at(line.account_id);
        shown.push_back(json::object{{"summary", line.summary},
                                     {"account_id", line.account_id},
                                     {"account", account.code},
                                     {"account_name", account.name},
                                     {"debit", format_amount(line.debit)},
                                     {"credit", format_amount(line.credit)}});
      }
      return json::object{{"date", checked->input.date.to_string()},
                          {"debit_total", format_amount(checked->debit_total)},
                          {"credit_total", format_amount(checked->credit_total)},
                          {"lines", std::move(shown)}};
    });
    if (!preview) return problem(preview.error(), request);
    return http::json_response(200, *preview);
  }, {.access = Access::permission("posting_rule", "read"),
      .openapi = openapi("The voucher a business event would become under the company's posting rules (not saved)",
                         "Ledger")});

  // ---- receivables and payables ----------------------------------------------------------------

  // The company's account by its code in `?account=` (or the body's "account").
  auto account_by_code = [](Connection& c, std::int64_t company, const std::string& code) -> Result<std::int64_t> {
    auto row = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = $2", {company, code});
    if (!row) return row.error();
    if (!*row) return field_error("account", "unknown", "finance.account_unknown", {{"account", code}});
    return (*row)->int64(0).value_or(0);
  };

  router.get("/api/v1/finance/open-items", [=](Request& request) {
    auto items = database->read([&](Connection& c) -> Result<json::object> {
      auto account = account_by_code(c, request.principal->company_id, query_text(request, "account"));
      if (!account) return account.error();
      return open_items(c, request.principal->company_id,
                        OpenItemQuery{.account_id = *account, .partner_id = request.integer_query("partner_id"),
                                      .open_only = query_text(request, "open") != "false"});
    });
    if (!items) return problem(items.error(), request);
    return http::json_response(200, *items);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Open items of a receivable or payable account (往来), per partner", "Ledger")});

  router.post("/api/v1/finance/allocations", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"allocations"});
    std::vector<Allocation> allocations;
    const json::value* list = body.raw("allocations");
    if (list == nullptr || !list->is_array()) body.add_error("allocations", "required", "finance.allocations_required");
    else {
      for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const std::string at = "allocations[" + std::to_string(i) + "]";
        const json::value& item = list->as_array()[i];
        const json::object* fields = item.if_object();
        auto id = [&](const char* key) -> std::int64_t {
          const json::value* value = fields != nullptr ? fields->if_contains(key) : nullptr;
          if (value != nullptr && value->is_int64() && value->as_int64() > 0) return value->as_int64();
          body.add_error(at + "." + key, "required", "finance.not_an_id");
          return 0;
        };
        Allocation allocation{.debit_line_id = id("debit_line_id"), .credit_line_id = id("credit_line_id")};
        const json::value* amount = fields != nullptr ? fields->if_contains("amount") : nullptr;
        auto cents = amount != nullptr && amount->is_string() ? parse_amount(std::string_view(amount->as_string()))
                                                              : Result<Cents>(make_error(ErrorKind::validation, "finance.amount_as_text"));
        if (cents) allocation.amount = *cents;
        else body.add_error(at + ".amount", "invalid", cents.error().message_id);
        allocations.push_back(allocation);
      }
    }
    if (!body.ok()) return problem(body.error(), request);
    auto made = database->write([&](Connection& c) { return allocate(c, actor_of(request), allocations); });
    if (!made) return problem(made.error(), request);
    json::array ids;
    for (std::int64_t id : *made) ids.push_back(id);
    return http::json_response(201, json::object{{"ids", std::move(ids)}});
  }, {.access = Access::permission("open_item", "allocate"),
      .openapi = openapi("Allocate (核销) debit and credit items of one partner, all or nothing", "Ledger")});

  router.post("/api/v1/finance/allocations/auto", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"account", "partner_id"});
    const std::string account_code = body.text("account", {.required = true, .max_length = 12});
    const auto partner = body.integer("partner_id", true);
    if (!body.ok()) return problem(body.error(), request);
    auto made = database->write([&](Connection& c) -> Result<std::int64_t> {
      auto account = account_by_code(c, request.principal->company_id, account_code);
      if (!account) return account.error();
      return allocate_oldest_first(c, actor_of(request), *account, *partner);
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(200, json::object{{"allocations", *made}});
  }, {.access = Access::permission("open_item", "allocate"),
      .openapi = openapi("Allocate a partner's open items oldest first", "Ledger")});

  router.post("/api/v1/finance/allocations/{id}/cancel", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto cancelled = database->write([&](Connection& c) { return cancel_allocation(c, actor_of(request), *id); });
    if (!cancelled) return problem(cancelled.error(), request);
    return http::Response::no_content();
  }, {.access = Access::permission("open_item", "allocate"),
      .openapi = openapi("Take back an allocation (反核销)", "Ledger")});

  router.get("/api/v1/finance/aging", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto account = account_by_code(c, request.principal->company_id, query_text(request, "account"));
      if (!account) return account.error();
      const std::string as_of_text = query_text(request, "as_of");
      auto as_of = as_of_text.empty()
                       ? Result<storage::Date>(storage::Date::from_days(
                             std::chrono::duration_cast<std::chrono::days>(clock->now().time_since_epoch()).count()))
                       : storage::Date::parse(as_of_text);
      if (!as_of) return field_error("as_of", "invalid", "finance.date_invalid");
      std::vector<int> buckets;
      const std::string list = query_text(request, "buckets").empty() ? "30,60,90,180" : query_text(request, "buckets");
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        int days = 0;
        const auto [end, ec] = std::from_chars(list.data() + start, list.data() + comma, days);
        if (ec != std::errc() || end != list.data() + comma || days <= 0 || (!buckets.empty() && days <= buckets.back()) ||
            buckets.size() >= 12) {
          return field_error("buckets", "invalid", "finance.buckets_invalid");
        }
        buckets.push_back(days);
        start = comma + 1;
      }
      return aging(c, request.principal->company_id, *account, *as_of, buckets, request.locale);
    });
    return answer_report(request, "aging", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Aging (账龄分析) of a receivable or payable account by partner", "Ledger")});

  // ---- budgets -------------------------------------------------------------------------------

  // {"year","account","department_id"?,"project_id"?,"control","annual"|"months":[12]}
  auto budget_input = [](http::JsonBody& body) {
    body.allow_only({"year", "account", "department_id", "project_id", "control", "annual", "months", "version"});
    BudgetInput input{.year = static_cast<int>(body.integer("year").value_or(0)),
                      .account_code = body.text("account", {.max_length = 12}),
                      .department_id = body.integer("department_id"),
                      .project_id = body.integer("project_id"),
                      .control = body.text("control", {.required = true, .max_length = 10})};
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

  router.get("/api/v1/budgets", [=](Request& request) {
    const int year = static_cast<int>(request.integer_query("year").value_or(0));
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
    const int year = static_cast<int>(request.integer_query("year").value_or(0));
    const int month = static_cast<int>(std::clamp<std::int64_t>(request.integer_query("to").value_or(12), 1, 12));
    auto report = database->read(
        [&](Connection& c) { return budget_execution(c, request.principal->company_id, year, month, request.locale); });
    return answer_report(request, "budget-execution", report);
  }, {.access = Access::permission("budget", "read"),
      .openapi = openapi("Budget against actual (预算执行): budget and used to a month, variance, share used", "Budget")});

  // ---- reports -------------------------------------------------------------------------------

  router.get("/api/v1/finance/trial-balance", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      if (query_text(request, "scope") == "consolidated") {
        // Consolidation reads every member company the user belongs to: it needs the widest scope.
        if (request.principal->scope_for("ledger", "read") != security::DataScope::all_companies) {
          return make_error(ErrorKind::forbidden, "finance.consolidation_needs_all_companies");
        }
        return consolidated_trial_balance(c, request.principal->company_ids, request.principal->company_id, *range,
                                          request.locale);
      }
      return trial_balance(c, request.principal->company_id, *range, request.locale);
    });
    return answer_report(request, "trial-balance", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Trial balance (科目余额表) for a range of periods", "Ledger")});

  router.get("/api/v1/finance/balance-sheet", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      const std::string at = query_text(request, "at");
      if (!at.empty()) {
        auto period = period_by_code(c, request.principal->company_id, at);
        if (!period) return period.error();
        if (!*period) return field_error("at", "unknown_period", "finance.period_unknown", {{"period", at}});
        return balance_sheet(c, request.principal->company_id, **period, request.locale);
      }
      auto range = range_of(c, request);
      if (!range) return range.error();
      return balance_sheet(c, request.principal->company_id, range->to, request.locale);
    });
    return answer_report(request, "balance-sheet", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Balance sheet (资产负债表) at the end of a period, with the year's opening figures", "Ledger")});

  router.get("/api/v1/finance/income-statement", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      return income_statement(c, request.principal->company_id, *range, request.locale);
    });
    return answer_report(request, "income-statement", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Income statement (利润表) for a range of periods and the year to date", "Ledger")});

  router.get("/api/v1/finance/cash-flow", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      return cash_flow_statement(c, request.principal->company_id, *range, request.locale);
    });
    return answer_report(request, "cash-flow", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Cash-flow statement (现金流量表), direct method from the items on cash and bank lines", "Ledger")});

  router.get("/api/v1/finance/audit-analysis", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      AuditAnalysisOptions options;
      if (const std::string threshold = query_text(request, "round_threshold"); !threshold.empty()) {
        auto cents = parse_amount(threshold);
        if (!cents || *cents <= 0) return field_error("round_threshold", "invalid", "finance.amount_as_text");
        options.round_threshold = *cents;
      }
      return audit_analysis(c, request.principal->company_id, *range, options);
    });
    if (!report) return problem(report.error(), request);
    return http::json_response(200, *report);
  }, {.access = Access::permission("audit_log", "read"),
      .openapi = openapi("Audit analysis (审计分析): refused attempts, reversals, self-posting, role changes, "
                         "after-hours work, large round amounts",
                         "Ledger")});

  router.get("/api/v1/finance/ledger", [=](Request& request) {
    auto report = database->read([&](Connection& c) -> Result<json::object> {
      auto range = range_of(c, request);
      if (!range) return range.error();
      const std::int64_t company = request.principal->company_id;
      LedgerQuery query{.range = *range,
                        .customer_id = request.integer_query("customer_id"),
                        .supplier_id = request.integer_query("supplier_id"),
                        .department_id = request.integer_query("department_id"),
                        .employee_id = request.integer_query("employee_id"),
                        .project_id = request.integer_query("project_id"),
                        .item_id = request.integer_query("item_id")};
      const std::string account = query_text(request, "account");
      auto row = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = $2", {company, account});
      if (!row) return row.error();
      if (!*row) return field_error("account", "unknown", "finance.account_unknown", {{"account", account}});
      query.account_id = (*row)->int64(0).value_or(0);
      return account_ledger(c, company, query, request.locale);
    });
    return answer_report(request, "ledger", report);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("An account's ledger (明细账), optionally for one dimension value", "Ledger")});
}

}  // namespace verp::finance
