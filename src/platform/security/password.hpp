// Password hashing: Argon2id through libsodium's crypto_pwhash_str.
//
// The stored form is the self-describing encoded string "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>":
// algorithm, parameters and a random 16-byte salt travel with the hash, so parameters can be
// raised later without a migration (see password_needs_rehash). Parameters are libsodium's
// INTERACTIVE limits (64 MiB, 2 passes): roughly 0.1 s of one core per hash or verification
// (100-120 ms measured on the 2-core build machine), and the 64 MiB is allocated per concurrent
// hash — callers bound how many sign-ins hash at once (a 2-core server does ~20 per second).
//
// The whole password is hashed, whatever its length (no truncation, unlike bcrypt's 72 bytes).
// Passwords are hashed as the exact bytes given; the policy (password_policy.hpp) decides what
// is acceptable before a password is ever hashed.
//
// All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::security {

// The encoded "$argon2id$..." string. Fails with ErrorKind::internal ("security.hash_failed")
// only when the 64 MiB working memory cannot be allocated.
Result<std::string> hash_password(std::string_view password);

// True when `password` matches `encoded_hash`. False for a wrong password and for anything that
// is not a valid encoded hash (never throws, never asserts: the hash comes from storage).
bool verify_password(std::string_view encoded_hash, std::string_view password);

// True when `encoded_hash` was made with other parameters or another algorithm than
// hash_password uses now (or is not a valid hash): after a successful sign-in the caller hashes
// the password again and stores the new hash.
bool password_needs_rehash(std::string_view encoded_hash);

// Spends the same time as a real verification, for sign-in attempts on unknown user names, so
// response time does not reveal whether a user exists. The first call also builds the dummy
// hash (one extra hash_password); call it once at start-up so the first real attempt does not
// stand out.
void verify_password_against_dummy(std::string_view password);

}  // namespace verp::security
