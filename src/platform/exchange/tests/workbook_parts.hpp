// Hand-made .xlsx packages for the tests and the fuzz target: what libxlsxwriter never writes
// (namespace prefixes, inline strings, 1904 dates, phonetic runs, broken parts) is written here
// as XML and zipped with libzip, in memory.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verp::exchange::test_support {

// (entry name, content) in zip order.
using Parts = std::vector<std::pair<std::string, std::string>>;

// The parts zipped, deflated or stored; "" if libzip fails (the test then fails on it).
std::string zip_parts(const Parts& parts, bool deflate = true);

// The parts of a one-sheet workbook whose <sheetData> holds `sheet_data`. `shared_items` (the
// <si> elements of xl/sharedStrings.xml) and `styles` (the whole xl/styles.xml) are left out
// when empty.
Parts workbook_parts(std::string_view sheet_data, std::string_view shared_items = {}, std::string_view styles = {},
                     bool date1904 = false);

// zip_parts(workbook_parts(...)).
std::string make_xlsx(std::string_view sheet_data, std::string_view shared_items = {}, std::string_view styles = {},
                      bool date1904 = false);

// A styles part whose cellXfs are, in order, the given numFmtIds; `num_fmts` is the XML of
// custom <numFmt> elements.
std::string styles_xml(const std::vector<int>& cell_formats, std::string_view num_fmts = {});

// Replaces the part `name` (which must exist) in `parts`.
void replace_part(Parts& parts, std::string_view name, std::string content);

}  // namespace verp::exchange::test_support
