// qr_svg (declared in totp.hpp): libqrencode lays out the modules; the SVG is written here.
#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

#include "platform/security/totp.hpp"

namespace verp::security {

namespace {

constexpr int kQuietZone = 4;  // modules of white border the QR specification requires

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<std::string> qr_svg(std::string_view text) {
  // Byte mode via encodeData: any bytes (including NUL) are encoded exactly, with no guessing
  // of numeric/alphanumeric/kanji segments from the content.
  errno = 0;
  const std::unique_ptr<QRcode, QrCodeDeleter> code(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (code == nullptr) {
    if (errno == ERANGE || errno == EINVAL) {
      return make_error(ErrorKind::validation, "security.qr_too_large", "QRcode_encodeData: text too long");
    }
    return make_error(ErrorKind::internal, "security.qr_failed", "QRcode_encodeData failed");
  }

  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  const std::string size_text = std::to_string(size);
  std::string svg;
  svg.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(width) * 4 + 400);
  svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size_text + " " + size_text +
         "\" width=\"" + std::to_string(size * 4) + "\" height=\"" + std::to_string(size * 4) +
         "\" shape-rendering=\"crispEdges\">\n";
  svg += "<rect width=\"" + size_text + "\" height=\"" + size_text + "\" fill=\"#ffffff\"/>\n";
  svg += "<path fill=\"#000000\" d=\"";
  // Each horizontal run of dark modules becomes one rectangle: far shorter than one per module.
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::ptrdiff_t>(y) * width;
    int x = 0;
    while (x < width) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (row[x] & 1) != 0) ++x;
      const int run = x - start;
      svg += 'M' + std::to_string(start + kQuietZone) + ' ' + std::to_string(y + kQuietZone) + 'h' +
             std::to_string(run) + "v1h-" + std::to_string(run) + 'z';
    }
  }
  svg += "\"/>\n</svg>\n";
  return svg;
}

}  // namespace verp::security
