// SheetBuilder: the rules both readers share (which row is the header, what a header may be,
// empty rows, the row and cell limits), so CSV and XLSX cannot drift apart. Internal.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/exchange/sheet.hpp"

namespace verp::exchange {

// ErrorKind::too_large `id` with the argument {limit}.
Error limit_error(std::string id, std::size_t limit);
// `id` with {row} and, for a cell, {column} as its letter.
Error row_error(ErrorKind kind, std::string id, std::int64_t row);
Error cell_error(ErrorKind kind, std::string id, std::int64_t row, std::size_t column);

// True when `bytes` starts like an OLE2 compound file: an old .xls, or an .xlsx that Excel
// encrypted with a password. Neither reader can read one, and both would misreport it.
bool is_ole2(std::string_view bytes);

class SheetBuilder {
 public:
  SheetBuilder(const ReadLimits& limits, std::string encoding);

  bool has_header() const { return has_header_; }
  std::size_t width() const { return sheet_.headers.size(); }

  // Takes the next row; row numbers must increase. Until the header is found, empty rows are
  // skipped and the first other row becomes the header (all its cells: a reader that allows
  // trailing empty cells removes them first). After it, an empty row is held back until a
  // non-empty row follows (so trailing ones vanish); numbers skipped since the previous row
  // become empty rows; a row shorter than the header is padded. The reader has already
  // rejected rows wider than the header.
  Status add_row(std::int64_t row_number, std::vector<std::string>&& cells);

  // The sheet, or exchange.empty_file when no row had anything in it.
  Result<Sheet> finish() &&;

 private:
  Status set_header(std::int64_t row_number, std::vector<std::string>&& cells);

  const ReadLimits& limits_;
  Sheet sheet_;
  bool has_header_ = false;
  std::int64_t header_row_ = 0;
  std::int64_t last_row_ = 0;  // the number of the last row in sheet_.rows (or the header's)
};

}  // namespace verp::exchange
