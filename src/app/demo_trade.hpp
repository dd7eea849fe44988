// The demo's trade in goods: in the first member company, a purchase order received and invoiced
// and half the goods issued to cost of sales, all through the purchasing and inventory modules,
// so that the stock pages, the purchasing pages and the ledger's 1405 tell the same story.
#pragma once

#include <cstdint>

#include "app/database_setup.hpp"
#include "platform/entity/store.hpp"
#include "platform/security/principal.hpp"

namespace verp::app {

// When the company has no purchase order yet: orders 2,000 of its first merchandise item at
// 100.00 (13 % VAT) from its first supplier into its first warehouse, approves, receives and
// invoices it on the 2nd of the month, issues 1,000 to cost of sales (6401, by a posting rule for
// 其他出库) on the 5th, and has `reviewer` review and post the vouchers. Returns the documents made.
Result<std::int64_t> load_demo_trade(Application& app, const entity::EntityStore& store,
                                     const security::Principal& reviewer, std::int64_t company);

}  // namespace verp::app
