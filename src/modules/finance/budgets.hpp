// Budgets (预算): an amount per account (its sub-accounts included) and optionally per department
// and project, for each month of a fiscal year — entered as an annual figure split evenly or month
// by month. Each budget says what happens when postings exceed it: nothing, a warning, or a block.
//
// "Used" is what posted vouchers booked on the budget's side (debit for expense and asset
// accounts, credit for income and liability accounts), net, from January to the month in
// question, matched by department and project when the budget names them. The check compares the
// year's budget to that month with what is used plus the voucher (or purchase order) at hand.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "modules/finance/ledger.hpp"
#include "platform/storage/schema.hpp"

namespace verp::finance {

std::vector<storage::TableDef> budget_tables();

struct BudgetInput {
  int year = 0;
  std::int64_t account_id = 0;
  std::string account_code;  // used when account_id is 0
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> project_id;
  std::string control = "warn";  // none, warn, block
  std::optional<Cents> annual;   // split evenly over the twelve months (the remainder in December)
  std::vector<Cents> months;     // or twelve monthly amounts
  std::optional<std::int64_t> version;  // update: the version the editor saw (stale: conflict)
};

// Errors: validation naming "year", "account", "control", "months", "annual", "department_id",
// "project_id"; conflict "finance.budget_exists" for the same year, account, department, project.
Result<std::int64_t> create_budget(storage::Connection& c, const Actor& actor, const BudgetInput& input);
// Replaces the amounts and control of a budget (not its keys). Errors: as create, not_found;
// validation "version" when missing; conflict "entity.stale_version" when someone saved first.
Status update_budget(storage::Connection& c, const Actor& actor, std::int64_t id, const BudgetInput& input);

// The budgets a set of amounts would overrun, each once: `amounts` are (account, department,
// project, amount on the budget's side) for one date.
struct BudgetedAmount {
  std::int64_t account_id = 0;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> project_id;
  Cents debit = 0;
  Cents credit = 0;
};
Result<std::vector<BudgetOverrun>> budget_overruns(storage::Connection& c, std::int64_t company, storage::Date date,
                                                   const std::vector<BudgetedAmount>& amounts);

// The overruns a voucher's lines would cause (for posting: block refuses, warn is reported).
Result<std::vector<BudgetOverrun>> voucher_budget_overruns(storage::Connection& c, std::int64_t company,
                                                           std::int64_t voucher_id);

// Budgets of a year with budget and used to `month` (1..12), variance and share used,
// plus the annual budget.
Result<boost::json::object> budget_execution(storage::Connection& c, std::int64_t company, int year, int month,
                                             std::string_view locale);

Result<std::optional<boost::json::object>> budget_json(storage::Connection& c, std::int64_t company, std::int64_t id);

}  // namespace verp::finance
