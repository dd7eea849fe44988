// labels_pdf(): barcode labels to print, as a PDF — a sheet of sticky labels on A4 or one label
// per page for a roll (thermal) printer. Each label carries a Code 128 bar code or a QR code of
// its data, a title and a few lines of text.
//
// The symbols are encoded by libzint and drawn as vector rectangles (they stay sharp at any
// printer resolution), each inside its quiet zone; text is laid out by pango in Noto Sans CJK,
// so Chinese titles render. Like the other writers here it knows nothing of items or messages:
// the caller fills the labels. Stateless; may be called from any number of threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::exporting {

enum class Symbology {
  // Linear, the readable text under the bars: ISO/IEC 8859-1 (Latin-1) text of at most 60 symbol
  // characters (a digit pair is one). Beyond ASCII it needs FNC4, which some scanners do not read.
  code128,
  qr,  // 2D: any UTF-8 text; beyond ASCII encoded as UTF-8 and marked so (ECI 26)
};

struct Label {
  std::string data;                // what the scanner reads; UTF-8
  std::string title;               // bold, at most two lines (three beside a QR code), cut with "…"
  std::vector<std::string> lines;  // one line each, cut with "…"; kept before the title's later lines
  int copies = 1;                  // how many of this label, one after another; 0 prints none
};

// Where the labels go. A sheet: an A4 page of `columns` × `rows` labels of the given size, the
// grid centred on the page (70 × 37 mm in 3 × 8 is the common 24-up sheet), filled row by row.
// A roll: columns = rows = 1, and each page is exactly one label.
struct LabelSheet {
  Symbology symbology = Symbology::code128;
  double label_width_mm = 70;
  double label_height_mm = 37;
  int columns = 3;
  int rows = 8;

  bool is_roll() const { return columns == 1 && rows == 1; }
  static LabelSheet roll(Symbology symbology, double width_mm, double height_mm) {
    return LabelSheet{symbology, width_mm, height_mm, 1, 1};
  }
};

inline constexpr std::size_t kMaxLabels = 10'000;  // copies counted

// The labels as a PDF, in the order given. A symbol is sized to its label: a Code 128 bar code
// as wide as the label allows (its module at most 0.5 mm), a QR code as tall; a symbol whose
// module would be thinner than 0.15 mm is not printed, since few scanners read it.
//
// Errors (`field` names the label, "labels[3]", counted from 0):
//   validation "export.label_data_required"  a label with copies has no data
//   validation "export.label_data_invalid"   zint refuses the data (too long, or characters the
//                                            symbology cannot hold); detail: zint's error text
//   validation "export.label_data_too_long"  it encodes, but too fine to print on this label
//   validation "export.label_sheet_invalid"  a label under 15 × 15 mm, or the grid larger than A4
//   validation "export.labels_empty"         no label to print (every copies is 0, or none given)
//   too_large  "export.labels_too_many"      more than kMaxLabels labels, copies counted
//   internal   "export.pdf_failed"           cairo or zint failed (detail says why)
Result<std::string> labels_pdf(const std::vector<Label>& labels, const LabelSheet& sheet);

}  // namespace verp::exporting
