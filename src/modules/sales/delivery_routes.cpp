// HTTP for what happens after the order: delivery notes with their pick lists, shipping, sales
// invoices and collections.
//   POST /api/v1/deliveries {"date","carrier"?,"tracking_number"?,"ship_to"?,"lines":[{order_id,line_no,quantity,lot_number?,location_id?}]}
//   GET  /api/v1/deliveries?state=&customer_id=&order_id= · GET /api/v1/deliveries/{id}
//   GET  /api/v1/deliveries/{id}/pick-list?format=pdf|xlsx|csv
//   POST /api/v1/deliveries/{id}/ship {"date"?,"carrier"?,"tracking_number"?} · POST …/{id}/cancel
//   POST /api/v1/sales-invoices {"customer_id","number"?,"date","due_date"?,"delivery_ids"|"lines"}
//   GET  /api/v1/sales-invoices?customer_id=&order_id=
//   POST /api/v1/customer-receipts {"customer_id","date","amount","note"?}
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/sales/order_lines.hpp"
#include "modules/sales/sales_http.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/table_download.hpp"

namespace verp::sales {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Value;

namespace {

std::string text_of(const json::object& object, std::string_view key) {
  const json::value* member = object.if_contains(key);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
}

// The pick list: each line at the places to take it from — the lot and location the line names,
// else the item's stock in the warehouse first expiry first, until the quantity is covered.
Result<exporting::Table> pick_list(Connection& c, std::int64_t company, const json::object& delivery) {
  exporting::Table table{.sheet_name = "拣货单 " + text_of(delivery, "number") + " · " + text_of(delivery, "customer") +
                                       " · " + text_of(delivery, "warehouse"),
                         .headers = {"行", "订单", "物料编码", "物料名称", "规格", "数量", "单位", "库位", "批次",
                                     "有效期至", "拣货数量（库存单位）", "实拣"}};
  for (const auto& value : delivery.at("lines").as_array()) {
    const json::object& line = value.as_object();
    std::vector<std::string> base{std::to_string(line.at("seq").as_int64()), text_of(line, "order"),
                                  text_of(line, "item_code"), text_of(line, "item_name"), text_of(line, "specification"),
                                  text_of(line, "quantity"), text_of(line, "unit")};
    if (!text_of(line, "lot_number").empty() || !text_of(line, "location").empty()) {
      auto row = base;
      for (const char* key : {"location", "lot_number", "expires_on", "stock_quantity"}) row.push_back(text_of(line, key));
      row.emplace_back();
      table.rows.push_back(std::move(row));
      continue;
    }
    auto places = c.query(
        "SELECT loc.name, lo.lot_number, lo.expires_on, s.on_hand FROM stock_levels s LEFT JOIN locations loc "
        "ON loc.id = s.location_id LEFT JOIN lots lo ON lo.id = s.lot_id WHERE s.company_id = $1 AND s.item_id = $2 "
        "AND s.warehouse_id = $3 AND s.on_hand > 0 ORDER BY CASE WHEN lo.expires_on IS NULL THEN 1 ELSE 0 END, "
        "lo.expires_on, loc.name, s.lot_id",
        {company, line.at("item_id").as_int64(), delivery.at("warehouse_id").as_int64()});
    if (!places) return places.error();
    auto wanted = inventory::parse_quantity(text_of(line, "stock_quantity"));
    Qty left = wanted ? *wanted : 0;
    bool first = true;
    for (const auto& place : *places) {
      if (left <= 0) break;
      const Qty take = std::min(left, place.int64(3).value_or(0));
      auto row = first ? base : std::vector<std::string>(base.size());
      row.push_back(place.is_null(0) ? "" : place.text(0).value_or(""));
      row.push_back(place.is_null(1) ? "" : place.text(1).value_or(""));
      row.push_back(place.date(2) ? place.date(2)->to_string() : "");
      row.push_back(inventory::format_quantity(take));
      row.emplace_back();
      table.rows.push_back(std::move(row));
      left -= take;
      first = false;
    }
    if (first || left > 0) {
      auto row = first ? base : std::vector<std::string>(base.size());
      for (const char* text : {"", "", ""}) row.emplace_back(text);
      row.push_back("缺 " + inventory::format_quantity(left));
      row.emplace_back();
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace

void add_delivery_routes(http::Router& router, const SalesHttp& kit) {
  storage::Database* database = kit.ledger.database;
  const Orders orders{*kit.store, *kit.spec};
  auto problem = [kit](const Error& error, const Request& request) { return kit.ledger.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.ledger.actor_of(request); };
  // The orders a document names must be in the caller's data scope.
  auto orders_in_scope = [kit](Connection& c, const Request& request, const std::vector<std::int64_t>& ids) -> Status {
    for (std::int64_t id : ids) {
      if (id == 0) continue;
      if (Status visible = order_in_scope(c, kit, request, id, "read"); !visible) {
        if (visible.error().kind == ErrorKind::not_found) continue;  // named as an unknown order by the step
        return visible;
      }
    }
    return {};
  };

  router.post("/api/v1/deliveries", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = delivery_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      std::vector<std::int64_t> ids;
      for (const auto& line : input->lines) ids.push_back(line.order_id);
      if (Status visible = orders_in_scope(c, request, ids); !visible) return visible.error();
      auto id = create_delivery(c, orders, actor_of(request), *input);
      if (!id) return id.error();
      return delivery_json(c, request.principal->company_id, *id);
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("delivery", "create"),
      .openapi = openapi("A delivery note (DN-YYYYMM-NNNN) from one or more orders of a customer, to pick", "Delivery")});

  router.get("/api/v1/deliveries", [=](Request& request) {
    const std::int64_t company = request.principal->company_id;
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      std::string sql =
          "SELECT d.id, d.kind, d.number, d.state, d.document_date, d.shipped_on, cu.name, w.name, d.carrier, "
          "d.tracking_number, d.value, (SELECT COUNT(*) FROM sales_delivery_lines l WHERE l.delivery_id = d.id), "
          "(SELECT MIN(o.code) FROM sales_delivery_lines l JOIN sales_orders o ON o.id = l.order_id "
          "WHERE l.delivery_id = d.id), d.customer_id, EXISTS (SELECT 1 FROM sales_invoice_lines s JOIN finance_invoices f "
          "ON f.id = s.invoice_id WHERE s.delivery_id = d.id AND f.state <> 'cancelled' AND s.quantity > 0) "
          "FROM sales_deliveries d JOIN customers cu ON cu.id = d.customer_id "
          "JOIN warehouses w ON w.id = d.warehouse_id WHERE d.company_id = $1";
      std::vector<Value> params{company};
      if (const std::string state = query_text(request, "state"); !state.empty()) {
        params.push_back(state);
        sql += " AND d.state = $" + std::to_string(params.size());
      }
      if (const std::string kind = query_text(request, "kind"); !kind.empty()) {
        params.push_back(kind);
        sql += " AND d.kind = $" + std::to_string(params.size());
      }
      if (auto customer = id_query(request, "customer_id")) {
        params.push_back(*customer);
        sql += " AND d.customer_id = $" + std::to_string(params.size());
      }
      if (auto order = id_query(request, "order_id")) {
        params.push_back(*order);
        sql += " AND d.id IN (SELECT delivery_id FROM sales_delivery_lines WHERE order_id = $" +
               std::to_string(params.size()) + ")";
      }
      sql += " ORDER BY d.id DESC LIMIT 500";
      auto rows = c.query(sql, params);
      if (!rows) return rows.error();
      json::array items;
      for (const auto& row : *rows) {
        items.push_back(json::object{
            {"id", row.int64(0).value_or(0)},
            {"kind", row.text(1).value_or("")},
            {"number", row.text(2).value_or("")},
            {"state", row.text(3).value_or("")},
            {"date", row.date(4) ? row.date(4)->to_string() : ""},
            {"shipped_on", row.date(5) ? json::value(row.date(5)->to_string()) : json::value()},
            {"customer", row.text(6).value_or("")},
            {"customer_id", row.int64(13).value_or(0)},
            {"warehouse", row.text(7).value_or("")},
            {"carrier", row.is_null(8) ? json::value() : json::value(row.text(8).value_or(""))},
            {"tracking_number", row.is_null(9) ? json::value() : json::value(row.text(9).value_or(""))},
            {"value", finance::format_amount(row.int64(10).value_or(0))},
            {"lines", row.int64(11).value_or(0)},
            {"order", row.is_null(12) ? json::value() : json::value(row.text(12).value_or(""))},
            {"invoiced", row.boolean(14).value_or(false)}});
      }
      return json::object{{"items", std::move(items)}};
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("delivery", "read"),
      .openapi = openapi("Delivery notes and returns, newest first", "Delivery")});

  router.get("/api/v1/deliveries/{id}", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = database->read([&](Connection& c) { return delivery_json(c, request.principal->company_id, id); });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("delivery", "read"), .openapi = openapi("One delivery note with its lines", "Delivery")});

  router.get("/api/v1/deliveries/{id}/pick-list", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    const std::string format = query_text(request, "format").empty() ? "pdf" : query_text(request, "format");
    auto table = database->read([&](Connection& c) -> Result<std::pair<exporting::Table, std::string>> {
      auto delivery = delivery_json(c, request.principal->company_id, id);
      if (!delivery) return delivery.error();
      auto listed = pick_list(c, request.principal->company_id, *delivery);
      if (!listed) return listed.error();
      return std::pair{std::move(*listed), text_of(*delivery, "number")};
    });
    if (!table) return problem(table.error(), request);
    auto file = http::table_download(table->first, format, "pick-list-" + table->second);
    if (!file) return problem(file.error(), request);
    return std::move(*file);
  }, {.access = Access::permission("delivery", "read"),
      .openapi = openapi("The pick list: where to take each line from, first expiry first", "Delivery")});

  router.post("/api/v1/deliveries/{id}/ship", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    read.only(*object, {"date", "carrier", "tracking_number"}, "");
    ShipInput input{.date = read.date(*object, "date", "date"),
                    .carrier = read.text(*object, "carrier", "carrier", false, 100),
                    .tracking_number = read.text(*object, "tracking_number", "tracking_number", false, 100)};
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return problem(refused.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto done = database->write([&](Connection& c) -> Result<json::object> {
      if (Status shipped = ship_delivery(c, orders, actor_of(request), id, input); !shipped) return shipped.error();
      return delivery_json(c, request.principal->company_id, id);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(200, *done);
  }, {.access = Access::permission("delivery", "update"),
      .openapi = openapi("Ship: stock out against the reservations, cost of sales to the ledger", "Delivery")});

  router.post("/api/v1/deliveries/{id}/cancel", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto done = database->write([&](Connection& c) -> Result<json::object> {
      if (Status cancelled = cancel_delivery(c, orders, actor_of(request), id); !cancelled) return cancelled.error();
      return delivery_json(c, request.principal->company_id, id);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(200, *done);
  }, {.access = Access::permission("delivery", "update"), .openapi = openapi("Cancel a delivery still being picked", "Delivery")});

  router.post("/api/v1/sales-invoices", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = sales_invoice_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto made = database->write([&](Connection& c) -> Result<std::int64_t> {
      std::vector<std::int64_t> ids;
      for (const auto& line : input->lines) ids.push_back(line.order_id);
      if (Status visible = orders_in_scope(c, request, ids); !visible) return visible.error();
      return invoice_sales(c, orders, actor_of(request), *input);
    });
    if (!made) return problem(made.error(), request);
    auto answer = http::json_response(201, json::object{{"id", *made}});
    answer.headers.set("Location", "/api/v1/invoices/" + std::to_string(*made));
    return answer;
  }, {.access = Access::permission("customer_invoice", "create"),
      .openapi = openapi("Invoice shipped (or ordered) lines: the receivable invoice and its voucher", "Sales invoice")});

  router.get("/api/v1/sales-invoices", [=](Request& request) {
    const std::int64_t company = request.principal->company_id;
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      std::string sql =
          "SELECT f.id, f.number, f.invoice_date, f.due_date, f.amount, f.tax, f.total, f.state, f.voucher_id, cu.name, "
          "f.partner_id, (SELECT v.state FROM vouchers v WHERE v.id = f.voucher_id), "
          "(SELECT SUM(CASE WHEN o.side = 'debit' THEN o.amount - o.allocated ELSE o.allocated - o.amount END) "
          "FROM open_items o JOIN accounts a ON a.id = o.account_id WHERE o.voucher_id = f.voucher_id AND o.partner_type = 'customer' AND a.code LIKE '1122%'), "
          "(SELECT MIN(so.code) FROM sales_invoice_lines s JOIN sales_orders so ON so.id = s.order_id "
          "WHERE s.invoice_id = f.id) FROM finance_invoices f JOIN customers cu ON cu.id = f.partner_id "
          "WHERE f.company_id = $1 AND f.kind = 'receivable' AND f.id IN (SELECT invoice_id FROM sales_invoice_lines)";
      std::vector<Value> params{company};
      if (auto customer = id_query(request, "customer_id")) {
        params.push_back(*customer);
        sql += " AND f.partner_id = $" + std::to_string(params.size());
      }
      if (auto order = id_query(request, "order_id")) {
        params.push_back(*order);
        sql += " AND f.id IN (SELECT invoice_id FROM sales_invoice_lines WHERE order_id = $" +
               std::to_string(params.size()) + ")";
      }
      sql += " ORDER BY f.id DESC LIMIT 500";
      auto rows = c.query(sql, params);
      if (!rows) return rows.error();
      json::array items;
      for (const auto& row : *rows) {
        const bool posted = row.text(11).value_or("") == "posted";
        items.push_back(json::object{
            {"id", row.int64(0).value_or(0)},
            {"number", row.text(1).value_or("")},
            {"date", row.date(2) ? row.date(2)->to_string() : ""},
            {"due_date", row.date(3) ? json::value(row.date(3)->to_string()) : json::value()},
            {"amount", finance::format_amount(row.int64(4).value_or(0))},
            {"tax", finance::format_amount(row.int64(5).value_or(0))},
            {"total", finance::format_amount(row.int64(6).value_or(0))},
            {"state", row.text(7).value_or("")},
            {"voucher_id", row.is_null(8) ? json::value() : json::value(row.int64(8).value_or(0))},
            {"customer", row.text(9).value_or("")},
            {"customer_id", row.int64(10).value_or(0)},
            {"voucher_posted", posted},
            {"open", finance::format_amount(posted ? row.int64(12).value_or(0) : row.int64(6).value_or(0))},
            {"order", row.is_null(13) ? json::value() : json::value(row.text(13).value_or(""))}});
      }
      return json::object{{"items", std::move(items)}};
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("customer_invoice", "read"),
      .openapi = openapi("Sales invoices and credit notes with what is still open on each", "Sales invoice")});

  router.post("/api/v1/customer-receipts", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    read.only(*object, {"customer_id", "date", "amount", "note"}, "");
    ReceiptInput input{.customer_id = read.id(*object, "customer_id", "customer_id", true).value_or(0),
                       .date = read.date(*object, "date", "date", true).value_or(storage::Date{}),
                       .amount = read.text(*object, "amount", "amount", true, 40),
                       .note = read.text(*object, "note", "note", false, 200)};
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return problem(refused.error(), request);
    auto received = database->write([&](Connection& c) { return receive_payment(c, actor_of(request), input); });
    if (!received) return problem(received.error(), request);
    return http::json_response(201, finance::ref_json(*received));
  }, {.access = Access::permission("receipt", "create"),
      .openapi = openapi("Money received from a customer: the receipt's voucher, to allocate once posted", "Sales invoice")});
}

}  // namespace verp::sales
