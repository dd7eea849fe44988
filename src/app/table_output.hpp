// How commands that produce a table write it: CSV on stdout (or to --output), or an XLSX file.
#pragma once

#include <string>

#include "platform/export/table.hpp"

namespace verp::app {

// Returns the exit code: 0 written, 1 the workbook failed, 2 xlsx without an output file.
int write_table(const exporting::Table& table, const std::string& format, const std::string& output,
                const std::string& command);

}  // namespace verp::app
