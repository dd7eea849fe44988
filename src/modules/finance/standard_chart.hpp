// The standard chart of accounts of the Chinese Accounting Standards for Business Enterprises
// (企业会计准则 — 会计科目和主要账务处理), the accounts a trading or manufacturing member company
// starts from, with the sub-accounts of VAT every company keeps.
#pragma once

#include <string_view>
#include <vector>

namespace verp::finance {

struct StandardAccount {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::string_view category;   // asset, liability, common, equity, cost, profit_loss
  std::string_view direction;  // debit or credit: the side its balance normally sits on
  std::string_view auxiliary;  // dimensions kept per line: "customer", "supplier,department"… or ""
  bool cash = false;           // cash or bank: cash-flow items, cashier sign-off
};

// Parents come before their sub-accounts (a sub-account's code starts with its parent's).
const std::vector<StandardAccount>& standard_chart();

}  // namespace verp::finance
