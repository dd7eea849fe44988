// FileStore: hashing with libsodium, and the write-to-temporary, fsync, rename dance with POSIX
// calls, because std::ofstream can neither fsync nor create a file no other writer can share.
#include "platform/files/file_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "platform/files/content_type.hpp"

namespace verp::files {
namespace {

namespace fs = std::filesystem;

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0f];
  }
  return hex;
}

Error store_failed(std::string what, const fs::path& path, int error_number) {
  return make_error(ErrorKind::internal, "files.store_failed",
                    what + " " + path.string() + ": " + std::strerror(error_number));
}

Error read_failed(std::string detail) {
  return make_error(ErrorKind::internal, "files.read_failed", std::move(detail));
}

Error invalid_key() { return make_error(ErrorKind::validation, "files.invalid_key"); }

// Closes on scope exit; close() errors matter only on the write path, which calls close() itself.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// A rename is durable only once the folder holding the new name is on disk too.
Status sync_directory(const fs::path& directory) {
  Descriptor fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return store_failed("open", directory, errno);
  if (::fsync(fd.get()) != 0) return store_failed("fsync", directory, errno);
  return {};
}

Status write_all(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return store_failed("write", path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

// Writes `bytes` to a fresh temporary file in `directory` and renames it to `final_path`.
Status write_atomically(const fs::path& directory, const fs::path& final_path, std::string_view bytes) {
  // mkostemp picks a name no concurrent writer (thread or process) can also get.
  std::string temp = (directory / ("." + final_path.filename().string() + ".tmp-XXXXXX")).string();
  Descriptor fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) return store_failed("mkostemp", temp, errno);
  Status result = write_all(fd.get(), bytes, temp);
  if (result && ::fsync(fd.get()) != 0) result = store_failed("fsync", temp, errno);
  // close() can report a write error deferred by the file system (NFS), so it is checked.
  if (result && ::close(fd.release()) != 0) result = store_failed("close", temp, errno);
  if (result && ::rename(temp.c_str(), final_path.c_str()) != 0) result = store_failed("rename", final_path, errno);
  if (!result) {
    ::unlink(temp.c_str());
    return result;
  }
  return sync_directory(directory);
}

}  // namespace

bool is_file_key(std::string_view text) {
  if (text.size() != crypto_hash_sha256_BYTES * 2) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

FileStore::FileStore(std::filesystem::path root) : root_(std::move(root)) {
  // crypto_hash_sha256 needs no initialisation; sodium_init() is still called once, as
  // libsodium asks of every program before its first use.
  [[maybe_unused]] static const bool initialised = sodium_init() >= 0;
  assert(initialised && "libsodium failed to initialise");
}

Result<std::filesystem::path> FileStore::path_of(std::string_view sha256) const {
  if (!is_file_key(sha256)) return invalid_key();
  return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

bool FileStore::contains(std::string_view sha256) const {
  auto path = path_of(sha256);
  std::error_code code;
  return path && fs::is_regular_file(*path, code);
}

Result<StoredFile> FileStore::put(std::string_view bytes) {
  auto content_type = sniff_content_type(bytes);
  if (!content_type) return content_type.error();
  StoredFile stored{sha256_hex(bytes), static_cast<std::int64_t>(bytes.size()), std::move(content_type.value())};

  fs::path final_path = root_ / stored.sha256.substr(0, 2) / stored.sha256.substr(2, 2) / stored.sha256;
  std::error_code code;
  // Only complete files are ever renamed into place, so an existing file of the right size is
  // this content; a wrong size means damage, and writing it again repairs it.
  if (auto size = fs::file_size(final_path, code); !code && size == bytes.size()) return stored;

  fs::path directory = final_path.parent_path();
  bool created = fs::create_directories(directory, code);
  // Another writer may create the same folders at the same moment; that is not a failure.
  if (code && !fs::is_directory(directory)) return store_failed("create_directories", directory, code.value());
  if (Status written = write_atomically(directory, final_path, bytes); !written) return written.error();
  if (created) {
    // New folders must reach the disk too, or the file could vanish with them after a crash.
    for (const fs::path& parent : {directory.parent_path(), root_}) {
      if (Status synced = sync_directory(parent); !synced) return synced.error();
    }
  }
  return stored;
}

Result<std::string> FileStore::read(std::string_view sha256) const {
  auto path = path_of(sha256);
  if (!path) return path.error();
  Descriptor fd(::open(path->c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return make_error(ErrorKind::not_found, "files.not_found");
    return read_failed("open " + path->string() + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return read_failed("fstat " + path->string() + ": " + std::strerror(errno));
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t got = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return read_failed("read " + path->string() + ": " + std::strerror(errno));
    if (got == 0) return read_failed("read " + path->string() + ": file shrank while being read");
    done += static_cast<std::size_t>(got);
  }
  if (sha256_hex(bytes) != sha256) return read_failed(path->string() + ": content does not match its key");
  return bytes;
}

}  // namespace verp::files
