// The job queue, on both databases: jobs run once, report progress, can be cancelled, and are
// picked up again when the process running them died.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <thread>

#include "platform/base/clock.hpp"
#include "platform/jobs/job_queue.hpp"
#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::jobs {
namespace {

using namespace std::chrono_literals;

class JobQueueTest : public storage::testing_support::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    ASSERT_TRUE(storage::sync_schema(db(), tables()).ok());
  }

  ManualClock clock;
};

TEST_P(JobQueueTest, AJobRunsOnceAndLeavesItsResult) {
  JobQueue queue(db(), clock);
  int runs = 0;
  queue.register_handler("sum", [&](const Job& job, Progress& progress) -> Result<std::string> {
    ++runs;
    progress.report(50, "halfway");
    return std::string(R"({"payload":")") + job.payload + "\"}";
  });
  auto id = queue.enqueue({.kind = "sum", .payload = "1+1", .user_id = 7, .company_id = 1, .title = "加法"});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(State::queued, queue.get(*id)->state);
  EXPECT_TRUE(*queue.run_one());
  EXPECT_FALSE(*queue.run_one()) << "nothing left";
  auto job = queue.get(*id);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(State::succeeded, job->state);
  EXPECT_EQ(100, job->progress);
  EXPECT_EQ(R"({"payload":"1+1"})", job->result);
  EXPECT_EQ(1, job->attempts);
  EXPECT_EQ(1, runs);
  EXPECT_EQ(1u, queue.list_for_user(7, 1)->size());
  EXPECT_TRUE(queue.list_for_user(8, 1)->empty());
}

TEST_P(JobQueueTest, ProgressIsVisibleWhileTheJobRuns) {
  JobQueue queue(db(), clock);
  std::promise<void> reported, go_on;
  auto proceed = go_on.get_future();
  queue.register_handler("slow", [&](const Job&, Progress& progress) -> Result<std::string> {
    progress.report(40, "checking rows");
    reported.set_value();
    proceed.wait();
    return std::string("{}");
  });
  auto id = queue.enqueue({.kind = "slow"});
  auto runner = std::async(std::launch::async, [&] { return queue.run_one(); });
  reported.get_future().wait();
  auto job = queue.get(*id);
  EXPECT_EQ(State::running, job->state);
  EXPECT_EQ(40, job->progress);
  EXPECT_EQ("checking rows", job->message);
  go_on.set_value();
  EXPECT_TRUE(runner.get().ok());
  EXPECT_EQ(State::succeeded, queue.get(*id)->state);
}

TEST_P(JobQueueTest, CancellingStopsAQueuedJobAtOnceAndARunningOneAtItsNextCheck) {
  JobQueue queue(db(), clock);
  std::promise<void> started;
  std::atomic<bool> saw_cancel{false};
  queue.register_handler("loop", [&](const Job&, Progress& progress) -> Result<std::string> {
    started.set_value();
    for (int i = 0; i < 2000; ++i) {
      clock.advance(300ms);  // lets the throttled cancellation check look again
      if (progress.cancelled()) {
        saw_cancel = true;
        return cancelled_error();
      }
      std::this_thread::sleep_for(1ms);
    }
    return std::string("{}");
  });
  auto waiting = queue.enqueue({.kind = "loop"});
  ASSERT_TRUE(queue.cancel(*waiting).ok());
  EXPECT_EQ(State::cancelled, queue.get(*waiting)->state);

  auto running = queue.enqueue({.kind = "loop"});
  auto runner = std::async(std::launch::async, [&] { return queue.run_one(); });
  started.get_future().wait();
  ASSERT_TRUE(queue.cancel(*running).ok());
  EXPECT_TRUE(runner.get().ok());
  EXPECT_TRUE(saw_cancel);
  EXPECT_EQ(State::cancelled, queue.get(*running)->state);
  EXPECT_EQ(ErrorKind::invalid_transition, queue.cancel(*running).error().kind) << "it has finished";
}

TEST_P(JobQueueTest, AJobWhoseProcessDiedIsRunAgainExactlyOnce) {
  // A first server claims the job and dies mid-run (its handler never returns).
  JobQueue crashed(db(), clock);
  crashed.register_handler("import", [](const Job&, Progress&) -> Result<std::string> { return std::string("{}"); });
  auto id = crashed.enqueue({.kind = "import", .payload = "rows"});
  auto claimed = db().write([&](storage::Connection& c) {
    return c.execute("UPDATE jobs SET state = 'running', attempts = 1, heartbeat_at = $1 WHERE id = $2",
                     {storage::Timestamp::from_system(clock.now()), *id});
  });
  ASSERT_TRUE(claimed.ok());

  // While its heartbeat is fresh, another node leaves it alone.
  int runs = 0;
  JobQueue restarted(db(), clock, {.workers = 0});
  restarted.register_handler("import", [&](const Job&, Progress&) -> Result<std::string> {
    ++runs;
    return std::string(R"({"created":3})");
  });
  EXPECT_EQ(0, *restarted.recover_stale());
  EXPECT_FALSE(*restarted.run_one());

  // A minute later the heartbeat is stale: the restarted server takes the job over.
  clock.advance(61s);
  ASSERT_TRUE(restarted.start().ok());
  EXPECT_TRUE(*restarted.run_one());
  EXPECT_FALSE(*restarted.run_one());
  auto job = restarted.get(*id);
  EXPECT_EQ(State::succeeded, job->state);
  EXPECT_EQ(2, job->attempts);
  EXPECT_EQ(1, runs);
}

TEST_P(JobQueueTest, AJobThatRunsLongWithoutProgressIsNotTakenForDead) {
  // One long step (a big export's query) reports no progress for longer than the stale time.
  JobQueue queue(db(), clock, {.workers = 0, .stale_after = 1s});
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  int runs = 0;
  queue.register_handler("export", [&](const Job&, Progress&) -> Result<std::string> {
    ++runs;
    entered.set_value();
    released.wait();
    return std::string("{}");
  });
  auto id = queue.enqueue({.kind = "export"});
  auto runner = std::async(std::launch::async, [&] { return queue.run_one(); });
  entered.get_future().wait();
  clock.advance(10s);
  std::this_thread::sleep_for(600ms);  // the heartbeat beats every quarter of the stale time

  JobQueue other_node(db(), clock, {.workers = 0, .stale_after = 1s});
  EXPECT_EQ(0, *other_node.recover_stale()) << "alive: its heartbeat is fresh";
  release.set_value();
  EXPECT_TRUE(*runner.get());
  EXPECT_EQ(State::succeeded, queue.get(*id)->state);
  EXPECT_EQ(1, queue.get(*id)->attempts);
  EXPECT_EQ(1, runs);
}

TEST_P(JobQueueTest, AJobInterruptedTooOftenIsFailedNotRetriedForever) {
  JobQueue queue(db(), clock, {.workers = 0, .max_attempts = 2});
  queue.register_handler("import", [](const Job&, Progress&) -> Result<std::string> { return std::string("{}"); });
  auto id = queue.enqueue({.kind = "import"});
  ASSERT_TRUE(db().write([&](storage::Connection& c) {
                    return c.execute("UPDATE jobs SET state = 'running', attempts = 2, heartbeat_at = $1 WHERE id = $2",
                                     {storage::Timestamp::from_system(clock.now()), *id});
                  }).ok());
  clock.advance(2min);
  EXPECT_EQ(1, *queue.recover_stale());
  auto job = queue.get(*id);
  EXPECT_EQ(State::failed, job->state);
  EXPECT_EQ("jobs.interrupted", job->error);
}

TEST_P(JobQueueTest, TwoServersWithSeveralWorkersRunEveryJobExactlyOnce) {
  std::mutex mutex;
  std::map<std::int64_t, int> runs;
  auto handler = [&](const Job& job, Progress&) -> Result<std::string> {
    std::lock_guard lock(mutex);
    ++runs[job.id];
    return std::string("{}");
  };
  auto other = open_another({});
  JobQueue first(db(), clock, {.workers = 2, .poll_interval = 10ms});
  JobQueue second(*other, clock, {.workers = 2, .poll_interval = 10ms});
  first.register_handler("work", handler);
  second.register_handler("work", handler);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(*first.enqueue({.kind = "work"}));
  ASSERT_TRUE(first.start().ok());
  ASSERT_TRUE(second.start().ok());
  auto all_ran = [&] {
    std::lock_guard lock(mutex);
    return runs.size() == ids.size();
  };
  for (int wait = 0; wait < 1000 && !all_ran(); ++wait) std::this_thread::sleep_for(10ms);
  first.stop();
  second.stop();
  ASSERT_EQ(ids.size(), runs.size());
  for (auto id : ids) EXPECT_EQ(1, runs[id]) << "job " << id;
}

VERP_STORAGE_BACKENDS(JobQueueTest);

}  // namespace
}  // namespace verp::jobs
