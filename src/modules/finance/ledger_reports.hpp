// Ledger reports read from posted vouchers only: the trial balance (科目余额表) from the
// maintained account balances, and an account's ledger (明细账) from its journal lines.
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger.hpp"

namespace verp::finance {

struct PeriodRange {
  Period from;
  Period to;
};

// Every account with a balance or movement, at every level (a parent adds up its sub-accounts),
// with level-1 totals: opening, movement and closing, each on the debit or credit side.
Result<boost::json::object> trial_balance(storage::Connection& c, std::int64_t company, const PeriodRange& range,
                                          std::string_view locale);

// The member companies' trial balance added up by account code (names from `naming_company`'s
// chart), with balances kept with member companies (customers and suppliers marked
// intercompany) eliminated on balance-sheet accounts; the eliminations row (9999) carries the
// eliminated amounts, and its closing balance is what did not cancel out. Every company must keep calendar-month periods (verp's only kind).
Result<boost::json::object> consolidated_trial_balance(storage::Connection& c, const std::vector<std::int64_t>& companies,
                                                       std::int64_t naming_company, const PeriodRange& range,
                                                       std::string_view locale);

struct LedgerQuery {
  std::int64_t account_id = 0;  // its sub-accounts' lines are included
  PeriodRange range;
  std::optional<std::int64_t> customer_id;  // a sub-ledger by one dimension value
  std::optional<std::int64_t> supplier_id;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> employee_id;
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> item_id;
};

// Opening balance, each posted line with the running balance, and per month 本月合计 and
// 本年累计. Errors: not_found (the account is not the company's).
Result<boost::json::object> account_ledger(storage::Connection& c, std::int64_t company, const LedgerQuery& query,
                                           std::string_view locale);

}  // namespace verp::finance
