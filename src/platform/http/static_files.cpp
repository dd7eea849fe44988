#include "platform/http/static_files.hpp"

#include <array>
#include <system_error>
#include <utility>

#include "platform/http/problem.hpp"
#include "platform/http/router.hpp"

namespace verp::http {
namespace fs = std::filesystem;

namespace {

bool is_safe_segment(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;  // ".", "..", ".env"
  for (char c : segment) {
    if (c == '\\' || c == '%' || c == '\0' || c == ':') return false;
  }
  return true;
}

bool is_inside(const fs::path& root, const fs::path& candidate) {
  auto root_it = root.begin();
  auto it = candidate.begin();
  for (; root_it != root.end(); ++root_it, ++it) {
    if (it == candidate.end() || *it != *root_it) return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root, const i18n::Catalog& catalog) : catalog_(catalog) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = std::move(canonical);
}

std::string StaticFiles::content_type_for(const fs::path& file) {
  static const std::array<std::pair<std::string_view, std::string_view>, 20> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".xml", "application/xml"},
  }};
  const std::string extension = file.extension().string();
  for (const auto& [ext, type] : kTypes) {
    if (ext == extension) return std::string(type);
  }
  return "application/octet-stream";
}

Response StaticFiles::not_found(const Request& request) const {
  return problem_response(ErrorKind::not_found, 404, "http.not_found", {{"path", request.path}}, request, catalog_);
}

Response StaticFiles::file_response(const Request& request, const fs::path& file, bool is_index) const {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  const auto modified = fs::last_write_time(file, ec);
  if (ec) return not_found(request);
  const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(modified.time_since_epoch()).count();
  const std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(stamp) + "\"";

  Response response;
  response.headers.add("ETag", etag);
  if (is_index) {
    response.headers.add("Cache-Control", "no-cache");
  } else if (request.path.starts_with("/assets/")) {
    response.headers.add("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response.headers.add("Cache-Control", "public, max-age=3600");
  }
  if (request.headers.get("If-None-Match") == etag) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  response.headers.add("Content-Type", content_type_for(file));
  response.file_path = file.string();
  return response;
}

Response StaticFiles::serve(const Request& request) const {
  if (root_.empty()) return not_found(request);
  fs::path relative;
  const auto segments = split_path(request.path);
  for (std::string_view segment : segments) {
    if (!is_safe_segment(segment)) return not_found(request);
    relative /= fs::path(std::string(segment));
  }
  const bool wants_index = segments.empty();
  std::error_code ec;
  if (!wants_index) {
    fs::path candidate = fs::canonical(root_ / relative, ec);
    if (!ec) {
      if (!is_inside(root_, candidate)) return not_found(request);
      if (fs::is_regular_file(candidate, ec)) return file_response(request, candidate, candidate.filename() == "index.html");
    }
    // A missing file with an extension is a real 404; without one it is a client route.
    if (relative.has_extension()) return not_found(request);
  }
  const fs::path index = root_ / "index.html";
  if (!fs::is_regular_file(index, ec)) return not_found(request);
  return file_response(request, index, true);
}

}  // namespace verp::http
