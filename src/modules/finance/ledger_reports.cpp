#include "modules/finance/ledger_reports.hpp"

#include <boost/json.hpp>
#include <map>

namespace verp::finance {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Value;

namespace {

struct AccountNode {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<std::int64_t> parent;
  std::string category;
  std::string direction;
  Cents opening = 0;  // debit minus credit
  Cents debit = 0;
  Cents credit = 0;
};

void put_side(json::object& row, std::string_view prefix, Cents net) {
  row[std::string(prefix) + "_debit"] = format_amount(net > 0 ? net : 0);
  row[std::string(prefix) + "_credit"] = format_amount(net < 0 ? -net : 0);
}

// 借 / 贷 / 平 — the side a balance stands on, as ledgers print it.
std::string_view side_of(Cents net, std::string_view locale) {
  const bool english = locale.starts_with("en");
  if (net > 0) return english ? "Dr" : "借";
  if (net < 0) return english ? "Cr" : "贷";
  return english ? "Nil" : "平";
}

json::string period_code(const Period& period) { return json::string(period.code()); }

// The report's rows (accounts that have a balance or movement, in code order) and level-1 totals.
json::object render_trial_balance(const std::vector<const AccountNode*>& ordered, const PeriodRange& range) {
  json::array rows;
  Cents total_opening_debit = 0, total_opening_credit = 0, total_debit = 0, total_credit = 0;
  Cents total_closing_debit = 0, total_closing_credit = 0;
  for (const AccountNode* node : ordered) {
    if (node->opening == 0 && node->debit == 0 && node->credit == 0) continue;
    const Cents closing = node->opening + node->debit - node->credit;
    const int level = static_cast<int>((node->code.size() - 4) / 2 + 1);
    json::object row{{"account_id", node->id == 0 ? json::value(nullptr) : json::value(node->id)},
                     {"code", node->code},
                     {"name", node->name},
                     {"level", level},
                     {"category", node->category},
                     {"direction", node->direction}};
    put_side(row, "opening", node->opening);
    row["debit"] = format_amount(node->debit);
    row["credit"] = format_amount(node->credit);
    put_side(row, "closing", closing);
    rows.push_back(std::move(row));
    if (level == 1) {
      (node->opening > 0 ? total_opening_debit : total_opening_credit) += node->opening > 0 ? node->opening : -node->opening;
      total_debit += node->debit;
      total_credit += node->credit;
      (closing > 0 ? total_closing_debit : total_closing_credit) += closing > 0 ? closing : -closing;
    }
  }
  json::object totals{{"opening_debit", format_amount(total_opening_debit)},
                      {"opening_credit", format_amount(total_opening_credit)},
                      {"debit", format_amount(total_debit)},
                      {"credit", format_amount(total_credit)},
                      {"closing_debit", format_amount(total_closing_debit)},
                      {"closing_credit", format_amount(total_closing_credit)}};
  const bool balanced = total_opening_debit == total_opening_credit && total_debit == total_credit &&
                        total_closing_debit == total_closing_credit;
  return json::object{{"from", period_code(range.from)}, {"to", period_code(range.to)}, {"rows", std::move(rows)},
                      {"totals", std::move(totals)},     {"balanced", balanced}};
}

}  // namespace

Result<json::object> trial_balance(Connection& c, std::int64_t company, const PeriodRange& range,
                                   std::string_view locale) {
  auto accounts = c.query(
      "SELECT id, code, name, name_en, parent_id, category, direction FROM accounts WHERE company_id = $1 ORDER BY code",
      {company});
  if (!accounts) return accounts.error();
  std::map<std::int64_t, AccountNode> nodes;
  std::vector<std::int64_t> order;
  const bool english = locale.starts_with("en");
  for (const Row& row : *accounts) {
    AccountNode node{.id = row.int64(0).value_or(0), .code = row.text(1).value_or(""),
                     .name = english && !row.is_null(3) && !row.text(3).value_or("").empty() ? row.text(3).value_or("")
                                                                                             : row.text(2).value_or(""),
                     .category = row.text(5).value_or(""), .direction = row.text(6).value_or("")};
    if (!row.is_null(4)) node.parent = row.int64(4).value_or(0);
    order.push_back(node.id);
    nodes.emplace(node.id, std::move(node));
  }
  auto sums = c.query(
      "SELECT b.account_id, "
      "CAST(SUM(CASE WHEN p.starts_on < $2 THEN b.debit - b.credit ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN p.starts_on >= $2 THEN b.debit ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN p.starts_on >= $2 THEN b.credit ELSE 0 END) AS BIGINT) "
      "FROM account_balances b JOIN fiscal_periods p ON p.id = b.period_id "
      "WHERE b.company_id = $1 AND p.starts_on <= $3 GROUP BY b.account_id",
      {company, range.from.starts_on, range.to.starts_on});
  if (!sums) return sums.error();
  for (const Row& row : *sums) {
    // Add the leaf's figures to it and to every ancestor.
    const Cents opening = row.int64(1).value_or(0);
    const Cents debit = row.int64(2).value_or(0);
    const Cents credit = row.int64(3).value_or(0);
    for (auto at = nodes.find(row.int64(0).value_or(0)); at != nodes.end();) {
      at->second.opening += opening;
      at->second.debit += debit;
      at->second.credit += credit;
      if (!at->second.parent) break;
      at = nodes.find(*at->second.parent);
    }
  }
  std::vector<const AccountNode*> ordered;
  for (std::int64_t id : order) ordered.push_back(&nodes.at(id));
  return render_trial_balance(ordered, range);
}

Result<json::object> account_ledger(Connection& c, std::int64_t company, const LedgerQuery& query,
                                    std::string_view locale) {
  auto account = c.query_row("SELECT code, name, direction FROM accounts WHERE id = $1 AND company_id = $2",
                             {query.account_id, company});
  if (!account) return account.error();
  if (!*account) return make_error(ErrorKind::not_found, "error.not_found");
  const std::string code = (*account)->text(0).value_or("");

  // The account and its sub-accounts share its code as a prefix (4-2-2-2 coding); the ledger
  // reads their lines period by period through the (account_id, period_id) index.
  auto subtree = c.query("SELECT id FROM accounts WHERE company_id = $1 AND code LIKE $2", {company, code + "%"});
  if (!subtree) return subtree.error();
  auto periods = c.query("SELECT id, starts_on FROM fiscal_periods WHERE company_id = $1 AND starts_on >= $2 "
                         "AND starts_on <= $3",
                         {company, storage::Date{query.range.from.year, 1, 1}, query.range.to.starts_on});
  if (!periods) return periods.error();
  std::vector<std::int64_t> in_range, earlier_in_year;
  for (const Row& row : *periods) {
    (row.date(1).value_or(storage::Date{}) < query.range.from.starts_on ? earlier_in_year : in_range)
        .push_back(row.int64(0).value_or(0));
  }
  std::vector<Value> params;
  auto list = [&params](const std::vector<std::int64_t>& ids) {
    std::string sql = "(";
    for (std::int64_t id : ids) {
      params.push_back(id);
      sql += (sql.size() > 1 ? ", $" : "$") + std::to_string(params.size());
    }
    return ids.empty() ? std::string("(NULL)") : sql + ")";
  };
  std::vector<std::int64_t> accounts;
  for (const Row& row : *subtree) accounts.push_back(row.int64(0).value_or(0));
  const std::string account_in = list(accounts);  // its parameters start every query below

  std::string dimension_filter;
  auto bind = [&](const char* column, const std::optional<std::int64_t>& value) {
    if (!value) return;
    params.push_back(*value);
    dimension_filter += std::string(" AND l.") + column + " = $" + std::to_string(params.size());
  };
  bind("customer_id", query.customer_id);
  bind("supplier_id", query.supplier_id);
  bind("department_id", query.department_id);
  bind("employee_id", query.employee_id);
  bind("project_id", query.project_id);
  bind("item_id", query.item_id);
  const bool by_dimension = !dimension_filter.empty();
  const std::vector<Value> base(params.begin(), params.end());

  // Debit and credit over some periods: from the maintained balances, or from the lines when a
  // dimension narrows the ledger. `before` selects every period starting before the given date.
  auto sums = [&](std::optional<std::vector<std::int64_t>> period_ids, std::optional<storage::Date> before)
      -> Result<std::pair<Cents, Cents>> {
    params = base;
    std::string sql;
    if (!by_dimension) {
      sql = "SELECT CAST(COALESCE(SUM(b.debit), 0) AS BIGINT), CAST(COALESCE(SUM(b.credit), 0) AS BIGINT) "
            "FROM account_balances b JOIN fiscal_periods p ON p.id = b.period_id WHERE b.account_id IN " + account_in;
    } else {
      sql = "SELECT CAST(COALESCE(SUM(l.debit), 0) AS BIGINT), CAST(COALESCE(SUM(l.credit), 0) AS BIGINT) "
            "FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN fiscal_periods p ON p.id = l.period_id "
            "WHERE v.state = 'posted' AND l.account_id IN " + account_in + dimension_filter;
    }
    if (period_ids) sql += std::string(" AND ") + (by_dimension ? "l" : "b") + ".period_id IN " + list(*period_ids);
    if (before) {
      params.push_back(*before);
      sql += " AND p.starts_on < $" + std::to_string(params.size());
    }
    auto row = c.query_row(sql, params);
    if (!row) return row.error();
    return std::pair<Cents, Cents>{(*row)->int64(0).value_or(0), (*row)->int64(1).value_or(0)};
  };
  auto opening_sums = sums(std::nullopt, query.range.from.starts_on);
  if (!opening_sums) return opening_sums.error();
  const Cents opening = opening_sums->first - opening_sums->second;
  auto year_before = sums(earlier_in_year, std::nullopt);
  if (!year_before) return year_before.error();
  Cents year_debit = year_before->first;
  Cents year_credit = year_before->second;

  params = base;
  const std::string period_in = list(in_range);
  auto lines = c.query(
      "SELECT v.voucher_date, v.id, v.word, v.number, l.summary, l.debit, l.credit, a.code, p.year, p.month "
      "FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "JOIN fiscal_periods p ON p.id = l.period_id WHERE v.state = 'posted' AND l.account_id IN " +
          account_in + " AND l.period_id IN " + period_in + dimension_filter +
          " ORDER BY v.voucher_date, v.word, v.number, l.seq",
      params);
  if (!lines) return lines.error();

  json::array entries;
  Cents balance = opening;
  Cents month_debit = 0, month_credit = 0;
  int current_year = 0, current_month = 0;
  const bool english = locale.starts_with("en");
  auto close_month = [&]() {
    if (current_month == 0) return;
    const std::string period = period_code(current_year, current_month);
    entries.push_back(json::object{{"kind", "month_total"}, {"period", period},
                                   {"summary", english ? "Month total" : "本月合计"},
                                   {"debit", format_amount(month_debit)}, {"credit", format_amount(month_credit)},
                                   {"side", side_of(balance, locale)}, {"balance", format_amount(balance < 0 ? -balance : balance)}});
    entries.push_back(json::object{{"kind", "year_total"}, {"period", period},
                                   {"summary", english ? "Year to date" : "本年累计"},
                                   {"debit", format_amount(year_debit)}, {"credit", format_amount(year_credit)},
                                   {"side", side_of(balance, locale)}, {"balance", format_amount(balance < 0 ? -balance : balance)}});
  };
  for (const Row& row : *lines) {
    const int year = static_cast<int>(row.int64(8).value_or(0));
    const int month = static_cast<int>(row.int64(9).value_or(0));
    if (year != current_year || month != current_month) {
      close_month();
      if (current_year != 0 && year != current_year) year_debit = year_credit = 0;  // a new year in the range
      current_year = year, current_month = month;
      month_debit = month_credit = 0;
    }
    const Cents debit = row.int64(5).value_or(0);
    const Cents credit = row.int64(6).value_or(0);
    balance += debit - credit;
    month_debit += debit, month_credit += credit;
    year_debit += debit, year_credit += credit;
    entries.push_back(json::object{{"kind", "line"},
                                   {"date", row.date(0) ? row.date(0)->to_string() : std::string()},
                                   {"voucher_id", row.int64(1).value_or(0)},
                                   {"voucher", voucher_label(row.text(2).value_or(""), row.int64(3).value_or(0))},
                                   {"summary", row.text(4).value_or("")},
                                   {"account", row.text(7).value_or("")},
                                   {"debit", format_amount(debit)},
                                   {"credit", format_amount(credit)},
                                   {"side", side_of(balance, locale)},
                                   {"balance", format_amount(balance < 0 ? -balance : balance)}});
  }
  close_month();
  return json::object{{"account_id", query.account_id},
                      {"code", code},
                      {"name", (*account)->text(1).value_or("")},
                      {"direction", (*account)->text(2).value_or("")},
                      {"from", period_code(query.range.from)},
                      {"to", period_code(query.range.to)},
                      {"opening", json::object{{"side", side_of(opening, locale)},
                                               {"balance", format_amount(opening < 0 ? -opening : opening)}}},
                      {"entries", std::move(entries)},
                      {"closing", json::object{{"side", side_of(balance, locale)},
                                               {"balance", format_amount(balance < 0 ? -balance : balance)}}}};
}

}  // namespace verp::finance

namespace verp::finance {

Result<json::object> consolidated_trial_balance(Connection& c, const std::vector<std::int64_t>& companies,
                                                std::int64_t naming_company, const PeriodRange& range,
                                                std::string_view locale) {
  std::vector<Value> params{range.from.starts_on, range.to.starts_on};
  std::string company_in = "(";
  for (std::int64_t company : companies) {
    params.push_back(company);
    company_in += (company_in.size() > 1 ? ", $" : "$") + std::to_string(params.size());
  }
  company_in += ")";
  // Names come from the active company's chart, else from any member's.
  std::string member_in = "(";
  for (std::size_t i = 1; i <= companies.size(); ++i) member_in += (i > 1 ? ", $" : "$") + std::to_string(i);
  member_in += ")";
  auto accounts = c.query("SELECT code, name, name_en, category, direction, company_id FROM accounts WHERE company_id IN " +
                              member_in + " ORDER BY code",
                          std::vector<Value>(params.begin() + 2, params.end()));
  if (!accounts) return accounts.error();
  std::map<std::string, AccountNode> nodes;
  const bool english = locale.starts_with("en");
  for (const Row& row : *accounts) {
    const std::string code = row.text(0).value_or("");
    const bool naming = row.int64(5).value_or(0) == naming_company;
    if (nodes.contains(code) && !naming) continue;
    nodes[code] = AccountNode{.code = code,
                              .name = english && !row.is_null(2) && !row.text(2).value_or("").empty()
                                          ? row.text(2).value_or("")
                                          : row.text(1).value_or(""),
                              .category = row.text(3).value_or(""),
                              .direction = row.text(4).value_or("")};
  }
  // Adds figures of a leaf code to it and to every ancestor code (4-2-2-2).
  auto add = [&nodes](std::string code, Cents opening, Cents debit, Cents credit) {
    for (; code.size() >= 4; code.resize(code.size() - 2)) {
      auto at = nodes.find(code);
      if (at == nodes.end()) continue;
      at->second.opening += opening;
      at->second.debit += debit;
      at->second.credit += credit;
      if (code.size() == 4) break;
    }
  };
  auto sums = c.query(
      "SELECT a.code, CAST(SUM(CASE WHEN p.starts_on < $1 THEN b.debit - b.credit ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN p.starts_on >= $1 THEN b.debit ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN p.starts_on >= $1 THEN b.credit ELSE 0 END) AS BIGINT) "
      "FROM account_balances b JOIN accounts a ON a.id = b.account_id JOIN fiscal_periods p ON p.id = b.period_id "
      "WHERE b.company_id IN " + company_in + " AND p.starts_on <= $2 GROUP BY a.code",
      params);
  if (!sums) return sums.error();
  for (const Row& row : *sums) add(row.text(0).value_or(""), row.int64(1).value_or(0), row.int64(2).value_or(0), row.int64(3).value_or(0));

  // Balances kept with member companies (customers and suppliers marked intercompany) on balance
  // sheet accounts are eliminated; what does not cancel out is shown as the elimination difference.
  auto eliminated = c.query(
      "SELECT a.code, CAST(SUM(CASE WHEN p.starts_on < $1 THEN l.debit - l.credit ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN p.starts_on >= $1 THEN l.debit ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN p.starts_on >= $1 THEN l.credit ELSE 0 END) AS BIGINT) "
      "FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "JOIN fiscal_periods p ON p.id = l.period_id LEFT JOIN customers cu ON cu.id = l.customer_id "
      "LEFT JOIN suppliers su ON su.id = l.supplier_id "
      "WHERE v.state = 'posted' AND l.company_id IN " + company_in + " AND p.starts_on <= $2 "
      "AND a.category IN ('asset', 'liability') AND (cu.intercompany OR su.intercompany) GROUP BY a.code",
      params);
  if (!eliminated) return eliminated.error();
  json::array eliminations;
  Cents difference_opening = 0, difference_debit = 0, difference_credit = 0;
  for (const Row& row : *eliminated) {
    const Cents opening = row.int64(1).value_or(0), debit = row.int64(2).value_or(0), credit = row.int64(3).value_or(0);
    add(row.text(0).value_or(""), -opening, -debit, -credit);
    difference_opening += opening, difference_debit += debit, difference_credit += credit;
    eliminations.push_back(json::object{{"code", row.text(0).value_or("")},
                                        {"opening", format_amount(opening)},
                                        {"debit", format_amount(debit)},
                                        {"credit", format_amount(credit)}});
  }
  std::vector<const AccountNode*> ordered;
  for (const auto& [code, node] : nodes) ordered.push_back(&node);
  // The eliminated amounts in one row keep the figures balanced; its closing balance is what did
  // not cancel out (a difference between the members' books) and is in plain sight.
  AccountNode difference{.code = "9999", .name = english ? "Intercompany eliminations" : "内部往来抵销",
                         .category = "common", .direction = "debit", .opening = difference_opening,
                         .debit = difference_debit, .credit = difference_credit};
  ordered.push_back(&difference);
  json::object report = render_trial_balance(ordered, range);
  report["consolidated"] = true;
  json::array members;
  for (std::int64_t company : companies) members.push_back(company);
  report["companies"] = std::move(members);
  report["eliminations"] = std::move(eliminations);
  return report;
}

}  // namespace verp::finance
