// What `verp check` proves about the ledger: every voucher balances and its header totals match
// its lines; posted debits equal posted credits per period and per company; and each maintained
// account balance equals the sum of the posted lines it stands for.
#include <array>
#include <map>
#include <tuple>

#include "modules/finance/finance_module.hpp"
#include "modules/finance/ledger.hpp"

namespace verp::finance {

using storage::Database;
using storage::Row;

namespace {

using Problems = std::vector<std::string>;

Result<Problems> vouchers_balance(Database& database) {
  return database.read([](storage::Connection& c) -> Result<Problems> {
    Problems problems;
    auto vouchers = c.query(
        "SELECT v.id, v.company_id, MIN(v.debit_total), MIN(v.credit_total), CAST(SUM(l.debit) AS BIGINT), "
        "CAST(SUM(l.credit) AS BIGINT) FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id "
        "WHERE v.state <> 'void' GROUP BY v.id, v.company_id "
        "HAVING SUM(l.debit) <> SUM(l.credit) OR SUM(l.debit) <> MIN(v.debit_total) "
        "OR SUM(l.credit) <> MIN(v.credit_total)");
    if (!vouchers) return vouchers.error();
    for (const Row& row : *vouchers) {
      problems.push_back("voucher " + std::to_string(row.int64(0).value_or(0)) + " of company " +
                         std::to_string(row.int64(1).value_or(0)) + ": lines debit " +
                         format_amount(row.int64(4).value_or(0)) + ", credit " + format_amount(row.int64(5).value_or(0)) +
                         "; header " + format_amount(row.int64(2).value_or(0)) + " / " +
                         format_amount(row.int64(3).value_or(0)));
    }
    auto periods = c.query(
        "SELECT v.company_id, v.period_id, CAST(SUM(l.debit) AS BIGINT), CAST(SUM(l.credit) AS BIGINT) "
        "FROM vouchers v JOIN voucher_lines l ON l.voucher_id = v.id WHERE v.state = 'posted' "
        "GROUP BY v.company_id, v.period_id HAVING SUM(l.debit) <> SUM(l.credit)");
    if (!periods) return periods.error();
    for (const Row& row : *periods) {
      problems.push_back("company " + std::to_string(row.int64(0).value_or(0)) + ", period " +
                         std::to_string(row.int64(1).value_or(0)) + ": posted debits " +
                         format_amount(row.int64(2).value_or(0)) + " ≠ credits " + format_amount(row.int64(3).value_or(0)));
    }
    auto companies = c.query(
        "SELECT company_id, CAST(SUM(debit) AS BIGINT), CAST(SUM(credit) AS BIGINT) FROM account_balances "
        "GROUP BY company_id HAVING SUM(debit) <> SUM(credit)");
    if (!companies) return companies.error();
    for (const Row& row : *companies) {
      problems.push_back("company " + std::to_string(row.int64(0).value_or(0)) + ": ledger debits " +
                         format_amount(row.int64(1).value_or(0)) + " ≠ credits " + format_amount(row.int64(2).value_or(0)));
    }
    return problems;
  });
}

Result<Problems> balances_match_lines(Database& database) {
  return database.read([](storage::Connection& c) -> Result<Problems> {
    using Key = std::pair<std::int64_t, std::int64_t>;  // account, period
    using Sums = std::array<Cents, 4>;                   // debit, credit, carried debit, carried credit
    std::map<Key, Sums> from_lines;
    std::map<Key, Sums> kept;
    auto lines = c.query(
        "SELECT l.account_id, v.period_id, CAST(SUM(l.debit) AS BIGINT), CAST(SUM(l.credit) AS BIGINT), "
        "CAST(SUM(CASE WHEN v.source_type = 'carry_forward' THEN l.debit ELSE 0 END) AS BIGINT), "
        "CAST(SUM(CASE WHEN v.source_type = 'carry_forward' THEN l.credit ELSE 0 END) AS BIGINT) "
        "FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.state = 'posted' "
        "GROUP BY l.account_id, v.period_id");
    if (!lines) return lines.error();
    for (const Row& row : *lines) {
      from_lines[{row.int64(0).value_or(0), row.int64(1).value_or(0)}] = {
          row.int64(2).value_or(0), row.int64(3).value_or(0), row.int64(4).value_or(0), row.int64(5).value_or(0)};
    }
    auto balances =
        c.query("SELECT account_id, period_id, debit, credit, carried_debit, carried_credit FROM account_balances");
    if (!balances) return balances.error();
    for (const Row& row : *balances) {
      const Sums sums{row.int64(2).value_or(0), row.int64(3).value_or(0), row.int64(4).value_or(0),
                      row.int64(5).value_or(0)};
      if (sums == Sums{}) continue;
      kept[{row.int64(0).value_or(0), row.int64(1).value_or(0)}] = sums;
    }
    Problems problems;
    auto describe = [](const Key& key, const Sums& want, const Sums& have) {
      std::string text = "account " + std::to_string(key.first) + ", period " + std::to_string(key.second) + ": lines";
      for (Cents value : want) text += " " + format_amount(value);
      text += ", balance";
      for (Cents value : have) text += " " + format_amount(value);
      return text;
    };
    for (const auto& [key, sums] : from_lines) {
      const auto found = kept.find(key);
      const Sums have = found == kept.end() ? Sums{} : found->second;
      if (have != sums && !(sums == Sums{} && found == kept.end())) problems.push_back(describe(key, sums, have));
    }
    for (const auto& [key, sums] : kept) {
      if (!from_lines.contains(key)) problems.push_back(describe(key, Sums{}, sums));
    }
    return problems;
  });
}

}  // namespace

std::vector<Check> ledger_checks() {
  return {Check{.name = "ledger: every voucher, period and company balances", .run = vouchers_balance},
          Check{.name = "ledger: account balances equal their posted lines", .run = balances_match_lines}};
}

}  // namespace verp::finance
