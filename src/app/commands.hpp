// The sub-commands of `verp`. Each returns the process exit code: 0 success, 1 a runtime
// failure (database unreachable, a check found problems), 2 bad usage or configuration.
#pragma once

#include <string>

#include "app/settings.hpp"

namespace verp::app {

int run_serve(const Settings& settings);
int run_init(const Settings& settings);
int run_check(const Settings& settings, const std::string& only = {});  // only: checks whose name has it
int run_audit_verify(const Settings& settings);  // `verp audit verify`: the hash-chain check alone
int run_keys_rotate(const Settings& settings);   // `verp keys rotate`: new key, sensitive fields re-sealed

struct AccessReviewOptions {
  std::string format = "csv";  // csv (stdout unless --output) or xlsx (--output required)
  std::string output;
  std::string locale = "zh-CN";
  std::string changes_since;  // YYYY-MM-DD: list role changes since then instead
};
int run_access_review(const Settings& settings, const AccessReviewOptions& options);

struct LedgerReportOptions {
  std::string report;  // trial-balance, balance-sheet, income-statement, ledger
  std::string company;  // the member company's code
  std::string from, to, at;  // fiscal periods, YYYY-MM
  std::string account;  // the ledger's account code
  std::string format = "csv";
  std::string output;
  std::string locale = "zh-CN";
};
int run_ledger_report(const Settings& settings, const LedgerReportOptions& options);
int run_version();

// Prints "verp: error: <what>" as one line on stderr.
void print_error(const std::string& what);

}  // namespace verp::app
