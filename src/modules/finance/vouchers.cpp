// The voucher lifecycle: create, edit a draft, review, cashier's signature, post, void, delete
// the last draft, reverse a posted voucher, and 结转损益. Each function is one step inside the
// caller's transaction; state changes are conditional UPDATEs, so two people acting on the same
// voucher at once cannot both succeed.
#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/budgets.hpp"
#include "modules/finance/open_items.hpp"
#include "modules/finance/voucher_rules.hpp"

namespace verp::finance {

using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Timestamp;
using storage::Value;

namespace {

struct Header {
  std::int64_t id = 0;
  std::int64_t period_id = 0;
  std::string word;
  std::int64_t number = 0;
  Date date;
  std::string state;
  std::int64_t preparer_id = 0;
  std::optional<std::int64_t> cashier_id;
  std::optional<std::int64_t> reverses_id;
  std::optional<std::int64_t> reversed_by_id;
  std::int64_t version = 0;
};

Result<std::optional<Header>> load_header(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(
      "SELECT id, period_id, word, number, voucher_date, state, preparer_id, cashier_id, reverses_id, "
      "reversed_by_id, version FROM vouchers WHERE id = $1 AND company_id = $2",
      {id, company});
  if (!row) return row.error();
  if (!*row) return std::optional<Header>();
  const Row& r = **row;
  Header header{.id = r.int64(0).value_or(0), .period_id = r.int64(1).value_or(0), .word = r.text(2).value_or(""),
                .number = r.int64(3).value_or(0), .date = r.date(4).value_or(Date{}), .state = r.text(5).value_or(""),
                .preparer_id = r.int64(6).value_or(0)};
  if (!r.is_null(7)) header.cashier_id = r.int64(7).value_or(0);
  if (!r.is_null(8)) header.reverses_id = r.int64(8).value_or(0);
  if (!r.is_null(9)) header.reversed_by_id = r.int64(9).value_or(0);
  header.version = r.int64(10).value_or(0);
  return std::optional<Header>(header);
}

VoucherRef ref_of(const Header& header) {
  return VoucherRef{.id = header.id, .word = header.word, .number = header.number, .state = header.state,
                    .version = header.version};
}

std::string label_of(std::string_view word, std::int64_t number) { return voucher_label(word, number); }

// Whether a line of the voucher is on a cash or bank account.
Result<bool> touches_cash(Connection& c, std::int64_t voucher) {
  auto cash = c.query_row("SELECT 1 FROM voucher_lines l JOIN accounts a ON a.id = l.account_id "
                          "WHERE l.voucher_id = $1 AND a.is_cash LIMIT 1",
                          {voucher});
  if (!cash) return cash.error();
  return cash->has_value();
}

Error wrong_state(std::string_view expected) {
  return make_error(ErrorKind::invalid_transition, "finance.voucher_not_" + std::string(expected));
}

Status insert_lines(Connection& c, std::int64_t company, std::int64_t period, std::int64_t voucher,
                    const VoucherInput& input) {
  std::vector<std::vector<Value>> rows;
  rows.reserve(input.lines.size());
  std::int64_t seq = 0;
  for (const LineInput& line : input.lines) {
    rows.push_back({voucher, company, period, ++seq, line.summary, line.account_id, line.debit, line.credit,
                    Value(line.customer_id), Value(line.supplier_id), Value(line.department_id),
                    Value(line.employee_id), Value(line.project_id), Value(line.item_id),
                    line.cash_flow_item.empty() ? Value() : Value(line.cash_flow_item)});
  }
  auto inserted = c.execute_batch(
      "INSERT INTO voucher_lines (voucher_id, company_id, period_id, seq, summary, account_id, debit, credit, "
      "customer_id, supplier_id, department_id, employee_id, project_id, item_id, cash_flow_item) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      rows);
  if (!inserted) return inserted.error();
  return {};
}

// The next number of the company's period and word, under the sequence row's lock.
Result<std::int64_t> next_number(Connection& c, std::int64_t company, std::int64_t period, std::string_view word) {
  auto row = c.query_row(
      "INSERT INTO voucher_sequences (company_id, period_id, word, last_number) VALUES ($1, $2, $3, 1) "
      "ON CONFLICT (company_id, period_id, word) DO UPDATE SET last_number = voucher_sequences.last_number + 1 "
      "RETURNING last_number",
      {company, period, std::string(word)});
  if (!row) return row.error();
  return (*row)->int64(0);
}

boost::json::object totals(const CheckedVoucher& checked) {
  return {{"date", checked.input.date.to_string()},
          {"lines", checked.input.lines.size()},
          {"debit_total", format_amount(checked.debit_total)},
          {"credit_total", format_amount(checked.credit_total)}};
}

// The lines as a compact audit snapshot: account, debit, credit per line.
Result<boost::json::array> line_snapshot(Connection& c, std::int64_t voucher) {
  auto rows = c.query("SELECT a.code, l.debit, l.credit FROM voucher_lines l JOIN accounts a ON a.id = l.account_id "
                      "WHERE l.voucher_id = $1 ORDER BY l.seq",
                      {voucher});
  if (!rows) return rows.error();
  boost::json::array lines;
  for (const Row& row : *rows) {
    lines.push_back(boost::json::array{row.text(0).value_or(""), format_amount(row.int64(1).value_or(0)),
                                       format_amount(row.int64(2).value_or(0))});
  }
  return lines;
}

Status lock_open_period(Connection& c, std::int64_t period_id) {
  auto locked = c.execute("UPDATE fiscal_periods SET state = state WHERE id = $1 AND state = 'open'", {period_id});
  if (!locked) return locked.error();
  if (*locked == 0) return make_error(ErrorKind::conflict, "finance.period_closed");
  return {};
}

Result<VoucherRef> insert_voucher(Connection& c, const Actor& actor, const CheckedVoucher& checked,
                                  std::optional<std::int64_t> reverses) {
  const std::int64_t company = actor.principal.company_id;
  const VoucherInput& input = checked.input;
  auto number = next_number(c, company, checked.period.id, input.word);
  if (!number) return number.error();
  auto id = c.query_row(
      "INSERT INTO vouchers (company_id, period_id, word, number, voucher_date, state, attachments, summary, "
      "debit_total, credit_total, preparer_id, prepared_at, source_type, source_id, reverses_id, version) "
      "VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14, 1) RETURNING id",
      {company, checked.period.id, input.word, *number, input.date, input.attachments, input.lines.front().summary,
       checked.debit_total, checked.credit_total, actor.principal.user_id, Timestamp::from_system(actor.clock.now()),
       input.source_type.empty() ? Value() : Value(input.source_type), Value(input.source_id), Value(reverses)});
  if (!id) return id.error();
  const std::int64_t voucher = (*id)->int64(0).value_or(0);
  if (Status lines = insert_lines(c, company, checked.period.id, voucher, input); !lines) return lines.error();
  auto change = totals(checked);
  change["voucher"] = label_of(input.word, *number);
  change["period"] = checked.period.code();
  if (!input.source_type.empty()) change["source"] = input.source_type + ":" + std::to_string(input.source_id.value_or(0));
  if (reverses) change["reverses_id"] = *reverses;
  if (Status audited = audit_ledger(c, actor, "voucher.create", "voucher", voucher, change); !audited) {
    return audited.error();
  }
  if (Status published = publish_voucher(c, actor, voucher, "created"); !published) return published.error();
  return VoucherRef{.id = voucher, .word = input.word, .number = *number, .state = "draft", .version = 1};
}

}  // namespace

std::string voucher_label(std::string_view word, std::int64_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return std::string(word_mark(word)) + "-" + digits;
}

std::string_view word_mark(std::string_view word) {
  if (word == "receipt") return "收";
  if (word == "payment") return "付";
  if (word == "transfer") return "转";
  return "记";
}

Result<VoucherRef> create_voucher(Connection& c, const Actor& actor, const VoucherInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto settings = settings_of(c, company);
  if (!settings) return settings.error();
  auto checked = check_voucher(c, company, *settings, input);
  if (!checked) return checked.error();
  auto made = insert_voucher(c, actor, *checked, std::nullopt);
  if (!made) return made.error();
  auto overruns = voucher_budget_overruns(c, company, made->id);
  if (!overruns) return overruns.error();
  made->over_budget = std::move(*overruns);
  return made;
}

Result<VoucherRef> update_voucher(Connection& c, const Actor& actor, std::int64_t id, std::int64_t version,
                                  const VoucherInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto found = load_header(c, company, id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  const Header& header = **found;
  if (header.state != "draft") return wrong_state("draft");
  if (header.version != version) return make_error(ErrorKind::conflict, "entity.stale_version");
  auto settings = settings_of(c, company);
  if (!settings) return settings.error();
  VoucherInput wanted = input;
  if (wanted.word.empty()) wanted.word = header.word;
  if (wanted.source_type.empty()) {
    auto source = c.query_row("SELECT source_type, source_id FROM vouchers WHERE id = $1", {id});
    if (!source) return source.error();
    if (!(*source)->is_null(0)) {
      wanted.source_type = (*source)->text(0).value_or("");
      wanted.source_id = (*source)->int64(1).value_or(0);
    }
  }
  auto checked = check_voucher(c, company, *settings, wanted);
  if (!checked) return checked.error();
  // The number belongs to the period and word: moving either would leave a gap behind.
  std::vector<FieldError> moved;
  if (checked->period.id != header.period_id) {
    moved.push_back(FieldError{"date", "changes_period", "finance.date_changes_period", {}});
  }
  if (checked->input.word != header.word) moved.push_back(FieldError{"word", "changes_word", "finance.word_changes", {}});
  if (!moved.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(moved);
    return error;
  }
  auto before = line_snapshot(c, id);
  if (!before) return before.error();
  auto updated = c.execute(
      "UPDATE vouchers SET voucher_date = $1, attachments = $2, summary = $3, debit_total = $4, credit_total = $5, "
      "cashier_id = NULL, cashier_at = NULL, version = version + 1 "
      "WHERE id = $6 AND company_id = $7 AND state = 'draft' AND version = $8",
      {checked->input.date, checked->input.attachments, checked->input.lines.front().summary, checked->debit_total,
       checked->credit_total, id, company, version});
  if (!updated) return updated.error();
  if (*updated == 0) return make_error(ErrorKind::conflict, "entity.stale_version");
  auto removed = c.execute("DELETE FROM voucher_lines WHERE voucher_id = $1", {id});
  if (!removed) return removed.error();
  if (Status lines = insert_lines(c, company, header.period_id, id, checked->input); !lines) return lines.error();
  auto change = totals(*checked);
  change["voucher"] = label_of(header.word, header.number);
  change["lines_before"] = std::move(*before);
  if (Status audited = audit_ledger(c, actor, "voucher.update", "voucher", id, change); !audited) {
    return audited.error();
  }
  if (Status published = publish_voucher(c, actor, id, "updated"); !published) return published.error();
  Header after = header;
  after.version = version + 1;
  VoucherRef ref = ref_of(after);
  auto overruns = voucher_budget_overruns(c, company, id);
  if (!overruns) return overruns.error();
  ref.over_budget = std::move(*overruns);
  return ref;
}

Result<VoucherRef> act_on_voucher(Connection& c, const Actor& actor, std::int64_t id, VoucherAction action) {
  const std::int64_t company = actor.principal.company_id;
  const std::int64_t me = actor.principal.user_id;
  const Timestamp now = Timestamp::from_system(actor.clock.now());
  auto found = load_header(c, company, id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  Header header = **found;

  std::string sql;
  std::vector<Value> params;
  std::vector<BudgetOverrun> warnings;
  std::string from;
  std::string to;
  std::string verb;
  switch (action) {
    case VoucherAction::review:
      if (header.state != "draft") return wrong_state("draft");
      if (header.preparer_id == me) return make_error(ErrorKind::forbidden, "finance.reviewer_is_preparer");
      from = "draft", to = "reviewed", verb = "review";
      sql = "reviewer_id = $4, reviewed_at = $5";
      params = {me, now};
      break;
    case VoucherAction::unreview:
      if (header.state != "reviewed") return wrong_state("reviewed");
      from = "reviewed", to = "draft", verb = "unreview";
      sql = "reviewer_id = NULL, reviewed_at = NULL";
      break;
    case VoucherAction::cashier_sign: {
      if (header.state != "draft" && header.state != "reviewed") return wrong_state("draft");
      auto cash = touches_cash(c, id);
      if (!cash) return cash.error();
      if (!*cash) return make_error(ErrorKind::invalid_transition, "finance.no_cash_line");
      from = to = header.state, verb = "cashier_sign";
      sql = "cashier_id = $4, cashier_at = $5";
      params = {me, now};
      break;
    }
    case VoucherAction::post: {
      if (header.state != "reviewed") return wrong_state("reviewed");
      auto settings = settings_of(c, company);
      if (!settings) return settings.error();
      if (settings->cashier_sign_off && !header.cashier_id) {
        auto cash = touches_cash(c, id);
        if (!cash) return cash.error();
        if (*cash) return make_error(ErrorKind::conflict, "finance.cashier_sign_missing");
      }
      if (Status open = lock_open_period(c, header.period_id); !open) return open.error();
      auto overruns = voucher_budget_overruns(c, company, id);
      if (!overruns) return overruns.error();
      for (const BudgetOverrun& overrun : *overruns) {
        if (overrun.control != "block") continue;
        Error error = make_error(ErrorKind::conflict, "finance.over_budget");
        error.args = {{"account", overrun.account}, {"budget", format_amount(overrun.budget)},
                      {"used", format_amount(overrun.used)}};
        return error;
      }
      warnings = std::move(*overruns);
      from = "reviewed", to = "posted", verb = "post";
      sql = "poster_id = $4, posted_at = $5";
      params = {me, now};
      break;
    }
    case VoucherAction::void_it:
      if (header.state != "draft") return wrong_state("draft");
      from = "draft", to = "void", verb = "void";
      sql = "cashier_id = cashier_id";
      break;
  }
  std::vector<Value> all = {to, id, from};
  all.insert(all.end(), params.begin(), params.end());
  auto moved = c.execute("UPDATE vouchers SET state = $1, version = version + 1, " + sql +
                             " WHERE id = $2 AND state = $3",
                         all);
  if (!moved) return moved.error();
  if (*moved == 0) return wrong_state(from);  // someone else moved it first
  if (action == VoucherAction::post) {
    if (Status added = add_to_balances(c, company, header.period_id, id); !added) return added.error();
    if (Status opened = add_open_items(c, company, id); !opened) return opened.error();
  }
  if (action == VoucherAction::void_it && header.reverses_id) {
    auto unlinked = c.execute("UPDATE vouchers SET reversed_by_id = NULL WHERE id = $1 AND reversed_by_id = $2",
                              {*header.reverses_id, id});
    if (!unlinked) return unlinked.error();
  }
  if (Status audited = audit_ledger(c, actor, "voucher." + verb, "voucher", id,
                                    {{"voucher", label_of(header.word, header.number)}, {"from", from}, {"to", to}});
      !audited) {
    return audited.error();
  }
  if (Status published = publish_voucher(c, actor, id, "updated"); !published) return published.error();
  header.state = to;
  header.version += 1;
  VoucherRef ref = ref_of(header);
  ref.over_budget = std::move(warnings);
  return ref;
}

Result<VoucherRef> reverse_voucher(Connection& c, const Actor& actor, std::int64_t id, Date date) {
  const std::int64_t company = actor.principal.company_id;
  auto found = load_header(c, company, id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  const Header& original = **found;
  if (original.state != "posted") return wrong_state("posted");
  if (original.reversed_by_id) return make_error(ErrorKind::conflict, "finance.voucher_already_reversed");
  auto rows = c.query(
      "SELECT summary, account_id, debit, credit, customer_id, supplier_id, department_id, employee_id, project_id, "
      "item_id, cash_flow_item FROM voucher_lines WHERE voucher_id = $1 ORDER BY seq",
      {id});
  if (!rows) return rows.error();
  VoucherInput input{.date = date, .word = original.word};
  const std::string prefix = "冲销" + label_of(original.word, original.number) + "号凭证 ";
  for (const Row& row : *rows) {
    input.lines.push_back(LineInput{.summary = prefix + row.text(0).value_or(""),
                                    .account_id = row.int64(1).value_or(0),
                                    .debit = -row.int64(2).value_or(0),
                                    .credit = -row.int64(3).value_or(0),
                                    .customer_id = optional_id(row, 4),
                                    .supplier_id = optional_id(row, 5),
                                    .department_id = optional_id(row, 6),
                                    .employee_id = optional_id(row, 7),
                                    .project_id = optional_id(row, 8),
                                    .item_id = optional_id(row, 9),
                                    .cash_flow_item = row.is_null(10) ? std::string() : row.text(10).value_or("")});
  }
  auto settings = settings_of(c, company);
  if (!settings) return settings.error();
  auto checked = check_voucher(c, company, *settings, std::move(input));
  if (!checked) return checked.error();
  auto reversal = insert_voucher(c, actor, *checked, id);
  if (!reversal) return reversal.error();
  auto linked = c.execute("UPDATE vouchers SET reversed_by_id = $1 WHERE id = $2 AND reversed_by_id IS NULL",
                          {reversal->id, id});
  if (!linked) return linked.error();
  if (*linked == 0) return make_error(ErrorKind::conflict, "finance.voucher_already_reversed");
  return reversal;
}

Status delete_voucher(Connection& c, const Actor& actor, std::int64_t id) {
  const std::int64_t company = actor.principal.company_id;
  auto found = load_header(c, company, id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  const Header& header = **found;
  if (header.state != "draft") return wrong_state("draft");
  auto last = c.execute(
      "UPDATE voucher_sequences SET last_number = last_number - 1 "
      "WHERE company_id = $1 AND period_id = $2 AND word = $3 AND last_number = $4",
      {company, header.period_id, header.word, header.number});
  if (!last) return last.error();
  if (*last == 0) {
    Error error = make_error(ErrorKind::conflict, "finance.voucher_delete_leaves_gap");
    error.args = {{"voucher", label_of(header.word, header.number)}};
    return error;
  }
  auto snapshot = line_snapshot(c, id);
  if (!snapshot) return snapshot.error();
  if (header.reverses_id) {
    auto unlinked = c.execute("UPDATE vouchers SET reversed_by_id = NULL WHERE id = $1", {*header.reverses_id});
    if (!unlinked) return unlinked.error();
  }
  if (auto lines = c.execute("DELETE FROM voucher_lines WHERE voucher_id = $1", {id}); !lines) return lines.error();
  if (auto gone = c.execute("DELETE FROM vouchers WHERE id = $1 AND state = 'draft'", {id}); !gone) {
    return gone.error();
  }
  if (Status audited = audit_ledger(c, actor, "voucher.delete", "voucher", id,
                                    {{"voucher", label_of(header.word, header.number)},
                                     {"date", header.date.to_string()},
                                     {"lines", std::move(*snapshot)}});
      !audited) {
    return audited;
  }
  return publish_voucher(c, actor, id, "deleted");
}

Result<VoucherRef> carry_forward(Connection& c, const Actor& actor, std::int64_t period_id) {
  const std::int64_t company = actor.principal.company_id;
  auto found = find_period(c, company, period_id);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
  const Period& period = **found;
  auto pending = c.query_row(
      "SELECT 1 FROM vouchers WHERE company_id = $1 AND source_type = 'carry_forward' AND source_id = $2 "
      "AND state IN ('draft', 'reviewed')",
      {company, period_id});
  if (!pending) return pending.error();
  if (*pending) return make_error(ErrorKind::conflict, "finance.carry_forward_pending");
  auto profit = c.query_row("SELECT id FROM accounts WHERE company_id = $1 AND code = '4103'", {company});
  if (!profit) return profit.error();
  if (!*profit) return make_error(ErrorKind::validation, "finance.no_profit_account");
  const std::int64_t profit_account = (*profit)->int64(0).value_or(0);

  // Every profit-and-loss balance of the year to the end of the period, per account and the
  // dimensions it keeps, so that each sub-ledger is zeroed too.
  auto rows = c.query(
      "SELECT l.account_id, l.customer_id, l.supplier_id, l.department_id, l.employee_id, l.project_id, l.item_id, "
      "CAST(SUM(l.debit) - SUM(l.credit) AS BIGINT) AS balance, MIN(a.code) AS code, MIN(a.name) AS name "
      "FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id JOIN accounts a ON a.id = l.account_id "
      "WHERE v.company_id = $1 AND v.state = 'posted' AND a.category = 'profit_loss' "
      "AND v.voucher_date >= $2 AND v.voucher_date <= $3 "
      "GROUP BY l.account_id, l.customer_id, l.supplier_id, l.department_id, l.employee_id, l.project_id, l.item_id "
      "HAVING SUM(l.debit) <> SUM(l.credit) ORDER BY MIN(a.code)",
      {company, Date{period.year, 1, 1}, period.ends_on});
  if (!rows) return rows.error();
  if (rows->empty()) return make_error(ErrorKind::conflict, "finance.nothing_to_carry");
  auto settings = settings_of(c, company);
  if (!settings) return settings.error();
  VoucherInput input{.date = period.ends_on, .word = settings->voucher_words == "split" ? "transfer" : "general",
                     .source_type = "carry_forward", .source_id = period_id};
  Cents expenses = 0;  // debit balances taken to 本年利润's debit
  Cents income = 0;    // credit balances taken to its credit
  for (const Row& row : *rows) {
    const Cents balance = row.int64(7).value_or(0);
    LineInput line{.summary = "结转损益", .account_id = row.int64(0).value_or(0),
                   .customer_id = optional_id(row, 1), .supplier_id = optional_id(row, 2),
                   .department_id = optional_id(row, 3), .employee_id = optional_id(row, 4),
                   .project_id = optional_id(row, 5), .item_id = optional_id(row, 6)};
    if (balance > 0) {
      line.credit = balance;
      expenses += balance;
    } else {
      line.debit = -balance;
      income += -balance;
    }
    input.lines.push_back(std::move(line));
  }
  if (income != 0) input.lines.insert(input.lines.begin(), LineInput{.summary = "结转损益", .account_id = profit_account, .credit = income});
  if (expenses != 0) input.lines.push_back(LineInput{.summary = "结转损益", .account_id = profit_account, .debit = expenses});
  auto checked = check_voucher(c, company, *settings, std::move(input));
  if (!checked) return checked.error();
  return insert_voucher(c, actor, *checked, std::nullopt);
}

}  // namespace verp::finance
