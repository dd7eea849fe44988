// What the scores say about customers (grading.hpp computes them): one customer's scores, the
// history of their grade and lifecycle stage, and the company's high-value and churn-risk lists as
// self-describing reports (JSON, CSV or Excel through LedgerHttp::answer_report).
#pragma once

#include <boost/json/object.hpp>

#include "platform/security/principal.hpp"
#include "platform/storage/connection.hpp"

namespace verp::crm {

// The customer's latest scores, or null before the first recomputation.
Result<boost::json::value> scores_of(storage::Connection& c, std::int64_t customer);

// Every change of the customer's grade or stage, newest first: the rules' (customer_grade_changes,
// reason "rule") and those made by hand through the customer form, the import or a bulk edit,
// found in the customer's version history (reason "manual"). Entries:
// {"at","from_grade","to_grade","from_stage","to_stage","reason","by"}.
Result<boost::json::object> grade_history(storage::Connection& c, std::int64_t company, std::int64_t customer);

// Top customers by lifetime value (sort "clv") or RFM total (sort "rfm"), at most `limit`
// (1–1000), within the caller's data scope on customers. Errors: validation "sort".
Result<boost::json::object> high_value_report(storage::Connection& c, const security::Principal& principal,
                                              std::string_view sort, std::int64_t limit);
// Customers still buying (new, active, at risk, won back) whose churn risk is high, the most
// revenue at stake (their last 12 months) first.
Result<boost::json::object> churn_risk_report(storage::Connection& c, const security::Principal& principal,
                                              std::int64_t limit);

}  // namespace verp::crm
