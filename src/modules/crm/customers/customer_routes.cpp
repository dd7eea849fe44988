// HTTP for the customers area (handlers decode, call the area's queries, encode):
//   GET  /api/v1/customers/{id}/360?limit=&year=&section=&before=   the 360° view, or one more page
//   GET  /api/v1/customers/{id}/grade-history
//   GET  /api/v1/customers/{id}/recommendations?limit=
//   GET  /api/v1/quotations/{id}/recommendations?limit=
//   POST /api/v1/crm/grades/recompute
//   GET  /api/v1/crm/customers/high-value?limit=&sort=clv|rfm&format=
//   GET  /api/v1/crm/customers/churn-risk?limit=&format=
//   GET|PUT /api/v1/crm/customer-settings {"expected_lifetime_years"}
#include <boost/json.hpp>

#include "modules/crm/customers/customer_360.hpp"
#include "modules/crm/customers/customer_lists.hpp"
#include "modules/crm/customers/customers.hpp"
#include "modules/crm/customers/grading.hpp"
#include "modules/crm/customers/recommendations.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/report_tables.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "platform/base/log.hpp"
#include "platform/http/json_body.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

// ?limit= within [1, most], `otherwise` when absent; a bad one is a 400 naming it.
Result<std::size_t> limit_of(const Request& request, std::size_t otherwise, std::size_t most) {
  if (request.query_param("limit") == nullptr) return otherwise;
  const auto limit = request.integer_query("limit");
  if (!limit || *limit < 1 || static_cast<std::size_t>(*limit) > most) {
    return finance::field_error("limit", "invalid", "crm.limit_invalid", {{"max", std::to_string(most)}});
  }
  return static_cast<std::size_t>(*limit);
}

// The page a 360° request asks for: ?limit=, and ?before= (an id, or for the timeline a time).
Result<Page360> page_of(const Request& request, std::string_view section) {
  auto limit = limit_of(request, kSectionRows, kMaxSectionRows);
  if (!limit) return limit.error();
  Page360 page{.limit = *limit};
  const std::string* before = request.query_param("before");
  if (before == nullptr || before->empty()) return page;
  if (section == "timeline") {
    auto at = storage::Timestamp::parse(*before);
    if (!at) return finance::field_error("before", "invalid", "crm.before_invalid");
    page.before_at = *at;
    return page;
  }
  const auto id = request.integer_query("before");
  if (!id || *id < 1) return finance::field_error("before", "invalid", "crm.before_invalid");
  page.before = *id;
  return page;
}

// Company-wide changes (every customer's grade, the company's assumptions) need the update grant
// over the whole company: a salesperson's grant over their own customers does not reach them.
Status company_wide(const Request& request) {
  const auto reach = request.principal->scope_for("customer", "update");
  if (reach && *reach >= security::DataScope::company) return {};
  return make_error(ErrorKind::forbidden, "crm.company_wide_grant_required");
}

}  // namespace

void add_customer_routes(http::Router& router, const CrmKit& kit) {
  storage::Database* database = kit.http.database;
  const finance::LedgerHttp kit_http = kit.http;
  // The problem answer; a failure of ours (a query that failed) is logged with its detail, which
  // the answer never shows.
  struct Answers {
    finance::LedgerHttp http;
    http::Response problem(const Error& error, const Request& request) const {
      if (error.kind == ErrorKind::internal) {
        log::error("crm.customers_failed", {{"request_id", request.request_id}, {"route", request.route},
                                            {"message_id", error.message_id}, {"detail", error.detail}});
      }
      return http.problem(error, request);
    }
    http::Response answer_report(Request& request, std::string_view kind, const Result<json::object>& report) const {
      if (!report) return problem(report.error(), request);
      return http.answer_report(request, kind, report, finance::report_table, "crm.export");
    }
    finance::Actor actor_of(const Request& request) const { return http.actor_of(request); }
    const Clock* clock() const { return http.clock; }
  };
  const Answers ledger{kit_http};
  const entity::EntityStore* store = kit.store;
  const entity::EntitySpec* customer_spec = &kit.spec("customer");
  const entity::EntitySpec* quotation_spec = &kit.spec("quotation");
  const CrmKit* crm = &kit;
  auto today = [ledger] { return inventory::local_today(*ledger.clock()); };
  // The customer within the caller's data scope for reading: 404 outside it or another company's.
  auto visible = [store, customer_spec](Connection& c, const Request& request, std::int64_t id) -> Status {
    auto record = store->get_in(c, *customer_spec, *request.principal, id, "read");
    if (!record) return record.error();
    // A grant over all companies reaches other companies' records; these routes answer for the
    // company the caller is working in.
    if (record->company_id != request.principal->company_id) return make_error(ErrorKind::not_found, "error.not_found");
    return {};
  };
  auto reading = [](std::string_view summary) {
    return http::RouteOptions{.access = Access::permission("customer", "read"), .openapi = openapi(summary, "Customer")};
  };

  router.get("/api/v1/customers/{id}/360", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    const std::string* section = request.query_param("section");
    const std::string asked = section != nullptr ? *section : std::string();
    auto page = page_of(request, asked);
    if (!page) return ledger.problem(page.error(), request);
    const int year = static_cast<int>(request.integer_query("year").value_or(today().year));
    if (year < 2000 || year > 9999) {
      return ledger.problem(finance::field_error("year", "invalid", "crm.year_invalid"), request);
    }
    const Viewer viewer{*request.principal, request.locale};
    auto view = database->read([&](Connection& c) -> Result<json::object> {
      if (Status seen = visible(c, request, id); !seen) return seen.error();
      if (!asked.empty()) return customer_section(c, *crm, viewer, id, asked, *page);
      return customer_360(c, *crm, viewer, id, *page, year, today());
    });
    if (!view) return ledger.problem(view.error(), request);
    return http::json_response(200, *view);
  }, reading("The customer 360° view: profile, documents with totals, receivables, revenue by month, timeline "
             "(?section=&before= for one more page)"));

  router.get("/api/v1/customers/{id}/grade-history", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto history = database->read([&](Connection& c) -> Result<json::object> {
      if (Status seen = visible(c, request, id); !seen) return seen.error();
      return grade_history(c, request.principal->company_id, id);
    });
    if (!history) return ledger.problem(history.error(), request);
    return http::json_response(200, *history);
  }, reading("Every change of the customer's grade and lifecycle stage, by rule or by hand, newest first"));

  router.get("/api/v1/customers/{id}/recommendations", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto limit = limit_of(request, 5, 50);
    if (!limit) return ledger.problem(limit.error(), request);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      if (Status seen = visible(c, request, id); !seen) return seen.error();
      return customer_recommendations(c, request.principal->company_id, id, *limit, request.locale);
    });
    if (!found) return ledger.problem(found.error(), request);
    return http::json_response(200, *found);
  }, reading("Items the customer has not bought, ranked by co-purchase with what they bought"));

  router.get("/api/v1/quotations/{id}/recommendations", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto limit = limit_of(request, 5, 50);
    if (!limit) return ledger.problem(limit.error(), request);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      auto quotation = store->get_in(c, *quotation_spec, *request.principal, id, "read");
      if (!quotation) return quotation.error();
      if (quotation->company_id != request.principal->company_id) {
        return make_error(ErrorKind::not_found, "error.not_found");
      }
      return quotation_recommendations(c, request.principal->company_id, id, *limit, request.locale);
    });
    if (!found) return ledger.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("quotation", "read"),
      .openapi = openapi("Items often bought with the quotation's items, not already on it", "Quotation")});

  router.post("/api/v1/crm/grades/recompute", [=](Request& request) {
    if (Status allowed = company_wide(request); !allowed) return ledger.problem(allowed.error(), request);
    const auto begun = std::chrono::steady_clock::now();
    const storage::Timestamp now = storage::Timestamp::from_system(ledger.clock()->now());
    auto run = recompute_grades(*database, request.principal->company_id, today(), now, request.principal->user_id);
    if (!run) return ledger.problem(run.error(), request);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begun).count();
    json::object summary{{"customers", run->customers},
                         {"grade_changes", run->grade_changes},
                         {"stage_changes", run->stage_changes},
                         {"batches", run->batches},
                         {"seconds", seconds}};
    auto audited = database->write([&](Connection& c) -> Status {
      return finance::audit_ledger(c, ledger.actor_of(request), "crm.grades_recompute", "company",
                                   request.principal->company_id, summary);
    });
    if (!audited) return ledger.problem(audited.error(), request);
    return http::json_response(200, summary);
  }, {.access = Access::permission("customer", "update"),
      .openapi = openapi("Recompute every customer's scores, grade (by the grading rules) and lifecycle stage now",
                         "Customer")});

  router.get("/api/v1/crm/customers/high-value", [=](Request& request) {
    auto limit = limit_of(request, 50, 1000);
    if (!limit) return ledger.problem(limit.error(), request);
    const std::string* sort = request.query_param("sort");
    const std::string by = sort != nullptr && !sort->empty() ? *sort : std::string("clv");
    auto report = database->read([&](Connection& c) {
      return high_value_report(c, *request.principal, by, static_cast<std::int64_t>(*limit));
    });
    return ledger.answer_report(request, "high-value", report);
  }, reading("Top customers by lifetime value or RFM score (?format=csv|xlsx)"));

  router.get("/api/v1/crm/customers/churn-risk", [=](Request& request) {
    auto limit = limit_of(request, 100, 1000);
    if (!limit) return ledger.problem(limit.error(), request);
    auto report = database->read([&](Connection& c) {
      return churn_risk_report(c, *request.principal, static_cast<std::int64_t>(*limit));
    });
    return ledger.answer_report(request, "churn-risk", report);
  }, reading("Customers still buying whose churn risk is high, the most revenue at stake first (?format=csv|xlsx)"));

  router.get("/api/v1/crm/customer-settings", [=](Request& request) {
    auto years = database->read([&](Connection& c) { return lifetime_years(c, request.principal->company_id); });
    if (!years) return ledger.problem(years.error(), request);
    return http::json_response(200, json::object{{"expected_lifetime_years", *years}});
  }, reading("The expected customer lifetime (years) lifetime value is estimated with"));

  router.put("/api/v1/crm/customer-settings", [=](Request& request) {
    if (Status allowed = company_wide(request); !allowed) return ledger.problem(allowed.error(), request);
    http::JsonBody body(request);
    body.allow_only({"expected_lifetime_years"});
    const auto years = body.integer("expected_lifetime_years", true);
    if (years && (*years < 1 || *years > 50)) {
      body.add_error("expected_lifetime_years", "out_of_range", "crm.lifetime_years_invalid");
    }
    if (!body.ok()) return ledger.problem(body.error(), request);
    auto saved = database->write([&](Connection& c) -> Status {
      auto before = lifetime_years(c, request.principal->company_id);
      if (!before) return before.error();
      if (Status set = set_lifetime_years(c, request.principal->company_id, static_cast<int>(*years)); !set) return set;
      return finance::audit_ledger(c, ledger.actor_of(request), "crm.customer_settings", "company",
                                   request.principal->company_id,
                                   json::object{{"expected_lifetime_years", *years}, {"was", *before}});
    });
    if (!saved) return ledger.problem(saved.error(), request);
    return http::json_response(200, json::object{{"expected_lifetime_years", *years}});
  }, {.access = Access::permission("customer", "update"),
      .openapi = openapi("Set the expected customer lifetime (years, 1–50) for lifetime values", "Customer")});
}

}  // namespace verp::crm
