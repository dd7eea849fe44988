// HTTP for the posting interface (the rules themselves are the generic entity routes):
//   GET  /api/v1/posting-rules/event-types   business events, their roles and standard accounts
//   POST /api/v1/posting-rules/preview       the voucher an event would become, not saved
#include <boost/json.hpp>

#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"
#include "modules/finance/posting.hpp"
#include "modules/finance/voucher_rules.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

void add_posting_rule_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };

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
}

}  // namespace verp::finance
