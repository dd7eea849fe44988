// Finance (财务): the chart of accounts (per member company, seeded on request from the standard
// Chinese chart), projects, and the general ledger — periods, vouchers, balances and ledger
// reports (ledger.hpp, finance_routes.cpp).
//   /api/v1/accounts…, /api/v1/projects…      the generic entity routes
//   POST /api/v1/accounts/standard-chart      adds the standard accounts the company lacks
#pragma once

#include <memory>

#include "platform/entity/store.hpp"
#include "platform/module/module.hpp"

namespace verp::finance {

std::unique_ptr<Module> make_finance_module();
entity::EntitySpec account_entity();
entity::EntitySpec project_entity();
std::vector<Check> ledger_checks();

struct SeedReport {
  std::int64_t created = 0;
  std::int64_t kept = 0;  // already in the chart
};

// Adds every standard account whose code the principal's company lacks (sub-accounts under their
// parents), as the principal, inside the caller's transaction.
Result<SeedReport> seed_standard_chart(storage::Connection& connection, const entity::EntityStore& store,
                                       const security::Principal& principal, const entity::Caller& caller);

}  // namespace verp::finance
