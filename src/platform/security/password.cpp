#include "platform/security/password.hpp"

#include <sodium.h>

#include <array>
#include <mutex>

#include "platform/security/crypto.hpp"
#include "platform/security/tokens.hpp"

namespace verp::security {

namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;

// libsodium reads the encoded hash as a C string, so it needs a terminated copy; an over-long
// value cannot be a hash we wrote.
bool copy_encoded_hash(std::string_view encoded_hash, std::array<char, crypto_pwhash_STRBYTES>& out) {
  if (encoded_hash.empty() || encoded_hash.size() >= out.size()) return false;
  if (encoded_hash.find('\0') != std::string_view::npos) return false;
  out.fill('\0');
  encoded_hash.copy(out.data(), encoded_hash.size());
  return true;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  ensure_crypto_initialised();
  std::array<char, crypto_pwhash_STRBYTES> encoded{};
  if (crypto_pwhash_argon2id_str(encoded.data(), password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return make_error(ErrorKind::internal, "security.hash_failed", "crypto_pwhash_argon2id_str: out of memory");
  }
  return std::string(encoded.data());
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  ensure_crypto_initialised();
  std::array<char, crypto_pwhash_STRBYTES> encoded{};
  if (!copy_encoded_hash(encoded_hash, encoded)) return false;
  // crypto_pwhash_str_verify dispatches on the prefix, so hashes made under older parameters
  // (or argon2i) still verify.
  return crypto_pwhash_str_verify(encoded.data(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded_hash) {
  ensure_crypto_initialised();
  std::array<char, crypto_pwhash_STRBYTES> encoded{};
  if (!copy_encoded_hash(encoded_hash, encoded)) return true;
  // 0 = current parameters, 1 = other parameters, -1 = not an argon2id hash.
  return crypto_pwhash_argon2id_str_needs_rehash(encoded.data(), kOpsLimit, kMemLimit) != 0;
}

void verify_password_against_dummy(std::string_view password) {
  static std::once_flag once;
  static std::string dummy_hash;
  std::call_once(once, [] {
    // A random password nobody knows, hashed with the current parameters: verifying against
    // it costs exactly what verifying a real, current hash costs.
    auto hashed = hash_password(random_token(24));
    if (hashed) dummy_hash = std::move(*hashed);
  });
  // The result is meaningless (and practically always false); only the time spent matters.
  [[maybe_unused]] const bool matched = verify_password(dummy_hash, password);
}

}  // namespace verp::security
