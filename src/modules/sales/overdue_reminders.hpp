// Overdue reminders (逾期催款提醒): the daily job `sales.overdue_reminders` that gives someone the
// work of collecting each sales invoice past its due date with money still owed.
//
// Which invoices: receivable invoices made by sales (they have sales_invoice_lines) whose posted
// receivable (the debit open item of their voucher on the customer) is not fully allocated, due
// before today (China time). Unposted invoices owe nothing yet in the ledger and wait.
//
// What happens, per invoice: a task (workflow's `task`, about the `customer_invoice`, due a day
// later, so that workflow.reminders nags its owner if it stays open) and a notification
// (`sales.overdue_invoice`, e-mail and the other channels as the user's preferences ask). The owner
// is the user of the salesperson (employees.user_id) of the invoice's first order with one, if
// they are an active member of the company, else the user who made the invoice.
//
// Told once per invoice and due date: a row of `sales_reminders` is inserted before anything is
// made, in the same transaction, and is the claim (several nodes may run the job at once). A due
// date moved later starts over. Each company is one transaction.
#pragma once

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/entity/store.hpp"
#include "platform/storage/database.hpp"

namespace verp::sales {

struct OverdueRun {
  int reminded = 0;  // invoices that got their task and notification in this run
};

// `task_spec` is workflow's task entity. Errors: storage errors and the task's create errors
// (companies done before keep their reminders).
Result<OverdueRun> send_overdue_reminders(storage::Database& database, const entity::EntityStore& store,
                                          const entity::EntitySpec& task_spec, const Clock& clock);

}  // namespace verp::sales
