// Metrics: request counts and latency histograms per route, rendered as Prometheus text for
// GET /metrics. Recording is lock-free (relaxed atomics in arrays sized once at start-up),
// so it costs a few nanoseconds on the request path. Other parts (the server, the database
// pool) contribute gauges through collectors called at render time.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace verp::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in microseconds; the last bucket is +Inf.
  static constexpr std::array<std::uint64_t, 13> kBucketsMicros = {250,    500,    1000,    2500,    5000,
                                                                   10000,  25000,  50000,   100000, 250000,
                                                                   500000, 1000000, 5000000};

  // One label per route ("GET /api/v1/customers/{id}"); an extra series counts requests
  // that matched no route, so that probing random paths cannot create new series.
  explicit Metrics(std::vector<std::string> route_labels);

  // route_index == route count means "no route".
  void observe(std::size_t route_index, int status, std::chrono::microseconds latency);
  std::size_t unmatched_index() const { return labels_.size() - 1; }

  // A collector appends complete Prometheus text lines (with # HELP/# TYPE) to `out`.
  using Collector = std::function<void(std::string& out)>;
  void add_collector(Collector collector);

  std::string render() const;

 private:
  struct Series {
    std::array<std::atomic<std::uint64_t>, 5> by_status_class{};  // 1xx..5xx
    std::array<std::atomic<std::uint64_t>, kBucketsMicros.size() + 1> buckets{};
    std::atomic<std::uint64_t> sum_micros{0};
  };

  std::vector<std::string> labels_;
  std::unique_ptr<Series[]> series_;
  std::vector<Collector> collectors_;
};

}  // namespace verp::http
