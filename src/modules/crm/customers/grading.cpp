#include "modules/crm/customers/grading.hpp"

#include <boost/json.hpp>

#include "modules/finance/amount.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Dialect;
using storage::Row;
using storage::Timestamp;
using storage::Value;

namespace {

// Orders the company has agreed to sell (as sales' reports count them).
constexpr std::string_view kConfirmed = "o.status NOT IN ('draft', 'pending', 'rejected', 'cancelled')";

struct GradeRule {
  std::string grade;
  std::string method;  // revenue_band | rfm
  std::int64_t threshold = 0;  // cents of revenue, or the RFM sum
};

Result<std::vector<GradeRule>> rules_of(Connection& c, std::int64_t company) {
  auto rows = c.query(
      "SELECT grade, method, min_revenue, min_rfm FROM grade_rules WHERE company_id = $1 AND archived_at IS NULL "
      "AND active = $2 ORDER BY priority, id",
      {company, true});
  if (!rows) return rows.error();
  std::vector<GradeRule> rules;
  for (const Row& row : *rows) {
    GradeRule rule{.grade = row.text(0).value_or(""), .method = row.text(1).value_or("")};
    if (rule.method == "rfm") {
      rule.threshold = row.int64(3).value_or(15);
    } else {
      auto minimum = row.is_null(2) ? Result<Decimal>(Decimal()) : row.decimal(2);
      if (!minimum) return minimum.error();
      auto cents = finance::parse_amount(minimum->to_string());
      if (!cents) return cents.error();
      rule.threshold = *cents;
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

// Days from `earlier` (a date column) to the date parameter `today`.
std::string days_until(Dialect dialect, std::string_view today, std::string_view earlier) {
  if (dialect == Dialect::sqlite) {
    return "CAST(julianday(" + std::string(today) + ") - julianday(" + std::string(earlier) + ") AS INTEGER)";
  }
  return "(" + std::string(today) + " - " + std::string(earlier) + ")";
}

// The rules as one SQL CASE over the columns revenue_12m and rfm_sum, their thresholds appended
// to `params`; NULL when none matches.
std::string rules_case(const std::vector<GradeRule>& rules, std::vector<Value>& params) {
  if (rules.empty()) return "CAST(NULL AS TEXT)";
  std::string sql = "CASE";
  for (const GradeRule& rule : rules) {
    params.emplace_back(rule.threshold);
    const std::string threshold = "$" + std::to_string(params.size());
    params.emplace_back(rule.grade);
    const std::string grade = "$" + std::to_string(params.size());
    sql += (rule.method == "rfm" ? " WHEN rfm_sum >= " : " WHEN revenue_12m >= ") + threshold + " THEN CAST(" + grade +
           " AS TEXT)";
  }
  return sql + " ELSE CAST(NULL AS TEXT) END";
}

// Scores of the customers with ids in [from, to]: replaces their customer_scores rows.
Result<std::int64_t> score_batch(Connection& c, std::int64_t company, std::int64_t from, std::int64_t to, Date today,
                                 Timestamp now, int lifetime, const std::vector<GradeRule>& rules) {
  if (auto cleared = c.execute("DELETE FROM customer_scores WHERE company_id = $1 AND customer_id BETWEEN $2 AND $3",
                               {company, from, to});
      !cleared) {
    return cleared.error();
  }
  std::vector<Value> params{company, from, to, today, Date::from_days(today.to_days() - 365), now,
                            std::int64_t{lifetime}};
  const Dialect dialect = c.dialect();
  // Innermost: each customer's orders; then the raw figures; then the 1–5 scores; outermost the
  // rule's grade, the stage and the churn risk, which need the scores.
  const std::string figures =
      "SELECT c.id, c.lifecycle_stage AS was, a.first_on, a.last_on, COALESCE(a.orders, 0) AS orders, "
      "COALESCE(a.revenue, 0) AS revenue, COALESCE(a.orders_12m, 0) AS orders_12m, "
      "COALESCE(a.revenue_12m, 0) AS revenue_12m, " +
      days_until(dialect, "$4", "a.last_on") + " AS recency, " + days_until(dialect, "$4", "a.first_on") +
      " AS age FROM customers c LEFT JOIN (SELECT o.customer_id, MIN(o.order_date) AS first_on, "
      "MAX(o.order_date) AS last_on, COUNT(DISTINCT o.id) AS orders, CAST(SUM(l.amount) AS BIGINT) AS revenue, "
      "COUNT(DISTINCT CASE WHEN o.order_date > $5 THEN o.id END) AS orders_12m, "
      "CAST(SUM(CASE WHEN o.order_date > $5 THEN l.amount ELSE 0 END) AS BIGINT) AS revenue_12m "
      "FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id WHERE o.company_id = $1 "
      "AND o.customer_id BETWEEN $2 AND $3 AND o.archived_at IS NULL AND o.order_date <= $4 AND " +
      std::string(kConfirmed) +
      " GROUP BY o.customer_id) a ON a.customer_id = c.id "
      "WHERE c.company_id = $1 AND c.id BETWEEN $2 AND $3 AND c.archived_at IS NULL";
  const std::string scored =
      "SELECT f.*, CASE WHEN last_on IS NULL THEN 1 WHEN recency <= 30 THEN 5 WHEN recency <= 90 THEN 4 "
      "WHEN recency <= 180 THEN 3 WHEN recency <= 365 THEN 2 ELSE 1 END AS r, "
      "CASE WHEN orders_12m >= 12 THEN 5 WHEN orders_12m >= 6 THEN 4 WHEN orders_12m >= 3 THEN 3 "
      "WHEN orders_12m >= 1 THEN 2 ELSE 1 END AS f_score, "
      "CASE WHEN revenue_12m >= 100000000 THEN 5 WHEN revenue_12m >= 20000000 THEN 4 WHEN revenue_12m >= 5000000 THEN 3 "
      "WHEN revenue_12m >= 1000000 THEN 2 ELSE 1 END AS m FROM (" +
      figures + ") f";
  const std::string with_sum = "SELECT s.*, r + f_score + m AS rfm_sum FROM (" + scored + ") s";
  const std::string grade = rules_case(rules, params);
  const std::string sql =
      "INSERT INTO customer_scores (customer_id, company_id, first_order_on, last_order_on, orders_total, "
      "revenue_total, orders_12m, revenue_12m, recency_days, r_score, f_score, m_score, rfm, clv, churn_risk, "
      "rule_grade, lifecycle_stage, computed_at) SELECT id, $1, first_on, last_on, orders, revenue, orders_12m, "
      "revenue_12m, recency, r, f_score, m, CAST(r AS TEXT) || CAST(f_score AS TEXT) || CAST(m AS TEXT), "
      "CASE WHEN orders = 0 THEN 0 ELSE revenue * 365 * $7 / (CASE WHEN age < 365 THEN 365 ELSE age END) END, "
      "CASE WHEN last_on IS NULL THEN 'low' WHEN recency > 180 THEN 'high' "
      "WHEN orders >= 2 AND recency > 30 AND recency * (orders - 1) > 3 * (age - recency) THEN 'high' "
      "WHEN recency > 90 THEN 'medium' "
      "WHEN orders >= 2 AND recency > 30 AND 2 * recency * (orders - 1) > 3 * (age - recency) THEN 'medium' "
      "ELSE 'low' END, " +
      grade +
      ", CASE WHEN last_on IS NULL THEN 'prospect' WHEN recency > 365 THEN 'lost' WHEN recency > 180 THEN 'at_risk' "
      "WHEN was IN ('lost', 'won_back') THEN 'won_back' WHEN age <= 90 THEN 'new' ELSE 'active' END, $6 FROM (" +
      with_sum + ") g";
  auto inserted = c.execute(sql, params);
  if (!inserted) return inserted.error();
  return *inserted;
}

// A rule's grade applies to customers not graded by hand; NULL (no rule matched) changes nothing.
// `c` names the customers table as the statement does; $4 is false.
std::string new_grade(std::string_view c) {
  const std::string t(c);
  return "CASE WHEN COALESCE(" + t + ".grade_locked, $4) = $4 AND s.rule_grade IS NOT NULL THEN s.rule_grade ELSE " +
         t + ".grade END";
}
std::string grade_moves(std::string_view c) {
  return "COALESCE(" + std::string(c) + ".grade, '') <> COALESCE(" + new_grade(c) + ", '')";
}
std::string stage_moves(std::string_view c) {
  return "COALESCE(" + std::string(c) + ".lifecycle_stage, '') <> s.lifecycle_stage";
}

// Writes the history of what the scores change, then the customers themselves; answers how
// many grades and stages moved.
Result<std::pair<std::int64_t, std::int64_t>> apply_batch(Connection& c, std::int64_t company, std::int64_t from,
                                                          std::int64_t to, Timestamp now,
                                                          std::optional<std::int64_t> by) {
  const std::string joined =
      " FROM customers c JOIN customer_scores s ON s.customer_id = c.id WHERE c.company_id = $1 AND c.id BETWEEN $2 "
      "AND $3 AND c.archived_at IS NULL AND (" + grade_moves("c") + " OR " + stage_moves("c") + ")";
  auto counts = c.query_row("SELECT COALESCE(SUM(CASE WHEN " + grade_moves("c") + " THEN 1 ELSE 0 END), 0), "
                            "COALESCE(SUM(CASE WHEN " + stage_moves("c") + " THEN 1 ELSE 0 END), 0)" + joined,
                            {company, from, to, false});
  if (!counts) return counts.error();
  const std::int64_t grades = *counts ? (*counts)->int64(0).value_or(0) : 0;
  const std::int64_t stages = *counts ? (*counts)->int64(1).value_or(0) : 0;
  if (grades == 0 && stages == 0) return std::pair{grades, stages};
  auto logged = c.execute(
      "INSERT INTO customer_grade_changes (company_id, customer_id, from_grade, to_grade, from_stage, to_stage, reason, "
      "changed_at, changed_by) SELECT c.company_id, c.id, c.grade, " + new_grade("c") +
          ", c.lifecycle_stage, s.lifecycle_stage, 'rule', $5, $6" + joined,
      {company, from, to, false, now, Value(by)});
  if (!logged) return logged.error();
  auto updated = c.execute(
      "UPDATE customers SET grade = (SELECT " + new_grade("customers") +
          " FROM customer_scores s WHERE s.customer_id = customers.id), lifecycle_stage = (SELECT s.lifecycle_stage "
          "FROM customer_scores s WHERE s.customer_id = customers.id) WHERE company_id = $1 AND id BETWEEN $2 AND $3 "
          "AND archived_at IS NULL AND EXISTS (SELECT 1 FROM customer_scores s WHERE s.customer_id = customers.id "
          "AND (" + grade_moves("customers") + " OR " + stage_moves("customers") + "))",
      {company, from, to, false});
  if (!updated) return updated.error();
  return std::pair{grades, stages};
}

}  // namespace

Result<int> lifetime_years(Connection& c, std::int64_t company) {
  auto row = c.query_row("SELECT expected_lifetime_years FROM crm_customer_settings WHERE company_id = $1", {company});
  if (!row) return row.error();
  if (!*row) return kDefaultLifetimeYears;
  return static_cast<int>((*row)->int64(0).value_or(kDefaultLifetimeYears));
}

Status set_lifetime_years(Connection& c, std::int64_t company, int years) {
  auto saved = c.execute(
      "INSERT INTO crm_customer_settings (company_id, expected_lifetime_years) VALUES ($1, $2) "
      "ON CONFLICT (company_id) DO UPDATE SET expected_lifetime_years = excluded.expected_lifetime_years",
      {company, std::int64_t{years}});
  if (!saved) return saved.error();
  return {};
}

Result<GradingRun> recompute_grades(storage::Database& database, std::int64_t company, Date today, Timestamp now,
                                    std::optional<std::int64_t> by, std::int64_t batch) {
  struct Setting {
    std::vector<GradeRule> rules;
    int lifetime = kDefaultLifetimeYears;
    std::int64_t first = 0, last = -1;
  };
  auto setting = database.read([&](Connection& c) -> Result<Setting> {
    Setting s;
    auto rules = rules_of(c, company);
    if (!rules) return rules.error();
    s.rules = std::move(*rules);
    auto years = lifetime_years(c, company);
    if (!years) return years.error();
    s.lifetime = *years;
    auto span = c.query_row("SELECT MIN(id), MAX(id) FROM customers WHERE company_id = $1", {company});
    if (!span) return span.error();
    if (*span && !(*span)->is_null(0)) {
      s.first = (*span)->int64(0).value_or(0);
      s.last = (*span)->int64(1).value_or(-1);
    }
    return s;
  });
  if (!setting) return setting.error();
  GradingRun run;
  for (std::int64_t from = setting->first; from <= setting->last; from += batch) {
    const std::int64_t to = std::min(setting->last, from + batch - 1);
    auto done = database.write([&](Connection& c) -> Result<GradingRun> {
      GradingRun part;
      auto scored = score_batch(c, company, from, to, today, now, setting->lifetime, setting->rules);
      if (!scored) return scored.error();
      auto changed = apply_batch(c, company, from, to, now, by);
      if (!changed) return changed.error();
      part.customers = *scored;
      part.grade_changes = changed->first;
      part.stage_changes = changed->second;
      return part;
    });
    if (!done) return done.error();
    run.customers += done->customers;
    run.grade_changes += done->grade_changes;
    run.stage_changes += done->stage_changes;
    ++run.batches;
  }
  return run;
}

Result<std::string> run_grading_job(storage::Database& database, Date today, Timestamp now) {
  auto companies = database.read([](Connection& c) { return c.query("SELECT id FROM companies WHERE is_active ORDER BY id"); });
  if (!companies) return companies.error();
  GradingRun total;
  std::int64_t graded = 0;
  for (const Row& row : *companies) {
    const std::int64_t company = row.int64(0).value_or(0);
    auto claimed = database.write([&](Connection& c) -> Result<bool> {
      auto inserted = c.execute(
          "INSERT INTO crm_grade_runs (company_id, run_on, started_at) VALUES ($1, $2, $3) "
          "ON CONFLICT (company_id, run_on) DO NOTHING",
          {company, today, now});
      if (!inserted) return inserted.error();
      return *inserted > 0;
    });
    if (!claimed) return claimed.error();
    if (!*claimed) continue;
    auto run = recompute_grades(database, company, today, now, std::nullopt);
    if (!run) return run.error();
    ++graded;
    total.customers += run->customers;
    total.grade_changes += run->grade_changes;
    total.stage_changes += run->stage_changes;
  }
  return json::serialize(json::object{{"companies", graded},
                                      {"customers", total.customers},
                                      {"grade_changes", total.grade_changes},
                                      {"stage_changes", total.stage_changes}});
}

}  // namespace verp::crm
