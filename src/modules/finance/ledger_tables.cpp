// The ledger's own tables. Amounts are cents in int64 columns (amount.hpp explains why).
//
//   fiscal_periods     a company's months (会计期间), open or closed
//   finance_settings   a company's voucher words (记 or 收/付/转) and cashier sign-off
//   vouchers           记账凭证 headers: number per company, period and word; state; signatures
//   voucher_lines      分录: account, debit or credit, auxiliary dimensions, cash-flow item; the
//                      voucher's period is repeated on each line for the ledger's index
//   voucher_sequences  the last number given per company, period and word (gapless numbering)
//   account_balances   posted debits and credits per account and period, kept in the posting
//                      transaction; `verp check` proves they equal the sum of posted lines. The
//                      carried_ columns hold the part booked by 结转损益, which the income
//                      statement leaves out
#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_columns.hpp"

namespace verp::finance {

using storage::Column;
using storage::ColumnType;
using storage::Index;
using storage::Reference;
using storage::TableDef;
using storage::Value;

using namespace columns;

std::vector<TableDef> ledger_tables() {
  return {
      TableDef{.name = "fiscal_periods",
               .columns = {key(), refers("company_id", "companies"), number("year"), number("month"),
                           day("starts_on"), day("ends_on"), words("state"), refers("closed_by", "users", false),
                           moment("closed_at")},
               .indexes = {Index{.name = "fiscal_periods_month_key", .columns = {"company_id", "year", "month"},
                                 .unique = true},
                           Index{.name = "fiscal_periods_dates_idx", .columns = {"company_id", "starts_on"}}}},
      TableDef{.name = "finance_settings",
               .columns = {refers("company_id", "companies"), words("voucher_words"), flag("cashier_sign_off")},
               .primary_key = {"company_id"}},
      TableDef{.name = "vouchers",
               .columns = {key(), refers("company_id", "companies"), refers("period_id", "fiscal_periods"),
                           words("word"), number("number"), day("voucher_date"), words("state"),
                           number("attachments"), words("summary"), cents("debit_total"), cents("credit_total"),
                           refers("preparer_id", "users"), moment("prepared_at", true),
                           refers("reviewer_id", "users", false), moment("reviewed_at"),
                           refers("cashier_id", "users", false), moment("cashier_at"),
                           refers("poster_id", "users", false), moment("posted_at"),
                           words("source_type", false), number("source_id", false),
                           refers("reverses_id", "vouchers", false), refers("reversed_by_id", "vouchers", false),
                           number("version")},
               .indexes = {Index{.name = "vouchers_number_key", .columns = {"company_id", "period_id", "word", "number"},
                                 .unique = true},
                           Index{.name = "vouchers_state_idx", .columns = {"company_id", "state", "period_id"}},
                           Index{.name = "vouchers_source_idx", .columns = {"source_type", "source_id"}}}},
      TableDef{.name = "voucher_lines",
               .columns = {key(), refers("voucher_id", "vouchers"), refers("company_id", "companies"),
                           refers("period_id", "fiscal_periods"), number("seq"), words("summary"), refers("account_id", "accounts"), cents("debit"),
                           cents("credit"), refers("customer_id", "customers", false),
                           refers("supplier_id", "suppliers", false), refers("department_id", "departments", false),
                           refers("employee_id", "employees", false), refers("project_id", "projects", false),
                           refers("item_id", "items", false), words("cash_flow_item", false)},
               .indexes = {Index{.name = "voucher_lines_voucher_idx", .columns = {"voucher_id", "seq"}, .unique = true},
                           // An account's ledger reads its lines period by period.
                           Index{.name = "voucher_lines_account_idx", .columns = {"account_id", "period_id"}}}},
      TableDef{.name = "voucher_sequences",
               .columns = {refers("company_id", "companies"), refers("period_id", "fiscal_periods"), words("word"),
                           number("last_number")},
               .primary_key = {"company_id", "period_id", "word"}},
      TableDef{.name = "account_balances",
               .columns = {refers("company_id", "companies"), refers("account_id", "accounts"),
                           refers("period_id", "fiscal_periods"), cents("debit"), cents("credit"),
                           cents("carried_debit"), cents("carried_credit")},
               .primary_key = {"account_id", "period_id"},
               .indexes = {Index{.name = "account_balances_company_idx", .columns = {"company_id", "period_id"}}}},
  };
}

}  // namespace verp::finance
