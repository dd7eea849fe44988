// Text rules shared by the CSV and XLSX writers. Internal to verp_export.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace verp::exporting {

// Whether a spreadsheet could take `cell` for a formula: it starts with = + - @, tab or CR.
bool starts_like_formula(std::string_view cell);

// The columns `text` occupies in a spreadsheet's default font: East Asian wide and fullwidth
// characters (CJK, kana, hangul, fullwidth forms) count 2, others 1. Counting stops at `limit`.
std::size_t display_width(std::string_view text, std::size_t limit);

// `text` as Excel can hold it in a cell: ill-formed UTF-8 and NUL bytes become U+FFFD, and text
// longer than 32,767 UTF-16 code units (Excel's limit) is cut to 32,766 followed by "…".
std::string excel_cell_text(std::string_view text);

// `name` as a valid Excel sheet name; the rules are listed at Table::sheet_name.
std::string excel_sheet_name(std::string_view name);

}  // namespace verp::exporting
