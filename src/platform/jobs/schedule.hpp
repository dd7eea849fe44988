// Scheduler: recurring jobs. A schedule is a row of `job_schedules` — a name, a cron expression
// (cron.hpp) evaluated in a fixed UTC offset, and the job to enqueue when it is due (kind,
// payload, user, company). A background thread on every node calls tick(), which enqueues a job
// on the JobQueue for every enabled schedule whose next_run_at has come and moves next_run_at to
// the next occurrence.
//
//   Scheduler scheduler(db, clock, queue);
//   scheduler.upsert({.name = "mrp.nightly", .cron = "0 2 * * *", .utc_offset_minutes = 480,
//                     .kind = "mrp.run", .payload = R"({"company":1})", .company_id = 1});
//   scheduler.start();   // ticks every 30 s
//
// Guarantees:
// - At most once per occurrence, also with several nodes: a node claims a due schedule with
//   `UPDATE … SET next_run_at = <next> WHERE id = $ AND next_run_at = <the due value>`, and the
//   job is inserted in the SAME transaction (JobQueue::enqueue_in), so exactly one node enqueues
//   a given occurrence, and a crash between the two leaves neither.
// - Missed occurrences (the server was down, or the tick came late) run ONCE, not once each:
//   next_run_at moves to the first occurrence after now.
// - A job runs at its time plus up to one tick interval (and the queue's poll interval).
//
// upsert() is idempotent, so modules may declare their schedules at every start: next_run_at is
// recomputed (from now) only when the schedule is new, its cron or offset changed, or it is
// enabled again — a restart does not skip an occurrence that was missed while it was down.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/jobs/job_queue.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/schema.hpp"

namespace verp::jobs {

struct ScheduleSpec {
  std::string name;              // unique, e.g. "mrp.nightly"
  std::string cron;              // "0 2 * * *", "@daily"… (cron.hpp)
  int utc_offset_minutes = 480;  // the cron's time zone as a fixed offset; China: +480
  std::string kind;              // the job's handler, registered on the JobQueue
  std::string payload;           // the job's input (JSON text, by convention)
  std::optional<std::int64_t> company_id;
  std::optional<std::int64_t> user_id;
  bool enabled = true;
};

struct ScheduleInfo {
  std::int64_t id = 0;
  std::string name;
  std::string cron;
  int utc_offset_minutes = 0;
  std::string kind;
  std::string payload;
  std::optional<std::int64_t> company_id;
  std::optional<std::int64_t> user_id;
  bool enabled = true;
  Clock::TimePoint next_run_at{};
  std::optional<Clock::TimePoint> last_run_at;  // when a job was last enqueued
  std::optional<std::int64_t> last_job_id;
  Clock::TimePoint created_at{};
  Clock::TimePoint updated_at{};
};

class Scheduler {
 public:
  Scheduler(storage::Database& database, const Clock& clock, JobQueue& queue);
  ~Scheduler();  // stops the thread
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Creates or updates the schedule of this name; returns its id. Validation errors:
  // "jobs.invalid_cron" (field cron), "jobs.cron_never_due" (cron: no occurrence in five
  // years), "jobs.invalid_utc_offset" (field utc_offset_minutes: outside ±14 h),
  // "jobs.schedule_name_required" (field name), "jobs.schedule_kind_required" (field kind).
  // Whether the queue has a handler for the kind is not checked here: a node without it cannot
  // enqueue the job (tick() logs that and leaves the occurrence to a node that can).
  Result<std::int64_t> upsert(const ScheduleSpec& spec);
  // not_found when there is no schedule of that name. Jobs it already enqueued stay.
  Status remove(std::string_view name);
  // All schedules, by name.
  Result<std::vector<ScheduleInfo>> list() const;

  // Enqueues a job for every enabled schedule that is due now and advances it; returns how
  // many jobs this call enqueued (occurrences another node claimed first are not counted). A
  // schedule that fails (e.g. its handler is missing on this node) is logged and skipped — it
  // stays due, so the next tick here or on another node tries again — and the others still run.
  // A schedule whose cron has no occurrence in the next five years runs this due occurrence and
  // is then disabled (logged).
  Result<int> tick();

  // A background thread that calls tick() at once and then every `interval` (real time, not
  // the Clock). start() while running does nothing.
  void start(std::chrono::milliseconds interval = std::chrono::seconds(30));
  void stop();

 private:
  void run(std::chrono::milliseconds interval);

  storage::Database& database_;
  const Clock& clock_;
  JobQueue& queue_;
  std::mutex control_;  // serialises start() and stop()
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

// The `job_schedules` table (after the `jobs` table of tables()).
std::vector<storage::TableDef> schedule_tables();

}  // namespace verp::jobs
