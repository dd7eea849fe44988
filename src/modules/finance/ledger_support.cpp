// What the ledger's files share: errors naming a field, audit entries, live events, the balance
// upkeep of posting, and the cash-flow items of the direct method.
#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/events/bridge.hpp"

namespace verp::finance {

Error field_error(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args) {
  Error error = make_error(ErrorKind::validation, "error.validation");
  error.fields.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), std::move(args)});
  return error;
}

std::optional<std::int64_t> optional_id(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return std::nullopt;
  return row.int64(index).value_or(0);
}

Status audit_ledger(storage::Connection& c, const Actor& actor, std::string action, std::string target_type,
                    std::int64_t target_id, const boost::json::object& change) {
  auto seq = audit::append(c, audit::Entry{.at = actor.clock.now(),
                                           .user_id = actor.principal.user_id,
                                           .user_name = actor.principal.user_name,
                                           .company_id = actor.principal.company_id,
                                           .address = actor.caller.address,
                                           .request_id = actor.caller.request_id,
                                           .action = std::move(action),
                                           .target_type = std::move(target_type),
                                           .target_id = std::to_string(target_id),
                                           .change = boost::json::serialize(change)});
  if (!seq) return seq.error();
  return {};
}

Status publish_voucher(storage::Connection& c, const Actor& actor, std::int64_t id, std::string action) {
  return events::publish(c, {.kind = events::Kind::record,
                             .company_id = actor.principal.company_id,
                             .entity = "voucher",
                             .record_id = id,
                             .action = std::move(action),
                             .owner_id = actor.principal.user_id});
}

Status add_to_balances(storage::Connection& c, std::int64_t company, std::int64_t period_id, std::int64_t voucher_id) {
  auto source = c.query_row("SELECT source_type FROM vouchers WHERE id = $1", {voucher_id});
  if (!source) return source.error();
  const bool carried = *source && (*source)->text(0).value_or("") == "carry_forward";
  auto rows = c.query("SELECT account_id, debit, credit FROM voucher_lines WHERE voucher_id = $1", {voucher_id});
  if (!rows) return rows.error();
  std::map<std::int64_t, std::pair<Cents, Cents>> per_account;  // ordered: a fixed lock order
  for (const auto& row : *rows) {
    auto& sums = per_account[row.int64(0).value_or(0)];
    sums.first += row.int64(1).value_or(0);
    sums.second += row.int64(2).value_or(0);
  }
  for (const auto& [account, sums] : per_account) {
    const Cents carried_debit = carried ? sums.first : 0;
    const Cents carried_credit = carried ? sums.second : 0;
    auto added = c.execute(
        "INSERT INTO account_balances (company_id, account_id, period_id, debit, credit, carried_debit, carried_credit) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (account_id, period_id) DO UPDATE SET debit = account_balances.debit + excluded.debit, "
        "credit = account_balances.credit + excluded.credit, "
        "carried_debit = account_balances.carried_debit + excluded.carried_debit, "
        "carried_credit = account_balances.carried_credit + excluded.carried_credit",
        {company, account, period_id, sums.first, sums.second, carried_debit, carried_credit});
    if (!added) return added.error();
  }
  return {};
}

const std::vector<CashFlowItem>& cash_flow_items() {
  // 现金流量表 (一般企业), the direct method's lines.
  static const std::vector<CashFlowItem> items = {
      {"CFO-1", "销售商品、提供劳务收到的现金", "Cash received from sales of goods and services", "operating", true},
      {"CFO-2", "收到的税费返还", "Tax refunds received", "operating", true},
      {"CFO-3", "收到其他与经营活动有关的现金", "Other cash received from operating activities", "operating", true},
      {"CFO-4", "购买商品、接受劳务支付的现金", "Cash paid for goods and services", "operating", false},
      {"CFO-5", "支付给职工以及为职工支付的现金", "Cash paid to and for employees", "operating", false},
      {"CFO-6", "支付的各项税费", "Taxes paid", "operating", false},
      {"CFO-7", "支付其他与经营活动有关的现金", "Other cash paid for operating activities", "operating", false},
      {"CFI-1", "收回投资收到的现金", "Cash received from disposal of investments", "investing", true},
      {"CFI-2", "取得投资收益收到的现金", "Cash received from investment income", "investing", true},
      {"CFI-3", "处置固定资产、无形资产和其他长期资产收回的现金净额",
       "Net cash from disposal of fixed, intangible and other long-term assets", "investing", true},
      {"CFI-4", "收到其他与投资活动有关的现金", "Other cash received from investing activities", "investing", true},
      {"CFI-5", "购建固定资产、无形资产和其他长期资产支付的现金",
       "Cash paid for fixed, intangible and other long-term assets", "investing", false},
      {"CFI-6", "投资支付的现金", "Cash paid for investments", "investing", false},
      {"CFI-7", "支付其他与投资活动有关的现金", "Other cash paid for investing activities", "investing", false},
      {"CFF-1", "吸收投资收到的现金", "Cash received from capital contributions", "financing", true},
      {"CFF-2", "取得借款收到的现金", "Cash received from borrowings", "financing", true},
      {"CFF-3", "收到其他与筹资活动有关的现金", "Other cash received from financing activities", "financing", true},
      {"CFF-4", "偿还债务支付的现金", "Cash paid to repay debts", "financing", false},
      {"CFF-5", "分配股利、利润或偿付利息支付的现金", "Cash paid for dividends, profits or interest", "financing", false},
      {"CFF-6", "支付其他与筹资活动有关的现金", "Other cash paid for financing activities", "financing", false},
  };
  return items;
}

}  // namespace verp::finance
