// The sub-commands of `verp`. Each returns the process exit code: 0 success, 1 a runtime
// failure (database unreachable, a check found problems), 2 bad usage or configuration.
#pragma once

#include "app/settings.hpp"

namespace verp::app {

int run_serve(const Settings& settings);
int run_init(const Settings& settings);
int run_check(const Settings& settings);
int run_audit_verify(const Settings& settings);  // `verp audit verify`: the hash-chain check alone
int run_keys_rotate(const Settings& settings);   // `verp keys rotate`: new key, sensitive fields re-sealed
int run_version();

// Prints "verp: error: <what>" as one line on stderr.
void print_error(const std::string& what);

}  // namespace verp::app
