// Random tokens and how to store and compare them.
//
// Session ids, API tokens, e-mail confirmation and password-reset links are random_token()s.
// The server stores only token_digest(token): a stolen database then holds no usable token.
// Because the token carries 256 bits of randomness, a plain SHA-256 suffices — a slow password
// hash would add nothing but latency. Look a token up by its digest; where a secret is compared
// directly, use constant_time_equal.
//
// Randomness comes from libsodium (the operating system's CSPRNG). All functions are
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace verp::security {

// `bytes` random bytes as base64url without padding (43 characters for the default 32 bytes;
// 4*bytes/3 rounded up in general). Safe in URLs, cookies and headers as is.
std::string random_token(std::size_t bytes = 32);

// Lower-case hex SHA-256 of the token (64 characters): the form that is stored and looked up.
std::string token_digest(std::string_view token);

// True when `a` and `b` have the same bytes. Time depends only on the length (sodium_memcmp);
// values of different lengths are unequal at once, so only compare values whose length is not
// secret (digests, fixed-length codes).
bool constant_time_equal(std::string_view a, std::string_view b);

// `count` uniformly random decimal digits (each digit independent; leading zeros kept), e.g. a
// 6-digit SMS code. Empty for count <= 0.
std::string random_digits(int count);

}  // namespace verp::security
