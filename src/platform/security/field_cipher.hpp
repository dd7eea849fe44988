// FieldCipher: encryption at rest of sensitive fields (bank accounts, ID numbers, TOTP secrets).
//
// Each value is sealed with libsodium's crypto_secretbox_easy (XSalsa20-Poly1305: encrypted and
// authenticated) under a fresh random 24-byte nonce, so equal plaintexts give unrelated sealed
// values and any change to a sealed value is detected. The sealed form is text and fits any
// TEXT column:
//
//   enc:v1:<key_id>:<base64url(nonce || ciphertext)>       e.g. "enc:v1:2:q0d…"
//
// Keys are numbered. The highest id is current and seals; older keys only open. Rotation
// (`verp keys rotate`) adds key current+1 and then re-seals stored values; once no value names
// an old key, the operator may delete that line from the keys file.
//
// Keys file: one key per line, "<id> <base64 of 32 bytes>" (standard base64; url-safe and
// unpadded forms are accepted too), '#' starts a comment line, blank lines are ignored. When
// verp creates or rewrites it, the file gets mode 0600 and is replaced atomically (temp file in
// the same directory, fsync, rename), so a crash leaves the old or the new file, never half of
// one. Losing the file means losing every sealed value: back it up apart from the database.
//
// Failures are values: loading fails with ErrorKind::internal ("security.key_file_unreadable",
// "security.key_file_invalid" with arg {"line", n}, "security.key_file_write_failed",
// "security.key_spec_invalid", "security.no_keys"); open() fails with ErrorKind::internal
// ("security.decrypt_failed") for a malformed or tampered value or an unknown key id — all
// three look the same to clients, and the detail says which for the log.
//
// Thread safety: the const members may be called from any number of threads at once. rotate()
// modifies the ring: do not call it while other threads use the same FieldCipher (the CLI
// rotates in its own process; the server loads a fresh FieldCipher at start-up).
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::security {

class FieldCipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  using Key = std::array<unsigned char, kKeyBytes>;

  // Loads the keys file, creating it with one fresh key (id 1) when missing and `create` is
  // true. A missing file with `create` false is "security.key_file_unreadable".
  static Result<FieldCipher> from_key_file(const std::filesystem::path& path, bool create);
  // Keys from an environment-style value "1:base64key,2:base64key" (VERP_FIELD_KEYS). Spaces
  // around entries are ignored.
  static Result<FieldCipher> from_spec(std::string_view spec);
  static FieldCipher random_for_test();  // one random key, id 1

  FieldCipher(const FieldCipher&) = default;
  FieldCipher(FieldCipher&&) = default;
  FieldCipher& operator=(const FieldCipher&) = default;
  FieldCipher& operator=(FieldCipher&&) = default;
  ~FieldCipher();  // wipes the keys from memory

  // Seals with the current key. Fails ("security.encrypt_failed") only for a plaintext too large
  // for one allocation.
  Result<std::string> seal(std::string_view plaintext) const;
  // "security.decrypt_failed" (ErrorKind::internal) on a malformed value, tampering or an
  // unknown key.
  Result<std::string> open(std::string_view sealed) const;
  bool is_sealed(std::string_view value) const;  // has the "enc:v1:" prefix
  // True when `sealed` names the current key; false for other keys and for non-sealed text.
  bool sealed_with_current_key(std::string_view sealed) const;
  int current_key_id() const;

  // Adds a new random key with id current+1 and writes the whole ring to `key_file` atomically
  // (temp + rename, mode 0600); afterwards seal() uses it. When writing fails, nothing changes.
  // Used by `verp keys rotate`, which then re-seals stored values.
  Status rotate(const std::filesystem::path& key_file);

  // A stable keyed digest of `plaintext` (64 lower-case hex characters) for finding sealed
  // values by equality without decrypting them, e.g. duplicate ID numbers: store it in an
  // indexed column beside the sealed value. Keyed BLAKE2b (crypto_generichash) under a subkey
  // derived (crypto_kdf, context "verplkup") from the LOWEST-numbered key, so rotation does not
  // change digests; it changes only if that first key is removed from the ring. Without the
  // key, the digest reveals nothing, not even for short, guessable values. Equal inputs give
  // equal digests: normalise (trim, upper-case) before calling.
  std::string lookup_digest(std::string_view plaintext) const;

 private:
  explicit FieldCipher(std::map<int, Key> keys);

  std::map<int, Key> keys_;  // id → key; never empty
  Key lookup_key_{};
};

}  // namespace verp::security
