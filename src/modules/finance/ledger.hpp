// The general ledger (总账): fiscal periods, vouchers (记账凭证) and their lifecycle, and the
// account balances posting keeps. This is the contract other modules post through; every
// function runs inside the caller's write transaction and leaves nothing behind on error.
//
//   draft ──review──▶ reviewed ──post──▶ posted ──reverse──▶ (a new red-letter draft)
//     │  ◀─unreview──    │
//     └──void──▶ void    └ cashier-sign (either state, when the company asks for it)
//
// Rules every path enforces:
//   - debits equal credits, every line has exactly one side, amounts in cents (amount.hpp);
//   - lines go to active leaf accounts of the company, with each dimension the account keeps;
//   - the voucher's date lies in an open period of the company; its number is the next of its
//     company, period and word, and numbers stay gapless (a draft is deleted only when it is the
//     last of its sequence, otherwise it is voided and keeps its number);
//   - the reviewer is not the preparer; posting needs a review, and the cashier's signature when
//     the company demands it and a line touches a cash or bank account;
//   - posted vouchers never change: a correction is a reversal with negated amounts (红字冲销),
//     linked both ways to the original.
#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/finance/amount.hpp"
#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/entity/store.hpp"
#include "platform/security/principal.hpp"
#include "platform/storage/connection.hpp"
#include "platform/storage/schema.hpp"

namespace verp::finance {

std::vector<storage::TableDef> ledger_tables();

std::string period_code(int year, int month);  // "2026-03"

// Who acts and from where: for signatures, the audit log and the clock.
struct Actor {
  const security::Principal& principal;
  entity::Caller caller;
  const Clock& clock;
};

// ---- periods --------------------------------------------------------------------------------

struct Period {
  std::int64_t id = 0;
  int year = 0;
  int month = 0;
  storage::Date starts_on;
  storage::Date ends_on;
  std::string state;  // open, closed
  std::string code() const { return period_code(year, month); }
};

// Opens the twelve months of a calendar year (the Chinese fiscal year) for the actor's company.
// Errors: validation "year" out of 2000..2099; conflict "finance.year_exists".
Result<std::vector<Period>> open_fiscal_year(storage::Connection& c, const Actor& actor, int year);

// The company's period containing `date`, or nullopt.
Result<std::optional<Period>> period_of(storage::Connection& c, std::int64_t company, storage::Date date);
// The company's period by id (nullopt when it is not the company's).
Result<std::optional<Period>> find_period(storage::Connection& c, std::int64_t company, std::int64_t id);
// "2026-03" → the company's period.
Result<std::optional<Period>> period_by_code(storage::Connection& c, std::int64_t company, std::string_view code);
Result<std::vector<Period>> periods_of(storage::Connection& c, std::int64_t company, std::optional<int> year);

// 结账: the earliest open period, once every voucher in it is posted (or void) and every
// profit-and-loss account stands at zero (结转损益 posted). Errors: not_found; conflict
// "finance.period_not_next", "finance.period_has_unposted", "finance.profit_loss_not_carried".
Result<Period> close_period(storage::Connection& c, const Actor& actor, std::int64_t period_id);
// 反结账: the latest closed period, with a reason, audited. Errors: not_found; validation
// "reason"; conflict "finance.period_not_latest_closed".
Result<Period> reopen_period(storage::Connection& c, const Actor& actor, std::int64_t period_id,
                             std::string_view reason);

// ---- settings -------------------------------------------------------------------------------

struct Settings {
  std::string voucher_words = "single";  // single: 记 only; split: 收 / 付 / 转
  bool cashier_sign_off = false;         // cash and bank vouchers need the cashier before posting
};
Result<Settings> settings_of(storage::Connection& c, std::int64_t company);
Status save_settings(storage::Connection& c, const Actor& actor, const Settings& settings);

// ---- vouchers -------------------------------------------------------------------------------

struct LineInput {
  std::string summary;
  std::int64_t account_id = 0;
  std::string account_code;  // used when account_id is 0
  Cents debit = 0;
  Cents credit = 0;
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> supplier_id;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> employee_id;
  std::optional<std::int64_t> project_id;
  std::optional<std::int64_t> item_id;
  std::string cash_flow_item;  // a code of cash_flow_items(), on cash and bank lines
};

struct VoucherInput {
  storage::Date date;
  std::string word;  // general (记), receipt (收), payment (付), transfer (转); "" picks by settings
  std::int64_t attachments = 0;
  std::vector<LineInput> lines;
  std::string source_type;  // the business document it records, e.g. "customer_invoice"
  std::optional<std::int64_t> source_id;
  // Problems found while reading the input (voucher_from_json), reported together with the
  // business rules' problems so that one answer names them all.
  std::vector<FieldError> unreadable;
};

// Reads a voucher from its JSON form (the API's body). A body that is not an object or has no
// lines is an error; problems of single fields ("lines[2].debit") are kept in `unreadable` and
// reported with the business rules' when it is saved.
Result<VoucherInput> voucher_from_json(const boost::json::value& body);

// A budget (budgets.hpp) a voucher would take beyond its amount to date.
struct BudgetOverrun {
  std::int64_t budget_id = 0;
  std::string account;
  std::string control;  // warn or block
  Cents budget = 0;     // January to the voucher's month
  Cents used = 0;       // including the voucher
};

struct VoucherRef {
  std::int64_t id = 0;
  std::string word;
  std::int64_t number = 0;
  std::string state;
  std::int64_t version = 0;
  // Saving a draft reports every budget it would overrun once posted; posting refuses a
  // "block" budget (conflict "finance.over_budget") and reports the "warn" ones.
  std::vector<BudgetOverrun> over_budget;
};

// Errors of create and update: validation naming each field ("date", "lines[1].account",
// "lines", …); for update also not_found, conflict "error.stale_version", invalid_transition.
Result<VoucherRef> create_voucher(storage::Connection& c, const Actor& actor, const VoucherInput& input);
Result<VoucherRef> update_voucher(storage::Connection& c, const Actor& actor, std::int64_t id,
                                  std::int64_t version, const VoucherInput& input);

enum class VoucherAction { review, unreview, cashier_sign, post, void_it };
// Errors: not_found; invalid_transition "finance.voucher_not_<state>"; forbidden
// "finance.reviewer_is_preparer"; conflict "finance.period_closed", "finance.cashier_sign_missing".
Result<VoucherRef> act_on_voucher(storage::Connection& c, const Actor& actor, std::int64_t id, VoucherAction action);

// A red-letter reversal of a posted voucher, dated `date`, as a new draft linked both ways.
// Errors: not_found; invalid_transition "finance.voucher_not_posted", conflict
// "finance.voucher_already_reversed"; the create errors.
Result<VoucherRef> reverse_voucher(storage::Connection& c, const Actor& actor, std::int64_t id, storage::Date date);

// Deletes a draft that is the last of its sequence. Errors: not_found; invalid_transition;
// conflict "finance.voucher_delete_leaves_gap".
Status delete_voucher(storage::Connection& c, const Actor& actor, std::int64_t id);

// 结转损益: a draft moving every profit-and-loss account's balance at the end of the period to
// 4103 本年利润. Errors: not_found; conflict "finance.carry_forward_pending",
// "finance.nothing_to_carry"; validation "finance.no_profit_account".
Result<VoucherRef> carry_forward(storage::Connection& c, const Actor& actor, std::int64_t period_id);

// The voucher with its lines, as the API shows it; nullopt when not the company's.
Result<std::optional<boost::json::object>> voucher_json(storage::Connection& c, const security::Principal& who,
                                                        std::int64_t id);

struct VoucherQuery {
  std::optional<std::int64_t> period_id;
  std::string state;
  std::string word;
  std::optional<std::int64_t> account_id;
  std::string source_type;
  std::optional<std::int64_t> source_id;
  std::optional<std::int64_t> preparer_id;  // the `own` scope sets it
  std::int64_t before = 0;                  // cursor: ids below it
  int limit = 50;
};
Result<boost::json::object> list_vouchers(storage::Connection& c, std::int64_t company, const VoucherQuery& query);

// The word's character for labels: 记 收 付 转.
std::string_view word_mark(std::string_view word);
// "记-0007": how people cite a voucher.
std::string voucher_label(std::string_view word, std::int64_t number);


// ---- cash-flow items (现金流量项目, direct method) ---------------------------------------

struct CashFlowItem {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  std::string_view activity;  // operating, investing, financing
  bool inflow = true;
};
const std::vector<CashFlowItem>& cash_flow_items();

}  // namespace verp::finance
