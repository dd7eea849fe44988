#include "platform/jobs/schedule.hpp"

#include "platform/base/log.hpp"
#include "platform/jobs/cron.hpp"

namespace verp::jobs {

using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr int kMaxOffsetMinutes = 14 * 60;

constexpr std::string_view kColumns =
    "id, name, cron, utc_offset_minutes, kind, payload, company_id, user_id, enabled, next_run_at, last_run_at, "
    "last_job_id, created_at, updated_at";

Clock::TimePoint time_of(const storage::Row& row, std::size_t index) {
  return row.timestamp(index).value_or(Timestamp{}).to_system();
}

ScheduleInfo read_schedule(const storage::Row& row) {
  ScheduleInfo info;
  info.id = row.int64(0).value_or(0);
  info.name = row.text(1).value_or("");
  info.cron = row.text(2).value_or("");
  info.utc_offset_minutes = static_cast<int>(row.int64(3).value_or(0));
  info.kind = row.text(4).value_or("");
  info.payload = row.text(5).value_or("");
  if (!row.is_null(6)) info.company_id = row.int64(6).value_or(0);
  if (!row.is_null(7)) info.user_id = row.int64(7).value_or(0);
  info.enabled = row.boolean(8).value_or(false);
  info.next_run_at = time_of(row, 9);
  if (!row.is_null(10)) info.last_run_at = time_of(row, 10);
  if (!row.is_null(11)) info.last_job_id = row.int64(11).value_or(0);
  info.created_at = time_of(row, 12);
  info.updated_at = time_of(row, 13);
  return info;
}

Error field_error(std::string message_id, std::string field, std::string detail = {}) {
  Error error = make_error(ErrorKind::validation, std::move(message_id), std::move(detail));
  error.field = field;
  error.with_arg("field", std::move(field));
  return error;
}

// What tick() does with one due schedule.
enum class Outcome { enqueued, enqueued_last, taken };

}  // namespace

Scheduler::Scheduler(storage::Database& database, const Clock& clock, JobQueue& queue)
    : database_(database), clock_(clock), queue_(queue) {}

Scheduler::~Scheduler() { stop(); }

Result<std::int64_t> Scheduler::upsert(const ScheduleSpec& spec) {
  if (spec.name.empty()) return field_error("jobs.schedule_name_required", "name");
  if (spec.kind.empty()) return field_error("jobs.schedule_kind_required", "kind");
  if (spec.utc_offset_minutes < -kMaxOffsetMinutes || spec.utc_offset_minutes > kMaxOffsetMinutes) {
    return field_error("jobs.invalid_utc_offset", "utc_offset_minutes", std::to_string(spec.utc_offset_minutes));
  }
  auto cron = CronExpression::parse(spec.cron);
  if (!cron) {
    Error error = cron.error();
    error.field = "cron";
    return error;
  }
  const auto now = clock_.now();
  const auto next = cron->next_after(now, spec.utc_offset_minutes);
  if (!next) return field_error("jobs.cron_never_due", "cron", cron->text()).with_arg("expression", cron->text());
  const Timestamp stamp = Timestamp::from_system(now);
  const std::string text = cron->text();

  return database_.write([&](Connection& c) -> Result<std::int64_t> {
    auto inserted = c.query_row(
        "INSERT INTO job_schedules (name, cron, utc_offset_minutes, kind, payload, company_id, user_id, enabled, "
        "next_run_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) "
        "ON CONFLICT (name) DO NOTHING RETURNING id",
        {spec.name, text, spec.utc_offset_minutes, spec.kind, spec.payload, Value(spec.company_id), Value(spec.user_id),
         spec.enabled, Timestamp::from_system(*next), stamp});
    if (!inserted) return inserted.error();
    if (*inserted) return (*inserted)->int64(0);

    const std::string lock = c.dialect() == storage::Dialect::postgres ? " FOR UPDATE" : "";
    auto existing = c.query_row(
        "SELECT id, cron, utc_offset_minutes, enabled, next_run_at FROM job_schedules WHERE name = $1" + lock,
        {spec.name});
    if (!existing) return existing.error();
    if (!*existing) return make_error(ErrorKind::conflict, "error.conflict", "schedule removed during upsert");
    const storage::Row& row = **existing;
    const std::int64_t id = row.int64(0).value_or(0);
    const bool recompute = row.text(1).value_or("") != text || row.int64(2).value_or(0) != spec.utc_offset_minutes ||
                           (!row.boolean(3).value_or(false) && spec.enabled);
    const Timestamp next_run_at =
        recompute ? Timestamp::from_system(*next) : row.timestamp(4).value_or(Timestamp::from_system(*next));
    auto updated = c.execute(
        "UPDATE job_schedules SET cron = $1, utc_offset_minutes = $2, kind = $3, payload = $4, company_id = $5, "
        "user_id = $6, enabled = $7, next_run_at = $8, updated_at = $9 WHERE id = $10",
        {text, spec.utc_offset_minutes, spec.kind, spec.payload, Value(spec.company_id), Value(spec.user_id),
         spec.enabled, next_run_at, stamp, id});
    if (!updated) return updated.error();
    return id;
  });
}

Status Scheduler::remove(std::string_view name) {
  return database_.write([&](Connection& c) -> Status {
    auto removed = c.execute("DELETE FROM job_schedules WHERE name = $1", {name});
    if (!removed) return removed.error();
    if (*removed == 0) return make_error(ErrorKind::not_found, "error.not_found");
    return {};
  });
}

Result<std::vector<ScheduleInfo>> Scheduler::list() const {
  return database_.read([&](Connection& c) -> Result<std::vector<ScheduleInfo>> {
    auto rows = c.query("SELECT " + std::string(kColumns) + " FROM job_schedules ORDER BY name");
    if (!rows) return rows.error();
    std::vector<ScheduleInfo> list;
    for (const auto& row : *rows) list.push_back(read_schedule(row));
    return list;
  });
}

Result<int> Scheduler::tick() {
  const auto now = clock_.now();
  const Timestamp stamp = Timestamp::from_system(now);
  auto due = database_.read([&](Connection& c) {
    return c.query("SELECT " + std::string(kColumns) +
                       " FROM job_schedules WHERE enabled = $1 AND next_run_at <= $2 ORDER BY next_run_at, id",
                   {true, stamp});
  });
  if (!due) return due.error();

  int enqueued = 0;
  for (const auto& row : *due) {
    const ScheduleInfo schedule = read_schedule(row);
    const Timestamp due_at = Timestamp::from_system(schedule.next_run_at);
    std::optional<Clock::TimePoint> next;
    if (auto cron = CronExpression::parse(schedule.cron)) next = cron->next_after(now, schedule.utc_offset_minutes);

    auto outcome = database_.write([&](Connection& c) -> Result<Outcome> {
      // The claim: only the transaction that still sees this occurrence's next_run_at (and the
      // cron it was computed from) moves it on; any other node's claim updates nothing.
      // Without a further occurrence (or with a cron that no longer parses) this is the last
      // run: the schedule is disabled and keeps its next_run_at.
      auto claimed = c.query_row(
          "UPDATE job_schedules SET next_run_at = $1, enabled = $2, last_run_at = $3, updated_at = $3 WHERE id = $4 "
          "AND next_run_at = $5 AND enabled = $6 AND cron = $7 AND utc_offset_minutes = $8 "
          "RETURNING name, kind, payload, user_id, company_id",
          {next ? Timestamp::from_system(*next) : due_at, next.has_value(), stamp, schedule.id, due_at, true,
           schedule.cron, schedule.utc_offset_minutes});
      if (!claimed) return claimed.error();
      if (!*claimed) return Outcome::taken;
      const storage::Row& current = **claimed;  // the job as the schedule says now
      NewJob job{.kind = current.text(1).value_or(""),
                 .payload = current.text(2).value_or(""),
                 .user_id = {},
                 .company_id = {},
                 .title = current.text(0).value_or("")};
      if (!current.is_null(3)) job.user_id = current.int64(3).value_or(0);
      if (!current.is_null(4)) job.company_id = current.int64(4).value_or(0);
      auto job_id = queue_.enqueue_in(c, job);
      if (!job_id) return job_id.error();
      auto noted = c.execute("UPDATE job_schedules SET last_job_id = $1 WHERE id = $2", {*job_id, schedule.id});
      if (!noted) return noted.error();
      return next ? Outcome::enqueued : Outcome::enqueued_last;
    });

    if (!outcome) {
      log::warn(
          "jobs.schedule_failed",
          {{"schedule", schedule.name}, {"error", outcome.error().message_id}, {"detail", outcome.error().detail}});
      continue;
    }
    if (*outcome == Outcome::taken) continue;
    ++enqueued;
    log::info("jobs.schedule_enqueued", {{"schedule", schedule.name}, {"kind", schedule.kind}});
    if (*outcome == Outcome::enqueued_last) {
      log::warn("jobs.schedule_disabled", {{"schedule", schedule.name}, {"cron", schedule.cron}});
    }
  }
  return enqueued;
}

void Scheduler::start(std::chrono::milliseconds interval) {
  std::lock_guard control(control_);
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this, interval] { run(interval); });
}

void Scheduler::stop() {
  std::lock_guard control(control_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::run(std::chrono::milliseconds interval) {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto ticked = tick();
    if (!ticked) {
      log::warn("jobs.scheduler_error", {{"error", ticked.error().message_id}, {"detail", ticked.error().detail}});
    }
    lock.lock();
    wake_.wait_for(lock, interval, [this] { return stopping_; });
  }
}

std::vector<storage::TableDef> schedule_tables() {
  using storage::Column;
  using storage::ColumnType;
  return {storage::TableDef{
      .name = "job_schedules",
      .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                  Column{.name = "name", .type = ColumnType::text, .not_null = true},
                  Column{.name = "cron", .type = ColumnType::text, .not_null = true},
                  Column{.name = "utc_offset_minutes", .type = ColumnType::int64, .not_null = true},
                  Column{.name = "kind", .type = ColumnType::text, .not_null = true},
                  Column{.name = "payload", .type = ColumnType::text, .not_null = true},
                  Column{.name = "company_id", .type = ColumnType::int64},
                  Column{.name = "user_id", .type = ColumnType::int64},
                  Column{.name = "enabled", .type = ColumnType::boolean, .not_null = true},
                  Column{.name = "next_run_at", .type = ColumnType::timestamp, .not_null = true},
                  Column{.name = "last_run_at", .type = ColumnType::timestamp},
                  Column{.name = "last_job_id", .type = ColumnType::int64},
                  Column{.name = "created_at", .type = ColumnType::timestamp, .not_null = true},
                  Column{.name = "updated_at", .type = ColumnType::timestamp, .not_null = true}},
      .primary_key = {},
      .indexes = {storage::Index{.name = "job_schedules_name_key", .columns = {"name"}, .unique = true},
                  storage::Index{.name = "job_schedules_due_idx", .columns = {"enabled", "next_run_at"}}}}};
}

}  // namespace verp::jobs
