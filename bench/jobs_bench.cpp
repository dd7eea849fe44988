// Job queue throughput: how many trivial jobs per second the queue claims, runs and finishes,
// with 1, 2 and 4 workers, on SQLite and (VERP_BENCH_POSTGRES_URL) PostgreSQL. Each job is
// three statements (claim, run, finish): this measures the queue, not the work.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "platform/jobs/job_queue.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/schema.hpp"

namespace {

using namespace verp;

double drain(storage::Database& database, int workers, int count) {
  if (!database.write([](storage::Connection& c) { return c.execute_script("DELETE FROM jobs"); }).ok()) std::abort();
  jobs::JobQueue queue(database, SystemClock::instance(),
                       {.workers = workers, .poll_interval = std::chrono::milliseconds(5)});
  std::atomic<int> done{0};
  queue.register_handler("noop", [&](const jobs::Job&, jobs::Progress&) -> Result<std::string> {
    ++done;
    return std::string("{}");
  });
  for (int i = 0; i < count; ++i) {
    if (!queue.enqueue({.kind = "noop"}).ok()) std::abort();
  }
  const auto start = std::chrono::steady_clock::now();
  if (!queue.start().ok()) std::abort();
  while (done < count) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  queue.stop();
  return count / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void run(const char* name, storage::Database& database) {
  if (!storage::sync_schema(database, jobs::tables()).ok()) std::abort();
  for (int workers : {1, 2, 4}) {
    std::printf("%-9s jobs  %d worker(s): %8.0f jobs/s\n", name, workers, drain(database, workers, 3000));
  }
}

}  // namespace

int main() {
  const auto folder = std::filesystem::temp_directory_path() / ("verp-jobs-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  {
    auto database = storage::Database::open((folder / "jobs.db").string());
    if (!database) return 1;
    run("sqlite", **database);
  }
  std::filesystem::remove_all(folder);
  if (const char* url = std::getenv("VERP_BENCH_POSTGRES_URL"); url != nullptr && *url != '\0') {
    auto database = storage::Database::open(url);
    if (!database) return 1;
    run("postgres", **database);
    (void)(*database)->write([](storage::Connection& c) { return c.execute_script("DROP TABLE jobs"); });
  }
  return 0;
}
