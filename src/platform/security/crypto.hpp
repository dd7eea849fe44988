// The one place libsodium is initialised.
//
// sodium_init() must run before any other libsodium call: it picks the fastest implementations
// for this CPU and opens the system's random source. Every function in platform/security calls
// ensure_crypto_initialised() itself, so callers need not; calling it early at start-up only
// moves the (small) cost and surfaces a broken random source before the server accepts requests.
//
// Thread-safe (std::call_once). If libsodium cannot initialise — no usable random source — the
// process aborts with a message on stderr: nothing in verp may run without secure randomness.
#pragma once

namespace verp::security {

void ensure_crypto_initialised();

}  // namespace verp::security
