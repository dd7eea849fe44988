// Tasks and reminders (待办与提醒), for other modules and the scheduler.
#pragma once

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/storage/database.hpp"

namespace verp::workflow {

struct ReminderRun {
  int reminded = 0;   // tasks whose reminder time came: their owner was notified
  int escalated = 0;  // overdue tasks past their escalation time: the owner's department head was notified
};

// Sends what is due now: a reminder to the owner of every open task whose reminder time
// (due − remind_minutes_before, or the end of a snooze) has come, once; and, for open tasks
// overdue by escalate_after_hours, a notification to the owner's department head, once. Safe to
// run on several nodes at once (each task is claimed with a conditional UPDATE). The scheduler
// runs it every minute ("workflow.reminders").
Result<ReminderRun> send_due_reminders(storage::Database& database, const Clock& clock);

}  // namespace verp::workflow
