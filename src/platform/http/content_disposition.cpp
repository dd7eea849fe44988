#include "platform/http/content_disposition.hpp"

namespace verp::http {

std::string content_disposition(std::string_view file_name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string ascii;
  std::string encoded;
  for (unsigned char c : file_name) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '-' || c == '_';
    ascii += plain ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace verp::http
