// What purchasing's routes share: the ledger's HTTP kit and the order entity with its store.
#pragma once

#include "modules/finance/ledger_http.hpp"
#include "modules/purchasing/purchasing.hpp"

namespace verp::purchasing {

struct PurchasingHttp {
  finance::LedgerHttp ledger;
  const entity::EntityStore* store = nullptr;
  const entity::EntitySpec* spec = nullptr;              // purchase_order
  const entity::EntitySpec* requisition_spec = nullptr;  // purchase_requisition
};

void add_purchasing_routes(http::Router& router, const PurchasingHttp& kit);
void add_purchasing_report_routes(http::Router& router, const PurchasingHttp& kit);

}  // namespace verp::purchasing
