// A customer's credit: what they owe (posted and not yet posted), what they have ordered and not
// been invoiced for, and whether anything is overdue. Approval rules test these facts; within
// the limit an order is confirmed at once.
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/sales/sales.hpp"

namespace verp::sales {

namespace json = boost::json;
using storage::Connection;

namespace {

// The uninvoiced part of open orders' lines, tax included: what the customer will owe.
Result<Cents> open_order_value(Connection& c, std::int64_t company, std::int64_t customer,
                               std::optional<std::int64_t> except) {
  auto rows = c.query(
      "SELECT l.quantity, l.cancelled, l.returned, l.invoiced, l.amount + l.tax FROM sales_order_lines l "
      "JOIN sales_orders o ON o.id = l.order_id WHERE o.company_id = $1 AND o.customer_id = $2 AND o.id <> $3 "
      "AND o.archived_at IS NULL AND o.status IN ('pending', 'ordered', 'preparing', 'partly_shipped', 'shipped', "
      "'on_hold')",
      {company, customer, except.value_or(0)});
  if (!rows) return rows.error();
  Cents total = 0;
  for (const auto& row : *rows) {
    const Qty quantity = row.int64(0).value_or(0);
    const Qty open = quantity - row.int64(1).value_or(0) - row.int64(2).value_or(0) - row.int64(3).value_or(0);
    if (quantity <= 0 || open <= 0) continue;
    total += inventory::share_of(row.int64(4).value_or(0), open, quantity);
  }
  return total;
}

}  // namespace

Result<Credit> credit_of(Connection& c, std::int64_t company, std::int64_t customer, std::optional<std::int64_t> order,
                         storage::Date today) {
  auto limit = c.query_row("SELECT credit_limit FROM customers WHERE id = $1 AND company_id = $2", {customer, company});
  if (!limit) return limit.error();
  if (!*limit) return make_error(ErrorKind::not_found, "sales.customer_unknown");
  Credit credit;
  if (!(*limit)->is_null(0)) {
    auto cents = (*limit)->decimal(0).value_or(Decimal()).rescale(2);
    if (cents) credit.limit = static_cast<Cents>(cents->units());
  }
  // Open items on the receivable accounts: invoices owed less money received and not allocated.
  auto owed = c.query_row(
      "SELECT COALESCE(SUM(CASE WHEN o.side = 'debit' THEN o.amount - o.allocated ELSE o.allocated - o.amount END), 0) "
      "FROM open_items o JOIN accounts a ON a.id = o.account_id WHERE o.company_id = $1 AND o.partner_type = 'customer' "
      "AND o.partner_id = $2 AND a.code LIKE '1122%'",
      {company, customer});
  if (!owed) return owed.error();
  credit.receivables = (*owed)->int64(0).value_or(0);
  auto unposted = c.query_row(
      "SELECT COALESCE(SUM(i.total), 0) FROM finance_invoices i LEFT JOIN vouchers v ON v.id = i.voucher_id "
      "WHERE i.company_id = $1 AND i.kind = 'receivable' AND i.partner_id = $2 AND "
      "(i.state = 'draft' OR (i.state = 'posted' AND v.state IN ('draft', 'reviewed')))",
      {company, customer});
  if (!unposted) return unposted.error();
  credit.unposted_invoices = (*unposted)->int64(0).value_or(0);
  auto orders = open_order_value(c, company, customer, order);
  if (!orders) return orders.error();
  credit.open_orders = *orders;
  if (order) {
    auto own = c.query_row("SELECT COALESCE(SUM(amount + tax), 0) FROM sales_order_lines WHERE order_id = $1", {*order});
    if (!own) return own.error();
    credit.this_order = (*own)->int64(0).value_or(0);
  }
  auto overdue = c.query_row(
      "SELECT COUNT(*), COALESCE(SUM(o.amount - o.allocated), 0) FROM finance_invoices i "
      "JOIN open_items o ON o.voucher_id = i.voucher_id AND o.partner_type = 'customer' AND o.partner_id = i.partner_id "
      "AND o.side = 'debit' JOIN accounts a ON a.id = o.account_id AND a.code LIKE '1122%' WHERE i.company_id = $1 AND i.kind = 'receivable' AND i.partner_id = $2 "
      "AND i.due_date < $3 AND o.amount > o.allocated",
      {company, customer, today});
  if (!overdue) return overdue.error();
  credit.overdue_invoices = (*overdue)->int64(0).value_or(0);
  credit.overdue_amount = (*overdue)->int64(1).value_or(0);
  return credit;
}

json::object credit_json(const Credit& credit) {
  using finance::format_amount;
  return json::object{{"credit_limit", format_amount(credit.limit)},
                      {"receivables", format_amount(credit.receivables)},
                      {"unposted_invoices", format_amount(credit.unposted_invoices)},
                      {"open_orders", format_amount(credit.open_orders)},
                      {"this_order", format_amount(credit.this_order)},
                      {"exposure", format_amount(credit.exposure())},
                      {"available", credit.limit > 0 ? json::value(format_amount(credit.limit - credit.exposure()))
                                                     : json::value()},
                      {"overdue_amount", format_amount(credit.overdue_amount)},
                      {"overdue_invoices", credit.overdue_invoices},
                      {"over_limit", credit.over_limit()},
                      {"overdue", credit.overdue()},
                      {"blocked", credit.over_limit() || credit.overdue()}};
}

Result<json::object> order_facts(Connection& c, const entity::Record& order, const Clock& clock) {
  const std::int64_t company = order.company_id.value_or(0);
  auto lines = c.query_row("SELECT COUNT(*) FROM sales_order_lines WHERE order_id = $1", {order.id});
  if (!lines) return lines.error();
  if ((*lines)->int64(0).value_or(0) == 0) return finance::field_error("lines", "required", "inventory.lines_required");
  const auto* customer = order.get("customer_id").get_if<std::int64_t>();
  const auto today = inventory::local_today(clock);
  auto credit = credit_of(c, company, customer != nullptr ? *customer : 0, order.id, today);
  if (!credit) return credit.error();
  return json::object{{"over_credit_limit", credit->over_limit()},
                      {"overdue", credit->overdue()},
                      {"credit_blocked", credit->over_limit() || credit->overdue()},
                      {"credit_exposure", finance::format_amount(credit->exposure())}};
}

}  // namespace verp::sales
