#include "app/table_output.hpp"

#include <cstdio>
#include <fstream>

#include "app/commands.hpp"

namespace verp::app {

int write_table(const exporting::Table& table, const std::string& format, const std::string& output,
                const std::string& command) {
  if (format == "xlsx" || format == "pdf") {
    if (output.empty()) {
      print_error("--format " + format + " needs --output FILE");
      return 2;
    }
    auto workbook = format == "pdf" ? exporting::to_pdf(table) : exporting::to_xlsx(table);
    if (!workbook) {
      print_error(workbook.error().detail);
      return 1;
    }
    std::ofstream(output, std::ios::binary) << *workbook;
    std::printf("%s: %zu rows written to %s\n", command.c_str(), table.rows.size(), output.c_str());
    return 0;
  }
  const std::string csv = exporting::to_csv(table);
  if (output.empty()) {
    std::fwrite(csv.data(), 1, csv.size(), stdout);
  } else {
    std::ofstream(output, std::ios::binary) << csv;
  }
  return 0;
}

}  // namespace verp::app
