// The ledger's audit analysis (审计分析): what an internal auditor looks at first in a range of
// periods — refused attempts (unbalanced vouchers, entries into closed periods), reversals,
// vouchers posted by their own preparer, vouchers reviewed or posted by someone whose roles had
// changed in the week before, work outside business hours, and large round amounts.
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger_reports.hpp"

namespace verp::finance {

struct AuditAnalysisOptions {
  Cents round_threshold = 1000000;  // 10,000.00 and more…
  Cents round_unit = 100000;        // …in whole thousands
  int day_starts = 8;               // business hours, local time (UTC+8), Monday to Friday
  int day_ends = 20;
  int role_change_days = 7;
};

Result<boost::json::object> audit_analysis(storage::Connection& c, std::int64_t company, const PeriodRange& range,
                                           const AuditAnalysisOptions& options);

}  // namespace verp::finance
