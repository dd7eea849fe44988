// Counting UTF-8 text as people count it: in code points.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace verp {

// Code points in well-formed UTF-8 text; nullopt when the bytes are not UTF-8 (a bad lead or
// continuation byte, or a sequence cut off at the end).
inline std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t width =
        lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (width == 0 || i + width > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < width; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += width;
    ++count;
  }
  return count;
}

}  // namespace verp
