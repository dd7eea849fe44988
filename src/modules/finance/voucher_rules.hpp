// Checking a voucher against the company's chart, periods and settings (voucher_rules.cpp).
#pragma once

#include <array>
#include <map>

#include "modules/finance/ledger.hpp"

namespace verp::finance {

struct AccountFacts {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string category;
  bool cash = false;
  bool active = true;
  bool leaf = true;
  std::array<bool, 6> keeps{};  // customer, supplier, department, employee, project, item
};

struct CheckedVoucher {
  VoucherInput input;  // account ids resolved, word chosen, blank summaries carried down
  Period period;
  Cents debit_total = 0;
  Cents credit_total = 0;
  bool touches_cash = false;
  std::map<std::int64_t, AccountFacts> accounts;
};

bool word_allowed(const Settings& settings, std::string_view word);

// Errors: validation with every problem named (see ledger.hpp), or storage errors.
Result<CheckedVoucher> check_voucher(storage::Connection& c, std::int64_t company, const Settings& settings,
                                     VoucherInput input);

}  // namespace verp::finance
