// StaticFiles: serves the built web UI (web/dist) for GET/HEAD requests that match no API
// route.
//
// - Content types by extension; unknown ones are application/octet-stream with nosniff.
// - Hashed build assets under /assets/ are cached for a year as immutable; index.html is
//   revalidated on every load (no-cache) so a new release shows at once. ETag + 304.
// - A path without a file extension that names no file is a client-side route of the single
//   page app and gets index.html.
// - No path traversal: a decoded segment of ".", "..", one starting with '.', or holding a
//   backslash, '%' (double encoding) or NUL is a 404, and the resolved file must lie
//   inside the root (symlinks included).
#pragma once

#include <filesystem>
#include <string>

#include "platform/http/message.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::http {

class StaticFiles {
 public:
  StaticFiles(std::filesystem::path root, const i18n::Catalog& catalog);
  Response serve(const Request& request) const;

  static std::string content_type_for(const std::filesystem::path& file);

 private:
  Response not_found(const Request& request) const;
  Response file_response(const Request& request, const std::filesystem::path& file, bool is_index) const;

  std::filesystem::path root_;  // canonical, or empty when the folder does not exist
  const i18n::Catalog& catalog_;
};

}  // namespace verp::http
