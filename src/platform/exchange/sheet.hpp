// read_csv(), read_xlsx() and read_table(): a file a user uploads for bulk import, as rows of
// UTF-8 text that an importer checks and maps to records.
//
// The readers only lay the file out; they know nothing of entities. Every cell comes back as
// text, unaltered except for decoding (header cells are also trimmed). What an importer needs
// to tell the user where a problem is, the readers keep: each data row's number as the user's
// spreadsheet shows it, and errors name the row and column (as a letter, "C") they concern.
//
// Shared rules of both formats:
// - The first row that is not completely empty is the header. Its cells are trimmed (ASCII
//   white space, U+00A0, U+3000, U+FEFF) and must be non-empty and distinct.
// - Every data row has exactly headers.size() cells. A completely empty row between data rows
//   is kept (as empty cells, so row numbers stay contiguous); empty rows after the last
//   non-empty one are dropped.
// - Size limits fail with ErrorKind::too_large; a malformed file fails with
//   ErrorKind::validation. Messages are "exchange.*" ids (messages.en.json) whose arguments are
//   among `row` (1-based, as the spreadsheet shows it), `column` (a letter), `limit`.
//
// All functions are pure: no state, no files, no exceptions. They may run on any number of
// threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::exchange {

// What a reader accepts before giving up. Each limit exceeded is ErrorKind::too_large.
struct ReadLimits {
  std::size_t max_bytes = 256u << 20;             // input file size
  std::size_t max_rows = 1'000'000;               // data rows (kept empty rows count)
  std::size_t max_columns = 500;                  // cells in a row
  std::size_t max_cell_bytes = 32767;             // per cell, after decoding to UTF-8
  std::size_t max_uncompressed_bytes = 1u << 30;  // XLSX: the parts read, unpacked (zip bomb)
  // data rows × columns. Each cell costs about 32 bytes even when empty, so a file of nothing
  // but commas could otherwise ask for 32 times its own size; this bounds the Sheet's memory.
  std::size_t max_cells = 20'000'000;
};

struct Sheet {
  std::vector<std::string> headers;            // the header row, trimmed
  std::vector<std::vector<std::string>> rows;  // data rows, each exactly headers.size() cells
  // For each data row, its 1-based row number as a spreadsheet user sees it: in a CSV a record
  // whose quoted cell spans several lines is still one row; the header row is usually 1.
  std::vector<std::int64_t> row_numbers;
  std::string encoding;  // "UTF-8", "GB18030" (CSV) or "XLSX"
};

// An RFC 4180 CSV file: fields separated by commas; a field in double quotes may hold commas,
// CR and LF, and "" stands for one quote. Records end with CRLF, LF or a lone CR; the last may
// lack one. A quote inside an unquoted field is an ordinary character.
//
// Encoding: UTF-8 with or without a BOM. Bytes that are not UTF-8 (and no BOM) are decoded as
// GB18030, which is what Excel writes for "CSV" on a Chinese Windows (GBK is a subset).
//
// Errors (validation unless said otherwise):
//   exchange.file_too_large {limit}                 too_large: bytes.size() > max_bytes
//   exchange.unsupported_encoding {encoding}        a UTF-16 or UTF-32 byte order mark
//   exchange.unsupported_format                     an OLE2 file (.xls, or an encrypted .xlsx)
//   exchange.empty_file                             no non-empty row, so no header
//   exchange.nul_byte {row}                         a NUL byte: not a text file
//   exchange.unterminated_quote {row}               a quoted field (starting in row) never ends
//   exchange.text_after_quote {row, column}         e.g. "ab"c
//   exchange.ragged_row {row, expected, actual}     a row with a different number of cells
//   exchange.invalid_utf8 {row, column}             a UTF-8 BOM, but that cell is not UTF-8
//   exchange.undecodable {row, column}              neither UTF-8 nor GB18030
//   exchange.header_empty {column}
//   exchange.header_duplicate {column, header, first_column}
//   exchange.too_many_rows {limit}, exchange.too_many_columns {row, limit},
//   exchange.too_many_cells {limit}, exchange.cell_too_large {row, column, limit}: too_large
//   exchange.decoder_unavailable                    internal: iconv has no GB18030 converter
Result<Sheet> read_csv(std::string_view bytes, const ReadLimits& limits = {});

// The first worksheet of an .xlsx workbook (the first <sheet> in xl/workbook.xml, hidden or
// not), found through the package relationships. Cells: shared and inline strings (rich-text
// runs joined, phonetic guides left out, _xHHHH_ escapes decoded), numbers exactly as stored
// (no floating-point round trip), booleans as "TRUE"/"FALSE", error values as stored ("#N/A"),
// formulas as their cached value (never evaluated). A number whose style is a date format
// (built-in 14-22, the Chinese built-ins 27-36 and 50-58, or a custom format with y, m or d)
// becomes "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when it has a time of day; a time-only
// format below one day becomes "HH:MM:SS". Both date systems (1900 and 1904) are honoured.
// A value in a column to the right of the last heading is an error, an empty cell there is not.
//
// Before any part is unpacked its declared size is checked against what is left of
// max_uncompressed_bytes, and the bytes actually unpacked are counted too. The large parts
// (worksheet, shared strings, styles) are read by a streaming parser, so memory stays near
// the unpacked size plus the Sheet, and reading stops at the first limit exceeded.
//
// Errors: as read_csv where they apply (file_too_large, empty_file, header_*, too_many_*,
// cell_too_large), and
//   exchange.xlsx_invalid                           not a zip, a part missing or malformed,
//                                                   encrypted entries; `detail` says which
//   exchange.cell_outside_header {row, column}      a value right of the last heading
//   exchange.uncompressed_too_large {limit}         too_large: the zip-bomb guard
Result<Sheet> read_xlsx(std::string_view bytes, const ReadLimits& limits = {});

// Picks the reader by content, never by file name: "PK\x03\x04" (a zip) is read as XLSX; an
// OLE2 file (old .xls, password-protected .xlsx) is exchange.unsupported_format; anything else
// is read as CSV.
Result<Sheet> read_table(std::string_view bytes, const ReadLimits& limits = {});

}  // namespace verp::exchange
