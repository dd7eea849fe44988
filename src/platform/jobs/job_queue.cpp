#include "platform/jobs/job_queue.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "platform/base/log.hpp"
#include "platform/events/bridge.hpp"

namespace verp::jobs {

using storage::Connection;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr std::string_view kColumns =
    "id, kind, title, payload, user_id, company_id, state, progress, message, result, error, attempts, "
    "cancel_requested, created_at, started_at, finished_at";

constexpr std::chrono::seconds kHeartbeatEvery{5};

State parse_state(std::string_view text) {
  for (State s : {State::queued, State::running, State::succeeded, State::failed, State::cancelled}) {
    if (to_string(s) == text) return s;
  }
  return State::failed;
}

Job read_job(const storage::Row& row) {
  Job job;
  job.id = row.int64(0).value_or(0);
  job.kind = row.text(1).value_or("");
  job.title = row.text(2).value_or("");
  job.payload = row.text(3).value_or("");
  if (!row.is_null(4)) job.user_id = row.int64(4).value_or(0);
  if (!row.is_null(5)) job.company_id = row.int64(5).value_or(0);
  job.state = parse_state(row.text(6).value_or("failed"));
  job.progress = static_cast<int>(row.int64(7).value_or(0));
  job.message = row.text(8).value_or("");
  job.result = row.is_null(9) ? "" : row.text(9).value_or("");
  job.error = row.is_null(10) ? "" : row.text(10).value_or("");
  job.attempts = static_cast<int>(row.int64(11).value_or(0));
  job.cancel_requested = row.boolean(12).value_or(false);
  job.created_at = row.timestamp(13).value_or(Timestamp{}).to_system();
  if (!row.is_null(14)) job.started_at = row.timestamp(14).value_or(Timestamp{}).to_system();
  if (!row.is_null(15)) job.finished_at = row.timestamp(15).value_or(Timestamp{}).to_system();
  return job;
}

std::optional<std::int64_t> optional_id(const storage::Row& row, std::size_t index) {
  if (row.is_null(index)) return std::nullopt;
  auto value = row.int64(index);
  return value ? std::optional<std::int64_t>(*value) : std::nullopt;
}

// Tells the job's owner's live streams (platform/events) at commit; a job without an owner has
// no one to tell.
Status publish_job_event(Connection& c, std::int64_t id, std::optional<std::int64_t> user_id,
                         std::optional<std::int64_t> company_id, State state, int progress, std::string_view message) {
  if (!user_id) return {};
  boost::json::object data{{"id", id}, {"state", to_string(state)}, {"progress", progress}, {"message", message}};
  return events::publish(c, {.kind = events::Kind::job, .company_id = company_id, .user_id = user_id,
                             .data = boost::json::serialize(data)});
}

// Progress that writes to the job's row, throttled, and refreshes the heartbeat.
class RowProgress final : public Progress {
 public:
  RowProgress(storage::Database& database, const Clock& clock, std::int64_t id)
      : database_(database), clock_(clock), id_(id) {}

  void report(int percent, std::string_view message) override {
    const auto now = clock_.now();
    percent = std::clamp(percent, 0, 100);
    if (percent == last_percent_ && message == last_message_ && now - last_write_ < kHeartbeatEvery) return;
    if (percent < 100 && now - last_write_ < std::chrono::milliseconds(250) && written_once_) return;
    write(percent, message, now);
  }

  bool cancelled() override {
    const auto now = clock_.now();
    if (!cancelled_ && now - last_check_ >= std::chrono::milliseconds(250)) {
      last_check_ = now;
      auto row = database_.read([&](Connection& c) {
        return c.query_row("SELECT cancel_requested FROM jobs WHERE id = $1", {id_});
      });
      if (row && *row) cancelled_ = (**row).boolean(0).value_or(false);
    }
    return cancelled_;
  }

 private:
  void write(int percent, std::string_view message, Clock::TimePoint now) {
    last_percent_ = percent;
    last_message_ = std::string(message);
    last_write_ = now;
    written_once_ = true;
    auto updated = database_.write([&](Connection& c) -> Result<std::optional<storage::Row>> {
      auto row = c.query_row(
          "UPDATE jobs SET progress = $1, message = $2, heartbeat_at = $3 WHERE id = $4 "
          "RETURNING cancel_requested, user_id, company_id",
          {percent, last_message_, Timestamp::from_system(now), id_});
      if (!row || !*row) return row;
      if (Status published = publish_job_event(c, id_, optional_id(**row, 1), optional_id(**row, 2), State::running,
                                               percent, last_message_);
          !published) {
        return published.error();
      }
      return row;
    });
    if (updated && *updated) cancelled_ = cancelled_ || (**updated).boolean(0).value_or(false);
  }

  storage::Database& database_;
  const Clock& clock_;
  std::int64_t id_;
  int last_percent_ = -1;
  std::string last_message_;
  Clock::TimePoint last_write_{};
  Clock::TimePoint last_check_{};
  bool written_once_ = false;
  bool cancelled_ = false;
};

}  // namespace

std::string_view to_string(State state) {
  switch (state) {
    case State::queued: return "queued";
    case State::running: return "running";
    case State::succeeded: return "succeeded";
    case State::failed: return "failed";
    case State::cancelled: return "cancelled";
  }
  return "failed";
}

Error cancelled_error() { return make_error(ErrorKind::invalid_transition, "jobs.cancelled"); }

JobQueue::JobQueue(storage::Database& database, const Clock& clock, QueueOptions options)
    : database_(database), clock_(clock), options_(options) {}

JobQueue::~JobQueue() { stop(); }

void JobQueue::register_handler(std::string kind, Handler handler) { handlers_[std::move(kind)] = std::move(handler); }

Status JobQueue::start() {
  if (auto recovered = recover_stale(); !recovered) return recovered.error();
  stopping_ = false;
  for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work(); });
  return {};
}

void JobQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  workers_.clear();
}

Result<std::int64_t> JobQueue::enqueue(const NewJob& job) {
  auto id = database_.write([&](Connection& c) { return enqueue_in(c, job); });
  if (id) wake_.notify_one();
  return id;
}

Result<std::int64_t> JobQueue::enqueue_in(Connection& c, const NewJob& job) {
  if (!handlers_.contains(job.kind)) return make_error(ErrorKind::internal, "error.internal", "no handler: " + job.kind);
  const auto now = Timestamp::from_system(clock_.now());
  auto row = c.query_row(
      "INSERT INTO jobs (kind, title, payload, user_id, company_id, state, progress, message, attempts, "
      "cancel_requested, created_at) VALUES ($1, $2, $3, $4, $5, 'queued', 0, '', 0, $6, $7) RETURNING id",
      {job.kind, job.title, job.payload, Value(job.user_id), Value(job.company_id), false, now});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::internal, "error.internal", "INSERT INTO jobs returned no id");
  return (*row)->int64(0);
}

Result<Job> JobQueue::get(std::int64_t id) const {
  return database_.read([&](Connection& c) -> Result<Job> {
    auto row = c.query_row("SELECT " + std::string(kColumns) + " FROM jobs WHERE id = $1", {id});
    if (!row) return row.error();
    if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
    return read_job(**row);
  });
}

Result<std::vector<Job>> JobQueue::list_for_user(std::int64_t user_id, std::optional<std::int64_t> company_id,
                                                 int limit) const {
  return database_.read([&](Connection& c) -> Result<std::vector<Job>> {
    std::string sql = "SELECT " + std::string(kColumns) + " FROM jobs WHERE user_id = $1";
    std::vector<Value> params{user_id};
    if (company_id) {
      sql += " AND company_id = $2";
      params.emplace_back(*company_id);
    }
    sql += " ORDER BY id DESC LIMIT " + std::to_string(std::clamp(limit, 1, 200));
    auto rows = c.query(sql, params);
    if (!rows) return rows.error();
    std::vector<Job> list;
    for (const auto& row : *rows) list.push_back(read_job(row));
    return list;
  });
}

Status JobQueue::cancel(std::int64_t id) {
  const auto now = Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Status {
    auto row = c.query_row("SELECT state FROM jobs WHERE id = $1", {id});
    if (!row) return row.error();
    if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
    const State state = parse_state((**row).text(0).value_or(""));
    if (state == State::queued) {
      auto done = c.execute("UPDATE jobs SET state = 'cancelled', cancel_requested = $1, finished_at = $2 WHERE id = $3",
                            {true, now, id});
      if (!done) return done.error();
      return {};
    }
    if (state != State::running) return make_error(ErrorKind::invalid_transition, "jobs.finished");
    auto asked = c.execute("UPDATE jobs SET cancel_requested = $1 WHERE id = $2", {true, id});
    if (!asked) return asked.error();
    return {};
  });
}

Result<int> JobQueue::recover_stale() {
  const auto now = clock_.now();
  const auto stale = Timestamp::from_system(now - options_.stale_after);
  return database_.write([&](Connection& c) -> Result<int> {
    auto failed = c.execute(
        "UPDATE jobs SET state = 'failed', error = 'jobs.interrupted', finished_at = $1 "
        "WHERE state = 'running' AND heartbeat_at < $2 AND attempts >= $3",
        {Timestamp::from_system(now), stale, options_.max_attempts});
    if (!failed) return failed.error();
    auto requeued = c.execute(
        "UPDATE jobs SET state = 'queued', progress = 0, message = '' WHERE state = 'running' AND heartbeat_at < $1",
        {stale});
    if (!requeued) return requeued.error();
    if (*failed + *requeued > 0) {
      log::warn("jobs.recovered", {{"requeued", std::to_string(*requeued)}, {"failed", std::to_string(*failed)}});
    }
    return static_cast<int>(*failed + *requeued);
  });
}

Result<std::optional<Job>> JobQueue::claim() {
  const auto now = Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Result<std::optional<Job>> {
    // PostgreSQL: SKIP LOCKED lets every node's workers take different jobs without waiting.
    const std::string pick = c.dialect() == storage::Dialect::postgres
                                 ? "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
                                 : "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1";
    auto row = c.query_row("UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = $1, "
                           "heartbeat_at = $1 WHERE id = (" + pick + ") AND state = 'queued' RETURNING " +
                               std::string(kColumns),
                           {now});
    if (!row) return row.error();
    if (!*row) return std::optional<Job>();
    return std::optional<Job>(read_job(**row));
  });
}

Status JobQueue::finish(const Job& job, State state, const std::string& result, const std::string& error) {
  const auto now = Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Status {
    auto done = c.execute(
        "UPDATE jobs SET state = $1, progress = $2, result = $3, error = $4, finished_at = $5, heartbeat_at = $5 "
        "WHERE id = $6",
        {std::string(to_string(state)), state == State::succeeded ? 100 : job.progress, result, error, now, job.id});
    if (!done) return done.error();
    if (Status published = publish_job_event(c, job.id, job.user_id, job.company_id, state,
                                             state == State::succeeded ? 100 : job.progress, job.message);
        !published) {
      return published;
    }
    if (finish_hook_) {
      Job finished = job;
      finished.state = state;
      finished.result = result;
      finished.error = error;
      return finish_hook_(c, finished, state);
    }
    return {};
  });
}

namespace {

// A handler may go longer than the stale time between progress reports (one long query, a big
// export): the heartbeat is kept fresh from beside it, so that no node takes a live job for one
// whose process died. Stops (and joins) when it goes out of scope.
class HeartbeatWhile {
 public:
  HeartbeatWhile(storage::Database& database, const Clock& clock, std::int64_t id, std::chrono::seconds stale_after)
      : beat_([this, &database, &clock, id, stale_after] {
          const auto every = std::max<std::chrono::milliseconds>(
              std::chrono::duration_cast<std::chrono::milliseconds>(stale_after) / 4, std::chrono::milliseconds(100));
          std::unique_lock lock(mutex_);
          while (!wake_.wait_for(lock, every, [this] { return done_; })) {
            lock.unlock();
            (void)database.write([&](Connection& c) {
              return c.execute("UPDATE jobs SET heartbeat_at = $1 WHERE id = $2 AND state = 'running'",
                               {Timestamp::from_system(clock.now()), id});
            });
            lock.lock();
          }
        }) {}
  ~HeartbeatWhile() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    beat_.join();
  }
  HeartbeatWhile(const HeartbeatWhile&) = delete;
  HeartbeatWhile& operator=(const HeartbeatWhile&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread beat_;  // last: started once the members above exist
};

}  // namespace

Result<bool> JobQueue::run_one() {
  auto claimed = claim();
  if (!claimed) return claimed.error();
  if (!*claimed) return false;
  const Job& job = **claimed;
  auto handler = handlers_.find(job.kind);
  if (handler == handlers_.end()) {
    if (Status done = finish(job, State::failed, "", "jobs.no_handler"); !done) return done.error();
    return true;
  }
  RowProgress progress(database_, clock_, job.id);
  Result<std::string> outcome = make_error(ErrorKind::internal, "error.internal");
  {
    HeartbeatWhile beating(database_, clock_, job.id, options_.stale_after);
    try {
      outcome = handler->second(job, progress);
    } catch (const std::exception& e) {
      outcome = make_error(ErrorKind::internal, "error.internal", e.what());
    }
  }
  Status done;
  if (outcome) {
    done = finish(job, State::succeeded, *outcome, "");
  } else if (outcome.error().message_id == "jobs.cancelled") {
    done = finish(job, State::cancelled, "", "jobs.cancelled");
  } else {
    log::warn("jobs.failed", {{"job", std::to_string(job.id)}, {"kind", job.kind}, {"detail", outcome.error().detail}});
    done = finish(job, State::failed, "", outcome.error().message_id);
  }
  if (!done) return done.error();
  return true;
}

void JobQueue::work() {
  auto last_sweep = clock_.now();
  while (!stopping_) {
    auto ran = run_one();
    if (ran && *ran) continue;
    if (!ran) log::warn("jobs.worker_error", {{"detail", ran.error().detail}});
    if (clock_.now() - last_sweep > options_.stale_after) {
      last_sweep = clock_.now();
      (void)recover_stale();
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_.load(); });
  }
}

std::vector<storage::TableDef> tables() {
  using storage::Column;
  using storage::ColumnType;
  return {storage::TableDef{
      .name = "jobs",
      .columns = {Column{.name = "id", .type = ColumnType::int64, .identity = true},
                  Column{.name = "kind", .type = ColumnType::text, .not_null = true},
                  Column{.name = "title", .type = ColumnType::text, .not_null = true},
                  Column{.name = "payload", .type = ColumnType::text, .not_null = true},
                  Column{.name = "user_id", .type = ColumnType::int64},
                  Column{.name = "company_id", .type = ColumnType::int64},
                  Column{.name = "state", .type = ColumnType::text, .not_null = true},
                  Column{.name = "progress", .type = ColumnType::int64, .not_null = true},
                  Column{.name = "message", .type = ColumnType::text, .not_null = true},
                  Column{.name = "result", .type = ColumnType::text},
                  Column{.name = "error", .type = ColumnType::text},
                  Column{.name = "attempts", .type = ColumnType::int64, .not_null = true},
                  Column{.name = "cancel_requested", .type = ColumnType::boolean, .not_null = true},
                  Column{.name = "created_at", .type = ColumnType::timestamp, .not_null = true},
                  Column{.name = "started_at", .type = ColumnType::timestamp},
                  Column{.name = "heartbeat_at", .type = ColumnType::timestamp},
                  Column{.name = "finished_at", .type = ColumnType::timestamp}},
      .primary_key = {},
      .indexes = {storage::Index{.name = "jobs_state_idx", .columns = {"state", "id"}},
                  storage::Index{.name = "jobs_user_idx", .columns = {"user_id", "id"}}}}};
}

}  // namespace verp::jobs
