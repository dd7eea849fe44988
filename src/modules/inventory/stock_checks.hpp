// The invariants of the stock ledger that `verp check` proves (see stock_checks.cpp).
#pragma once

#include <vector>

#include "platform/module/module.hpp"

namespace verp::inventory {

// The company's inventory accounts, as SQL over `k.company_id`: the standard ones (1403 原材料,
// 1405 库存商品, 1411 周转材料) and every account a posting rule gives an inventory role.
inline constexpr const char* kInventoryAccountsOf =
    "SELECT a.id FROM accounts a WHERE a.company_id = k.company_id AND (a.code IN ('1403', '1405', '1411') "
    "OR a.id IN (SELECT r.account_id FROM posting_rules r WHERE r.company_id = k.company_id AND r.archived_at IS NULL "
    "AND r.role IN ('inventory', 'materials', 'finished_goods')))";

std::vector<Check> stock_checks();

}  // namespace verp::inventory
