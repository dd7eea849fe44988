// HTTP for sales orders and the questions asked while entering one. The order header's list,
// form, history, export and approval are the entity's generic routes (/api/v1/sales-orders,
// /api/v1/approvals); these are the steps:
//   POST /api/v1/sales-orders {header…, "lines":[{"item_id"|"item","quantity","uom_id"?,"price"?,"discount"?,"tax_rate"?}]}
//   GET|PUT /api/v1/sales-orders/{id}/lines             PUT {"version","lines":[…]} (draft or rejected)
//   GET  /api/v1/sales-orders/{id}/timeline
//   POST /api/v1/sales-orders/{id}/hold|release|cancel|amend {"reason"}
//   POST /api/v1/sales-orders/{id}/reserve              reserve what is still short
//   POST /api/v1/sales-orders/{id}/requisitions         purchase requisitions for the shortfall
//   POST /api/v1/sales-orders/{id}/returns              goods back, credit note, refund
//   GET  /api/v1/sales-orders/{id}/pdf                  the order confirmation
//   GET  /api/v1/sales/price · /api/v1/sales/availability · /api/v1/sales/credit
//   GET|PUT /api/v1/sales/settings
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_queries.hpp"
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

Status order_in_scope(Connection& c, const SalesHttp& kit, const Request& request, std::int64_t id,
                      std::string_view action) {
  auto record = kit.store->get_in(c, *kit.spec, *request.principal, id, action);
  if (!record) return record.error();
  return {};
}

// A positive id in the query string, or none (absent or not a number).
std::optional<std::int64_t> id_query(const Request& request, std::string_view name) {
  const std::string text = query_text(request, name);
  if (text.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used != text.size() || value <= 0) return std::nullopt;
    return value;
  } catch (...) {
    return std::nullopt;
  }
}

namespace {

exporting::Table order_table(const json::object& order) {
  auto text_of = [](const json::object& object, std::string_view key) {
    const json::value* member = object.if_contains(key);
    return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
  };
  exporting::Table table{.sheet_name = "销售订单 " + text_of(order, "code") + " · " + text_of(order, "customer") + " · " +
                                       text_of(order, "order_date") + " · 价税合计 " + text_of(order, "total"),
                         .headers = {"行号", "物料编码", "物料名称", "规格", "数量", "单位", "单价", "折扣", "税率",
                                     "金额", "税额", "交货日期"}};
  for (const auto& value : order.at("lines").as_array()) {
    const json::object& line = value.as_object();
    table.rows.push_back({std::to_string(line.at("line_no").as_int64()), text_of(line, "item_code"),
                          text_of(line, "item_name"), text_of(line, "specification"), text_of(line, "quantity"),
                          text_of(line, "unit"), text_of(line, "price"), text_of(line, "discount"),
                          text_of(line, "tax_rate"), text_of(line, "amount"), text_of(line, "tax"),
                          text_of(line, "delivery_date")});
  }
  return table;
}

std::string reason_of(const json::value& body) {
  const json::object* object = body.if_object();
  const json::value* reason = object != nullptr ? object->if_contains("reason") : nullptr;
  return reason != nullptr && reason->is_string() ? std::string(reason->as_string()) : "";
}

}  // namespace

void add_sales_routes(http::Router& router, const SalesHttp& kit) {
  storage::Database* database = kit.ledger.database;
  const Orders orders{*kit.store, *kit.spec};
  auto problem = [kit](const Error& error, const Request& request) { return kit.ledger.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.ledger.actor_of(request); };
  // Runs a step on an order in one transaction and answers the order as it then is.
  auto step = [=](Request& request, std::string_view action, int status,
                  const std::function<Status(Connection&, std::int64_t)>& body) {
    const auto id = request.id_param("id").value_or(0);
    auto done = database->write([&](Connection& c) -> Result<json::object> {
      if (Status visible = order_in_scope(c, kit, request, id, action); !visible) return visible.error();
      if (Status ran = body(c, id); !ran) return ran.error();
      return order_json(c, request.principal->company_id, id);
    });
    if (!done) return problem(done.error(), request);
    return http::json_response(status, *done);
  };

  router.post("/api/v1/sales-orders", [=](Request& request) {
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
  }, {.access = Access::permission("sales_order", "create"),
      .openapi = openapi("Enter a sales order with its lines (draft, numbered SO-YYYYMM-NNNN, priced from the price lists)",
                         "Sales order")});

  router.get("/api/v1/sales-orders/{id}/lines", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      if (Status visible = order_in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      return order_json(c, request.principal->company_id, id);
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("sales_order", "read"),
      .openapi = openapi("The order with each line's reserved, shipped, invoiced and cancelled quantities, its deliveries "
                         "and invoices",
                         "Sales order")});

  router.put("/api/v1/sales-orders/{id}/lines", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = order_from_json(*body.raw_root(), true);
    if (!input) return problem(input.error(), request);
    return step(request, "update", 200,
                [&](Connection& c, std::int64_t id) { return replace_lines(c, orders, actor_of(request), id, *input); });
  }, {.access = Access::permission("sales_order", "update"),
      .openapi = openapi("Replace the lines of a draft or rejected order", "Sales order")});

  router.get("/api/v1/sales-orders/{id}/timeline", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto found = database->read([&](Connection& c) -> Result<json::array> {
      if (Status visible = order_in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      return order_timeline(c, request.principal->company_id, id);
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, json::object{{"items", std::move(*found)}});
  }, {.access = Access::permission("sales_order", "read"),
      .openapi = openapi("Who did what to the order and when", "Sales order")});

  for (const auto& [verb, action, grant] :
       {std::tuple{"hold", OrderAction::hold, "hold"}, std::tuple{"release", OrderAction::release, "hold"},
        std::tuple{"cancel", OrderAction::cancel, "cancel"}, std::tuple{"amend", OrderAction::amend, "amend"}}) {
    router.post(std::string("/api/v1/sales-orders/{id}/") + verb, [=, action = action](Request& request) {
      http::JsonBody body(request);
      if (!body.ok()) return problem(body.error(), request);
      const std::string reason = reason_of(*body.raw_root());
      return step(request, "update", 200, [&](Connection& c, std::int64_t id) {
        return act_on_order(c, orders, actor_of(request), id, action, reason);
      });
    }, {.access = Access::permission("sales_order", grant),
        .openapi = openapi(std::string(verb) == "hold"      ? "Put an order on hold: nothing ships"
                           : std::string(verb) == "release" ? "Release a held order"
                           : std::string(verb) == "cancel"  ? "Cancel an order, or what is not shipped of it"
                                                            : "Amend a confirmed order nothing was shipped of",
                           "Sales order")});
  }

  router.post("/api/v1/sales-orders/{id}/reserve", [=](Request& request) {
    return step(request, "update", 200, [&](Connection& c, std::int64_t id) -> Status {
      auto state = order_state(c, request.principal->company_id, id);
      if (!state) return state.error();
      if (state->status != "ordered" && state->status != "preparing" && state->status != "partly_shipped") {
        return make_error(ErrorKind::invalid_transition, "sales.order_not_open");
      }
      auto shortfall = reserve_order(c, actor_of(request), id);
      if (!shortfall) return shortfall.error();
      return {};
    });
  }, {.access = Access::permission("sales_order", "update"),
      .openapi = openapi("Reserve what the order still lacks, as far as stock allows", "Sales order")});

  router.post("/api/v1/sales-orders/{id}/requisitions", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto made = database->write([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      if (Status visible = order_in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      return requisitions_for_shortfall(c, actor_of(request), *kit.requisition_spec, *kit.store, id);
    });
    if (!made) return problem(made.error(), request);
    json::array ids;
    for (auto made_id : *made) ids.push_back(made_id);
    return http::json_response(201, json::object{{"created", made->size()}, {"requisition_ids", std::move(ids)}});
  }, {.access = Access::permission("purchase_requisition", "create"),
      .openapi = openapi("Purchase requisitions (source sales) for the lines short of stock", "Sales order")});

  router.post("/api/v1/sales-orders/{id}/returns", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = return_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    return step(request, "read", 201, [&](Connection& c, std::int64_t id) -> Status {
      auto returned = return_goods(c, orders, actor_of(request), id, *input);
      if (!returned) return returned.error();
      return {};
    });
  }, {.access = Access::permission("sales_return", "create"),
      .openapi = openapi("Goods back from the customer: into stock or quarantine, a credit note, a refund", "Sales order")});

  router.get("/api/v1/sales-orders/{id}/pdf", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    auto order = database->read([&](Connection& c) -> Result<json::object> {
      if (Status visible = order_in_scope(c, kit, request, id, "read"); !visible) return visible.error();
      return order_json(c, request.principal->company_id, id);
    });
    if (!order) return problem(order.error(), request);
    auto file = http::table_download(order_table(*order), "pdf", std::string(order->at("code").as_string()));
    if (!file) return problem(file.error(), request);
    return std::move(*file);
  }, {.access = Access::permission("sales_order", "read"),
      .openapi = openapi("The order confirmation as a PDF for the customer", "Sales order")});

  router.get("/api/v1/sales/price", [=](Request& request) {
    std::vector<FieldError> problems;
    const auto customer = id_query(request, "customer_id");
    const auto item = id_query(request, "item_id");
    if (!customer) problems.push_back({"customer_id", "required", "field.required", {}});
    if (!item) problems.push_back({"item_id", "required", "field.required", {}});
    PriceQuery query{.customer_id = customer.value_or(0), .item_id = item.value_or(0), .uom_id = id_query(request, "uom_id"),
                     .date = inventory::local_today(*kit.ledger.clock)};
    if (const std::string quantity = query_text(request, "quantity"); !quantity.empty()) {
      auto parsed = Decimal::parse(quantity);
      if (!parsed || parsed->is_negative()) problems.push_back({"quantity", "invalid", "inventory.quantity_not_positive", {}});
      else query.quantity = *parsed;
    }
    if (const std::string date = query_text(request, "date"); !date.empty()) {
      auto parsed = storage::Date::parse(date);
      if (!parsed) problems.push_back({"date", "invalid", "finance.date_invalid", {}});
      else query.date = *parsed;
    }
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return problem(refused.error(), request);
    auto price = database->read([&](Connection& c) { return price_for(c, request.principal->company_id, query); });
    if (!price) return problem(price.error(), request);
    return http::json_response(200, json::object{{"price", price->price.to_string()},
                                                 {"discount", price->discount.to_string()},
                                                 {"list_price", price->list_price.to_string()},
                                                 {"price_list_id", price->price_list_id ? json::value(*price->price_list_id)
                                                                                        : json::value()},
                                                 {"source", price->source}});
  }, {.access = Access::permission("sales_order", "read"),
      .openapi = openapi("The price and discount a customer gets for an item and quantity on a day", "Sales order")});

  router.get("/api/v1/sales/availability", [=](Request& request) {
    const auto item = id_query(request, "item_id");
    const auto warehouse = id_query(request, "warehouse_id");
    std::vector<FieldError> problems;
    if (!item) problems.push_back({"item_id", "required", "field.required", {}});
    if (!warehouse) problems.push_back({"warehouse_id", "required", "field.required", {}});
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return problem(refused.error(), request);
    const std::int64_t company = request.principal->company_id;
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      auto known = c.query_row("SELECT 1 FROM items WHERE id = $1 AND company_id = $2", {*item, company});
      if (!known) return known.error();
      if (!*known) return make_error(ErrorKind::not_found, "inventory.item_unknown");
      auto position = c.query_row(
          "SELECT on_hand, reserved FROM stock_positions WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3",
          {company, *item, *warehouse});
      if (!position) return position.error();
      const Qty on_hand = *position ? (*position)->int64(0).value_or(0) : 0;
      const Qty reserved = *position ? (*position)->int64(1).value_or(0) : 0;
      auto incoming = c.query_row(
          "SELECT COALESCE(SUM(l.quantity - l.received + l.returned), 0), MIN(COALESCE(l.expected_date, o.expected_date)) "
          "FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id WHERE o.company_id = $1 "
          "AND l.item_id = $2 AND o.warehouse_id = $3 AND o.status IN ('approved', 'partly_received') "
          "AND l.quantity - l.received + l.returned > 0",
          {company, *item, *warehouse});
      if (!incoming) return incoming.error();
      json::object out{{"item_id", *item},
                       {"warehouse_id", *warehouse},
                       {"on_hand", inventory::format_quantity(on_hand)},
                       {"reserved", inventory::format_quantity(reserved)},
                       {"available", inventory::format_quantity(on_hand - reserved)},
                       {"incoming", inventory::format_quantity((*incoming)->int64(0).value_or(0))}};
      out["incoming_on"] = (*incoming)->is_null(1) ? json::value()
                                                   : json::value((*incoming)->date(1).value_or(storage::Date{}).to_string());
      return out;
    });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("sales_order", "read"),
      .openapi = openapi("Available to promise: on hand, reserved, available and incoming of an item in a warehouse",
                         "Sales order")});

  router.get("/api/v1/sales/credit", [=](Request& request) {
    const auto customer = id_query(request, "customer_id");
    if (!customer) return problem(finance::field_error("customer_id", "required", "field.required"), request);
    const auto order = id_query(request, "order_id");
    auto found = database->read([&](Connection& c) -> Result<Credit> {
      if (order) {
        if (Status visible = order_in_scope(c, kit, request, *order, "read"); !visible) return visible.error();
      }
      return credit_of(c, request.principal->company_id, *customer, order, inventory::local_today(*kit.ledger.clock));
    });
    if (!found) return problem(found.error(), request);
    json::object out = credit_json(*found);
    out["customer_id"] = *customer;
    return http::json_response(200, out);
  }, {.access = Access::permission("sales_order", "read"),
      .openapi = openapi("A customer's credit: limit, receivables, open orders, overdue invoices", "Sales order")});

  router.get("/api/v1/sales/settings", [=](Request& request) {
    auto found = database->read([&](Connection& c) { return settings_of(c, request.principal->company_id); });
    if (!found) return problem(found.error(), request);
    return http::json_response(200, json::object{{"invoice_basis", found->invoice_basis}});
  }, {.access = Access::permission("sales_order", "read"), .openapi = openapi("The company's sales settings", "Sales order")});

  router.put("/api/v1/sales/settings", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    read.only(*object, {"invoice_basis"}, "");
    Settings settings{.invoice_basis = read.text(*object, "invoice_basis", "invoice_basis", true, 20)};
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return problem(refused.error(), request);
    auto saved = database->write([&](Connection& c) { return save_settings(c, actor_of(request), settings); });
    if (!saved) return problem(saved.error(), request);
    return http::json_response(200, json::object{{"invoice_basis", settings.invoice_basis}});
  }, {.access = Access::permission("sales_settings", "update"),
      .openapi = openapi("Invoice from shipments (default) or from orders", "Sales order")});
}

}  // namespace verp::sales
