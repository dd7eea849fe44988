#include "platform/security/crypto.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace verp::security {

void ensure_crypto_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    // 0 = initialised now, 1 = already initialised by another library; both are fine.
    if (sodium_init() < 0) {
      std::fputs("verp: libsodium could not initialise (no secure random source); aborting\n", stderr);
      std::abort();
    }
  });
}

}  // namespace verp::security
