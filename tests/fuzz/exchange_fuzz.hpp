// The checks of the exchange fuzz target, callable without libFuzzer: exchange_tests feeds
// them a fixed set of mutated files on every build, the fuzz target feeds them whatever
// libFuzzer makes up.
#pragma once

#include <string>
#include <string_view>

namespace verp::exchange::fuzz {

// Runs read_csv, read_xlsx and read_table on `bytes`, and read_xlsx on a workbook whose
// worksheet, shared strings or styles part is `bytes`, each with the default limits and with
// tiny ones. Returns "" when every result keeps the contract (a sheet that is well formed and
// within the limits, or a validation or too_large error with an exchange.* message), else
// what was broken. Crashes, leaks and undefined behaviour are the sanitizers' to report.
std::string check_input(std::string_view bytes);

}  // namespace verp::exchange::fuzz
