// Customer scores (RFM, lifetime value, churn risk), grades by the company's rules and lifecycle
// stages, recomputed set-based in SQL for any number of customers, with a history of every change.
//
// Figures, over confirmed sales orders (not draft, pending, rejected or cancelled) dated up to
// `today`, amounts excluding tax from the order lines (cents):
//   recency_days   today − the last order date
//   r_score        recency ≤ 30 days 5, ≤ 90 4, ≤ 180 3, ≤ 365 2, else (or never ordered) 1
//   f_score        orders in the last 12 months ≥ 12 5, ≥ 6 4, ≥ 3 3, ≥ 1 2, else 1
//   m_score        revenue in the last 12 months ≥ 1,000,000.00 5, ≥ 200,000.00 4, ≥ 50,000.00 3,
//                  ≥ 10,000.00 2, else 1
//   rfm            the three digits, e.g. "545"; rules of method rfm compare their sum (3–15)
//   clv            average order value × orders per year × expected lifetime years
//                  = all-time revenue ÷ years since the first order (at least one) × lifetime years
//                  (crm_customer_settings.expected_lifetime_years, default 3)
//   churn_risk     high: last order > 180 days ago, or ≥ 2 orders and the silence is more than 3×
//                  the customer's average interval between orders (and > 30 days); medium: > 90 days,
//                  or more than 1.5× the interval (and > 30 days); else low (and low for prospects)
// Lifecycle stages (生命周期), in this order of precedence:
//   prospect  never ordered          lost      last order > 365 days ago
//   at_risk   last order 181–365 days ago
//   won_back  ordered within 180 days while the stage kept was lost (or already won back)
//   new       first order within 90 days                       active  otherwise
// Grades: the company's active grade rules (entity grade_rule) by priority, lowest first; the first
// that matches gives the grade (revenue_band: revenue in the last 12 months ≥ min_revenue; rfm:
// r + f + m ≥ min_rfm). No rule matching, or grade_locked, leaves the grade as it is.
#pragma once

#include <optional>

#include "platform/base/result.hpp"
#include "platform/storage/database.hpp"

namespace verp::crm {

inline constexpr int kNewWithinDays = 90;
inline constexpr int kActiveWithinDays = 180;
inline constexpr int kLostAfterDays = 365;
inline constexpr std::int64_t kGradingBatch = 20'000;  // customer ids per transaction
inline constexpr int kDefaultLifetimeYears = 3;

struct GradingRun {
  std::int64_t customers = 0;      // scored
  std::int64_t grade_changes = 0;  // customers whose grade a rule changed
  std::int64_t stage_changes = 0;  // customers whose lifecycle stage moved
  std::int64_t batches = 0;
};

// Scores every live customer of `company`, applies the grade rules and moves lifecycle stages,
// one transaction per range of `batch` customer ids; each change is a customer_grade_changes row
// (reason "rule", by `by`: the user who asked, none for the nightly job). Safe to repeat: a
// second run on the same day changes nothing.
Result<GradingRun> recompute_grades(storage::Database& database, std::int64_t company, storage::Date today,
                                    storage::Timestamp now, std::optional<std::int64_t> by,
                                    std::int64_t batch = kGradingBatch);

// The nightly job `crm.grades`: every active company once a day (a crm_grade_runs row is the
// claim, so a second node or a second run the same day skips it). Answers a JSON summary.
Result<std::string> run_grading_job(storage::Database& database, storage::Date today, storage::Timestamp now);

// The company's expected customer lifetime in years (default kDefaultLifetimeYears).
Result<int> lifetime_years(storage::Connection& c, std::int64_t company);
Status set_lifetime_years(storage::Connection& c, std::int64_t company, int years);

}  // namespace verp::crm
