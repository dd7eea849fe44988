// HTTP for requisitions turned into orders and purchasing's reports (JSON, or ?format=csv|xlsx|pdf):
//   POST /api/v1/purchase-requisitions/to-order {"requisition_ids":[…],"supplier_id","order_date","warehouse_id"?}
//   GET  /api/v1/purchasing/reports/open-orders
//   GET  /api/v1/purchasing/reports/delivery-performance?from=&to=
//   GET  /api/v1/purchasing/reports/price-history?item_id=
//   GET  /api/v1/purchasing/reports/purchases?group=supplier|item|month&from=&to=
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_http.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/purchasing/purchasing_http.hpp"
#include "modules/purchasing/purchasing_reports.hpp"
#include "modules/purchasing/requisitions.hpp"
#include "platform/http/json_body.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;

void add_purchasing_report_routes(http::Router& router, const PurchasingHttp& kit) {
  storage::Database* database = kit.ledger.database;
  const Orders orders{*kit.store, *kit.spec};
  const entity::EntitySpec* requisitions = kit.requisition_spec;
  auto problem = [kit](const Error& error, const Request& request) { return kit.ledger.problem(error, request); };

  router.post("/api/v1/purchase-requisitions/to-order", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    read.only(*object, {"requisition_ids", "supplier_id", "order_date", "warehouse_id"}, "");
    RequisitionsToOrder input{.supplier_id = read.id(*object, "supplier_id", "supplier_id", true).value_or(0),
                              .order_date = read.date(*object, "order_date", "order_date", true).value_or(storage::Date{}),
                              .warehouse_id = read.id(*object, "warehouse_id", "warehouse_id")};
    if (const json::value* ids = object->if_contains("requisition_ids"); ids != nullptr && ids->is_array()) {
      for (const auto& id : ids->as_array()) {
        if (id.is_int64() && id.as_int64() > 0) input.requisition_ids.push_back(id.as_int64());
        else read.fail("requisition_ids", "not_an_id", "inventory.not_an_id");
      }
    }
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) {
      return problem(refused.error(), request);
    }
    if (!request.principal->may("purchase_requisition", "update")) {
      return problem(make_error(ErrorKind::forbidden, "error.forbidden"), request);
    }
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto id = order_from_requisitions(c, orders, *requisitions, kit.ledger.actor_of(request), input);
      if (!id) return id.error();
      return json::object{{"id", *id}};
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("purchase_order", "create"),
      .openapi = openapi("Turn open requisitions into one draft purchase order", "Purchase order")});

  router.post("/api/v1/purchase-requisitions/from-reorder", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    inventory::JsonReader read(problems);
    read.only(*object, {"warehouse_id"}, "");
    const auto warehouse = read.id(*object, "warehouse_id", "warehouse_id");
    if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) {
      return problem(refused.error(), request);
    }
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      if (warehouse) {
        auto known = c.query_row("SELECT 1 FROM warehouses WHERE id = $1 AND company_id = $2",
                                 {*warehouse, request.principal->company_id});
        if (!known) return known.error();
        if (!*known) return finance::field_error("warehouse_id", "unknown", "inventory.warehouse_unknown");
      }
      auto outcome = requisitions_from_reorder(c, *kit.store, *requisitions, kit.ledger.actor_of(request), warehouse,
                                               inventory::local_today(*kit.ledger.clock));
      if (!outcome) return outcome.error();
      json::array created;
      for (std::int64_t id : outcome->created) created.push_back(id);
      return json::object{{"created", std::move(created)},
                          {"already_requested", outcome->already_requested},
                          {"without_warehouse", outcome->without_warehouse}};
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(200, *made);
  }, {.access = Access::permission("purchase_requisition", "create"),
      .openapi = openapi("Requisitions for every reorder suggestion below minimum or safety stock", "Purchase order")});

  router.get("/api/v1/purchasing/reports/open-orders", [=](Request& request) {
    const auto today = storage::Date::from_days(
        std::chrono::duration_cast<std::chrono::days>(kit.ledger.clock->now().time_since_epoch()).count());
    auto report = database->read(
        [&](Connection& c) { return open_orders_report(c, request.principal->company_id, today); });
    return kit.ledger.answer_report(request, "open-orders", report);
  }, {.access = Access::permission("purchase_order", "read"), .openapi = openapi("Open purchase order lines", "Purchase order")});

  router.get("/api/v1/purchasing/reports/delivery-performance", [=](Request& request) {
    auto from = inventory::date_param(request, "from");
    if (!from) return problem(from.error(), request);
    auto to = inventory::date_param(request, "to");
    if (!to) return problem(to.error(), request);
    auto report = database->read([&](Connection& c) {
      return delivery_performance_report(c, request.principal->company_id, ReportRange{*from, *to});
    });
    return kit.ledger.answer_report(request, "delivery-performance", report);
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("Supplier delivery performance: on time, days late, rejected", "Purchase order")});

  router.get("/api/v1/purchasing/reports/price-history", [=](Request& request) {
    const auto item = request.integer_query("item_id");
    if (!item) return problem(finance::field_error("item_id", "required", "field.required"), request);
    auto report = database->read(
        [&](Connection& c) { return price_history_report(c, request.principal->company_id, *item); });
    return kit.ledger.answer_report(request, "price-history", report);
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("Every price an item was ordered at", "Purchase order")});

  router.get("/api/v1/purchasing/reports/purchases", [=](Request& request) {
    auto from = inventory::date_param(request, "from");
    if (!from) return problem(from.error(), request);
    auto to = inventory::date_param(request, "to");
    if (!to) return problem(to.error(), request);
    const std::string group = query_text(request, "group").empty() ? "supplier" : query_text(request, "group");
    auto report = database->read([&](Connection& c) {
      return purchases_report(c, request.principal->company_id, group, ReportRange{*from, *to});
    });
    return kit.ledger.answer_report(request, "purchases", report);
  }, {.access = Access::permission("purchase_order", "read"),
      .openapi = openapi("Purchases by supplier, item or month", "Purchase order")});
}

}  // namespace verp::purchasing
