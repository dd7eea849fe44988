// `verp ledger <report>`: the ledger's reports of one member company from the command line, as
// CSV on stdout (or a file) or an XLSX file — for month-end scripts and auditors.
//   verp ledger trial-balance    --company HQ --from 2026-01 --to 2026-03
//   verp ledger balance-sheet    --company HQ --at 2026-03
//   verp ledger income-statement --company HQ --from 2026-03 --to 2026-03
//   verp ledger ledger           --company HQ --account 1122 --from 2026-01 --to 2026-03
#include <cstdio>

#include "app/commands.hpp"
#include "app/database_setup.hpp"
#include "app/table_output.hpp"
#include "modules/finance/ledger_reports.hpp"
#include "modules/finance/report_tables.hpp"
#include "modules/finance/statements.hpp"

namespace verp::app {

int run_ledger_report(const Settings& settings, const LedgerReportOptions& options) {
  auto app = open_application(settings, /*start_modules=*/false);
  if (!app) {
    print_error(app.error().detail);
    return 1;
  }
  const std::string locale = options.locale == "en" ? "en" : "zh-CN";
  std::string usage;
  auto report = app->database->read([&](storage::Connection& c) -> Result<boost::json::object> {
    auto company = c.query_row("SELECT id FROM companies WHERE code = $1", {options.company});
    if (!company) return company.error();
    if (!*company) {
      usage = "--company: no member company has the code '" + options.company + "'";
      return make_error(ErrorKind::validation, "usage");
    }
    const std::int64_t company_id = (*company)->int64(0).value_or(0);
    auto period = [&](const std::string& flag, const std::string& code) -> Result<finance::Period> {
      auto found = finance::period_by_code(c, company_id, code);
      if (!found) return found.error();
      if (!*found) {
        usage = flag + ": the company has no fiscal period '" + code + "' (YYYY-MM)";
        return make_error(ErrorKind::validation, "usage");
      }
      return **found;
    };
    if (options.report == "balance-sheet") {
      auto at = period("--at", options.at.empty() ? options.to : options.at);
      if (!at) return at.error();
      return finance::balance_sheet(c, company_id, *at, locale);
    }
    auto from = period("--from", options.from.empty() ? options.to : options.from);
    if (!from) return from.error();
    auto to = period("--to", options.to.empty() ? options.from : options.to);
    if (!to) return to.error();
    const finance::PeriodRange range{*from, *to};
    if (options.report == "trial-balance") return finance::trial_balance(c, company_id, range, locale);
    if (options.report == "income-statement") return finance::income_statement(c, company_id, range, locale);
    auto account = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = $2",
                               {company_id, options.account});
    if (!account) return account.error();
    if (!*account) {
      usage = "--account: the company has no account '" + options.account + "'";
      return make_error(ErrorKind::validation, "usage");
    }
    return finance::account_ledger(c, company_id,
                                   finance::LedgerQuery{.account_id = (*account)->int64(0).value_or(0), .range = range},
                                   locale);
  });
  if (!report) {
    print_error(!usage.empty() ? usage
                               : (report.error().detail.empty() ? report.error().message_id : report.error().detail));
    return usage.empty() ? 1 : 2;
  }
  return write_table(finance::report_table(options.report, *report, locale), options.format, options.output,
                     "verp ledger " + options.report);
}

}  // namespace verp::app
