// FileStore: attachments kept on disk under the SHA-256 of their bytes.
//
// The key of a file is the lower-case hex SHA-256 of its content, so the same bytes uploaded
// twice (the same invoice scan attached to an order and to its delivery) are stored once, and a
// key can be handed to a client without revealing anything but the content it names. A file
// lives at <root>/ab/cd/<64 hex digits>, where ab and cd are the first four digits of its key:
// two levels of 256 folders keep every folder small at millions of files.
//
// Writes are atomic: the bytes go to a temporary file in the target folder, are fsynced and are
// renamed over the final name, and the folder is fsynced after. A crash leaves at worst a
// ".<key>.tmp-XXXXXX" file, never a half-written file under a key's name.
//
// Keys are checked before they touch a path (64 characters 0-9a-f, nothing else), so a key
// taken from a URL cannot reach outside the root.
//
// Thread safety: every member may be called from any number of threads at once, also from
// several processes sharing one root. Concurrent puts of the same bytes write separate
// temporary files and rename them over one another; the content is the same either way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::files {

struct StoredFile {
  std::string sha256;        // the key: 64 lower-case hex digits
  std::int64_t size = 0;     // in bytes
  std::string content_type;  // sniffed from the bytes by sniff_content_type(), e.g. "image/png"
};

// True when `text` is a well-formed key: exactly 64 characters from 0-9a-f (lower case only, so
// one content has one key and one path).
bool is_file_key(std::string_view text);

class FileStore {
 public:
  // `root` need not exist yet; put() creates it and the folders beneath it.
  explicit FileStore(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }

  // Stores `bytes` (unless a file with that key is already stored) and describes it. The
  // content type is sniffed, never taken from the uploader; whether it is acceptable is the
  // caller's decision (is_allowed_attachment_type()). Files are created with mode 0600.
  //
  // Errors: ErrorKind::internal "files.store_failed" (detail names the failing call and path)
  // when a folder or the file cannot be created, written, synced or renamed; any temporary file
  // is removed. ErrorKind::internal "files.type_unknown" when libmagic cannot be loaded.
  Result<StoredFile> put(std::string_view bytes);

  // The bytes stored under `sha256`, checked against the key as they are read back, so a
  // damaged file is reported rather than served.
  //
  // Errors: ErrorKind::validation "files.invalid_key" for a malformed key; ErrorKind::not_found
  // "files.not_found" when nothing is stored under it; ErrorKind::internal "files.read_failed"
  // when the file cannot be read or its content no longer matches its key.
  Result<std::string> read(std::string_view sha256) const;

  // Whether a file is stored under `sha256`; false for a malformed key.
  bool contains(std::string_view sha256) const;

  // Where the file for `sha256` is (or would be) stored, e.g. for sendfile-style downloads.
  // Errors: ErrorKind::validation "files.invalid_key" for a malformed key.
  Result<std::filesystem::path> path_of(std::string_view sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace verp::files
