// The scheduler, on both databases with a ManualClock: schedules fire at their time, once per
// occurrence however many nodes tick, missed occurrences run once, and upsert/disable/remove
// behave.
#include <gtest/gtest.h>

#include <future>
#include <memory>

#include "platform/base/clock.hpp"
#include "platform/jobs/job_queue.hpp"
#include "platform/jobs/schedule.hpp"
#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::jobs {
namespace {

using namespace std::chrono_literals;
using storage::Timestamp;

Clock::TimePoint at(std::string_view text) {
  auto parsed = Timestamp::parse(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.value_or(Timestamp{}).to_system();
}

Handler ok_handler() {
  return [](const Job&, Progress&) -> Result<std::string> { return std::string("{}"); };
}

class SchedulerTest : public storage::testing_support::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    auto all = tables();
    for (auto& table : schedule_tables()) all.push_back(std::move(table));
    VERP_ASSERT_OK(storage::sync_schema(db(), all));
    queue = std::make_unique<JobQueue>(db(), clock, QueueOptions{.workers = 0});
    queue->register_handler("report", ok_handler());
    scheduler = std::make_unique<Scheduler>(db(), clock, *queue);
  }

  void TearDown() override {
    scheduler.reset();
    queue.reset();
    StorageTest::TearDown();
  }

  // A daily report at 09:00 in China (01:00 UTC).
  static ScheduleSpec daily_report() {
    return {.name = "sales.daily_report",
            .cron = "0 9 * * *",
            .utc_offset_minutes = 480,
            .kind = "report",
            .payload = R"({"report":"sales"})",
            .company_id = 1,
            .user_id = 7};
  }

  std::int64_t jobs_of(std::string_view schedule) {
    return scalar("SELECT COUNT(*) FROM jobs WHERE title = $1", {schedule});
  }

  ScheduleInfo info(std::string_view name) {
    auto all = scheduler->list();
    EXPECT_TRUE(all.ok());
    if (all.ok()) {
      for (const auto& schedule : *all) {
        if (schedule.name == name) return schedule;
      }
    }
    ADD_FAILURE() << "no schedule " << name;
    return {};
  }

  int tick() {
    auto ticked = scheduler->tick();
    EXPECT_TRUE(ticked.ok()) << storage::testing_support::describe(ticked);
    return ticked.value_or(-1);
  }

  // 2024-06-03 is a Monday; 00:30 UTC is 08:30 in China.
  ManualClock clock{at("2024-06-03T00:30:00Z")};
  std::unique_ptr<JobQueue> queue;
  std::unique_ptr<Scheduler> scheduler;
};

TEST_P(SchedulerTest, AScheduleFiresAtItsTimeAndNotBefore) {
  auto id = scheduler->upsert(daily_report());
  VERP_ASSERT_OK(id);
  ScheduleInfo schedule = info("sales.daily_report");
  EXPECT_EQ(*id, schedule.id);
  EXPECT_EQ(at("2024-06-03T01:00:00Z"), schedule.next_run_at);
  EXPECT_FALSE(schedule.last_run_at);
  EXPECT_TRUE(schedule.enabled);

  EXPECT_EQ(0, tick());
  clock.set(at("2024-06-03T00:59:59.999Z"));
  EXPECT_EQ(0, tick());
  EXPECT_EQ(0, jobs_of("sales.daily_report"));

  clock.set(at("2024-06-03T01:00:00Z"));
  EXPECT_EQ(1, tick());
  EXPECT_EQ(0, tick()) << "an occurrence is enqueued once";
  schedule = info("sales.daily_report");
  EXPECT_EQ(at("2024-06-04T01:00:00Z"), schedule.next_run_at);
  EXPECT_EQ(clock.now(), schedule.last_run_at);
  ASSERT_TRUE(schedule.last_job_id);

  auto job = queue->get(*schedule.last_job_id);
  VERP_ASSERT_OK(job);
  EXPECT_EQ("report", job->kind);
  EXPECT_EQ(R"({"report":"sales"})", job->payload);
  EXPECT_EQ("sales.daily_report", job->title);
  EXPECT_EQ(std::optional<std::int64_t>(1), job->company_id);
  EXPECT_EQ(std::optional<std::int64_t>(7), job->user_id);
  EXPECT_EQ(State::queued, job->state);
  EXPECT_TRUE(*queue->run_one());
  EXPECT_EQ(State::succeeded, queue->get(job->id)->state);

  clock.set(at("2024-06-04T01:00:30Z"));
  EXPECT_EQ(1, tick()) << "and again the next day";
  EXPECT_EQ(2, jobs_of("sales.daily_report"));
}

TEST_P(SchedulerTest, MissedOccurrencesRunOnceNotOnceEach) {
  ScheduleSpec spec = daily_report();
  spec.cron = "*/10 * * * *";
  VERP_ASSERT_OK(scheduler->upsert(spec));
  EXPECT_EQ(at("2024-06-03T00:40:00Z"), info(spec.name).next_run_at);

  // The server was down for three days (400+ occurrences). At restart the module declares its
  // schedule again, which must not push the missed occurrence into the future.
  clock.set(at("2024-06-06T12:34:56Z"));
  VERP_ASSERT_OK(scheduler->upsert(spec));
  EXPECT_EQ(at("2024-06-03T00:40:00Z"), info(spec.name).next_run_at);
  EXPECT_EQ(1, tick());
  EXPECT_EQ(0, tick());
  EXPECT_EQ(1, jobs_of(spec.name));
  EXPECT_EQ(at("2024-06-06T12:40:00Z"), info(spec.name).next_run_at) << "the next occurrence after now";
}

TEST_P(SchedulerTest, TwoNodesTickingAtOnceEnqueueEachOccurrenceExactlyOnce) {
  auto other_db = open_another();
  JobQueue other_queue(*other_db, clock, {.workers = 0});
  other_queue.register_handler("report", ok_handler());
  Scheduler other(*other_db, clock, other_queue);

  constexpr int kSchedules = 40;  // enough that the two ticks overlap
  constexpr int kRounds = 4;
  for (int i = 0; i < kSchedules; ++i) {
    ScheduleSpec spec = daily_report();
    spec.name = "report." + std::to_string(i);
    spec.cron = "0 * * * *";
    VERP_ASSERT_OK(scheduler->upsert(spec));
  }
  int total = 0;
  for (int round = 0; round < kRounds; ++round) {
    clock.advance(1h);
    std::promise<void> go;
    std::shared_future<void> start = go.get_future().share();
    auto first = std::async(std::launch::async, [&] {
      start.wait();
      return scheduler->tick();
    });
    auto second = std::async(std::launch::async, [&] {
      start.wait();
      return other.tick();
    });
    go.set_value();
    auto a = first.get();
    auto b = second.get();
    VERP_ASSERT_OK(a);
    VERP_ASSERT_OK(b);
    EXPECT_EQ(kSchedules, *a + *b) << "round " << round << ": " << *a << " + " << *b;
    total += *a + *b;
  }
  EXPECT_EQ(kSchedules * kRounds, total);
  EXPECT_EQ(kSchedules * kRounds, scalar("SELECT COUNT(*) FROM jobs"));
  for (int i = 0; i < kSchedules; ++i) {
    const std::string name = "report." + std::to_string(i);
    EXPECT_EQ(kRounds, jobs_of(name)) << name;
  }
}

TEST_P(SchedulerTest, DisablingStopsASchedule) {
  ScheduleSpec spec = daily_report();
  VERP_ASSERT_OK(scheduler->upsert(spec));
  spec.enabled = false;
  VERP_ASSERT_OK(scheduler->upsert(spec));
  EXPECT_FALSE(info(spec.name).enabled);

  clock.set(at("2024-06-05T02:00:00Z"));
  EXPECT_EQ(0, tick());
  EXPECT_EQ(0, jobs_of(spec.name));

  // Enabled again, it does not make up for the days it was off: the next 09:00 is tomorrow's.
  spec.enabled = true;
  VERP_ASSERT_OK(scheduler->upsert(spec));
  EXPECT_EQ(at("2024-06-06T01:00:00Z"), info(spec.name).next_run_at);
  EXPECT_EQ(0, tick());
  clock.set(at("2024-06-06T01:00:00Z"));
  EXPECT_EQ(1, tick());
}

TEST_P(SchedulerTest, UpsertChangesTheScheduleAndRecomputesNextRunAt) {
  ScheduleSpec spec = daily_report();
  auto id = scheduler->upsert(spec);
  VERP_ASSERT_OK(id);
  EXPECT_EQ(at("2024-06-03T01:00:00Z"), info(spec.name).next_run_at);

  // A new payload alone keeps the time…
  spec.payload = R"({"report":"purchases"})";
  EXPECT_EQ(*id, *scheduler->upsert(spec));
  EXPECT_EQ(at("2024-06-03T01:00:00Z"), info(spec.name).next_run_at);

  // …a new cron moves it: 08:45 on weekdays in China is 00:45 UTC.
  spec.cron = "45 8 * * MON-FRI";
  EXPECT_EQ(*id, *scheduler->upsert(spec));
  ScheduleInfo schedule = info(spec.name);
  EXPECT_EQ("45 8 * * MON-FRI", schedule.cron);
  EXPECT_EQ(at("2024-06-03T00:45:00Z"), schedule.next_run_at);

  // …and so does a new offset: 08:45 in UTC+9 is 23:45 UTC, the first after now is tomorrow's.
  spec.utc_offset_minutes = 540;
  EXPECT_EQ(*id, *scheduler->upsert(spec));
  EXPECT_EQ(at("2024-06-03T23:45:00Z"), info(spec.name).next_run_at);
  EXPECT_EQ(1u, scheduler->list()->size());

  clock.set(at("2024-06-03T23:45:00Z"));
  EXPECT_EQ(1, tick());
  auto job = queue->get(*info(spec.name).last_job_id);
  EXPECT_EQ(R"({"report":"purchases"})", job->payload) << "the job carries the current payload";
}

TEST_P(SchedulerTest, InvalidSchedulesAreRefused) {
  ScheduleSpec spec = daily_report();
  spec.cron = "0 25 * * *";
  auto bad = scheduler->upsert(spec);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ErrorKind::validation, bad.error().kind);
  EXPECT_EQ("jobs.invalid_cron", bad.error().message_id);
  EXPECT_EQ("cron", bad.error().field);

  spec.cron = "0 0 30 2 *";
  bad = scheduler->upsert(spec);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ("jobs.cron_never_due", bad.error().message_id);
  EXPECT_EQ("cron", bad.error().field);

  spec = daily_report();
  spec.utc_offset_minutes = 15 * 60;
  EXPECT_EQ("jobs.invalid_utc_offset", scheduler->upsert(spec).error().message_id);
  spec = daily_report();
  spec.name = "";
  EXPECT_EQ("jobs.schedule_name_required", scheduler->upsert(spec).error().message_id);
  spec = daily_report();
  spec.kind = "";
  EXPECT_EQ("jobs.schedule_kind_required", scheduler->upsert(spec).error().message_id);
  EXPECT_TRUE(scheduler->list()->empty());
}

TEST_P(SchedulerTest, RemoveDeletesTheScheduleButNotItsJobs) {
  ScheduleSpec spec = daily_report();
  VERP_ASSERT_OK(scheduler->upsert(spec));
  clock.set(at("2024-06-03T01:00:00Z"));
  EXPECT_EQ(1, tick());
  VERP_ASSERT_OK(scheduler->remove(spec.name));
  EXPECT_TRUE(scheduler->list()->empty());
  EXPECT_EQ(ErrorKind::not_found, scheduler->remove(spec.name).error().kind);
  clock.set(at("2024-06-04T01:00:00Z"));
  EXPECT_EQ(0, tick());
  EXPECT_EQ(1, jobs_of(spec.name));
}

TEST_P(SchedulerTest, ANodeWithoutTheHandlerLeavesTheOccurrenceToOneThatHasIt) {
  ScheduleSpec spec = daily_report();
  spec.kind = "mrp.run";  // not registered on `queue`
  VERP_ASSERT_OK(scheduler->upsert(spec));
  clock.set(at("2024-06-03T01:00:00Z"));
  EXPECT_EQ(0, tick());
  EXPECT_EQ(0, jobs_of(spec.name));
  EXPECT_EQ(at("2024-06-03T01:00:00Z"), info(spec.name).next_run_at) << "still due";

  JobQueue capable_queue(db(), clock, {.workers = 0});
  capable_queue.register_handler("mrp.run", ok_handler());
  Scheduler capable(db(), clock, capable_queue);
  EXPECT_EQ(1, *capable.tick());
  EXPECT_EQ(1, jobs_of(spec.name));
  EXPECT_EQ(at("2024-06-04T01:00:00Z"), info(spec.name).next_run_at);
}

TEST_P(SchedulerTest, AScheduleWithoutFurtherOccurrencesRunsOnceMoreAndIsDisabled) {
  // 29 February 2096; the next one is in 2104 (2100 is not a leap year), beyond the horizon.
  clock.set(at("2095-06-01T00:00:00Z"));
  ScheduleSpec spec = daily_report();
  spec.cron = "0 0 29 2 *";
  spec.utc_offset_minutes = 0;
  VERP_ASSERT_OK(scheduler->upsert(spec));
  EXPECT_EQ(at("2096-02-29T00:00:00Z"), info(spec.name).next_run_at);
  clock.set(at("2096-02-29T00:00:10Z"));
  EXPECT_EQ(1, tick());
  EXPECT_FALSE(info(spec.name).enabled);
  EXPECT_EQ(0, tick());
  EXPECT_EQ(1, jobs_of(spec.name));
}

TEST_P(SchedulerTest, TheBackgroundThreadTicks) {
  ScheduleSpec spec = daily_report();
  VERP_ASSERT_OK(scheduler->upsert(spec));
  clock.set(at("2024-06-03T01:00:00Z"));
  scheduler->start(10ms);
  scheduler->start(10ms);  // a second start does nothing
  for (int wait = 0; wait < 500 && jobs_of(spec.name) == 0; ++wait) std::this_thread::sleep_for(10ms);
  scheduler->stop();
  scheduler->stop();
  EXPECT_EQ(1, jobs_of(spec.name));
}

VERP_STORAGE_BACKENDS(SchedulerTest);

}  // namespace
}  // namespace verp::jobs
