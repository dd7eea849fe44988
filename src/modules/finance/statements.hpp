// Financial statements (财务报表) in the format of the Chinese Accounting Standards for Business
// Enterprises (一般企业财务报表格式): the balance sheet (资产负债表) at the end of a period with the
// year's opening figures, and the income statement (利润表) for a range of periods with the
// year to date. Both are read from the maintained account balances, so their cost depends on
// accounts × periods, never on the number of journal lines.
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger_reports.hpp"

namespace verp::finance {

// Lines by the first four digits of the account code: each line's closing balance at the end of
// `at` and at the start of its year, and the check that assets equal liabilities plus equity.
Result<boost::json::object> balance_sheet(storage::Connection& c, std::int64_t company, const Period& at,
                                          std::string_view locale);

// Each line's amount over the range and over the year to the range's end; the carry-forward
// vouchers (结转损益) are left out, as they only move profit to 本年利润.
Result<boost::json::object> income_statement(storage::Connection& c, std::int64_t company, const PeriodRange& range,
                                             std::string_view locale);

// The same for the member companies together (every company keeps calendar months): balances
// kept with member companies (customers and suppliers marked intercompany) on balance-sheet
// accounts are eliminated; what did not cancel out is `elimination_difference`, carried in
// 其他流动资产 so the sheet still balances. Intercompany revenue and cost are not eliminated.
Result<boost::json::object> consolidated_balance_sheet(storage::Connection& c, const std::vector<std::int64_t>& companies,
                                                       const Period& at, std::string_view locale);
Result<boost::json::object> consolidated_income_statement(storage::Connection& c,
                                                          const std::vector<std::int64_t>& companies,
                                                          const PeriodRange& range, std::string_view locale);

}  // namespace verp::finance

namespace verp::finance {

// 现金流量表 by the direct method: every posted cash or bank line in the range counted under the
// cash-flow item it carries (untagged lines under "unclassified", so nothing is lost); vouchers
// that only move money between cash and bank accounts are left out. The net change equals the
// cash accounts' closing minus opening balance, which `reconciled` confirms.
Result<boost::json::object> cash_flow_statement(storage::Connection& c, std::int64_t company, const PeriodRange& range,
                                                std::string_view locale);
// The member companies' cash flows added up (money moved between members is counted on both
// sides, in and out of the group's cash, so it nets to nothing in the net change).
Result<boost::json::object> consolidated_cash_flow_statement(storage::Connection& c,
                                                             const std::vector<std::int64_t>& companies,
                                                             const PeriodRange& range, std::string_view locale);

}  // namespace verp::finance
