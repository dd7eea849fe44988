// Table, to_csv() and to_xlsx(): "export the current list" as a download Excel opens cleanly.
//
// A caller (the audit log, the access review, any entity list) fills a Table with text it has
// already formatted and localised; this library only lays that text out. Neither function keeps
// state, so both may be called from any number of threads at once.
//
// Both formats neutralise formula injection: a cell whose text starts with = + - @, a tab or a
// CR would be run as a formula by a spreadsheet (tab and CR because some spreadsheets skip them
// before one), so it is never handed to the spreadsheet as one. Negative numbers start with '-'
// and are treated the same way: every cell is text to this library.
#pragma once

#include <string>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::exporting {

// The list to export. Cells are UTF-8 text. The table is as wide as its header or its widest
// row, whichever is wider; shorter rows (and a shorter header) are padded with empty cells.
struct Table {
  // The XLSX sheet's name, e.g. "审计日志". Excel's rules are applied: []:*?/\ and control
  // characters become '_', an apostrophe at either end becomes '_', the name is cut to 31
  // characters, and an empty name becomes "Sheet1". The CSV ignores it.
  std::string sheet_name;
  std::vector<std::string> headers;            // the first row, already localised by the caller
  std::vector<std::vector<std::string>> rows;  // the data rows, in display order
};

// The table as RFC 4180 CSV: a UTF-8 byte order mark (so Excel reads Chinese text as UTF-8),
// then the header line and one line per row, each ended by CRLF. A cell containing a comma, a
// double quote, a CR or an LF is enclosed in double quotes with its quotes doubled. A cell
// starting with = + - @, tab or CR gets a leading apostrophe, which spreadsheets show as text.
// Cell bytes are otherwise copied unchanged.
std::string to_csv(const Table& table);

// The table as the bytes of an .xlsx workbook with one sheet: the header row bold and frozen,
// each column as wide as its longest text (CJK characters count double; at least 8, at most
// 60 characters), every cell written as a string and never as a formula. Cells that start like
// a formula keep their exact text but carry Excel's Text number format, so editing one in Excel
// does not turn it into a formula either. Excel cannot hold some text, so in the workbook only:
// ill-formed UTF-8 and NUL bytes become U+FFFD, and a cell over Excel's 32,767 characters is
// cut to 32,766 followed by "…".
//
// Errors: ErrorKind::internal "export.xlsx_failed" (detail says why) when the temporary file
// cannot be made, written or read back, or the table exceeds Excel's 1,048,576 rows or 16,384
// columns. The temporary file (in std::filesystem::temp_directory_path()) is always removed.
Result<std::string> to_xlsx(const Table& table);

// The table as a PDF for printing and filing (reports, statements): A4, landscape when it has
// more than five columns; the sheet name as the title; the header row repeated on every page;
// columns as wide as their text, narrowed proportionally (text wraps) when the page is too
// narrow; columns whose cells are all amounts right-aligned; page numbers at the foot. Text is
// laid out by pango with the Noto Sans CJK font, so Chinese renders; cell text is never markup.
// Errors: ErrorKind::internal "export.pdf_failed" (detail says why); ErrorKind::too_large
// "export.pdf_too_large" beyond 100,000 rows.
Result<std::string> to_pdf(const Table& table);

}  // namespace verp::exporting
