#include "platform/security/field_cipher.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "platform/security/crypto.hpp"
#include "platform/security/tokens.hpp"

namespace verp::security {

namespace {

constexpr std::string_view kPrefix = "enc:v1:";
constexpr char kLookupContext[crypto_kdf_CONTEXTBYTES + 1] = "verplkup";
constexpr std::uint64_t kLookupSubkeyId = 1;

static_assert(FieldCipher::kKeyBytes == crypto_secretbox_KEYBYTES);
static_assert(FieldCipher::kKeyBytes == crypto_kdf_KEYBYTES);

Error decrypt_failed(std::string detail) {
  return make_error(ErrorKind::internal, "security.decrypt_failed", std::move(detail));
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// A key id: a positive decimal below INT_MAX (so rotate() can always add id+1).
std::optional<int> parse_key_id(std::string_view text) {
  int id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0 || id == INT_MAX) return std::nullopt;
  return id;
}

std::optional<FieldCipher::Key> decode_key(std::string_view base64) {
  for (const int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                            sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
    FieldCipher::Key key{};
    std::size_t length = 0;
    if (sodium_base642bin(key.data(), key.size(), base64.data(), base64.size(), nullptr, &length, nullptr, variant) ==
            0 &&
        length == key.size()) {
      return key;
    }
    sodium_memzero(key.data(), key.size());
  }
  return std::nullopt;
}

std::string encode_base64(const unsigned char* data, std::size_t size, int variant) {
  std::string encoded(sodium_base64_ENCODED_LEN(size, variant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), data, size, variant);
  encoded.resize(encoded.size() - 1);  // libsodium counts the terminating NUL
  return encoded;
}

FieldCipher::Key random_key() {
  FieldCipher::Key key{};
  crypto_secretbox_keygen(key.data());
  return key;
}

Result<std::map<int, FieldCipher::Key>> parse_key_file(std::string_view text) {
  std::map<int, FieldCipher::Key> keys;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t space = line.find_first_of(" \t");
    const std::optional<int> id = space == std::string_view::npos ? std::nullopt : parse_key_id(line.substr(0, space));
    const std::optional<FieldCipher::Key> key =
        id ? decode_key(trim(line.substr(space))) : std::optional<FieldCipher::Key>();
    if (!key || keys.contains(*id)) {
      return make_error(ErrorKind::internal, "security.key_file_invalid", "bad or duplicate key line")
          .with_arg("line", std::to_string(line_number));
    }
    keys.emplace(*id, *key);
  }
  if (keys.empty()) return make_error(ErrorKind::internal, "security.no_keys", "the keys file holds no key");
  return keys;
}

std::string format_key_file(const std::map<int, FieldCipher::Key>& keys) {
  std::string text =
      "# verp field-encryption keys, one \"<id> <base64 key>\" a line. The highest id seals new values;\n"
      "# keep older keys until no stored value uses them. Losing this file loses the encrypted data:\n"
      "# back it up, apart from the database.\n";
  for (const auto& [id, key] : keys) {
    text += std::to_string(id) + ' ' + encode_base64(key.data(), key.size(), sodium_base64_VARIANT_ORIGINAL) + '\n';
  }
  return text;
}

Error write_failed(const std::filesystem::path& path, const char* step) {
  return make_error(ErrorKind::internal, "security.key_file_write_failed",
                    std::string(step) + " " + path.string() + ": " + std::strerror(errno))
      .with_arg("path", path.string());
}

// Writes `text` to a new file beside `path` with mode 0600, fsyncs it, then publishes it:
// `replace` renames over any existing file; otherwise link() refuses to replace one, so two
// processes creating the file at once cannot each keep a different key.
Status publish_key_file(const std::filesystem::path& path, const std::string& text, bool replace, bool& existed) {
  existed = false;
  std::filesystem::path temp = path;
  temp += ".tmp-" + random_token(9);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return write_failed(temp, "create");
  std::size_t written = 0;
  bool ok = true;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    Error error = write_failed(temp, "write");
    ::unlink(temp.c_str());
    return error;
  }
  if (replace) {
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      Error error = write_failed(path, "rename to");
      ::unlink(temp.c_str());
      return error;
    }
  } else {
    const int linked = ::link(temp.c_str(), path.c_str());
    const int link_errno = errno;
    ::unlink(temp.c_str());
    if (linked != 0) {
      if (link_errno == EEXIST) {
        existed = true;
        return {};
      }
      errno = link_errno;
      return write_failed(path, "link to");
    }
  }
  // Make the directory entry durable too.
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : ".";
  const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  if (in) content << in.rdbuf();
  if (!in || in.bad()) {
    return make_error(ErrorKind::internal, "security.key_file_unreadable", "cannot read " + path.string())
        .with_arg("path", path.string());
  }
  return content.str();
}

}  // namespace

FieldCipher::FieldCipher(std::map<int, Key> keys) : keys_(std::move(keys)) {
  ensure_crypto_initialised();
  crypto_kdf_derive_from_key(lookup_key_.data(), lookup_key_.size(), kLookupSubkeyId, kLookupContext,
                             keys_.begin()->second.data());
}

FieldCipher::~FieldCipher() {
  for (auto& [id, key] : keys_) sodium_memzero(key.data(), key.size());
  sodium_memzero(lookup_key_.data(), lookup_key_.size());
}

Result<FieldCipher> FieldCipher::from_key_file(const std::filesystem::path& path, bool create) {
  ensure_crypto_initialised();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && create) {
    std::map<int, Key> keys = {{1, random_key()}};
    bool existed = false;
    if (auto written = publish_key_file(path, format_key_file(keys), false, existed); !written) return written.error();
    if (!existed) return FieldCipher(std::move(keys));
    // Another process created it first: use its key.
  }
  auto text = read_file(path);
  if (!text) return text.error();
  auto keys = parse_key_file(*text);
  sodium_memzero(text->data(), text->size());
  if (!keys) return keys.error();
  return FieldCipher(std::move(*keys));
}

Result<FieldCipher> FieldCipher::from_spec(std::string_view spec) {
  ensure_crypto_initialised();
  std::map<int, Key> keys;
  int position = 0;
  while (!spec.empty()) {
    ++position;
    const std::size_t comma = spec.find(',');
    const std::string_view entry = trim(spec.substr(0, comma));
    spec.remove_prefix(comma == std::string_view::npos ? spec.size() : comma + 1);
    if (entry.empty()) continue;
    const std::size_t colon = entry.find(':');
    const std::optional<int> id = colon == std::string_view::npos ? std::nullopt : parse_key_id(entry.substr(0, colon));
    const std::optional<Key> key = id ? decode_key(entry.substr(colon + 1)) : std::optional<Key>();
    if (!key || keys.contains(*id)) {
      return make_error(ErrorKind::internal, "security.key_spec_invalid", "bad or duplicate key entry")
          .with_arg("entry", std::to_string(position));
    }
    keys.emplace(*id, *key);
  }
  if (keys.empty()) return make_error(ErrorKind::internal, "security.no_keys", "the key spec holds no key");
  return FieldCipher(std::move(keys));
}

FieldCipher FieldCipher::random_for_test() {
  ensure_crypto_initialised();
  return FieldCipher({{1, random_key()}});
}

Result<std::string> FieldCipher::seal(std::string_view plaintext) const {
  if (plaintext.size() > crypto_secretbox_MESSAGEBYTES_MAX - crypto_secretbox_NONCEBYTES) {
    return make_error(ErrorKind::internal, "security.encrypt_failed", "plaintext too large");
  }
  const auto& [id, key] = *keys_.rbegin();
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nonce, key.data());
  return std::string(kPrefix) + std::to_string(id) + ':' +
         encode_base64(box.data(), box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<std::string> FieldCipher::open(std::string_view sealed) const {
  if (!is_sealed(sealed)) return decrypt_failed("not a sealed value");
  std::string_view rest = sealed.substr(kPrefix.size());
  const std::size_t colon = rest.find(':');
  const std::optional<int> id = colon == std::string_view::npos ? std::nullopt : parse_key_id(rest.substr(0, colon));
  if (!id) return decrypt_failed("malformed key id");
  const auto key = keys_.find(*id);
  if (key == keys_.end()) return decrypt_failed("unknown key id " + std::to_string(*id));
  rest.remove_prefix(colon + 1);

  std::vector<unsigned char> box(rest.size() * 3 / 4 + 3);
  std::size_t box_size = 0;
  if (sodium_base642bin(box.data(), box.size(), rest.data(), rest.size(), nullptr, &box_size, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return decrypt_failed("malformed base64");
  }
  if (box_size < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return decrypt_failed("too short");
  const unsigned char* nonce = box.data();
  const unsigned char* cipher = box.data() + crypto_secretbox_NONCEBYTES;
  const std::size_t cipher_size = box_size - crypto_secretbox_NONCEBYTES;
  std::string plaintext(cipher_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()), cipher, cipher_size, nonce,
                                 key->second.data()) != 0) {
    return decrypt_failed("authentication failed (tampered, or sealed under another key)");
  }
  return plaintext;
}

bool FieldCipher::is_sealed(std::string_view value) const { return value.starts_with(kPrefix); }

bool FieldCipher::sealed_with_current_key(std::string_view sealed) const {
  if (!is_sealed(sealed)) return false;
  const std::string_view rest = sealed.substr(kPrefix.size());
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return false;
  return parse_key_id(rest.substr(0, colon)) == current_key_id();
}

int FieldCipher::current_key_id() const { return keys_.rbegin()->first; }

Status FieldCipher::rotate(const std::filesystem::path& key_file) {
  const int next_id = current_key_id() + 1;
  if (next_id == INT_MAX) {
    return make_error(ErrorKind::internal, "security.key_file_write_failed", "key ids exhausted")
        .with_arg("path", key_file.string());
  }
  std::map<int, Key> keys = keys_;
  keys.emplace(next_id, random_key());
  bool existed = false;
  if (auto written = publish_key_file(key_file, format_key_file(keys), true, existed); !written) {
    for (auto& [id, key] : keys) sodium_memzero(key.data(), key.size());
    return written;
  }
  std::swap(keys_, keys);
  for (auto& [id, key] : keys) sodium_memzero(key.data(), key.size());
  return {};
}

std::string FieldCipher::lookup_digest(std::string_view plaintext) const {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                     lookup_key_.data(), lookup_key_.size());
  std::string hex(2 * sizeof digest + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.resize(2 * sizeof digest);
  return hex;
}

}  // namespace verp::security
