#include "platform/audit/hash_chain.hpp"

#include <sodium.h>

#include <array>
#include <cassert>
#include <chrono>

namespace verp::audit {
namespace {

void put_field(std::string& out, std::string_view bytes) {
  out += std::to_string(bytes.size());
  out += ':';
  out += bytes;
}

void put_number(std::string& out, std::int64_t number) { put_field(out, std::to_string(number)); }

void put_optional(std::string& out, const std::optional<std::int64_t>& number) {
  put_field(out, number ? std::to_string(*number) : std::string());
}

}  // namespace

std::int64_t to_micros(Clock::TimePoint at) {
  return std::chrono::floor<std::chrono::microseconds>(at.time_since_epoch()).count();
}

Clock::TimePoint from_micros(std::int64_t micros) {
  return Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::microseconds(micros)));
}

std::string canonical_encoding(const Record& record) {
  std::string out = "verp-audit-1";
  out.reserve(out.size() + 64 + record.user_name.size() + record.address.size() + record.request_id.size() +
              record.action.size() + record.target_type.size() + record.target_id.size() + record.change.size());
  put_number(out, record.seq);
  put_number(out, to_micros(record.at));
  put_optional(out, record.user_id);
  put_field(out, record.user_name);
  put_optional(out, record.company_id);
  put_field(out, record.address);
  put_field(out, record.request_id);
  put_field(out, record.action);
  put_field(out, record.target_type);
  put_field(out, record.target_id);
  put_field(out, record.change);
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  // crypto_hash_sha256 needs no initialisation; sodium_init() is still called once, as
  // libsodium asks of every program before its first use.
  [[maybe_unused]] static const bool initialised = sodium_init() >= 0;
  assert(initialised && "libsodium failed to initialise");
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

std::string record_hash(std::string_view previous_hash, const Record& record) {
  std::string input(previous_hash);
  input += canonical_encoding(record);
  return sha256_hex(input);
}

}  // namespace verp::audit
