// sniff_content_type() and the attachment allow list.
#include "platform/files/content_type.hpp"

#include <magic.h>

#include <algorithm>
#include <array>

namespace verp::files {
namespace {

// One libmagic handle per thread: magic_t may not be shared between threads, and loading the
// compiled database once per thread is cheaper than serialising every upload on one mutex.
class MagicHandle {
 public:
  MagicHandle() : cookie_(::magic_open(MAGIC_MIME_TYPE)) {
    if (cookie_ == nullptr) {
      load_error_ = "magic_open failed";
    } else if (::magic_load(cookie_, nullptr) != 0) {
      const char* message = ::magic_error(cookie_);
      load_error_ = std::string("magic_load failed: ") + (message != nullptr ? message : "unknown error");
      ::magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;
  ~MagicHandle() {
    if (cookie_ != nullptr) ::magic_close(cookie_);
  }

  Result<std::string> sniff(std::string_view bytes) {
    if (cookie_ == nullptr) return make_error(ErrorKind::internal, "files.type_unknown", load_error_);
    const char* type = ::magic_buffer(cookie_, bytes.data(), bytes.size());
    if (type == nullptr) {
      const char* message = ::magic_error(cookie_);
      return make_error(ErrorKind::internal, "files.type_unknown",
                        std::string("magic_buffer failed: ") + (message != nullptr ? message : "unknown error"));
    }
    return std::string(type);
  }

 private:
  magic_t cookie_;
  std::string load_error_;
};

// Sorted, for binary search. Each entry is a name libmagic 5.44 gives in MIME_TYPE mode.
constexpr std::array<std::string_view, 18> kAllowed = {
    "application/msword",
    "application/pdf",
    "application/vnd.ms-excel",
    "application/vnd.ms-office",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/zip",
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/csv",
    "text/plain",
};
static_assert(std::is_sorted(kAllowed.begin(), kAllowed.end()));

}  // namespace

Result<std::string> sniff_content_type(std::string_view bytes) {
  thread_local MagicHandle handle;
  return handle.sniff(bytes);
}

bool is_allowed_attachment_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!content_type.empty() && is_space(content_type.front())) content_type.remove_prefix(1);
  while (!content_type.empty() && is_space(content_type.back())) content_type.remove_suffix(1);
  std::string lower(content_type);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return std::binary_search(kAllowed.begin(), kAllowed.end(), std::string_view(lower));
}

}  // namespace verp::files
