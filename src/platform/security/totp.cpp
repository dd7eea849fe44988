#include "platform/security/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>

#include "platform/security/crypto.hpp"
#include "platform/security/tokens.hpp"

namespace verp::security {

namespace {

constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;
constexpr std::size_t kSecretBytes = 20;

bool oath_ready() {
  static std::once_flag once;
  static bool ready = false;
  std::call_once(once, [] { ready = oath_init() == OATH_OK; });
  return ready;
}

// Raw key bytes, wiped when dropped: the TOTP secret is as sensitive as a password.
class SecretBytes {
 public:
  SecretBytes() = default;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes() {
    if (data_ != nullptr) {
      sodium_memzero(data_, size_);
      std::free(data_);  // allocated by liboath with malloc
    }
  }
  char** data_out() { return &data_; }
  std::size_t* size_out() { return &size_; }
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

Error invalid_secret(std::string detail) {
  return make_error(ErrorKind::validation, "security.totp_invalid_secret", std::move(detail));
}

void percent_encode(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
  }
}

bool is_six_digits(std::string_view code) {
  return code.size() == kDigits && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string new_totp_secret() {
  ensure_crypto_initialised();
  unsigned char raw[kSecretBytes];
  randombytes_buf(raw, sizeof raw);
  // RFC 4648 base32: every 5 bits become one of 32 characters; 160 bits need no padding.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string encoded;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char byte : raw) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      encoded.push_back(kAlphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  if (bits > 0) encoded.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
  sodium_memzero(raw, sizeof raw);
  return encoded;
}

std::string totp_uri(std::string_view secret_base32, std::string_view issuer, std::string_view account) {
  std::string uri = "otpauth://totp/";
  percent_encode(issuer, uri);
  uri.push_back(':');
  percent_encode(account, uri);
  uri += "?secret=";
  percent_encode(secret_base32, uri);
  uri += "&issuer=";
  percent_encode(issuer, uri);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

std::int64_t totp_step(Clock::TimePoint at) {
  const std::int64_t seconds = std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
  // Floor division, so instants before 1970 do not round towards step 0.
  return seconds >= 0 ? seconds / kStepSeconds : -((-seconds + kStepSeconds - 1) / kStepSeconds);
}

Result<std::string> totp_code(std::string_view secret_base32, std::int64_t step) {
  return totp_code(secret_base32, step, kDigits);
}

Result<std::string> totp_code(std::string_view secret_base32, std::int64_t step, int digits) {
  ensure_crypto_initialised();
  if (!oath_ready()) return make_error(ErrorKind::internal, "security.totp_failed", "oath_init failed");
  if (digits < 6 || digits > 8) return make_error(ErrorKind::internal, "security.totp_failed", "digits not in 6..8");
  if (step < 0) return make_error(ErrorKind::internal, "security.totp_failed", "time step before 1970");
  SecretBytes key;
  const int decoded = oath_base32_decode(secret_base32.data(), secret_base32.size(), key.data_out(), key.size_out());
  if (decoded != OATH_OK) return invalid_secret(oath_strerror(decoded));
  if (key.size() == 0) return invalid_secret("empty secret");
  // TOTP is HOTP with the time step as the counter (RFC 6238 §4.2).
  char code[9] = {};
  const int generated = oath_hotp_generate(key.data(), key.size(), static_cast<std::uint64_t>(step),
                                           static_cast<unsigned>(digits), false, OATH_HOTP_DYNAMIC_TRUNCATION, code);
  if (generated != OATH_OK) return make_error(ErrorKind::internal, "security.totp_failed", oath_strerror(generated));
  return std::string(code);
}

std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, Clock::TimePoint at,
                                        int window) {
  if (!is_six_digits(code)) return std::nullopt;
  const std::int64_t now_step = totp_step(at);
  window = std::max(window, 0);
  // Nearest first: now, then -1, +1, -2, +2 ...
  for (int distance = 0; distance <= window; ++distance) {
    for (const int sign : {-1, 1}) {
      if (distance == 0 && sign == 1) continue;
      const std::int64_t step = now_step + std::int64_t{sign} * distance;
      auto expected = totp_code(secret_base32, step);
      if (!expected) {
        if (expected.error().kind == ErrorKind::validation) return std::nullopt;
        continue;  // a step before 1970
      }
      if (constant_time_equal(*expected, code)) return step;
    }
  }
  return std::nullopt;
}

std::vector<std::string> new_recovery_codes(int count) {
  ensure_crypto_initialised();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  constexpr std::uint32_t kAlphabetSize = sizeof kAlphabet - 1;
  std::vector<std::string> codes;
  std::set<std::string> seen;
  while (static_cast<int>(codes.size()) < count) {
    std::string code;
    for (int i = 0; i < 12; ++i) {
      if (i > 0 && i % 4 == 0) code.push_back('-');
      code.push_back(kAlphabet[randombytes_uniform(kAlphabetSize)]);
    }
    // A repeat is a 1 in 2^59 event, but "distinct" is part of the contract.
    if (seen.insert(code).second) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view typed) {
  std::string normal;
  normal.reserve(typed.size());
  for (const char c : typed) {
    if (c == '-' || c == ' ' || c == '\t') continue;
    normal.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return normal;
}

}  // namespace verp::security
