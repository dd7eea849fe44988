// The daily overdue reminders (overdue_reminders.hpp): a task and a notification per sales
// invoice past due and still open, once per due date.
#include "modules/sales/overdue_reminders.hpp"

#include <boost/json.hpp>

#include "modules/finance/amount.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/notify/api.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::sales {

using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Timestamp;

namespace {

constexpr std::int64_t kMicrosPerDay = 24LL * 3600 * 1'000'000;

struct Overdue {
  std::int64_t invoice = 0;
  std::string number;
  std::string customer;
  Date invoiced_on, due_on;
  finance::Cents total = 0, open = 0;
  std::int64_t owner = 0;
};

// The company's sales invoices past due with something open and no reminder yet for their due
// date. The owner: the first order's salesperson's user when they are an active member, else
// whoever made the invoice.
Result<std::vector<Overdue>> overdue_invoices(Connection& c, std::int64_t company, Date today) {
  auto rows = c.query(
      "SELECT i.id, i.number, cu.name, i.invoice_date, i.due_date, i.total, SUM(o.amount - o.allocated), "
      "COALESCE((SELECT e.user_id FROM sales_invoice_lines s JOIN sales_orders so ON so.id = s.order_id "
      "JOIN employees e ON e.id = so.salesperson_id JOIN users u ON u.id = e.user_id AND u.is_active "
      "JOIN memberships m ON m.user_id = e.user_id AND m.company_id = i.company_id WHERE s.invoice_id = i.id "
      "ORDER BY s.seq LIMIT 1), i.created_by) "
      "FROM finance_invoices i JOIN open_items o ON o.voucher_id = i.voucher_id AND o.partner_type = 'customer' "
      "AND o.partner_id = i.partner_id AND o.side = 'debit' JOIN customers cu ON cu.id = i.partner_id "
      "WHERE i.company_id = $1 AND i.kind = 'receivable' AND i.due_date < $2 AND o.amount > o.allocated "
      "AND EXISTS (SELECT 1 FROM sales_invoice_lines s WHERE s.invoice_id = i.id) "
      "AND NOT EXISTS (SELECT 1 FROM sales_reminders r WHERE r.invoice_id = i.id AND r.due_date = i.due_date) "
      "GROUP BY i.id, i.number, cu.name, i.invoice_date, i.due_date, i.total, i.company_id, i.created_by "
      "ORDER BY i.due_date, i.id",
      {company, today});
  if (!rows) return rows.error();
  std::vector<Overdue> found;
  for (const Row& row : *rows) {
    found.push_back({.invoice = row.int64(0).value_or(0),
                     .number = row.text(1).value_or(""),
                     .customer = row.text(2).value_or(""),
                     .invoiced_on = row.date(3).value_or(today),
                     .due_on = row.date(4).value_or(today),
                     .total = row.int64(5).value_or(0),
                     .open = row.int64(6).value_or(0),
                     .owner = row.int64(7).value_or(0)});
  }
  return found;
}

// The claim: true when this run is the first to remind of the invoice for this due date.
Result<bool> claim(Connection& c, std::int64_t company, const Overdue& invoice, Timestamp now) {
  auto inserted = c.execute(
      "INSERT INTO sales_reminders (invoice_id, due_date, company_id, sent_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (invoice_id, due_date) DO NOTHING",
      {invoice.invoice, invoice.due_on, company, now});
  if (!inserted) return inserted.error();
  return *inserted > 0;
}

Status remind(Connection& c, const entity::EntityStore& store, const entity::EntitySpec& task_spec, const Clock& clock,
              std::int64_t company, const Overdue& invoice, Date today) {
  const auto& catalog = i18n::Catalog::built_in();
  const std::vector<MessageArg> args{{"customer", invoice.customer},
                                     {"number", invoice.number},
                                     {"invoice_date", invoice.invoiced_on.to_string()},
                                     {"due_date", invoice.due_on.to_string()},
                                     {"days", std::to_string(today.to_days() - invoice.due_on.to_days())},
                                     {"total", finance::format_amount(invoice.total)},
                                     {"open", finance::format_amount(invoice.open)}};
  const std::string title = catalog.text("zh-CN", "sales.overdue_title", args);
  const std::string body = catalog.text("zh-CN", "sales.overdue_body", args);
  // The job acts for the task's owner, who is given it as if they had noted it themselves: the
  // history and audit name them, the request id names the job.
  const security::Principal owner{.user_id = invoice.owner,
                                  .user_name = "sales.overdue_reminders",
                                  .company_id = company,
                                  .company_ids = {company},
                                  .grants = {{"task", "create", security::DataScope::own}}};
  const Timestamp due = Timestamp::from_micros(Timestamp::from_system(clock.now()).micros + kMicrosPerDay);
  auto task = store.create_in(c, task_spec, owner,
                              boost::json::object{{"title", title},
                                                  {"description", body},
                                                  {"due_at", due.to_string()},
                                                  {"entity", "customer_invoice"},
                                                  {"record_id", invoice.invoice}},
                              true, {"", "job:sales.overdue_reminders"});
  if (!task) return task.error();
  auto told = notify::notify(c, clock,
                             {.user_id = invoice.owner,
                              .company_id = company,
                              .kind = "sales.overdue_invoice",
                              .title = title,
                              .body = body,
                              .entity = "customer_invoice",
                              .record_id = invoice.invoice,
                              .title_id = "sales.overdue_title",
                              .args = args});
  if (!told) return told.error();
  return {};
}

}  // namespace

Result<OverdueRun> send_overdue_reminders(storage::Database& database, const entity::EntityStore& store,
                                          const entity::EntitySpec& task_spec, const Clock& clock) {
  const Date today = inventory::local_today(clock);
  const Timestamp now = Timestamp::from_system(clock.now());
  auto companies = database.read([](Connection& c) { return c.query("SELECT id FROM companies WHERE is_active ORDER BY id"); });
  if (!companies) return companies.error();
  OverdueRun run;
  for (const Row& row : *companies) {
    const std::int64_t company = row.int64(0).value_or(0);
    int reminded = 0;
    auto done = database.write([&](Connection& c) -> Status {
      reminded = 0;
      auto invoices = overdue_invoices(c, company, today);
      if (!invoices) return invoices.error();
      for (const Overdue& invoice : *invoices) {
        auto first = claim(c, company, invoice, now);
        if (!first) return first.error();
        if (!*first) continue;
        if (Status told = remind(c, store, task_spec, clock, company, invoice, today); !told) return told;
        ++reminded;
      }
      return {};
    });
    if (!done) return done.error();
    run.reminded += reminded;
  }
  return run;
}

}  // namespace verp::sales
