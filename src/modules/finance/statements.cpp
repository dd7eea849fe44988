#include "modules/finance/statements.hpp"

#include <boost/json.hpp>
#include <map>

namespace verp::finance {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Value;

namespace {

// A statement line: either accounts (four-digit codes, '-' before a code subtracts it, as for
// 坏账准备 and 累计折旧) or a sum of earlier lines (keys, '-' subtracts).
struct Line {
  std::string_view key;
  std::string_view zh;
  std::string_view en;
  std::vector<std::string_view> accounts;
  std::vector<std::string_view> lines;
  bool total = false;
};

const std::vector<Line>& balance_sheet_lines() {
  static const std::vector<Line> lines = {
      {"cash", "货币资金", "Cash and cash equivalents", {"1001", "1002", "1012"}},
      {"trading_assets", "交易性金融资产", "Financial assets held for trading", {"1101"}},
      {"notes_receivable", "应收票据", "Notes receivable", {"1121"}},
      {"receivables", "应收账款", "Accounts receivable", {"1122", "-1231"}},
      {"prepayments", "预付款项", "Prepayments", {"1123"}},
      {"other_receivables", "其他应收款", "Other receivables", {"1221", "1131", "1132"}},
      {"inventories", "存货", "Inventories",
       {"1401", "1402", "1403", "1404", "1405", "1406", "1408", "1411", "-1471", "5001", "5101", "5201"}},
      // ELIM: in a consolidated sheet, intercompany balances that did not cancel out.
      {"other_current_assets", "其他流动资产", "Other current assets", {"1901", "ELIM"}},
      {"current_assets", "流动资产合计", "Total current assets", {},
       {"cash", "trading_assets", "notes_receivable", "receivables", "prepayments", "other_receivables", "inventories",
        "other_current_assets"}, true},
      {"long_term_investments", "长期股权投资", "Long-term equity investments", {"1511"}},
      {"fixed_assets", "固定资产", "Fixed assets", {"1601", "-1602", "-1603"}},
      {"construction", "在建工程", "Construction in progress", {"1604"}},
      {"intangibles", "无形资产", "Intangible assets", {"1701", "-1702"}},
      {"development", "开发支出", "Development expenditure", {"5301"}},
      {"deferred_expenses", "长期待摊费用", "Long-term deferred expenses", {"1801"}},
      {"deferred_tax_assets", "递延所得税资产", "Deferred tax assets", {"1811"}},
      {"non_current_assets", "非流动资产合计", "Total non-current assets", {},
       {"long_term_investments", "fixed_assets", "construction", "intangibles", "development", "deferred_expenses",
        "deferred_tax_assets"}, true},
      {"assets", "资产总计", "Total assets", {}, {"current_assets", "non_current_assets"}, true},
      {"short_term_loans", "短期借款", "Short-term borrowings", {"2001"}},
      {"notes_payable", "应付票据", "Notes payable", {"2201"}},
      {"payables", "应付账款", "Accounts payable", {"2202"}},
      {"advances", "预收款项", "Advances from customers", {"2203"}},
      {"payroll", "应付职工薪酬", "Employee benefits payable", {"2211"}},
      {"taxes", "应交税费", "Taxes payable", {"2221"}},
      {"other_payables", "其他应付款", "Other payables", {"2241", "2231", "2232"}},
      {"current_liabilities", "流动负债合计", "Total current liabilities", {},
       {"short_term_loans", "notes_payable", "payables", "advances", "payroll", "taxes", "other_payables"}, true},
      {"long_term_loans", "长期借款", "Long-term borrowings", {"2501"}},
      {"long_term_payables", "长期应付款", "Long-term payables", {"2701"}},
      {"deferred_tax_liabilities", "递延所得税负债", "Deferred tax liabilities", {"2901"}},
      {"non_current_liabilities", "非流动负债合计", "Total non-current liabilities", {},
       {"long_term_loans", "long_term_payables", "deferred_tax_liabilities"}, true},
      {"liabilities", "负债合计", "Total liabilities", {}, {"current_liabilities", "non_current_liabilities"}, true},
      {"paid_in_capital", "实收资本（或股本）", "Paid-in capital", {"4001"}},
      {"capital_reserve", "资本公积", "Capital reserve", {"4002"}},
      {"surplus_reserve", "盈余公积", "Surplus reserve", {"4101"}},
      // Profit not yet carried forward belongs here too, so the sheet balances mid-month.
      {"retained_earnings", "未分配利润", "Retained earnings", {"4103", "4104", "6*"}},
      {"equity", "所有者权益合计", "Total equity", {},
       {"paid_in_capital", "capital_reserve", "surplus_reserve", "retained_earnings"}, true},
      {"liabilities_and_equity", "负债和所有者权益总计", "Total liabilities and equity", {}, {"liabilities", "equity"},
       true},
  };
  return lines;
}

const std::vector<Line>& income_statement_lines() {
  static const std::vector<Line> lines = {
      {"revenue", "一、营业收入", "Revenue", {"6001", "6051"}},
      {"cost_of_sales", "减：营业成本", "Less: cost of sales", {"6401", "6402"}},
      {"taxes_and_surcharges", "税金及附加", "Taxes and surcharges", {"6403"}},
      {"selling_expenses", "销售费用", "Selling expenses", {"6601"}},
      {"administrative_expenses", "管理费用", "Administrative expenses", {"6602"}},
      {"financial_expenses", "财务费用", "Financial expenses", {"6603"}},
      {"impairment_losses", "资产减值损失", "Asset impairment losses", {"6701"}},
      {"fair_value_gains", "加：公允价值变动收益", "Add: gains from changes in fair value", {"6101"}},
      {"investment_income", "投资收益", "Investment income", {"6111"}},
      {"operating_profit", "二、营业利润", "Operating profit", {},
       {"revenue", "-cost_of_sales", "-taxes_and_surcharges", "-selling_expenses", "-administrative_expenses",
        "-financial_expenses", "-impairment_losses", "fair_value_gains", "investment_income"}, true},
      {"non_operating_income", "加：营业外收入", "Add: non-operating income", {"6301"}},
      {"non_operating_expenses", "减：营业外支出", "Less: non-operating expenses", {"6711"}},
      {"total_profit", "三、利润总额", "Total profit", {},
       {"operating_profit", "non_operating_income", "-non_operating_expenses"}, true},
      {"income_tax", "减：所得税费用", "Less: income tax expense", {"6801"}},
      {"net_profit", "四、净利润", "Net profit", {}, {"total_profit", "-income_tax"}, true},
  };
  return lines;
}

// Income-statement lines whose amount is the credit side (revenue and gains); the rest are debits.
bool credit_line(std::string_view key) {
  return key == "revenue" || key == "fair_value_gains" || key == "investment_income" || key == "non_operating_income";
}

// Evaluates every line from per-code figures (`figure(code)` for a four-digit code or "6*").
template <typename Figure>
std::map<std::string_view, Cents> evaluate(const std::vector<Line>& lines, Figure figure) {
  std::map<std::string_view, Cents> values;
  for (const Line& line : lines) {
    Cents value = 0;
    for (std::string_view code : line.accounts) {
      const bool minus = code.starts_with('-');
      const Cents part = figure(minus ? code.substr(1) : code, line.key);
      value += minus ? -part : part;
    }
    for (std::string_view key : line.lines) {
      const bool minus = key.starts_with('-');
      const Cents part = values[minus ? key.substr(1) : key];
      value += minus ? -part : part;
    }
    values[line.key] = value;
  }
  return values;
}

// Which books a statement reads: one company's, or the group's with the balances kept with
// member companies (customers and suppliers marked intercompany) eliminated.
struct Books {
  std::vector<std::int64_t> companies;
  bool eliminate = false;
};

// " IN ($k, $k+1, …)" over the companies, their values appended to `params`.
std::string companies_in(const Books& books, std::vector<Value>& params) {
  std::string sql = " IN (";
  for (std::size_t i = 0; i < books.companies.size(); ++i) {
    params.push_back(books.companies[i]);
    sql += (i > 0 ? ", $" : "$") + std::to_string(params.size());
  }
  return sql + ")";
}

// Debit-minus-credit per four-digit code and per category prefix, from balances of the periods
// starting before `before` (and, with `since`, not before it), optionally without carry-forwards.
// Eliminated intercompany balances are taken out; what did not cancel is under "ELIM".
Result<std::map<std::string, Cents, std::less<>>> net_by_code(Connection& c, const Books& books,
                                                              std::optional<Date> since, Date before,
                                                              bool without_carried) {
  const std::string amount = without_carried ? "b.debit - b.carried_debit - b.credit + b.carried_credit"
                                             : "b.debit - b.credit";
  std::vector<Value> params{before};
  std::string window = " AND p.starts_on < $1";
  if (since) {
    params.push_back(*since);
    window += " AND p.starts_on >= $2";
  }
  const std::string balance_companies = companies_in(books, params);
  auto rows = c.query("SELECT SUBSTR(a.code, 1, 4), CAST(SUM(" + amount + ") AS BIGINT) "
                      "FROM account_balances b JOIN accounts a ON a.id = b.account_id "
                      "JOIN fiscal_periods p ON p.id = b.period_id WHERE b.company_id" + balance_companies + window +
                          " GROUP BY SUBSTR(a.code, 1, 4)",
                      params);
  if (!rows) return rows.error();
  std::map<std::string, Cents, std::less<>> net;
  for (const Row& row : *rows) {
    const std::string code = row.text(0).value_or("");
    const Cents value = row.int64(1).value_or(0);
    net[code] += value;
    net[code.substr(0, 1) + "*"] += value;
  }
  if (!books.eliminate) return net;
  params.resize(since ? 2 : 1);
  const std::string line_companies = companies_in(books, params);
  auto eliminated = c.query(
      "SELECT SUBSTR(a.code, 1, 4), CAST(SUM(l.debit - l.credit) AS BIGINT) FROM voucher_lines l "
      "JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "JOIN fiscal_periods p ON p.id = l.period_id LEFT JOIN customers cu ON cu.id = l.customer_id "
      "LEFT JOIN suppliers su ON su.id = l.supplier_id WHERE v.state = 'posted' AND l.company_id" + line_companies +
          window + " AND a.category IN ('asset', 'liability') AND (cu.intercompany OR su.intercompany) "
          "GROUP BY SUBSTR(a.code, 1, 4)",
      params);
  if (!eliminated) return eliminated.error();
  for (const Row& row : *eliminated) {
    const std::string code = row.text(0).value_or("");
    const Cents value = row.int64(1).value_or(0);
    net[code] -= value;
    net[code.substr(0, 1) + "*"] -= value;
    net["ELIM"] += value;
  }
  return net;
}

Date after(const Period& period) { return Date::from_days(period.ends_on.to_days() + 1); }

}  // namespace

namespace {

Result<json::object> balance_sheet_of(Connection& c, const Books& books, const Period& at, std::string_view locale) {
  auto closing = net_by_code(c, books, std::nullopt, after(at), false);
  if (!closing) return closing.error();
  auto opening = net_by_code(c, books, std::nullopt, Date{at.year, 1, 1}, false);
  if (!opening) return opening.error();
  // Assets are debit balances; liabilities and equity (lines after 资产总计) credit balances.
  auto values_of = [](const std::map<std::string, Cents, std::less<>>& net) {
    bool asset_side = true;
    return evaluate(balance_sheet_lines(), [&](std::string_view code, std::string_view key) -> Cents {
      if (key == "short_term_loans") asset_side = false;
      const auto found = net.find(code);
      const Cents value = found == net.end() ? 0 : found->second;
      return asset_side ? value : -value;
    });
  };
  auto at_end = values_of(*closing);
  auto at_start = values_of(*opening);
  const bool english = locale.starts_with("en");
  json::array lines;
  for (const Line& line : balance_sheet_lines()) {
    lines.push_back(json::object{{"key", line.key},
                                 {"label", english ? line.en : line.zh},
                                 {"total", line.total},
                                 {"closing", format_amount(at_end[line.key])},
                                 {"year_opening", format_amount(at_start[line.key])}});
  }
  json::object sheet{{"at", at.code()},
                     {"date", at.ends_on.to_string()},
                     {"lines", std::move(lines)},
                     {"balanced", at_end["assets"] == at_end["liabilities_and_equity"] &&
                                      at_start["assets"] == at_start["liabilities_and_equity"]}};
  if (books.eliminate) {
    const auto found = closing->find("ELIM");
    sheet["consolidated"] = true;
    sheet["elimination_difference"] = format_amount(found == closing->end() ? 0 : found->second);
  }
  return sheet;
}

Result<json::object> income_statement_of(Connection& c, const Books& books, const PeriodRange& range,
                                         std::string_view locale) {
  auto in_range = net_by_code(c, books, range.from.starts_on, after(range.to), true);
  if (!in_range) return in_range.error();
  auto year_to_date = net_by_code(c, books, Date{range.to.year, 1, 1}, after(range.to), true);
  if (!year_to_date) return year_to_date.error();
  auto values_of = [](const std::map<std::string, Cents, std::less<>>& net) {
    return evaluate(income_statement_lines(), [&](std::string_view code, std::string_view key) -> Cents {
      const auto found = net.find(code);
      const Cents value = found == net.end() ? 0 : found->second;
      return credit_line(key) ? -value : value;
    });
  };
  auto current = values_of(*in_range);
  auto cumulative = values_of(*year_to_date);
  const bool english = locale.starts_with("en");
  json::array lines;
  for (const Line& line : income_statement_lines()) {
    lines.push_back(json::object{{"key", line.key},
                                 {"label", english ? line.en : line.zh},
                                 {"total", line.total},
                                 {"amount", format_amount(current[line.key])},
                                 {"year_to_date", format_amount(cumulative[line.key])}});
  }
  return json::object{{"from", range.from.code()}, {"to", range.to.code()}, {"lines", std::move(lines)}};
}

}  // namespace

Result<json::object> balance_sheet(Connection& c, std::int64_t company, const Period& at, std::string_view locale) {
  return balance_sheet_of(c, Books{.companies = {company}}, at, locale);
}

Result<json::object> income_statement(Connection& c, std::int64_t company, const PeriodRange& range,
                                      std::string_view locale) {
  return income_statement_of(c, Books{.companies = {company}}, range, locale);
}

Result<json::object> consolidated_balance_sheet(Connection& c, const std::vector<std::int64_t>& companies,
                                                const Period& at, std::string_view locale) {
  return balance_sheet_of(c, Books{.companies = companies, .eliminate = true}, at, locale);
}

Result<json::object> consolidated_income_statement(Connection& c, const std::vector<std::int64_t>& companies,
                                                   const PeriodRange& range, std::string_view locale) {
  auto statement = income_statement_of(c, Books{.companies = companies, .eliminate = true}, range, locale);
  if (statement) (*statement)["consolidated"] = true;
  return statement;
}

}  // namespace verp::finance

namespace verp::finance {

namespace {

Result<json::object> cash_flow_of(Connection& c, const Books& books, const PeriodRange& range,
                                  std::string_view locale) {
  // Cash lines of vouchers that also touch a non-cash account.
  std::vector<Value> params{range.from.starts_on, range.to.ends_on};
  const std::string voucher_companies = companies_in(books, params);
  auto rows = c.query(
      "SELECT COALESCE(l.cash_flow_item, ''), CAST(SUM(l.debit - l.credit) AS BIGINT) "
      "FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "WHERE v.company_id" + voucher_companies + " AND v.state = 'posted' AND a.is_cash AND v.voucher_date >= $1 "
      "AND v.voucher_date <= $2 AND EXISTS (SELECT 1 FROM voucher_lines o JOIN accounts oa ON oa.id = o.account_id "
      "WHERE o.voucher_id = v.id AND NOT oa.is_cash) GROUP BY COALESCE(l.cash_flow_item, '')",
      params);
  if (!rows) return rows.error();
  std::map<std::string, Cents, std::less<>> by_item;
  for (const Row& row : *rows) by_item[row.text(0).value_or("")] += row.int64(1).value_or(0);

  auto cash_before = [&](Date before) -> Result<Cents> {
    std::vector<Value> values{before};
    const std::string balance_companies = companies_in(books, values);
    auto row = c.query_row("SELECT CAST(COALESCE(SUM(b.debit - b.credit), 0) AS BIGINT) FROM account_balances b "
                           "JOIN accounts a ON a.id = b.account_id JOIN fiscal_periods p ON p.id = b.period_id "
                           "WHERE b.company_id" + balance_companies + " AND a.is_cash AND p.starts_on < $1",
                           values);
    if (!row) return row.error();
    return (*row)->int64(0).value_or(0);
  };
  auto opening = cash_before(range.from.starts_on);
  if (!opening) return opening.error();
  auto closing = cash_before(after(range.to));
  if (!closing) return closing.error();

  const bool english = locale.starts_with("en");
  json::array lines;
  Cents net_change = 0;
  for (std::string_view activity : {"operating", "investing", "financing"}) {
    Cents inflow = 0, outflow = 0;
    for (const CashFlowItem& item : cash_flow_items()) {
      if (item.activity != activity) continue;
      const auto found = by_item.find(item.code);
      const Cents amount = found == by_item.end() ? 0 : found->second;
      // An inflow item shows money in; an outflow item shows money out as a positive amount.
      const Cents shown = item.inflow ? amount : -amount;
      (item.inflow ? inflow : outflow) += shown;
      lines.push_back(json::object{{"key", item.code}, {"label", english ? item.en : item.zh}, {"total", false},
                                   {"amount", format_amount(shown)}});
    }
    const std::string name(activity);
    lines.push_back(json::object{{"key", name + "_inflow"},
                                 {"label", english ? "Subtotal of " + name + " inflows" : std::string(activity == "operating" ? "经营" : activity == "investing" ? "投资" : "筹资") + "活动现金流入小计"},
                                 {"total", true}, {"amount", format_amount(inflow)}});
    lines.push_back(json::object{{"key", name + "_outflow"},
                                 {"label", english ? "Subtotal of " + name + " outflows" : std::string(activity == "operating" ? "经营" : activity == "investing" ? "投资" : "筹资") + "活动现金流出小计"},
                                 {"total", true}, {"amount", format_amount(outflow)}});
    lines.push_back(json::object{{"key", name + "_net"},
                                 {"label", english ? "Net cash from " + name + " activities" : std::string(activity == "operating" ? "经营" : activity == "investing" ? "投资" : "筹资") + "活动产生的现金流量净额"},
                                 {"total", true}, {"amount", format_amount(inflow - outflow)}});
    net_change += inflow - outflow;
  }
  const auto unclassified = by_item.find("");
  const Cents untagged = unclassified == by_item.end() ? 0 : unclassified->second;
  lines.push_back(json::object{{"key", "unclassified"},
                               {"label", english ? "Cash lines without a cash-flow item" : "未指定现金流量项目的收支"},
                               {"total", false}, {"amount", format_amount(untagged)}});
  net_change += untagged;
  lines.push_back(json::object{{"key", "net_change"},
                               {"label", english ? "Net increase in cash and cash equivalents" : "现金及现金等价物净增加额"},
                               {"total", true}, {"amount", format_amount(net_change)}});
  lines.push_back(json::object{{"key", "opening_cash"},
                               {"label", english ? "Cash at the beginning of the period" : "期初现金及现金等价物余额"},
                               {"total", false}, {"amount", format_amount(*opening)}});
  lines.push_back(json::object{{"key", "closing_cash"},
                               {"label", english ? "Cash at the end of the period" : "期末现金及现金等价物余额"},
                               {"total", true}, {"amount", format_amount(*opening + net_change)}});
  return json::object{{"from", range.from.code()},
                      {"to", range.to.code()},
                      {"lines", std::move(lines)},
                      {"reconciled", *opening + net_change == *closing}};
}

}  // namespace

Result<json::object> cash_flow_statement(Connection& c, std::int64_t company, const PeriodRange& range,
                                         std::string_view locale) {
  return cash_flow_of(c, Books{.companies = {company}}, range, locale);
}

Result<json::object> consolidated_cash_flow_statement(Connection& c, const std::vector<std::int64_t>& companies,
                                                      const PeriodRange& range, std::string_view locale) {
  auto statement = cash_flow_of(c, Books{.companies = companies}, range, locale);
  if (statement) (*statement)["consolidated"] = true;
  return statement;
}

}  // namespace verp::finance
