// encode_barcode(): one symbol from libzint as dark rectangles in module units, ready to be
// scaled onto a page. Internal to platform/export (labels.cpp draws it; the tests read it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/export/labels.hpp"

namespace verp::exporting {

// A dark area of the symbol. x and width count modules (the narrowest bar, the X dimension);
// y and height too, for a QR code. A linear symbol's bars all span 0..height, and height is only
// zint's default proportion: the drawing stretches it to the room the label has.
struct Bar {
  double x = 0, y = 0, width = 0, height = 0;
};

struct Barcode {
  bool linear = true;  // Code 128; false for QR, whose modules are square
  double width = 0;    // modules, without quiet zones
  double height = 0;   // modules (QR), or zint's bar height in modules (Code 128)
  std::vector<Bar> bars;
  std::string text;  // the human-readable text under a linear symbol (UTF-8); empty for QR
};

// Errors: validation "export.label_data_required" (empty data), "export.label_data_invalid"
// (zint refuses it; detail: zint's error text); internal "export.pdf_failed" (zint itself failed).
Result<Barcode> encode_barcode(Symbology symbology, std::string_view data);

}  // namespace verp::exporting
