// zint's vector output (ZBarcode_Buffer_Vector) is its public way to read a symbol's geometry;
// the encoded_data bit rows are an internal layout. Its rectangles come in zint's own units (two
// per module in 2.11), so they are scaled by the symbol's width in modules, which zint reports.
#include "platform/export/barcode.hpp"

#include <zint.h>

#include <algorithm>
#include <memory>

namespace verp::exporting {

namespace {

struct SymbolFreer {
  void operator()(zint_symbol* symbol) const { ZBarcode_Delete(symbol); }
};

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

Result<Barcode> encode_barcode(Symbology symbology, std::string_view data) {
  if (data.empty()) return make_error(ErrorKind::validation, "export.label_data_required");
  std::unique_ptr<zint_symbol, SymbolFreer> symbol(ZBarcode_Create());
  if (!symbol) return make_error(ErrorKind::internal, "export.pdf_failed", "zint: out of memory");
  symbol->symbology = symbology == Symbology::qr ? BARCODE_QRCODE : BARCODE_CODE128;
  // UTF-8 in: zint converts it to Latin-1 for Code 128 and refuses what Latin-1 lacks.
  symbol->input_mode = UNICODE_MODE;
  // QR beyond ASCII: UTF-8 bytes marked as such, rather than zint's guess (Latin-1 or Shift JIS),
  // so a scanner returns the text that was given.
  if (symbology == Symbology::qr && !is_ascii(data)) symbol->eci = 26;
  symbol->show_hrt = 0;                              // the label sets the text itself, in its own font
  symbol->output_options |= BARCODE_NO_QUIET_ZONES;  // the label leaves them, scaled with the module
  const int status = ZBarcode_Encode_and_Buffer_Vector(
      symbol.get(), reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()), 0);
  if (status == ZINT_ERROR_TOO_LONG || status == ZINT_ERROR_INVALID_DATA) {
    Error error = make_error(ErrorKind::validation, "export.label_data_invalid", symbol->errtxt);
    return error.with_arg("data", std::string(data));
  }
  // Below ZINT_ERROR are warnings (a symbol was made); the rest are zint's own failures.
  if (status >= ZINT_ERROR || symbol->vector == nullptr || symbol->vector->width <= 0 || symbol->width <= 0) {
    return make_error(ErrorKind::internal, "export.pdf_failed", std::string("zint: ") + symbol->errtxt);
  }
  const double unit = static_cast<double>(symbol->vector->width) / symbol->width;  // zint's units per module
  Barcode barcode;
  barcode.linear = symbology == Symbology::code128;
  barcode.width = symbol->width;
  barcode.height = symbol->vector->height / unit;
  for (const zint_vector_rect* rect = symbol->vector->rectangles; rect != nullptr; rect = rect->next) {
    if (rect->colour != -1) continue;  // -1 is the foreground; zint draws no light areas here
    barcode.bars.push_back({rect->x / unit, rect->y / unit, rect->width / unit, rect->height / unit});
  }
  if (barcode.linear) barcode.text = reinterpret_cast<const char*>(symbol->text);
  return barcode;
}

}  // namespace verp::exporting
