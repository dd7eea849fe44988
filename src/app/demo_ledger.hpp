// The demo's books: a month of a trading company's vouchers in the first member company, so that
// the ledger pages and reports of a fresh `make run` have something to show.
#pragma once

#include <cstdint>

#include "app/database_setup.hpp"
#include "platform/security/principal.hpp"

namespace verp::app {

// Opens the current fiscal year of `company` and, when the company has no voucher yet, enters
// five vouchers of the current month as the demo accountant 张会计 (kuaiji.zhang, created
// without a usable password: an administrator sets one), reviewed and posted by `reviewer`.
// Returns how many vouchers it made.
Result<std::int64_t> load_demo_ledger(Application& app, const security::Principal& reviewer, std::int64_t company);

}  // namespace verp::app
