#include "modules/finance/budgets.hpp"

#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger_columns.hpp"
#include "modules/finance/ledger_internal.hpp"

namespace verp::finance {

namespace json = boost::json;
using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Date;
using storage::Reference;
using storage::Row;
using storage::TableDef;
using storage::Value;

std::vector<TableDef> budget_tables() {
  using namespace columns;
  return {
      TableDef{.name = "budgets",
               .columns = {key(), refers("company_id", "companies"), number("year"), refers("account_id", "accounts"),
                           refers("department_id", "departments", false), refers("project_id", "projects", false),
                           words("control"), number("version")},
               .indexes = {storage::Index{.name = "budgets_year_idx", .columns = {"company_id", "year"}}}},
      TableDef{.name = "budget_months",
               .columns = {refers("budget_id", "budgets"), number("month"), number("amount")},
               .primary_key = {"budget_id", "month"}},
  };
}

namespace {

struct Budget {
  std::int64_t id = 0;
  int year = 0;
  std::int64_t account_id = 0;
  std::string code;
  std::string name;
  std::string name_en;
  std::string direction;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> project_id;
  std::string control;
  std::int64_t version = 0;
  std::vector<Cents> months = std::vector<Cents>(12, 0);
};

Result<std::vector<Budget>> budgets_of(Connection& c, std::int64_t company, int year, std::optional<std::int64_t> id = {}) {
  auto rows = c.query(std::string("SELECT b.id, b.year, b.account_id, a.code, a.name, a.direction, b.department_id, "
                                  "b.project_id, b.control, a.name_en, b.version FROM budgets b JOIN accounts a ON a.id = b.account_id "
                                  "WHERE b.company_id = $1 AND ") +
                          (id ? "b.id = $2" : "b.year = $2") + " ORDER BY a.code, b.id",
                      {company, id ? Value(*id) : Value(year)});
  if (!rows) return rows.error();
  std::vector<Budget> budgets;
  std::map<std::int64_t, std::size_t> index;
  for (const Row& row : *rows) {
    Budget budget{.id = row.int64(0).value_or(0), .year = static_cast<int>(row.int64(1).value_or(0)),
                  .account_id = row.int64(2).value_or(0), .code = row.text(3).value_or(""),
                  .name = row.text(4).value_or(""), .direction = row.text(5).value_or("debit"),
                  .control = row.text(8).value_or("warn")};
    if (!row.is_null(9)) budget.name_en = row.text(9).value_or("");
    budget.version = row.int64(10).value_or(0);
    if (!row.is_null(6)) budget.department_id = row.int64(6).value_or(0);
    if (!row.is_null(7)) budget.project_id = row.int64(7).value_or(0);
    index[budget.id] = budgets.size();
    budgets.push_back(std::move(budget));
  }
  if (budgets.empty()) return budgets;
  auto months = c.query(std::string("SELECT m.budget_id, m.month, m.amount FROM budget_months m JOIN budgets b ON "
                                    "b.id = m.budget_id WHERE b.company_id = $1 AND ") +
                            (id ? "b.id = $2" : "b.year = $2"),
                        {company, id ? Value(*id) : Value(year)});
  if (!months) return months.error();
  for (const Row& row : *months) {
    const auto at = index.find(row.int64(0).value_or(0));
    const auto month = row.int64(1).value_or(0);
    if (at != index.end() && month >= 1 && month <= 12) budgets[at->second].months[month - 1] = row.int64(2).value_or(0);
  }
  return budgets;
}

Cents budget_to(const Budget& budget, int month) {
  Cents total = 0;
  for (int m = 0; m < month && m < 12; ++m) total += budget.months[m];
  return total;
}

// What posted vouchers booked on the budget's side from January to the end of `month`.
Result<Cents> used(Connection& c, std::int64_t company, const Budget& budget, int month) {
  std::vector<Value> params{company, budget.code + "%", Date{budget.year, 1, 1},
                            Date::from_days(Date{month == 12 ? budget.year + 1 : budget.year, month == 12 ? 1 : month + 1, 1}
                                                .to_days() - 1)};
  std::string sql =
      "SELECT CAST(COALESCE(SUM(l.debit), 0) - COALESCE(SUM(l.credit), 0) AS BIGINT) FROM voucher_lines l "
      "JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "WHERE v.company_id = $1 AND v.state = 'posted' AND a.code LIKE $2 AND v.voucher_date >= $3 AND v.voucher_date <= $4";
  if (budget.department_id) {
    params.push_back(*budget.department_id);
    sql += " AND l.department_id = $" + std::to_string(params.size());
  }
  if (budget.project_id) {
    params.push_back(*budget.project_id);
    sql += " AND l.project_id = $" + std::to_string(params.size());
  }
  auto row = c.query_row(sql, params);
  if (!row) return row.error();
  const Cents net = (*row)->int64(0).value_or(0);
  return budget.direction == "credit" ? -net : net;
}

Error budget_problem(std::string field, std::string code, std::string message_id) {
  return field_error(std::move(field), std::move(code), std::move(message_id));
}

// Checks the input and writes the twelve months of budget `id`.
Status write_months(Connection& c, std::int64_t id, const BudgetInput& input) {
  std::vector<Cents> months = input.months;
  if (input.annual) {
    if (!months.empty()) return budget_problem("months", "both", "finance.budget_annual_or_months");
    if (*input.annual < 0) return budget_problem("annual", "negative", "finance.budget_negative");
    months.assign(12, *input.annual / 12);
    months[11] += *input.annual - (*input.annual / 12) * 12;
  }
  if (months.size() != 12) return budget_problem("months", "twelve", "finance.budget_twelve_months");
  for (std::size_t m = 0; m < 12; ++m) {
    if (months[m] < 0) return budget_problem("months[" + std::to_string(m) + "]", "negative", "finance.budget_negative");
  }
  if (auto cleared = c.execute("DELETE FROM budget_months WHERE budget_id = $1", {id}); !cleared) return cleared.error();
  for (int m = 1; m <= 12; ++m) {
    auto written = c.execute("INSERT INTO budget_months (budget_id, month, amount) VALUES ($1, $2, $3)",
                             {id, m, months[m - 1]});
    if (!written) return written.error();
  }
  return {};
}

// The name of a department or project, or null.
json::value name_of(Connection& c, const char* table, std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  auto row = c.query_row(std::string("SELECT name FROM ") + table + " WHERE id = $1", {*id});
  if (!row || !*row) return nullptr;
  return json::string((*row)->text(0).value_or(""));
}

bool valid_control(std::string_view control) { return control == "none" || control == "warn" || control == "block"; }

}  // namespace

Result<std::int64_t> create_budget(Connection& c, const Actor& actor, const BudgetInput& input) {
  const std::int64_t company = actor.principal.company_id;
  if (input.year < 2000 || input.year > 2099) return budget_problem("year", "out_of_range", "finance.year_out_of_range");
  if (!valid_control(input.control)) return budget_problem("control", "invalid", "finance.budget_control");
  auto account = input.account_id != 0
                     ? c.query_row("SELECT id FROM accounts WHERE id = $1 AND company_id = $2", {input.account_id, company})
                     : c.query_row("SELECT id FROM accounts WHERE code = $1 AND company_id = $2",
                                   {input.account_code, company});
  if (!account) return account.error();
  if (!*account) return budget_problem("account", "unknown", "finance.account_unknown");
  const std::int64_t account_id = (*account)->int64(0).value_or(0);
  for (const auto& [field, table, value] : {std::tuple{"department_id", "departments", input.department_id},
                                            std::tuple{"project_id", "projects", input.project_id}}) {
    if (!value) continue;
    auto found = c.query_row(std::string("SELECT 1 FROM ") + table + " WHERE id = $1 AND company_id = $2", {*value, company});
    if (!found) return found.error();
    if (!*found) return budget_problem(field, "unknown", "finance.dimension_unknown");
  }
  auto twin = c.query_row(
      "SELECT 1 FROM budgets WHERE company_id = $1 AND year = $2 AND account_id = $3 "
      "AND COALESCE(department_id, 0) = $4 AND COALESCE(project_id, 0) = $5",
      {company, input.year, account_id, input.department_id.value_or(0), input.project_id.value_or(0)});
  if (!twin) return twin.error();
  if (*twin) return make_error(ErrorKind::conflict, "finance.budget_exists");
  auto id = c.query_row(
      "INSERT INTO budgets (company_id, year, account_id, department_id, project_id, control, version) "
      "VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id",
      {company, input.year, account_id, Value(input.department_id), Value(input.project_id), input.control});
  if (!id) return id.error();
  const std::int64_t budget = (*id)->int64(0).value_or(0);
  if (Status written = write_months(c, budget, input); !written) return written.error();
  auto snapshot = budget_json(c, company, budget);
  if (!snapshot) return snapshot.error();
  if (Status audited = audit_ledger(c, actor, "budget.create", "budget", budget, **snapshot); !audited) {
    return audited.error();
  }
  return budget;
}

Status update_budget(Connection& c, const Actor& actor, std::int64_t id, const BudgetInput& input) {
  const std::int64_t company = actor.principal.company_id;
  if (!valid_control(input.control)) return budget_problem("control", "invalid", "finance.budget_control");
  if (!input.version) return budget_problem("version", "required", "field.required");
  auto before = budget_json(c, company, id);
  if (!before) return before.error();
  if (!*before) return make_error(ErrorKind::not_found, "error.not_found");
  auto changed = c.execute(
      "UPDATE budgets SET control = $1, version = version + 1 WHERE id = $2 AND company_id = $3 AND version = $4",
      {input.control, id, company, *input.version});
  if (!changed) return changed.error();
  if (*changed == 0) return make_error(ErrorKind::conflict, "entity.stale_version");
  if (Status written = write_months(c, id, input); !written) return written;
  auto after = budget_json(c, company, id);
  if (!after) return after.error();
  return audit_ledger(c, actor, "budget.update", "budget", id, {{"before", **before}, {"after", **after}});
}

Result<std::vector<BudgetOverrun>> budget_overruns(Connection& c, std::int64_t company, Date date,
                                                   const std::vector<BudgetedAmount>& amounts) {
  auto budgets = budgets_of(c, company, date.year);
  if (!budgets) return budgets.error();
  std::vector<BudgetOverrun> overruns;
  if (budgets->empty() || amounts.empty()) return overruns;
  std::map<std::int64_t, std::string> codes;
  for (const BudgetedAmount& amount : amounts) {
    if (codes.contains(amount.account_id)) continue;
    auto row = c.query_row("SELECT code FROM accounts WHERE id = $1", {amount.account_id});
    if (!row) return row.error();
    codes[amount.account_id] = *row ? (*row)->text(0).value_or("") : "";
  }
  for (const Budget& budget : *budgets) {
    if (budget.control == "none") continue;
    Cents extra = 0;
    for (const BudgetedAmount& amount : amounts) {
      if (!codes[amount.account_id].starts_with(budget.code)) continue;
      if (budget.department_id && amount.department_id != budget.department_id) continue;
      if (budget.project_id && amount.project_id != budget.project_id) continue;
      const Cents net = amount.debit - amount.credit;
      extra += budget.direction == "credit" ? -net : net;
    }
    if (extra <= 0) continue;
    auto so_far = used(c, company, budget, date.month);
    if (!so_far) return so_far.error();
    const Cents allowed = budget_to(budget, date.month);
    if (*so_far + extra > allowed) {
      overruns.push_back(BudgetOverrun{.budget_id = budget.id, .account = budget.code, .control = budget.control,
                                       .budget = allowed, .used = *so_far + extra});
    }
  }
  return overruns;
}

Result<std::vector<BudgetOverrun>> voucher_budget_overruns(Connection& c, std::int64_t company, std::int64_t voucher_id) {
  auto date = c.query_row("SELECT voucher_date FROM vouchers WHERE id = $1 AND company_id = $2", {voucher_id, company});
  if (!date) return date.error();
  if (!*date) return std::vector<BudgetOverrun>();
  auto lines = c.query("SELECT account_id, department_id, project_id, debit, credit FROM voucher_lines WHERE voucher_id = $1",
                       {voucher_id});
  if (!lines) return lines.error();
  std::vector<BudgetedAmount> amounts;
  for (const Row& row : *lines) {
    BudgetedAmount amount{.account_id = row.int64(0).value_or(0), .debit = row.int64(3).value_or(0),
                          .credit = row.int64(4).value_or(0)};
    if (!row.is_null(1)) amount.department_id = row.int64(1).value_or(0);
    if (!row.is_null(2)) amount.project_id = row.int64(2).value_or(0);
    amounts.push_back(amount);
  }
  return budget_overruns(c, company, (*date)->date(0).value_or(Date{}), amounts);
}

Result<std::optional<json::object>> budget_json(Connection& c, std::int64_t company, std::int64_t id) {
  auto found = budgets_of(c, company, 0, id);
  if (!found) return found.error();
  if (found->empty()) return std::optional<json::object>();
  const Budget& budget = found->front();
  json::array months;
  Cents annual = 0;
  for (Cents month : budget.months) {
    months.push_back(json::string(format_amount(month)));
    annual += month;
  }
  return std::optional<json::object>(json::object{
      {"id", budget.id},
      {"year", budget.year},
      {"account_id", budget.account_id},
      {"account", budget.code},
      {"account_name", budget.name},
      {"department_id", budget.department_id ? json::value(*budget.department_id) : json::value(nullptr)},
      {"department_name", name_of(c, "departments", budget.department_id)},
      {"project_id", budget.project_id ? json::value(*budget.project_id) : json::value(nullptr)},
      {"project_name", name_of(c, "projects", budget.project_id)},
      {"control", budget.control},
      {"version", budget.version},
      {"annual", format_amount(annual)},
      {"months", std::move(months)}});
}

Result<json::object> budget_execution(Connection& c, std::int64_t company, int year, int month, std::string_view locale) {
  auto budgets = budgets_of(c, company, year);
  if (!budgets) return budgets.error();
  json::array rows;
  Cents total_budget = 0, total_used = 0;
  for (const Budget& budget : *budgets) {
    auto so_far = used(c, company, budget, month);
    if (!so_far) return so_far.error();
    const Cents allowed = budget_to(budget, month);
    Cents annual = 0;
    for (Cents month : budget.months) annual += month;
    total_budget += allowed;
    total_used += *so_far;
    // Share used in basis points, rounded half away from zero, printed as a percentage.
    const std::string share = allowed == 0 ? std::string() : [&] {
      const Cents basis = (*so_far * 10000 + (*so_far >= 0 ? allowed / 2 : -allowed / 2)) / allowed;
      return format_amount(basis);
    }();
    std::string dimension;
    if (budget.department_id) {
      auto name = c.query_row("SELECT name FROM departments WHERE id = $1", {*budget.department_id});
      if (name && *name) dimension = (*name)->text(0).value_or("");
    }
    if (budget.project_id) {
      auto name = c.query_row("SELECT name FROM projects WHERE id = $1", {*budget.project_id});
      if (name && *name) dimension += (dimension.empty() ? "" : " / ") + (*name)->text(0).value_or("");
    }
    rows.push_back(json::object{{"budget_id", budget.id},
                                {"account", budget.code},
                                {"account_name", locale.starts_with("en") && !budget.name_en.empty() ? budget.name_en
                                                                                                    : budget.name},
                                {"dimension", dimension},
                                {"control", budget.control},
                                {"budget", format_amount(allowed)},
                                {"used", format_amount(*so_far)},
                                {"variance", format_amount(allowed - *so_far)},
                                {"share_used", share},
                                {"over", *so_far > allowed},
                                {"annual", format_amount(annual)}});
  }
  return json::object{{"year", year},
                      {"to_month", month},
                      {"rows", std::move(rows)},
                      {"totals", json::object{{"budget", format_amount(total_budget)},
                                              {"used", format_amount(total_used)},
                                              {"variance", format_amount(total_budget - total_used)}}}};
}

}  // namespace verp::finance
