// HTTP for invoices of receivables and payables (应收单 / 应付单):
//   GET  /api/v1/invoices?kind=receivable|payable&state=
//   POST /api/v1/invoices {"kind","partner_id","number","date","due_date"?,
//                          "lines":[{"description","account"?,"amount","tax_rate","item_id"?,…}]}
//   GET  /api/v1/invoices/{id}; POST /api/v1/invoices/{id}/post | cancel
// Receivable invoices need the customer_invoice grant, payable ones supplier_invoice.
#include <boost/json.hpp>

#include "modules/finance/invoices.hpp"
#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

std::string_view resource_of(std::string_view kind) {
  return kind == "receivable" ? "customer_invoice" : "supplier_invoice";
}

}  // namespace

void add_invoice_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.actor_of(request); };
  auto forbidden = [] { return make_error(ErrorKind::forbidden, "error.forbidden"); };
  // The invoice's kind, for the grant check of actions on an existing invoice.
  auto kind_of = [](Connection& c, std::int64_t company, std::int64_t id) -> Result<std::string> {
    auto row = c.query_row("SELECT kind FROM finance_invoices WHERE id = $1 AND company_id = $2", {id, company});
    if (!row) return row.error();
    if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
    return (*row)->text(0).value_or("");
  };

  router.get("/api/v1/invoices", [=](Request& request) {
    const std::string kind = query_text(request, "kind");
    if (!kind.empty() && kind != "receivable" && kind != "payable") {
      return problem(field_error("kind", "invalid", "finance.invoice_kind"), request);
    }
    const bool receivables = request.principal->may("customer_invoice", "read");
    const bool payables = request.principal->may("supplier_invoice", "read");
    if ((kind == "receivable" && !receivables) || (kind == "payable" && !payables) || (!receivables && !payables)) {
      return problem(forbidden(), request);
    }
    const std::string shown = !kind.empty() ? kind : receivables && !payables ? "receivable" : !receivables ? "payable" : "";
    auto listed = database->read([&](Connection& c) {
      return list_invoices(c, request.principal->company_id, shown, query_text(request, "state"));
    });
    if (!listed) return problem(listed.error(), request);
    return http::json_response(200, *listed);
  }, {.access = Access::signed_in(), .openapi = openapi("Invoices of receivables and payables", "Invoice")});

  router.post("/api/v1/invoices", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = invoice_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    if (!request.principal->may(resource_of(input->kind), "create")) return problem(forbidden(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto id = create_invoice(c, actor_of(request), *input);
      if (!id) return id.error();
      auto shown = invoice_json(c, request.principal->company_id, *id);
      if (!shown) return shown.error();
      return **shown;
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::signed_in(), .openapi = openapi("Enter an invoice with its VAT lines (draft)", "Invoice")});

  router.get("/api/v1/invoices/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      auto kind = kind_of(c, request.principal->company_id, id.value_or(0));
      if (!kind) return kind.error();
      if (!request.principal->may(resource_of(*kind), "read")) return forbidden();
      auto shown = invoice_json(c, request.principal->company_id, id.value_or(0));
      if (!shown) return shown.error();
      return **shown;
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::signed_in(), .openapi = openapi("One invoice with its lines", "Invoice")});

  router.post("/api/v1/invoices/{id}/post", [=](Request& request) {
    const auto id = request.id_param("id");
    auto posted = database->write([&](Connection& c) -> Result<VoucherRef> {
      auto kind = kind_of(c, request.principal->company_id, id.value_or(0));
      if (!kind) return kind.error();
      if (!request.principal->may(resource_of(*kind), "post")) return forbidden();
      return post_invoice(c, actor_of(request), id.value_or(0));
    });
    if (!posted) return problem(posted.error(), request);
    return http::json_response(200, ref_json(*posted));
  }, {.access = Access::signed_in(), .openapi = openapi("Post an invoice: its voucher is written (a draft for review)", "Invoice")});

  router.post("/api/v1/invoices/{id}/cancel", [=](Request& request) {
    const auto id = request.id_param("id");
    auto cancelled = database->write([&](Connection& c) -> Status {
      auto kind = kind_of(c, request.principal->company_id, id.value_or(0));
      if (!kind) return kind.error();
      if (!request.principal->may(resource_of(*kind), "update")) return forbidden();
      return cancel_invoice(c, actor_of(request), id.value_or(0));
    });
    if (!cancelled) return problem(cancelled.error(), request);
    return http::Response::no_content();
  }, {.access = Access::signed_in(), .openapi = openapi("Cancel a draft invoice", "Invoice")});
}

}  // namespace verp::finance
