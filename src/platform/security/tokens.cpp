#include "platform/security/tokens.hpp"

#include <sodium.h>

#include <vector>

#include "platform/security/crypto.hpp"

namespace verp::security {

std::string random_token(std::size_t bytes) {
  ensure_crypto_initialised();
  if (bytes == 0) return {};
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), kVariant);
  encoded.resize(encoded.size() - 1);  // the terminating NUL libsodium counts in the length
  sodium_memzero(raw.data(), raw.size());
  return encoded;
}

std::string token_digest(std::string_view token) {
  ensure_crypto_initialised();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::string hex(2 * sizeof hash + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash, sizeof hash);
  hex.resize(2 * sizeof hash);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_crypto_initialised();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_digits(int count) {
  ensure_crypto_initialised();
  std::string digits;
  if (count <= 0) return digits;
  digits.reserve(static_cast<std::size_t>(count));
  // randombytes_uniform rejects out-of-range samples, so every digit is exactly 1/10 likely
  // (a plain `% 10` of a random byte would favour 0-5).
  for (int i = 0; i < count; ++i) digits.push_back(static_cast<char>('0' + randombytes_uniform(10)));
  return digits;
}

}  // namespace verp::security
