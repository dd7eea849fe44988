// HTTP for quotations and the quotation as people read it. The header's list, form, history and
// export are the entity's generic routes (/api/v1/quotations); these are the steps:
//   POST /api/v1/quotations {header…, "lines":[{"item_id"|"item","quantity","uom_id"?,"price"?,"discount"?,"tax_rate"?}]}
//   GET  /api/v1/quotations/{id}/lines?revision=        a revision's lines (default the current) and every revision's totals
//   PUT  /api/v1/quotations/{id}/lines {"version","lines"}  a draft's current revision
//   POST /api/v1/quotations/{id}/send|accept|reject|revise {"reason"?}
//   POST /api/v1/quotations/{id}/to-order {"order_date","warehouse_id"?,"customer_po"?}  → the draft sales order
#include <boost/json.hpp>
#include <charconv>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/sales/order_lines.hpp"
#include "modules/sales/quotations.hpp"
#include "platform/http/json_body.hpp"

namespace verp::sales {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Row;

Result<json::object> quotation_json(Connection& c, std::int64_t company, std::int64_t id,
                                    std::optional<std::int64_t> revision) {
  auto row = c.query_row(
      "SELECT q.id, q.code, q.status, q.version, q.revision, q.amount, q.tax, q.total, q.customer_id, cu.name, "
      "q.quote_date, q.valid_until, q.warehouse_id, w.name, q.salesperson_id, e.name, q.sales_order_id, so.code, q.notes "
      "FROM quotations q JOIN customers cu ON cu.id = q.customer_id LEFT JOIN warehouses w ON w.id = q.warehouse_id "
      "LEFT JOIN employees e ON e.id = q.salesperson_id LEFT JOIN sales_orders so ON so.id = q.sales_order_id "
      "WHERE q.id = $1 AND q.company_id = $2 AND q.archived_at IS NULL",
      {id, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const Row& r = **row;
  auto text_or_null = [&](std::size_t i) { return r.is_null(i) ? json::value() : json::value(r.text(i).value_or("")); };
  auto id_or_null = [&](std::size_t i) { return r.is_null(i) ? json::value() : json::value(r.int64(i).value_or(0)); };
  auto money_of = [&](std::size_t i) { return r.decimal(i).value_or(Decimal()).rescale(2).value_or(Decimal()).to_string(); };
  const std::int64_t current = r.int64(4).value_or(0);
  const std::int64_t shown = revision.value_or(current);
  json::object quotation{{"id", r.int64(0).value_or(0)},
                         {"code", text_or_null(1)},
                         {"status", r.text(2).value_or("")},
                         {"version", r.int64(3).value_or(0)},
                         {"revision", current},
                         {"amount", money_of(5)},
                         {"tax", money_of(6)},
                         {"total", money_of(7)},
                         {"customer_id", r.int64(8).value_or(0)},
                         {"customer", r.text(9).value_or("")},
                         {"quote_date", r.date(10).value_or(storage::Date{}).to_string()},
                         {"valid_until", r.date(11).value_or(storage::Date{}).to_string()},
                         {"warehouse_id", id_or_null(12)},
                         {"warehouse", text_or_null(13)},
                         {"salesperson_id", id_or_null(14)},
                         {"salesperson", text_or_null(15)},
                         {"sales_order_id", id_or_null(16)},
                         {"sales_order", text_or_null(17)},
                         {"notes", text_or_null(18)},
                         {"lines_revision", shown}};
  // Every revision with its totals, so that versions can be compared before reading their lines.
  auto revisions = c.query(
      "SELECT revision, SUM(amount), SUM(tax) FROM quotation_lines WHERE quotation_id = $1 GROUP BY revision "
      "ORDER BY revision",
      {id});
  if (!revisions) return revisions.error();
  json::array kept;
  bool found = false;
  for (const auto& each : *revisions) {
    const Cents amount = each.int64(1).value_or(0), tax = each.int64(2).value_or(0);
    found = found || each.int64(0).value_or(-1) == shown;
    kept.push_back(json::object{{"revision", each.int64(0).value_or(0)},
                                {"amount", finance::format_amount(amount)},
                                {"tax", finance::format_amount(tax)},
                                {"total", finance::format_amount(amount + tax)}});
  }
  if (!found) return finance::field_error("revision", "unknown", "sales.quotation_revision_unknown");
  quotation["revisions"] = std::move(kept);
  auto lines = c.query("SELECT " + std::string(kPricedLineColumns) +
                           " FROM quotation_lines l JOIN items i ON i.id = l.item_id LEFT JOIN units_of_measure u ON "
                           "u.id = l.uom_id WHERE l.quotation_id = $1 AND l.revision = $2 ORDER BY l.line_no",
                       {id, shown});
  if (!lines) return lines.error();
  json::array items;
  for (const auto& line : *lines) items.push_back(priced_line_json(line));
  quotation["lines"] = std::move(items);
  return quotation;
}

namespace {

// ?revision= as a number, or the problem naming it.
Result<std::optional<std::int64_t>> revision_query(const Request& request) {
  const std::string text = finance::query_text(request, "revision");
  if (text.empty()) return std::optional<std::int64_t>();
  std::int64_t value = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (problem != std::errc() || end != text.data() + text.size() || value < 0) {
    return finance::field_error("revision", "invalid", "sales.quotation_revision_unknown");
  }
  return std::optional(value);
}

}  // namespace

void add_quotation_routes(http::Router& router, const SalesHttp& kit, const entity::EntitySpec& quotation_spec) {
  storage::Database* database = kit.ledger.database;
  const entity::EntityStore* store = kit.store;
  const entity::EntitySpec* spec = &quotation_spec;
  const Orders quotations{*kit.store, quotation_spec};
  const Orders orders{*kit.store, *kit.spec};
  auto problem = [kit](const Error& error, const Request& request) { return kit.ledger.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.ledger.actor_of(request); };
  auto today = [kit] { return inventory::local_today(*kit.ledger.clock); };
  // The quotation within the caller's data scope for `action`: 404 outside it, as for orders.
  auto in_scope = [store, spec](Connection& c, const Request& request, std::int64_t id, std::string_view action) -> Status {
    auto record = store->get_in(c, *spec, *request.principal, id, action);
    if (!record) return record.error();
    return {};
  };
  // Runs a step in one transaction and answers the quotation as it then is.
  auto step = [=](Request& request, const std::function<Status(Connection&, std::int64_t)>& body) {
    const auto id = request.id_param("id").value_or(0);
    auto done = database->write([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, request, id, "update"); !visible) return visible.error();
      if (Status ran = body(c, id); !ran) return ran.error();
      return quotation_json(c, request.principal->company_id, id, std::nullopt);
    });
    if (!done) {
      // An offer found past its date is marked expired, in its own transaction: the refused
      // step itself wrote nothing.
      if (done.error().message_id == "sales.quotation_expired") {
        (void)database->write([&](Connection& c) { return expire_if_lapsed(c, quotations, actor_of(request), id, today()); });
      }
      return problem(done.error(), request);
    }
    return http::json_response(200, *done);
  };

  router.post("/api/v1/quotations", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = order_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto id = create_quotation(c, quotations, actor_of(request), *input);
      if (!id) return id.error();
      return quotation_json(c, request.principal->company_id, *id, std::nullopt);
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("quotation", "create"),
      .openapi = openapi("Enter a quotation with its lines (draft, numbered QT-YYYYMM-NNNN, priced from the price lists)",
                         "Quotation")});

  router.get("/api/v1/quotations/{id}/lines", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto revision = revision_query(request);
    if (!revision) return problem(revision.error(), request);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, request, id, "read"); !visible) return visible.error();
      return quotation_json(c, request.principal->company_id, id, *revision);
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("quotation", "read"),
      .openapi = openapi("The quotation with the lines of a revision (?revision=, default the current) and every "
                         "revision's totals",
                         "Quotation")});

  router.put("/api/v1/quotations/{id}/lines", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = order_from_json(*body.raw_root(), true);
    if (!input) return problem(input.error(), request);
    return step(request, [&](Connection& c, std::int64_t id) {
      return replace_quotation_lines(c, quotations, actor_of(request), id, *input);
    });
  }, {.access = Access::permission("quotation", "update"),
      .openapi = openapi("Replace the lines of a draft quotation's current revision", "Quotation")});

  for (const auto& [verb, action, summary] :
       {std::tuple{"send", QuotationAction::send, "Send a draft quotation to the customer (while it is valid)"},
        std::tuple{"accept", QuotationAction::accept, "The customer accepts a sent quotation (while it is valid)"},
        std::tuple{"reject", QuotationAction::reject, "The customer declines the quotation"},
        std::tuple{"revise", QuotationAction::revise, "Start the next revision as a draft, keeping this one's lines"}}) {
    router.post(std::string("/api/v1/quotations/{id}/") + verb, [=, action = action](Request& request) {
      http::JsonBody body(request);
      body.allow_only({"reason"});
      const std::string reason = body.optional_text("reason", {.max_length = 500}).value_or("");
      if (!body.ok()) return problem(body.error(), request);
      return step(request, [&](Connection& c, std::int64_t id) {
        return act_on_quotation(c, quotations, actor_of(request), id, action, reason, today());
      });
    }, {.access = Access::permission("quotation", verb), .openapi = openapi(summary, "Quotation")});
  }

  router.post("/api/v1/quotations/{id}/to-order", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = to_order_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, request, id, "update"); !visible) return visible.error();
      auto order = quotation_to_order(c, quotations, orders, actor_of(request), id, *input, today());
      if (!order) return order.error();
      return order_json(c, request.principal->company_id, *order);
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("sales_order", "create"),
      .openapi = openapi("Make a draft sales order from an accepted quotation at the quoted prices", "Sales order")});
}

}  // namespace verp::sales
