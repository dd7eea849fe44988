// What sales' routes share: the ledger's HTTP kit and the order entity with its store.
#pragma once

#include "modules/finance/ledger_http.hpp"
#include "modules/sales/sales.hpp"

namespace verp::sales {

struct SalesHttp {
  finance::LedgerHttp ledger;
  const entity::EntityStore* store = nullptr;
  const entity::EntitySpec* spec = nullptr;              // sales_order
  const entity::EntitySpec* requisition_spec = nullptr;  // purchase_requisition
};

void add_sales_routes(http::Router& router, const SalesHttp& kit);
void add_delivery_routes(http::Router& router, const SalesHttp& kit);
void add_sales_report_routes(http::Router& router, const SalesHttp& kit);

// The order within the caller's data scope for `action` (own, department, company): 404 outside.
Status order_in_scope(storage::Connection& c, const SalesHttp& kit, const http::Request& request, std::int64_t id,
                      std::string_view action);

// A positive id in the query string (?customer_id=), or none when absent or not one.
std::optional<std::int64_t> id_query(const http::Request& request, std::string_view name);

}  // namespace verp::sales
