// The task entity and the reminder sweep.
#include <boost/json.hpp>

#include "modules/notify/api.hpp"
#include "modules/workflow/api.hpp"
#include "modules/workflow/workflow_module.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::workflow {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

EntitySpec task_entity() {
  return EntitySpec{
      .name = "task",
      .table = "tasks",
      .path = "tasks",
      .label = {"待办任务", "Task"},
      .fields =
          {Field{.name = "title", .kind = FieldKind::text, .label = {"标题", "Title"}, .required = true,
                 .max_length = 200, .searchable = true},
           Field{.name = "description", .kind = FieldKind::text, .label = {"内容", "Description"}, .max_length = 2000,
                 .searchable = true, .in_list = false},
           Field{.name = "due_at", .kind = FieldKind::datetime, .label = {"截止时间", "Due"}},
           Field{.name = "remind_minutes_before", .kind = FieldKind::integer, .label = {"提前提醒（分钟）", "Remind (minutes before)"},
                 .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(43200), .default_value = "60"},
           Field{.name = "escalate_after_hours", .kind = FieldKind::integer,
                 .label = {"逾期升级（小时）", "Escalate after (hours overdue)"},
                 .help = {"逾期超过该时长后通知负责人所在部门的负责人", "Tells the owner's department head once overdue this long"},
                 .minimum = Decimal::from_int(1), .maximum = Decimal::from_int(720)},
           Field{.name = "repeat_every_days", .kind = FieldKind::integer, .label = {"重复周期（天）", "Repeat every (days)"},
                 .help = {"完成后按此周期生成下一次任务，如回访每 90 天", "Completing it creates the next one, e.g. a return visit every 90 days"},
                 .minimum = Decimal::from_int(1), .maximum = Decimal::from_int(3650)},
           Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"}, .required = true,
                 .options = {{"open", {"待办", "Open"}}, {"done", {"已完成", "Done"}}, {"cancelled", {"已取消", "Cancelled"}}},
                 .default_value = "open"},
           Field{.name = "snoozed_until", .kind = FieldKind::datetime, .label = {"稍后提醒", "Snoozed until"},
                 .in_list = false},
           Field{.name = "entity", .kind = FieldKind::text, .label = {"关联对象类型", "Record type"}, .max_length = 50,
                 .pattern = "[a-z_]+", .in_list = false},
           Field{.name = "record_id", .kind = FieldKind::integer, .label = {"关联对象", "Record"}, .in_list = false},
           Field{.name = "reminded_at", .kind = FieldKind::datetime, .label = {"已提醒于", "Reminded at"},
                 .read_only = true, .in_list = false},
           Field{.name = "escalated_at", .kind = FieldKind::datetime, .label = {"已升级于", "Escalated at"},
                 .read_only = true, .in_list = false}},
      .title_field = "title",
      .default_sort = "due_at"};
}

namespace {

std::optional<Timestamp> optional_time(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return std::nullopt;
  auto at = row.timestamp(index);
  return at ? std::optional<Timestamp>(*at) : std::nullopt;
}

constexpr std::int64_t kMicrosPerMinute = 60'000'000;

// Marks the task (column set only if still unset) and notifies; false when another node won.
Result<bool> claim_and_notify(storage::Database& database, const Clock& clock, std::int64_t task, const char* column,
                              const std::vector<notify::Notification>& notes) {
  return database.write([&](Connection& c) -> Result<bool> {
    auto claimed = c.execute(std::string("UPDATE tasks SET ") + column + " = $1 WHERE id = $2 AND " + column +
                                 " IS NULL AND status = 'open'",
                             {Timestamp::from_system(clock.now()), task});
    if (!claimed) return claimed.error();
    if (*claimed == 0) return false;
    for (const auto& note : notes) {
      if (auto stored = notify::notify(c, clock, note); !stored) return stored.error();
    }
    return true;
  });
}

}  // namespace

Result<ReminderRun> send_due_reminders(storage::Database& database, const Clock& clock) {
  const auto now = Timestamp::from_system(clock.now());
  const Timestamp horizon{now.micros + 30LL * 24 * 60 * kMicrosPerMinute};  // reminders at most 30 days ahead
  auto rows = database.read([&](Connection& c) {
    return c.query(
        "SELECT t.id, t.company_id, t.owner_id, t.title, t.due_at, t.remind_minutes_before, t.escalate_after_hours, "
        "t.reminded_at, t.escalated_at, t.snoozed_until, d.head_user_id FROM tasks t "
        "LEFT JOIN memberships m ON m.user_id = t.owner_id AND m.company_id = t.company_id "
        "LEFT JOIN departments d ON d.id = m.department_id "
        "WHERE t.status = 'open' AND t.archived_at IS NULL AND t.due_at IS NOT NULL AND t.owner_id IS NOT NULL "
        "AND t.due_at <= $1 AND (t.reminded_at IS NULL OR (t.escalated_at IS NULL AND t.escalate_after_hours IS NOT NULL))",
        {horizon});
  });
  if (!rows) return rows.error();
  const auto& catalog = i18n::Catalog::built_in();
  ReminderRun run;
  for (const auto& row : *rows) {
    const std::int64_t id = row.int64(0).value_or(0);
    const std::optional<std::int64_t> company = row.is_null(1) ? std::nullopt : std::optional(row.int64(1).value_or(0));
    const std::int64_t owner = row.int64(2).value_or(0);
    const std::string title = row.text(3).value_or("");
    const Timestamp due = row.timestamp(4).value_or(now);
    const std::int64_t before = row.is_null(5) ? 0 : row.int64(5).value_or(0);
    const auto reminded = optional_time(row, 7);
    const auto escalated = optional_time(row, 8);
    const auto snoozed = optional_time(row, 9);

    Timestamp remind_at{due.micros - before * kMicrosPerMinute};
    if (snoozed && snoozed->micros > remind_at.micros) remind_at = *snoozed;
    if (!reminded && remind_at.micros <= now.micros) {
      notify::Notification note{.user_id = owner,
                                .company_id = company,
                                .kind = "task.reminder",
                                .title = catalog.text("zh-CN", "workflow.task_reminder", {{"title", title}}),
                                .body = catalog.text("zh-CN", "workflow.task_due", {{"due", due.to_string()}}),
                                .entity = "task",
                                .record_id = id,
                                .title_id = "workflow.task_reminder",
                                .args = {{"title", title}, {"due", due.to_string()}}};
      auto sent = claim_and_notify(database, clock, id, "reminded_at", {note});
      if (!sent) return sent.error();
      if (*sent) ++run.reminded;
    }
    if (!row.is_null(6) && !escalated) {
      const std::int64_t hours = row.int64(6).value_or(0);
      if (due.micros + hours * 60 * kMicrosPerMinute <= now.micros) {
        std::vector<notify::Notification> notes{
            {.user_id = owner, .company_id = company, .kind = "task.overdue",
             .title = catalog.text("zh-CN", "workflow.task_overdue", {{"title", title}}), .entity = "task", .record_id = id,
             .title_id = "workflow.task_overdue", .args = {{"title", title}, {"due", due.to_string()}}}};
        if (!row.is_null(10) && row.int64(10).value_or(0) != owner) {
          notes.push_back({.user_id = row.int64(10).value_or(0), .company_id = company, .kind = "task.escalated",
                           .title = catalog.text("zh-CN", "workflow.task_escalated", {{"title", title}}),
                           .entity = "task", .record_id = id, .title_id = "workflow.task_escalated",
                           .args = {{"title", title}, {"due", due.to_string()}}});
        }
        auto sent = claim_and_notify(database, clock, id, "escalated_at", notes);
        if (!sent) return sent.error();
        if (*sent) ++run.escalated;
      }
    }
  }
  return run;
}

}  // namespace verp::workflow
