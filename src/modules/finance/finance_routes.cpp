// HTTP for the ledger (docs in README.md): each area has its file of routes, sharing LedgerHttp.
#include "modules/finance/finance_routes.hpp"

#include "modules/finance/ledger_http.hpp"
#include "platform/entity/store.hpp"

namespace verp::finance {

void add_ledger_routes(http::Router& router, ModuleContext& context) {
  const LedgerHttp kit{.database = &context.database, .catalog = &context.catalog, .clock = &context.clock,
                       .files = context.entity_store != nullptr ? &context.entity_store->files() : nullptr};
  add_period_routes(router, kit);
  add_voucher_routes(router, kit);
  add_posting_rule_routes(router, kit);
  add_receivable_routes(router, kit);
  add_budget_routes(router, kit);
  add_report_routes(router, kit);
  add_invoice_routes(router, kit);
}

}  // namespace verp::finance
