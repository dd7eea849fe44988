// HTTP for receivables and payables:
//   GET  /api/v1/finance/open-items?account=1122&partner_id=&open=true
//   POST /api/v1/finance/allocations {"allocations":[{"debit_line_id","credit_line_id","amount"}]}
//   GET  /api/v1/finance/allocations?account=1122&partner_id=&cancelled=false
//   POST /api/v1/finance/allocations/auto {"account","partner_id"}   oldest first
//   POST /api/v1/finance/allocations/{id}/cancel
//   GET  /api/v1/finance/aging?account=1122&as_of=2026-03-31&buckets=30,60,90 (also as a file)
#include <boost/json.hpp>

#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"
#include <charconv>

#include "modules/finance/open_items.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

void add_receivable_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  const Clock* clock = kit.clock;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.actor_of(request); };
  auto answer_report = [kit](Request& request, std::string_view kind, const Result<json::object>& report) {
    return kit.answer_report(request, kind, report);
  };

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

  router.get("/api/v1/finance/allocations", [=](Request& request) {
    auto listed = database->read([&](Connection& c) -> Result<json::object> {
      auto account = account_by_code(c, request.principal->company_id, query_text(request, "account"));
      if (!account) return account.error();
      return list_allocations(c, request.principal->company_id, *account, request.integer_query("partner_id"),
                              query_text(request, "cancelled") == "true");
    });
    if (!listed) return problem(listed.error(), request);
    return http::json_response(200, *listed);
  }, {.access = Access::permission("ledger", "read"),
      .openapi = openapi("Allocations of an account (and partner), newest first", "Ledger")});

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
}

}  // namespace verp::finance
