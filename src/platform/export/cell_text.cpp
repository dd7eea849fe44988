#include "platform/export/cell_text.hpp"

#include <cstdint>

namespace verp::exporting {
namespace {

constexpr char32_t kReplacement = 0xfffd;
constexpr std::size_t kExcelCellMax = 32767;  // UTF-16 code units
constexpr std::size_t kExcelSheetNameMax = 31;

// Decodes the code point at text[pos] and advances pos past it. An ill-formed sequence yields
// U+FFFD and advances one byte, so the rest of the text still decodes.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    ++pos;
    return byte;
  }
  std::size_t length = 0;
  char32_t code = 0;
  if ((byte & 0xe0) == 0xc0) {
    length = 2, code = byte & 0x1f;
  } else if ((byte & 0xf0) == 0xe0) {
    length = 3, code = byte & 0x0f;
  } else if ((byte & 0xf8) == 0xf0) {
    length = 4, code = byte & 0x07;
  }
  bool well_formed = length != 0 && pos + length <= text.size();
  for (std::size_t k = 1; well_formed && k < length; ++k) {
    auto next = static_cast<unsigned char>(text[pos + k]);
    well_formed = (next & 0xc0) == 0x80;
    code = (code << 6) | (next & 0x3f);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (!well_formed || code < kSmallest[length] || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
    ++pos;
    return kReplacement;
  }
  pos += length;
  return code;
}

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xc0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xe0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  }
}

// Excel counts length in UTF-16 code units, so a character outside the BMP counts twice.
std::size_t utf16_units(char32_t code) { return code >= 0x10000 ? 2 : 1; }

// East Asian Wide and Fullwidth blocks (Unicode UAX #11), coarsely: close enough to size a column.
bool is_wide(char32_t code) {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf && code != 0x303f) ||
         (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
         (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
         (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1f64f) ||
         (code >= 0x1f900 && code <= 0x1f9ff) || (code >= 0x20000 && code <= 0x3fffd);
}

}  // namespace

bool starts_like_formula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

std::size_t display_width(std::string_view text, std::size_t limit) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size() && width < limit;) width += is_wide(next_code_point(text, pos)) ? 2 : 1;
  return width;
}

std::string excel_cell_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t units = 0;
  std::size_t fits_with_mark = std::string::npos;  // bytes of `out` that leave room for the "…"
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t code = next_code_point(text, pos);
    if (code == 0) code = kReplacement;
    units += utf16_units(code);
    if (units > kExcelCellMax - 1 && fits_with_mark == std::string::npos) fits_with_mark = out.size();
    if (units > kExcelCellMax) {
      out.resize(fits_with_mark);
      out += "\xE2\x80\xA6";
      return out;
    }
    append_utf8(out, code);
  }
  return out;
}

std::string excel_sheet_name(std::string_view name) {
  std::u32string kept;
  std::size_t units = 0;
  for (std::size_t pos = 0; pos < name.size();) {
    char32_t code = next_code_point(name, pos);
    if (code < 0x20 || std::u32string_view(U"[]:*?/\\").find(code) != std::u32string_view::npos) code = U'_';
    units += utf16_units(code);
    if (units > kExcelSheetNameMax) break;
    kept += code;
  }
  if (kept.empty()) return "Sheet1";
  if (kept.front() == U'\'') kept.front() = U'_';
  if (kept.back() == U'\'') kept.back() = U'_';
  std::string out;
  for (char32_t code : kept) append_utf8(out, code);
  return out;
}

}  // namespace verp::exporting
