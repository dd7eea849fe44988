// The rules a voucher must satisfy before it is saved, checked together so that one 400 names
// every problem: balance, one side per line, accounts (the company's, active, leaf), the
// dimensions each account keeps, the word against the cash lines, and an open period.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/finance/voucher_rules.hpp"

namespace verp::finance {

using storage::Connection;
using storage::Row;

namespace {

struct DimensionSpec {
  const char* flag;    // accounts column that requires it
  const char* field;   // the line's field
  const char* table;   // where its ids live
  std::optional<std::int64_t> LineInput::*member;
};

constexpr DimensionSpec kDimensions[] = {
    {"aux_customer", "customer_id", "customers", &LineInput::customer_id},
    {"aux_supplier", "supplier_id", "suppliers", &LineInput::supplier_id},
    {"aux_department", "department_id", "departments", &LineInput::department_id},
    {"aux_employee", "employee_id", "employees", &LineInput::employee_id},
    {"aux_project", "project_id", "projects", &LineInput::project_id},
    {"aux_item", "item_id", "items", &LineInput::item_id},
};

std::string at(std::size_t index, std::string_view field) {
  return "lines[" + std::to_string(index) + "]." + std::string(field);
}

}  // namespace

bool word_allowed(const Settings& settings, std::string_view word) {
  if (settings.voucher_words == "split") return word == "receipt" || word == "payment" || word == "transfer";
  return word == "general";
}

Result<CheckedVoucher> check_voucher(Connection& c, std::int64_t company, const Settings& settings,
                                     VoucherInput input) {
  std::vector<FieldError> problems = std::move(input.unreadable);
  // One problem per field: the first found (an unreadable amount is not also "one-sided").
  auto fail = [&](std::string field, std::string code, std::string message_id, std::vector<MessageArg> args = {}) {
    for (const FieldError& known : problems) {
      if (known.field == field) return;
    }
    problems.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), std::move(args)});
  };

  CheckedVoucher checked;
  if (input.word.empty()) input.word = settings.voucher_words == "split" ? "transfer" : "general";
  if (!word_allowed(settings, input.word)) {
    fail("word", "not_allowed", settings.voucher_words == "split" ? "finance.word_split" : "finance.word_single");
  }

  auto period = period_of(c, company, input.date);
  if (!period) return period.error();
  if (!*period) {
    fail("date", "no_period", "finance.no_period", {{"date", input.date.to_string()}});
  } else if ((*period)->state != "open") {
    fail("date", "period_closed", "finance.period_closed", {{"period", (*period)->code()}});
  } else {
    checked.period = **period;
  }

  if (input.lines.size() < 2) fail("lines", "too_few", "finance.two_lines_at_least");

  // The accounts, by id or code, in one query each.
  std::set<std::int64_t> ids;
  std::set<std::string> codes;
  for (const LineInput& line : input.lines) {
    if (line.account_id != 0) ids.insert(line.account_id);
    else if (!line.account_code.empty()) codes.insert(line.account_code);
  }
  std::map<std::int64_t, AccountFacts> by_id;
  std::map<std::string, std::int64_t, std::less<>> id_of_code;
  auto load = [&](std::string_view where, const storage::Value& key) -> Status {
    auto rows = c.query(
        std::string("SELECT a.id, a.code, a.name, a.category, a.is_cash, a.active, a.aux_customer, a.aux_supplier, "
                    "a.aux_department, a.aux_employee, a.aux_project, a.aux_item, "
                    "EXISTS (SELECT 1 FROM accounts s WHERE s.parent_id = a.id) "
                    "FROM accounts a WHERE a.company_id = $1 AND ") + std::string(where),
        {company, key});
    if (!rows) return rows.error();
    for (const Row& row : *rows) {
      AccountFacts facts{.id = row.int64(0).value_or(0), .code = row.text(1).value_or(""),
                         .name = row.text(2).value_or(""), .category = row.text(3).value_or(""),
                         .cash = row.boolean(4).value_or(false), .active = row.boolean(5).value_or(false),
                         .leaf = !row.boolean(12).value_or(false)};
      for (std::size_t d = 0; d < std::size(kDimensions); ++d) facts.keeps[d] = row.boolean(6 + d).value_or(false);
      id_of_code[facts.code] = facts.id;
      by_id[facts.id] = std::move(facts);
    }
    return {};
  };
  for (std::int64_t id : ids) {
    if (Status loaded = load("a.id = $2", id); !loaded) return loaded.error();
  }
  for (const std::string& code : codes) {
    if (Status loaded = load("a.code = $2", code); !loaded) return loaded.error();
  }

  Cents debits = 0;
  Cents credits = 0;
  bool debits_cash = false;
  bool credits_cash = false;
  std::map<std::pair<std::size_t, std::int64_t>, std::vector<std::size_t>> dimension_ids;  // (dimension, id) → lines
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    LineInput& line = input.lines[i];
    if (line.account_id == 0 && !line.account_code.empty()) {
      const auto found = id_of_code.find(line.account_code);
      if (found != id_of_code.end()) line.account_id = found->second;
    }
    if ((line.debit == 0) == (line.credit == 0)) {
      fail(at(i, line.debit == 0 ? "debit" : "credit"), "one_side", "finance.line_one_side");
    }
    debits += line.debit;
    credits += line.credit;
    if (line.account_id == 0 && line.account_code.empty()) {
      fail(at(i, "account"), "required", "field.required");
      continue;
    }
    const auto account = by_id.find(line.account_id);
    if (account == by_id.end()) {
      fail(at(i, "account"), "unknown", "finance.account_unknown",
           {{"account", line.account_code.empty() ? std::to_string(line.account_id) : line.account_code}});
      continue;
    }
    const AccountFacts& facts = account->second;
    if (!facts.active) fail(at(i, "account"), "inactive", "finance.account_inactive", {{"account", facts.code}});
    if (!facts.leaf) fail(at(i, "account"), "not_leaf", "finance.account_not_leaf", {{"account", facts.code}});
    if (facts.cash) (line.debit != 0 ? debits_cash : credits_cash) = true;
    for (std::size_t d = 0; d < std::size(kDimensions); ++d) {
      const auto& value = line.*(kDimensions[d].member);
      if (value) {
        dimension_ids[{d, *value}].push_back(i);
      } else if (facts.keeps[d]) {
        fail(at(i, kDimensions[d].field), "required", "finance.dimension_required", {{"account", facts.code}});
      }
    }
    if (!line.cash_flow_item.empty()) {
      const auto& items = cash_flow_items();
      const bool known = std::any_of(items.begin(), items.end(),
                                     [&](const CashFlowItem& item) { return item.code == line.cash_flow_item; });
      if (!known) fail(at(i, "cash_flow_item"), "unknown", "finance.cash_flow_item_unknown");
      else if (!facts.cash) fail(at(i, "cash_flow_item"), "not_cash", "finance.cash_flow_item_on_cash_only");
    }
    if (line.summary.empty()) line.summary = i > 0 ? input.lines[i - 1].summary : std::string();
    checked.accounts[line.account_id] = facts;
  }
  if (input.lines.empty() || input.lines[0].summary.empty()) fail(at(0, "summary"), "required", "finance.summary_required");
  if (debits != credits) {
    fail("lines", "unbalanced", "finance.unbalanced",
         {{"debit", format_amount(debits)}, {"credit", format_amount(credits)}});
  }
  if (debits == 0 && credits == 0 && input.lines.size() >= 2) fail("lines", "zero", "finance.voucher_zero");

  // 收款凭证 debits cash or bank; 付款凭证 credits it; 转账凭证 touches neither.
  if (settings.voucher_words == "split" && word_allowed(settings, input.word)) {
    if (input.word == "receipt" && !debits_cash) fail("word", "receipt_without_cash", "finance.receipt_debits_cash");
    if (input.word == "payment" && !credits_cash) fail("word", "payment_without_cash", "finance.payment_credits_cash");
    if (input.word == "transfer" && (debits_cash || credits_cash)) {
      fail("word", "transfer_with_cash", "finance.transfer_without_cash");
    }
  }

  // Dimensions must be records of this company.
  for (const auto& [key, lines] : dimension_ids) {
    const DimensionSpec& spec = kDimensions[key.first];
    auto found = c.query_row(std::string("SELECT 1 FROM ") + spec.table + " WHERE id = $1 AND company_id = $2",
                             {key.second, company});
    if (!found) return found.error();
    if (!*found) {
      for (std::size_t line : lines) fail(at(line, spec.field), "unknown", "finance.dimension_unknown");
    }
  }

  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  checked.debit_total = debits;
  checked.credit_total = credits;
  checked.touches_cash = debits_cash || credits_cash;
  checked.input = std::move(input);
  return checked;
}

}  // namespace verp::finance
