// to_csv(): RFC 4180 with the two things Excel needs, a BOM and no live formulas.
#include <algorithm>

#include "platform/export/cell_text.hpp"
#include "platform/export/table.hpp"

namespace verp::exporting {
namespace {

void put_cell(std::string& out, std::string_view cell) {
  bool quoted = cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quoted) out += '"';
  if (starts_like_formula(cell)) out += '\'';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quoted) out += '"';
}

// One CSV line of `width` cells; cells missing from `cells` are empty.
void put_line(std::string& out, const std::vector<std::string>& cells, std::size_t width) {
  for (std::size_t column = 0; column < width; ++column) {
    if (column > 0) out += ',';
    if (column < cells.size()) put_cell(out, cells[column]);
  }
  out += "\r\n";
}

}  // namespace

std::string to_csv(const Table& table) {
  std::size_t width = table.headers.size();
  for (const auto& row : table.rows) width = std::max(width, row.size());
  std::string out = "\xEF\xBB\xBF";
  put_line(out, table.headers, width);
  for (const auto& row : table.rows) put_line(out, row, width);
  return out;
}

}  // namespace verp::exporting
