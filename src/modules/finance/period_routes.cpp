// HTTP for fiscal periods and the ledger's settings:
//   POST /api/v1/fiscal-years {"year"}; GET /api/v1/fiscal-periods?year=
//   POST /api/v1/fiscal-periods/{id}/close | reopen {"reason"} | carry-forward
//   GET|PUT /api/v1/finance/settings; GET /api/v1/finance/cash-flow-items
#include <boost/json.hpp>

#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

void add_period_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.actor_of(request); };

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
}

}  // namespace verp::finance
