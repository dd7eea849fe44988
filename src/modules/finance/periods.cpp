// Fiscal periods (会计期间): the twelve calendar months of a year, each open until 结账, closed
// in order and reopened only from the latest, with a reason in the audit log.
#include <boost/json.hpp>
#include <cstdio>

#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/audit/audit_log.hpp"

namespace verp::finance {

using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr const char* kColumns = "id, year, month, starts_on, ends_on, state";

Result<Period> period_from(const Row& row) {
  Period period;
  auto id = row.int64(0);
  auto year = row.int64(1);
  auto month = row.int64(2);
  auto starts = row.date(3);
  auto ends = row.date(4);
  auto state = row.text(5);
  if (!id || !year || !month || !starts || !ends || !state) return make_error(ErrorKind::internal, "finance.bad_period");
  period.id = *id;
  period.year = static_cast<int>(*year);
  period.month = static_cast<int>(*month);
  period.starts_on = *starts;
  period.ends_on = *ends;
  period.state = *state;
  return period;
}

Result<std::optional<Period>> one_period(Connection& c, std::string_view where, std::initializer_list<Value> params) {
  auto row = c.query_row(std::string("SELECT ") + kColumns + " FROM fiscal_periods WHERE " + std::string(where), params);
  if (!row) return row.error();
  if (!*row) return std::optional<Period>();
  auto period = period_from(**row);
  if (!period) return period.error();
  return std::optional<Period>(*period);
}

int days_in_month(int year, int month) {
  const Date first{year, month, 1};
  const Date next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
  return static_cast<int>(next.to_days() - first.to_days());
}

Status audit_period(Connection& c, const Actor& actor, std::string action, const Period& period,
                    boost::json::object change) {
  change["period"] = period.code();
  return audit_ledger(c, actor, std::move(action), "fiscal_period", period.id, change);
}

}  // namespace

std::string period_code(int year, int month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  return text;
}

Result<std::vector<Period>> open_fiscal_year(Connection& c, const Actor& actor, int year) {
  if (year < 2000 || year > 2099) {
    return field_error("year", "out_of_range", "finance.year_out_of_range");
  }
  const std::int64_t company = actor.principal.company_id;
  auto existing = c.query_row("SELECT 1 FROM fiscal_periods WHERE company_id = $1 AND year = $2", {company, year});
  if (!existing) return existing.error();
  if (*existing) {
    Error error = make_error(ErrorKind::conflict, "finance.year_exists");
    error.args = {{"year", std::to_string(year)}};
    return error;
  }
  std::vector<Period> periods;
  for (int month = 1; month <= 12; ++month) {
    const Date starts{year, month, 1};
    const Date ends{year, month, days_in_month(year, month)};
    auto id = c.query_row(
        "INSERT INTO fiscal_periods (company_id, year, month, starts_on, ends_on, state) "
        "VALUES ($1, $2, $3, $4, $5, 'open') RETURNING id",
        {company, year, month, starts, ends});
    if (!id) return id.error();
    periods.push_back(Period{.id = (*id)->int64(0).value_or(0), .year = year, .month = month, .starts_on = starts,
                             .ends_on = ends, .state = "open"});
  }
  if (Status audited = audit_ledger(c, actor, "fiscal_year.open", "fiscal_year", year, {{"year", year}}); !audited) {
    return audited.error();
  }
  return periods;
}

Result<std::optional<Period>> period_of(Connection& c, std::int64_t company, Date date) {
  return one_period(c, "company_id = $1 AND starts_on <= $2 AND ends_on >= $2", {company, date});
}

Result<std::optional<Period>> find_period(Connection& c, std::int64_t company, std::int64_t id) {
  return one_period(c, "company_id = $1 AND id = $2", {company, id});
}

Result<std::optional<Period>> period_by_code(Connection& c, std::int64_t company, std::string_view code) {
  int year = 0;
  int month = 0;
  char tail = 0;
  const std::string text(code);
  if (code.size() != 7 || std::sscanf(text.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2) {
    return std::optional<Period>();
  }
  return one_period(c, "company_id = $1 AND year = $2 AND month = $3", {company, year, month});
}

Result<std::vector<Period>> periods_of(Connection& c, std::int64_t company, std::optional<int> year) {
  auto rows = year ? c.query(std::string("SELECT ") + kColumns +
                                 " FROM fiscal_periods WHERE company_id = $1 AND year = $2 ORDER BY starts_on",
                             {company, *year})
                   : c.query(std::string("SELECT ") + kColumns +
                                 " FROM fiscal_periods WHERE company_id = $1 ORDER BY starts_on",
                             {company});
  if (!rows) return rows.error();
  std::vector<Period> periods;
  for (const Row& row : *rows) {
    auto period = period_from(row);
    if (!period) return period.error();
    periods.push_back(*period);
  }
  return periods;
}

Result<Period> close_period(Connection& c, const Actor& actor, std::int64_t period_id) {
  const std::int64_t company = actor.principal.company_id;
  // Lock the period row first: a voucher posted into it concurrently waits or sees it closed.
  auto locked = c.execute("UPDATE fiscal_periods SET state = state WHERE id = $1 AND company_id = $2",
                          {period_id, company});
  if (!locked) return locked.error();
  auto found = find_period(c, company, period_id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  Period period = **found;
  if (period.state != "open") return make_error(ErrorKind::invalid_transition, "finance.period_not_open");
  auto earlier = c.query_row("SELECT year, month FROM fiscal_periods WHERE company_id = $1 AND state = 'open' "
                             "AND starts_on < $2 ORDER BY starts_on LIMIT 1",
                             {company, period.starts_on});
  if (!earlier) return earlier.error();
  if (*earlier) {
    Error error = make_error(ErrorKind::conflict, "finance.period_not_next");
    error.args = {{"earlier", period_code(static_cast<int>((*earlier)->int64(0).value_or(0)),
                                          static_cast<int>((*earlier)->int64(1).value_or(0)))}};
    return error;
  }
  auto unposted = c.query_row(
      "SELECT COUNT(*) FROM vouchers WHERE period_id = $1 AND state IN ('draft', 'reviewed')", {period_id});
  if (!unposted) return unposted.error();
  if (const auto count = (*unposted)->int64(0).value_or(0); count > 0) {
    Error error = make_error(ErrorKind::conflict, "finance.period_has_unposted");
    error.args = {{"count", std::to_string(count)}};
    return error;
  }
  // Profit and loss stands at zero once 结转损益 is posted: cumulative through this period,
  // because every earlier period closed only after its own carry-forward.
  auto uncarried = c.query_row(
      "SELECT COUNT(*) FROM (SELECT b.account_id FROM account_balances b "
      "JOIN accounts a ON a.id = b.account_id JOIN fiscal_periods p ON p.id = b.period_id "
      "WHERE b.company_id = $1 AND a.category = 'profit_loss' AND p.starts_on <= $2 "
      "GROUP BY b.account_id HAVING SUM(b.debit) <> SUM(b.credit)) AS open_accounts",
      {company, period.starts_on});
  if (!uncarried) return uncarried.error();
  if ((*uncarried)->int64(0).value_or(0) > 0) {
    return make_error(ErrorKind::conflict, "finance.profit_loss_not_carried");
  }
  auto closed = c.execute("UPDATE fiscal_periods SET state = 'closed', closed_by = $1, closed_at = $2 WHERE id = $3",
                          {actor.principal.user_id, Timestamp::from_system(actor.clock.now()), period_id});
  if (!closed) return closed.error();
  if (Status audited = audit_period(c, actor, "fiscal_period.close", period, {}); !audited) return audited.error();
  period.state = "closed";
  return period;
}

Result<Period> reopen_period(Connection& c, const Actor& actor, std::int64_t period_id, std::string_view reason) {
  if (reason.empty()) return field_error("reason", "required", "finance.reopen_needs_reason");
  const std::int64_t company = actor.principal.company_id;
  auto found = find_period(c, company, period_id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  Period period = **found;
  if (period.state != "closed") return make_error(ErrorKind::invalid_transition, "finance.period_not_closed");
  auto later = c.query_row(
      "SELECT 1 FROM fiscal_periods WHERE company_id = $1 AND state = 'closed' AND starts_on > $2 LIMIT 1",
      {company, period.starts_on});
  if (!later) return later.error();
  if (*later) return make_error(ErrorKind::conflict, "finance.period_not_latest_closed");
  auto reopened = c.execute(
      "UPDATE fiscal_periods SET state = 'open', closed_by = NULL, closed_at = NULL WHERE id = $1", {period_id});
  if (!reopened) return reopened.error();
  if (Status audited = audit_period(c, actor, "fiscal_period.reopen", period, {{"reason", reason}}); !audited) {
    return audited.error();
  }
  period.state = "open";
  return period;
}

Result<Settings> settings_of(Connection& c, std::int64_t company) {
  auto row = c.query_row("SELECT voucher_words, cashier_sign_off FROM finance_settings WHERE company_id = $1",
                         {company});
  if (!row) return row.error();
  Settings settings;
  if (*row) {
    settings.voucher_words = (*row)->text(0).value_or("single");
    settings.cashier_sign_off = (*row)->boolean(1).value_or(false);
  }
  return settings;
}

Status save_settings(Connection& c, const Actor& actor, const Settings& settings) {
  if (settings.voucher_words != "single" && settings.voucher_words != "split") {
    return field_error("voucher_words", "invalid", "finance.voucher_words_invalid");
  }
  auto saved = c.execute(
      "INSERT INTO finance_settings (company_id, voucher_words, cashier_sign_off) VALUES ($1, $2, $3) "
      "ON CONFLICT (company_id) DO UPDATE SET voucher_words = excluded.voucher_words, "
      "cashier_sign_off = excluded.cashier_sign_off",
      {actor.principal.company_id, settings.voucher_words, settings.cashier_sign_off});
  if (!saved) return saved.error();
  return audit_ledger(c, actor, "finance_settings.update", "finance_settings", actor.principal.company_id,
                      {{"voucher_words", settings.voucher_words}, {"cashier_sign_off", settings.cashier_sign_off}});
}

}  // namespace verp::finance
