// How commands that produce a table write it: CSV on stdout (or to --output), or an XLSX or PDF
// file.
#pragma once

#include <string>

#include "platform/export/table.hpp"

namespace verp::app {

// Returns the exit code: 0 written, 1 the file could not be made, 2 xlsx or pdf without an output
// file.
int write_table(const exporting::Table& table, const std::string& format, const std::string& output,
                const std::string& command);

}  // namespace verp::app
