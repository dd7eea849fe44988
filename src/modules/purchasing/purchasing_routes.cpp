// HTTP for purchasing. The order header's list, form, history, export and approval are the
// entity's generic routes (/api/v1/purchase-orders, /api/v1/approvals); these are the steps:
//   POST /api/v1/purchase-orders {header…, "lines":[{"item_id"|"item","quantity","uom_id"?,"price","tax_rate"?}]}
//   GET|PUT /api/v1/purchase-orders/{id}/lines          PUT {"version","lines":[…]} (draft or rejected)
//   POST /api/v1/purchase-orders/{id}/cancel|close|amend {"reason"}
//   GET  /api/v1/purchase-orders/{id}/pdf               the order to send to the supplier
//   GET|POST /api/v1/purchase-orders/{id}/receipts      goods receipt with quality check
//   POST /api/v1/purchase-orders/{id}/returns           return to the supplier
//   POST /api/v1/purchase-orders/{id}/invoices          supplier invoice, three-way matched
//   POST /api/v1/supplier-payments                      a payment's voucher
//   GET|PUT /api/v1/purchasing/settings                 tolerances
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/purchasing/order_lines.hpp"
#include "modules/purchasing/purchasing_http.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/table_download.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

// The order as the steps answer it: its header and lines.
Result<json::object> order_json(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(
      "SELECT o.id, o.code, o.status, o.version, o.amount, o.tax, o.total, o.supplier_id, s.name, o.order_date, "
      "o.warehouse_id, w.name, o.revision FROM purchase_orders o JOIN suppliers s ON s.id = o.supplier_id "
      "JOIN warehouses w ON w.id = o.warehouse_id WHERE o.id = $1 AND o.company_id = $2",
      {id, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& r = **row;
  auto lines = order_lines_json(c, company, id);
  if (!lines) return lines.error();
  return json::object{{"id", r.int64(0).value_or(0)},
                      {"code", r.is_null(1) ? "" : r.text(1).value_or("")},
                      {"status", r.text(2).value_or("")},
                      {"version", r.int64(3).value_or(0)},
                      {"amount", r.decimal(4).value_or(Decimal()).to_string()},
                      {"tax", r.decimal(5).value_or(Decimal()).to_string()},
                      {"total", r.decimal(6).value_or(Decimal()).to_string()},
                      {"supplier_id", r.int64(7).value_or(0)},
                      {"supplier", r.text(8).value_or("")},
                      {"order_date", r.date(9) ? r.date(9)->to_string() : ""},
                      {"warehouse_id", r.int64(10).value_or(0)},
                      {"warehouse", r.text(11).value_or("")},
                      {"revision", r.int64(12).value_or(0)},
                      {"lines", std::move(*lines)}};
}

// The order within the caller's data scope for `action` (own, department, company): 404 outside.
Status in_scope(Connection& c, const PurchasingHttp& kit, const Request& request, std::int64_t id,
                std::string_view action) {
  auto record = kit.store->get_in(c, *kit.spec, *request.principal, id, action);
  if (!record) return record.error();
  return {};
}

exporting::Table order_table(const json::object& order) {
  exporting::Table table{.sheet_name = "采购订单 " + std::string(order.at("code").as_string()) + " · " +
                                       std::string(order.at("supplier").as_string()) + " · " +
                                       std::string(order.at("order_date").as_string()) + " · 价税合计 " +
                                       std::string(order.at("total").as_string()),
                         .headers = {"行号", "物料编码", "物料名称", "规格", "数量", "单位", "单价", "税率", "金额",
                                     "税额", "交货日期"}};
  for (const auto& value : order.at("lines").as_array()) {
    const json::object& line = value.as_object();
    auto text = [&](std::string_view key) {
      const json::value* member = line.if_contains(key);
      return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
    };
    table.rows.push_back({std::to_string(line.at("line_no").as_int64()), text("item_code"), text("item_name"),
                          text("specification"), text("quantity"), text("unit"), text("price"), text("tax_rate"),
                          text("amount"), text("tax"), text("expected_date")});
  }
  return table;
}

}  // namespace

void add_purchasing_routes(http::Router& router, const PurchasingHttp& kit) {
  storage::Database* database = kit.ledger.database;
  const Orders orders{*kit.store, *kit.spec};
  auto problem = [kit](const Error& error, const Request& request) { return kit.ledger.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.ledger.actor_of(request); };
  // Runs a step on an order in one transaction and answers the order as it then is.
  auto step = [=](Request& request, std::string_view action, int status,
                  const std::function<Status(Connection&, std::int64_t)>& body) {
    const auto id = request.id_param("id").value_or(0);
    auto done = database->write([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, kit, request, id, action); !visible) return visible.error();
      if (Status ran = body(c, id); !ran) return ran.error();
      return order_json(c, request.principal->company_id, id);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(status, *done);
  };

  router.post("/api/v1/purchase-orders", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = order_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto id = create_order(c, orders, actor_of(request), *input);
      if (!id) return id.error();
      return order_json(c, request.principal->company_id, *id);
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("purchase_order", "create"),
      .openapi = openapi("Enter a purchase order with its lines (draft, numbered PO-YYYYMM-NNNN)", "Purchase order")});

  router.get("/api/v1/purchase-orders/{id}/lines", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      auto order = order_json(c, request.principal->company_id, id);
      if (!order) return order.error();
      auto receipts = receipts_json(c, request.principal->company_id, id);
      if (!receipts) return receipts.error();
      (*order)["receipts"] = receipts->at("items");
      auto invoices = c.query(
          "SELECT f.id, f.number, f.invoice_date, f.total, f.state, f.voucher_id FROM finance_invoices f WHERE "
          "f.company_id = $2 AND f.id IN (SELECT s.invoice_id FROM supplier_invoice_lines s WHERE s.order_id = $1) "
          "ORDER BY f.id",
          {id, request.principal->company_id});
      if (!invoices) return invoices.error();
      json::array listed;
      for (const auto& row : *invoices) {
        json::object invoice{{"id", row.int64(0).value_or(0)},
                             {"number", row.text(1).value_or("")},
                             {"date", row.date(2) ? row.date(2)->to_string() : ""},
                             {"total", finance::format_amount(row.int64(3).value_or(0))},
                             {"state", row.text(4).value_or("")}};
        invoice["voucher_id"] = row.is_null(5) ? json::value() : json::value(row.int64(5).value_or(0));
        listed.push_back(std::move(invoice));
      }
      (*order)["invoices"] = std::move(listed);
      return order;
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("An order's lines with what was received, returned and invoiced, and its receipts", "Purchase order")});

  router.put("/api/v1/purchase-orders/{id}/lines", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = order_from_json(*body.raw_root(), true);
    if (!input) return problem(input.error(), request);
    return step(request, "update", 200,
                [&](Connection& c, std::int64_t id) { return replace_lines(c, orders, actor_of(request), id, *input); });
  }, {.access = Access::permission("purchase_order", "update"),
      .openapi = openapi("Replace the lines of a draft or rejected order", "Purchase order")});

  for (const auto& [verb, action] : {std::pair{"cancel", OrderAction::cancel}, std::pair{"close", OrderAction::close},
                                     std::pair{"amend", OrderAction::amend}}) {
    router.post(std::string("/api/v1/purchase-orders/{id}/") + verb, [=, action = action](Request& request) {
      http::JsonBody body(request);
      if (!body.ok()) return problem(body.error(), request);
      const json::object* object = body.raw_root()->if_object();
      const json::value* reason = object != nullptr ? object->if_contains("reason") : nullptr;
      const std::string text = reason != nullptr && reason->is_string() ? std::string(reason->as_string()) : "";
      return step(request, "update", 200, [&](Connection& c, std::int64_t id) {
        return act_on_order(c, orders, actor_of(request), id, action, text);
      });
    }, {.access = Access::permission("purchase_order", verb),
        .openapi = openapi(std::string(verb) == "cancel" ? "Cancel an order nothing was received for"
                           : std::string(verb) == "close" ? "Close an order: the rest is not expected"
                                                          : "Amend an approved order: back to draft for a new approval",
                           "Purchase order")});
  }

  router.get("/api/v1/purchase-orders/{id}/pdf", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto order = database->read([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      return order_json(c, request.principal->company_id, id);
    });
    if (!order) return problem(order.error(), request);
    auto file = http::table_download(order_table(*order), "pdf", std::string(order->at("code").as_string()));
    if (!file) return problem(file.error(), request);
    return std::move(*file);
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("The order as a PDF to send to the supplier", "Purchase order")});

  router.post("/api/v1/purchase-orders/{id}/receipts", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = receipt_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    return step(request, "read", 201, [&](Connection& c, std::int64_t id) -> Status {
      auto receipt = receive_goods(c, orders, actor_of(request), id, *input);
      if (!receipt) return receipt.error();
      return {};
    });
  }, {.access = Access::permission("goods_receipt", "create"),
      .openapi = openapi("Receive goods against the order, with the quality check per line", "Purchase order")});

  router.get("/api/v1/purchase-orders/{id}/receipts", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      if (Status visible = in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      return receipts_json(c, request.principal->company_id, id);
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("The order's receipts and returns", "Purchase order")});

  router.post("/api/v1/purchase-orders/{id}/returns", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = return_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    return step(request, "read", 201, [&](Connection& c, std::int64_t id) -> Status {
      auto returned = return_goods(c, orders, actor_of(request), id, *input);
      if (!returned) return returned.error();
      return {};
    });
  }, {.access = Access::permission("goods_receipt", "create"),
      .openapi = openapi("Return goods to the supplier", "Purchase order")});

  router.post("/api/v1/purchase-orders/{id}/invoices", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = supplier_invoice_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    std::int64_t invoice = 0;
    auto answer = step(request, "read", 201, [&](Connection& c, std::int64_t id) -> Status {
      auto made = invoice_order(c, orders, actor_of(request), id, *input);
      if (!made) return made.error();
      invoice = *made;
      return {};
    });
    if (invoice != 0) answer.headers.set("Location", "/api/v1/invoices/" + std::to_string(invoice));
    return answer;
  }, {.access = Access::permission("supplier_invoice", "create"),
      .openapi = openapi("Enter the supplier's invoice, matched against order and receipts", "Purchase order")});

  router.post("/api/v1/supplier-payments", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    read.only(*object, {"supplier_id", "date", "amount", "note"}, "");
    PaymentInput input{.supplier_id = read.id(*object, "supplier_id", "supplier_id", true).value_or(0),
                       .date = read.date(*object, "date", "date", true).value_or(storage::Date{}),
                       .amount = read.text(*object, "amount", "amount", true, 40),
                       .note = read.text(*object, "note", "note", false, 200)};
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) {
      return problem(refused.error(), request);
    }
    auto paid = database->write([&](Connection& c) { return pay_supplier(c, actor_of(request), input); });
    if (!paid) return problem(paid.error(), request);
    return http::json_response(201, finance::ref_json(*paid));
  }, {.access = Access::permission("payment", "create"),
      .openapi = openapi("Pay a supplier: the payment's voucher, for the cashier and accountant", "Purchase order")});

  router.get("/api/v1/purchasing/settings", [=](Request& request) {
    auto found = database->read([&](Connection& c) { return tolerances_of(c, request.principal->company_id); });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, json::object{{"over_receipt", found->over_receipt.to_string()},
                                                 {"invoice_quantity", found->invoice_quantity.to_string()},
                                                 {"invoice_price", found->invoice_price.to_string()}});
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("The company's receipt and three-way-match tolerances", "Purchase order")});

  router.put("/api/v1/purchasing/settings", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    read.only(*object, {"over_receipt", "invoice_quantity", "invoice_price"}, "");
    Tolerances tolerances;
    for (const auto& [key, target] : {std::pair{"over_receipt", &tolerances.over_receipt},
                                      std::pair{"invoice_quantity", &tolerances.invoice_quantity},
                                      std::pair{"invoice_price", &tolerances.invoice_price}}) {
      const std::string text = read.text(*object, key, key, true, 10);
      if (text.empty()) continue;
      if (auto parsed = Decimal::parse(text); parsed) *target = *parsed;
      else read.fail(key, "invalid", "purchasing.tolerance_invalid");
    }
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) {
      return problem(refused.error(), request);
    }
    auto saved = database->write([&](Connection& c) { return save_tolerances(c, actor_of(request), tolerances); });
    if (!saved) return problem(saved.error(), request);
    return http::json_response(200, json::object{{"over_receipt", tolerances.over_receipt.to_string()},
                                                 {"invoice_quantity", tolerances.invoice_quantity.to_string()},
                                                 {"invoice_price", tolerances.invoice_price.to_string()}});
  }, {.access = Access::permission("purchasing_settings", "update"),
      .openapi = openapi("Set the receipt and three-way-match tolerances (fractions)", "Purchase order")});
}

}  // namespace verp::purchasing
