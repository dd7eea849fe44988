// JobQueue: durable background jobs in the database — long work (imports today; exports,
// reports, MRP runs and backups later) that outlives the request which started it, reports its
// progress (0–100 % and a message), can be cancelled, and leaves its result for the caller.
//
//   queue.register_handler("entity.import", [](const Job& job, Progress& progress) -> Result<std::string> {
//     ... progress.report(40, "checking rows"); if (progress.cancelled()) return cancelled_error(); ...
//     return result_json;
//   });
//   auto id = queue.enqueue({.kind = "entity.import", .payload = "...", .user_id = 7, .company_id = 1});
//
// Durability: a job is a row of `jobs`. Workers claim queued jobs with one UPDATE … RETURNING
// (on PostgreSQL the candidate row is picked FOR UPDATE SKIP LOCKED, so several nodes share one
// queue without claiming a job twice). A running job refreshes its heartbeat whenever it reports
// progress and at least every few seconds; a job whose heartbeat is older than `stale_after`
// (its process died: kill -9, power loss) is queued again at the next start or sweep, up to
// `max_attempts`, then marked failed — it is never lost and never silently dropped.
// Handlers must therefore be safe to run again after an interruption (an import runs in one
// transaction, so an interrupted one left nothing behind).
//
// Thread safety: every method may be called from any thread. Handlers run on the queue's
// worker threads, one job per worker at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/schema.hpp"

namespace verp::jobs {

enum class State { queued, running, succeeded, failed, cancelled };
std::string_view to_string(State state);

struct NewJob {
  std::string kind;     // the handler, e.g. "entity.import"
  std::string payload;  // the handler's input (JSON text, by convention)
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> company_id;
  std::string title;  // for people: "导入客户 customers.xlsx"
};

struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string title;
  std::string payload;
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> company_id;
  State state = State::queued;
  int progress = 0;  // 0..100
  std::string message;
  std::string result;  // JSON text the handler returned (succeeded), or "" 
  std::string error;   // the message id of the failure (failed)
  int attempts = 0;
  bool cancel_requested = false;
  Clock::TimePoint created_at{};
  std::optional<Clock::TimePoint> started_at;
  std::optional<Clock::TimePoint> finished_at;
};

// What a running handler reports through, and asks whether it should stop.
class Progress {
 public:
  virtual ~Progress() = default;
  // Records percent (clamped to 0..100) and a message; writes at most a few times a second.
  virtual void report(int percent, std::string_view message) = 0;
  // True once someone asked to cancel the job: the handler should stop and return
  // cancelled_error(); its work must then be undone (roll back its transaction).
  virtual bool cancelled() = 0;
};

Error cancelled_error();  // "jobs.cancelled"

using Handler = std::function<Result<std::string>(const Job& job, Progress& progress)>;

// Runs inside the transaction that records a job's end (succeeded, failed or cancelled), e.g.
// to notify its user; an error rolls that back and the job is finished again later.
using FinishHook = std::function<Status(storage::Connection& connection, const Job& job, State state)>;

struct QueueOptions {
  int workers = 1;
  std::chrono::milliseconds poll_interval{500};  // how often idle workers look for work
  std::chrono::seconds stale_after{60};           // heartbeat age that means "its process died"
  int max_attempts = 3;
};

class JobQueue {
 public:
  JobQueue(storage::Database& database, const Clock& clock, QueueOptions options = {});
  ~JobQueue();  // stops the workers (running handlers finish their current job)
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Before start().
  void register_handler(std::string kind, Handler handler);
  void on_finished(FinishHook hook) { finish_hook_ = std::move(hook); }

  // Requeues or fails jobs whose process died, then starts the workers.
  Status start();
  void stop();

  Result<std::int64_t> enqueue(const NewJob& job);
  // The same inside a transaction the caller runs (the job exists only if that transaction
  // commits), e.g. the Scheduler enqueues and advances a schedule atomically. Idle workers find
  // such a job at their next poll (within poll_interval).
  Result<std::int64_t> enqueue_in(storage::Connection& connection, const NewJob& job);
  Result<Job> get(std::int64_t id) const;
  // The newest jobs of a user (in a company), for "my jobs".
  Result<std::vector<Job>> list_for_user(std::int64_t user_id, std::optional<std::int64_t> company_id,
                                         int limit = 50) const;
  // A queued job is cancelled at once; a running one is asked to stop. not_found when the job is
  // not there; invalid_transition when it has finished.
  Status cancel(std::int64_t id);

  // Requeues (or fails, after max_attempts) running jobs whose heartbeat is older than
  // stale_after. Returns how many it touched. start() runs it; so does every idle worker now and
  // then, so a node also recovers the jobs of another node that died.
  Result<int> recover_stale();

  // Claims and runs one queued job on the calling thread; false when there was none. For tests
  // and for `verp` sub-commands that drain the queue.
  Result<bool> run_one();

 private:
  void work();
  Result<std::optional<Job>> claim();
  Status finish(const Job& job, State state, const std::string& result, const std::string& error);

  storage::Database& database_;
  const Clock& clock_;
  QueueOptions options_;
  std::map<std::string, Handler, std::less<>> handlers_;
  FinishHook finish_hook_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
};

// The `jobs` table.
std::vector<storage::TableDef> tables();

}  // namespace verp::jobs
