// Live events: 1,000 SSE clients on one verp HTTP server on 127.0.0.1, and events published to
// all of them — straight into the hub, after a SQLite commit, and (VERP_BENCH_POSTGRES_URL) after
// a PostgreSQL commit through pg_notify and the node's LISTEN session. Prints events delivered
// per second (one event reaching one client counts once) and the latency from publish to the
// client having parsed it, p50/p99/max. Bounded: a fixed number of events per run, and every
// wait has a deadline.
//
//   build/release/bench/events_bench [clients=1000] [events=200]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "platform/events/bridge.hpp"
#include "platform/events/hub.hpp"
#include "platform/events/sse_stream.hpp"
#include "platform/events/tests/sse_reader.hpp"
#include "platform/http/dispatcher.hpp"
#include "platform/http/server.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/storage/database.hpp"

namespace {

using namespace verp;
using Clock = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Many SSE clients on non-blocking sockets, read by one epoll loop on the calling thread.
class Crowd {
 public:
  Crowd(std::uint16_t port, int count) : decoders_(static_cast<std::size_t>(count)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    const std::string request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    for (int i = 0; i < count; ++i) {
      int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(port);
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
          ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
        std::fprintf(stderr, "client %d cannot connect\n", i);
        std::exit(1);
      }
      ::fcntl(fd, F_SETFL, O_NONBLOCK);
      epoll_event watch{};
      watch.events = EPOLLIN;
      watch.data.u32 = static_cast<std::uint32_t>(i);
      ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &watch);
      fds_.push_back(fd);
    }
  }
  ~Crowd() {
    for (int fd : fds_) ::close(fd);
    ::close(epoll_);
  }

  // Reads until `done()` or the deadline; false on the deadline.
  bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    std::vector<epoll_event> ready(256);
    char buffer[65536];
    while (!done()) {
      if (Clock::now() > deadline) return false;
      const int n = ::epoll_wait(epoll_, ready.data(), static_cast<int>(ready.size()), 10);
      for (int i = 0; i < n; ++i) {
        const std::uint32_t index = ready[static_cast<std::size_t>(i)].data.u32;
        for (;;) {
          const ssize_t got = ::recv(fds_[index], buffer, sizeof buffer, 0);
          if (got <= 0) break;
          auto& decoder = decoders_[index];
          decoder.feed(std::string_view(buffer, static_cast<std::size_t>(got)));
          if (!decoder.greeted()) continue;
          const std::int64_t arrived = now_ns();
          for (const auto& event : decoder.take()) record(event, arrived);
        }
        if (!greeted_[index] && decoders_[index].greeted()) {
          greeted_[index] = true;
          ++greeted_count_;
        }
      }
    }
    return true;
  }

  bool wait_greeted(std::chrono::milliseconds limit) {
    greeted_.assign(fds_.size(), false);
    return pump_until([this] { return greeted_count_ == fds_.size(); }, limit);
  }

  void reset_counts() {
    latencies_.clear();
    delivered_ = 0;
  }
  std::uint64_t delivered() const { return delivered_; }
  std::int64_t last_arrival() const { return last_arrival_; }
  std::vector<std::int64_t>& latencies() { return latencies_; }

 private:
  void record(const events::testing::SseEvent& event, std::int64_t arrived) {
    const auto at = event.data.find("\"t\":");
    if (at == std::string::npos) return;
    std::int64_t sent = 0;
    std::from_chars(event.data.data() + at + 4, event.data.data() + event.data.size(), sent);
    latencies_.push_back(arrived - sent);
    ++delivered_;
    last_arrival_ = arrived;
  }

  int epoll_ = -1;
  std::vector<int> fds_;
  std::vector<events::testing::SseDecoder> decoders_;
  std::vector<bool> greeted_;
  std::size_t greeted_count_ = 0;
  std::vector<std::int64_t> latencies_;
  std::uint64_t delivered_ = 0;
  std::int64_t last_arrival_ = 0;
};

events::Event stamped(int sequence) {
  return events::Event{.kind = events::Kind::notification,
                       .company_id = 1,
                       .user_id = 1,
                       .data = "{\"n\":" + std::to_string(sequence) + ",\"t\":" + std::to_string(now_ns()) + "}"};
}

double percentile(std::vector<std::int64_t>& values, double p) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return static_cast<double>(values[k]) / 1e6;
}

// Publishes `count` events with `publish` on another thread while the crowd reads, `gap` apart
// (zero: a burst, which measures throughput; paced, latency without a backlog); prints a line.
void run(const char* name, Crowd& crowd, int clients, int count, std::chrono::microseconds gap,
         const std::function<void(int)>& publish) {
  crowd.reset_counts();
  const std::uint64_t expected = static_cast<std::uint64_t>(clients) * static_cast<std::uint64_t>(count);
  const std::int64_t started = now_ns();
  std::thread publisher([&] {
    auto next = Clock::now();
    for (int i = 0; i < count; ++i) {
      publish(i);
      next += gap;
      if (gap.count() > 0) std::this_thread::sleep_until(next);
    }
  });
  const bool complete = crowd.pump_until([&] { return crowd.delivered() >= expected; }, std::chrono::seconds(60));
  publisher.join();
  const double seconds = static_cast<double>(crowd.last_arrival() - started) / 1e9;
  auto& latencies = crowd.latencies();
  std::printf("%-26s %-6s %5d clients %4d events %9.0f deliveries/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%s\n",
              name, gap.count() > 0 ? "paced" : "burst", clients, count, static_cast<double>(crowd.delivered()) / seconds, percentile(latencies, 0.50),
              percentile(latencies, 0.99), percentile(latencies, 1.0), complete ? "" : "  (INCOMPLETE)");
}

void run_database(const char* name, storage::Database& database, events::Hub& hub, Crowd& crowd, int clients,
                  int count, std::chrono::microseconds gap) {
  auto feed = events::feed(database, hub);
  if (!feed) {
    std::fprintf(stderr, "%s: cannot listen: %s\n", name, feed.error().detail.c_str());
    std::exit(1);
  }
  run(name, crowd, clients, count, gap, [&](int i) {
    // One transaction per event, as one change each.
    if (!database.write([&](storage::Connection& c) { return events::publish(c, stamped(i)); }).ok()) std::abort();
  });
}

}  // namespace

int main(int argc, char** argv) {
  const int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int count = argc > 2 ? std::atoi(argv[2]) : 200;
  raise_descriptor_limit();

  events::Hub hub;
  http::Router router;
  router.get("/events", [&hub](http::Request&) {
    http::Response response;
    response.headers.set("Content-Type", "text/event-stream");
    response.stream = std::make_shared<events::SseStream>(hub, [](const events::Event&) { return true; },
                                                          events::StreamOptions{});
    return response;
  }, {.access = http::Access::anyone(), .execution = http::Execution::io_thread});
  http::Dispatcher dispatcher(router, i18n::Catalog::built_in(), http::DispatchOptions{false});
  http::Server server(http::ServerOptions{.port = 0, .io_threads = 1, .worker_threads = 1}, dispatcher);
  if (!server.start().ok()) return 1;

  for (int crowd_size : {clients / 10, clients}) {
    Crowd crowd(server.port(), crowd_size);
    if (!crowd.wait_greeted(std::chrono::seconds(30))) {
      std::fprintf(stderr, "not every client got its stream\n");
      return 1;
    }
    // A burst of `count` events, then 100 events at 50 per second.
    for (auto [event_count, gap] : {std::pair{count, std::chrono::microseconds(0)}, std::pair{100, std::chrono::microseconds(20'000)}}) {
      run("hub (in-process)", crowd, crowd_size, event_count, gap, [&](int i) { hub.publish(stamped(i)); });
      const auto folder =
          std::filesystem::temp_directory_path() / ("verp-events-bench-" + std::to_string(::getpid()));
      std::filesystem::create_directories(folder);
      {
        auto database = storage::Database::open((folder / "events.db").string());
        if (!database) return 1;
        run_database("sqlite commit -> hub", **database, hub, crowd, crowd_size, event_count, gap);
      }
      std::filesystem::remove_all(folder);
      if (const char* url = std::getenv("VERP_BENCH_POSTGRES_URL"); url != nullptr && *url != '\0') {
        auto database = storage::Database::open(url);
        if (!database) return 1;
        run_database("postgres NOTIFY -> LISTEN", **database, hub, crowd, crowd_size, event_count, gap);
      }
    }
  }
  server.stop();
  return 0;
}
