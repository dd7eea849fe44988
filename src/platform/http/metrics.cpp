#include "platform/http/metrics.hpp"

#include <string_view>

namespace verp::http {
namespace {

// Prometheus label values escape backslash, quote and newline.
std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string seconds_text(std::uint64_t micros) {
  std::string whole = std::to_string(micros / 1000000);
  std::string fraction = std::to_string(micros % 1000000);
  fraction.insert(0, 6 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? whole : whole + "." + fraction;
}

}  // namespace

Metrics::Metrics(std::vector<std::string> route_labels) : labels_(std::move(route_labels)) {
  labels_.emplace_back("unmatched");
  series_ = std::make_unique<Series[]>(labels_.size());
}

void Metrics::observe(std::size_t route_index, int status, std::chrono::microseconds latency) {
  if (route_index >= labels_.size()) route_index = unmatched_index();
  Series& s = series_[route_index];
  const int status_class = status / 100;
  if (status_class >= 1 && status_class <= 5) {
    s.by_status_class[static_cast<std::size_t>(status_class - 1)].fetch_add(1, std::memory_order_relaxed);
  }
  const auto micros = static_cast<std::uint64_t>(latency.count() < 0 ? 0 : latency.count());
  std::size_t bucket = 0;
  while (bucket < kBucketsMicros.size() && micros > kBucketsMicros[bucket]) ++bucket;
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.sum_micros.fetch_add(micros, std::memory_order_relaxed);
}

void Metrics::add_collector(Collector collector) { collectors_.push_back(std::move(collector)); }

std::string Metrics::render() const {
  std::string out;
  out += "# HELP verp_http_requests_total HTTP requests answered, by route and status class.\n";
  out += "# TYPE verp_http_requests_total counter\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    for (std::size_t c = 0; c < 5; ++c) {
      const auto count = series_[i].by_status_class[c].load(std::memory_order_relaxed);
      if (count == 0) continue;
      out += "verp_http_requests_total{route=\"" + escape_label(labels_[i]) + "\",status=\"" +
             std::to_string(c + 1) + "xx\"} " + std::to_string(count) + "\n";
    }
  }
  out += "# HELP verp_http_request_duration_seconds Time from request parsed to response ready.\n";
  out += "# TYPE verp_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const Series& s = series_[i];
    std::uint64_t cumulative = 0;
    std::string rows;
    for (std::size_t b = 0; b < s.buckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBucketsMicros.size() ? seconds_text(kBucketsMicros[b]) : "+Inf";
      rows += "verp_http_request_duration_seconds_bucket{route=\"" + escape_label(labels_[i]) + "\",le=\"" + le +
              "\"} " + std::to_string(cumulative) + "\n";
    }
    if (cumulative == 0) continue;
    out += rows;
    out += "verp_http_request_duration_seconds_sum{route=\"" + escape_label(labels_[i]) + "\"} " +
           seconds_text(s.sum_micros.load(std::memory_order_relaxed)) + "\n";
    out += "verp_http_request_duration_seconds_count{route=\"" + escape_label(labels_[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  for (const auto& collector : collectors_) collector(out);
  return out;
}

}  // namespace verp::http
