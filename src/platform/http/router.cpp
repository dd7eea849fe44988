#include "platform/http/router.hpp"

#include <algorithm>

namespace verp::http {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end;
  }
  return segments;
}

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  Compiled compiled;
  for (std::string_view segment : split_path(pattern)) compiled.segments.emplace_back(segment);
  compiled_.push_back(std::move(compiled));
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), std::move(options), routes_.size()});
}

void Router::set_fallback(Handler handler, std::string_view prefix_excluded) {
  fallback_ = std::move(handler);
  fallback_excluded_prefix_ = prefix_excluded;
}

std::optional<std::vector<std::pair<std::string, std::string>>> Router::match_pattern(
    const Compiled& pattern, const std::vector<std::string_view>& path_segments) {
  if (pattern.segments.size() != path_segments.size()) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> params;
  for (std::size_t i = 0; i < path_segments.size(); ++i) {
    const std::string& expected = pattern.segments[i];
    if (expected.size() > 2 && expected.front() == '{' && expected.back() == '}') {
      if (path_segments[i].empty()) return std::nullopt;
      params.emplace_back(expected.substr(1, expected.size() - 2), std::string(path_segments[i]));
    } else if (expected != path_segments[i]) {
      return std::nullopt;
    }
  }
  return params;
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  const std::string_view effective = method == "HEAD" ? std::string_view("GET") : method;
  const auto segments = split_path(path);
  RouteMatch result;
  std::vector<std::string> allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    auto params = match_pattern(compiled_[i], segments);
    if (!params) continue;
    if (routes_[i].method == effective) {
      result.route = &routes_[i];
      result.params = std::move(*params);
      return result;
    }
    allowed.push_back(routes_[i].method);
    if (routes_[i].method == "GET") allowed.emplace_back("HEAD");
  }
  std::vector<std::string> unique;
  for (auto& m : allowed) {
    if (std::find(unique.begin(), unique.end(), m) != unique.end()) continue;
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += m;
    unique.push_back(std::move(m));
  }
  return result;
}

const Handler* Router::fallback_for(std::string_view method, std::string_view path) const {
  if (!fallback_) return nullptr;
  if (method != "GET" && method != "HEAD") return nullptr;
  if (!fallback_excluded_prefix_.empty() && path.starts_with(fallback_excluded_prefix_)) return nullptr;
  return &fallback_;
}

}  // namespace verp::http
