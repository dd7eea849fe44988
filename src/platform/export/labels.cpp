// Labels laid out on a PdfCanvas: the grid of a sheet (or one label a page for a roll), then in
// each label its text and its symbol, scaled from module units (barcode.hpp) to points.
#include "platform/export/labels.hpp"

#include <algorithm>
#include <cmath>

#include "platform/export/barcode.hpp"
#include "platform/export/pdf_canvas.hpp"

namespace verp::exporting {

namespace {

constexpr double kMm = kPointsPerMm;
constexpr double kA4Width = 210 * kMm;
constexpr double kA4Height = 297 * kMm;
constexpr double kPadding = 2.5 * kMm;     // printers and die cuts are not exact to the label's edge
constexpr double kGap = 1.2 * kMm;         // between the text and the symbol
constexpr double kMinModule = 0.15 * kMm;  // thinner modules are beyond most scanners
constexpr double kMaxModule = 0.5 * kMm;   // wider bars read no better and only crowd the text
constexpr double kMinBarHeight = 8 * kMm;  // shorter bars are hard to aim a scanner along
constexpr double kLinearQuietZone = 10;    // modules each side (ISO/IEC 15417)
constexpr double kQrQuietZone = 4;         // modules all round (ISO/IEC 18004)
constexpr double kMinLabel = 15 * kMm;     // smaller leaves no room for a symbol with its text

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  double bottom() const { return y + height; }
};

// Text as pango can show it on one label: ill-formed UTF-8 replaced, line breaks and other
// control characters made spaces (each label line is one line).
std::string printable(const std::string& text) {
  char* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(valid);
  g_free(valid);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

class LabelPainter {
 public:
  explicit LabelPainter(PdfCanvas& canvas) : canvas_(canvas) {}

  // The module size the symbol gets in `content`, or an error when it would be too fine to read.
  Result<double> module_for(const Barcode& barcode, const Box& content) const {
    double module = 0;
    if (barcode.linear) {
      module = std::min(content.width / (barcode.width + 2 * kLinearQuietZone), kMaxModule);
    } else {
      module = qr_side(content) / (barcode.width + 2 * kQrQuietZone);
    }
    if (module < kMinModule) return make_error(ErrorKind::validation, "export.label_data_too_long");
    return module;
  }

  void draw(const Label& label, const Barcode& barcode, double module, const Box& content) {
    if (barcode.linear) {
      draw_linear(label, barcode, module, content);
    } else {
      draw_qr(label, barcode, module, content);
    }
  }

 private:
  // A QR code takes the label's height beside the text, or its width above the text on a label
  // standing upright; never more than half the other way, so the text keeps room.
  static double qr_side(const Box& content) {
    return content.width >= content.height ? std::min(content.height, content.width / 2)
                                           : std::min(content.width, content.height / 2);
  }

  // Sets `text` in the layout as wide as `width`, in at most `max_lines` lines cut with "…", and
  // returns its height.
  double set_up(const std::string& text, const Font& font, double width, int max_lines,
                PangoAlignment alignment = PANGO_ALIGN_LEFT) {
    PangoLayout* layout = canvas_.layout();
    pango_layout_set_font_description(layout, font.get());
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(layout, alignment);
    pango_layout_set_height(layout, -max_lines);  // negative: a number of lines, not a height
    return canvas_.measure(printable(text)).second;
  }

  // Text at the top of `area`, in at most `max_lines` lines; fewer lines when that many do not
  // fit, none when one does not. Returns the height used.
  double text(const std::string& text, const Font& font, const Box& area, int max_lines,
              PangoAlignment alignment = PANGO_ALIGN_LEFT) {
    if (text.empty()) return 0;
    for (int lines = max_lines; lines > 0; --lines) {
      const double height = set_up(text, font, area.width, lines, alignment);
      if (height > area.height) continue;
      cairo_set_source_rgb(canvas_.cr(), 0, 0, 0);
      cairo_move_to(canvas_.cr(), area.x, area.y);
      pango_cairo_show_layout(canvas_.cr(), canvas_.layout());
      return height;
    }
    return 0;
  }

  // The title, then as many lines as fit in `area`. The title gives up its second and third line
  // before a line gives up its place: the lines (the specification, the code) tell similar items
  // apart where their names do not. Returns the height used.
  double text_block(const Label& label, const Box& area, int title_lines) {
    double lines_height = 0;
    for (const std::string& line : label.lines)
      lines_height += line.empty() ? 0 : set_up(line, line_font_, area.width, 1);
    while (title_lines > 1 && set_up(label.title, title_font_, area.width, title_lines) + lines_height > area.height) {
      --title_lines;
    }
    double used = text(label.title, title_font_, area, title_lines);
    for (const std::string& line : label.lines) {
      const Box rest{area.x, area.y + used, area.width, area.height - used};
      const double height = text(line, line_font_, rest, 1);
      if (height == 0 && !line.empty()) break;  // the lines keep their order: none after one left out
      used += height;
    }
    return used;
  }

  // The symbol's bars with its top-left module corner at (x, y).
  void symbol(const Barcode& barcode, double x, double y, double module_x, double module_y) {
    cairo_t* cr = canvas_.cr();
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const Bar& bar : barcode.bars) {
      cairo_rectangle(cr, x + bar.x * module_x, y + bar.y * module_y, bar.width * module_x, bar.height * module_y);
    }
    cairo_fill(cr);
  }

  // Title and lines on top, the bars below as tall as the rest allows, the readable text under them.
  void draw_linear(const Label& label, const Barcode& barcode, double module, const Box& content) {
    const double readable = set_up(barcode.text, readable_font_, content.width, 1);
    const double room = content.height - readable - kMinBarHeight - kGap;
    const double used = text_block(label, {content.x, content.y, content.width, room}, 2);
    const double top = content.y + used + (used > 0 ? kGap : 0);
    const double bar_height = content.bottom() - readable - top;
    const double symbol_width = barcode.width * module;
    const double left = content.x + (content.width - symbol_width) / 2;
    symbol(barcode, left, top, module, bar_height / barcode.height);
    text(barcode.text, readable_font_, {content.x, top + bar_height, content.width, readable}, 1, PANGO_ALIGN_CENTER);
  }

  // The QR code at the left (or the top of an upright label), the title and lines beside it.
  void draw_qr(const Label& label, const Barcode& barcode, double module, const Box& content) {
    const double side = qr_side(content);
    const double quiet = kQrQuietZone * module;
    if (content.width >= content.height) {
      symbol(barcode, content.x + quiet, content.y + (content.height - side) / 2 + quiet, module, module);
      const double beside = side + kGap;
      text_block(label, {content.x + beside, content.y, content.width - beside, content.height}, 3);
    } else {
      symbol(barcode, content.x + (content.width - side) / 2 + quiet, content.y + quiet, module, module);
      const double below = side + kGap;
      text_block(label, {content.x, content.y + below, content.width, content.height - below}, 3);
    }
  }

  PdfCanvas& canvas_;
  const Font title_font_ = cjk_font(8, true);
  const Font line_font_ = cjk_font(6.5);
  const Font readable_font_ = cjk_font(7);
};

Error at_label(Error error, std::size_t index) {
  error.field = "labels[" + std::to_string(index) + "]";
  return error;
}

Status check_sheet(const LabelSheet& sheet) {
  const double width = sheet.label_width_mm * kMm;
  const double height = sheet.label_height_mm * kMm;
  const bool sized = std::isfinite(width) && std::isfinite(height) && width >= kMinLabel && height >= kMinLabel;
  const bool fits =
      sheet.is_roll() || (sheet.columns * width <= kA4Width + 0.01 && sheet.rows * height <= kA4Height + 0.01);
  if (!sized || sheet.columns < 1 || sheet.rows < 1 || !fits) {
    return make_error(ErrorKind::validation, "export.label_sheet_invalid");
  }
  return {};
}

}  // namespace

Result<std::string> labels_pdf(const std::vector<Label>& labels, const LabelSheet& sheet) {
  if (Status checked = check_sheet(sheet); !checked) return checked.error();
  std::size_t total = 0;
  for (const Label& label : labels) {
    total += static_cast<std::size_t>(std::max(label.copies, 0));
    if (total > kMaxLabels) return make_error(ErrorKind::too_large, "export.labels_too_many");
  }
  if (total == 0) return make_error(ErrorKind::validation, "export.labels_empty");

  const double label_width = sheet.label_width_mm * kMm;
  const double label_height = sheet.label_height_mm * kMm;
  const double page_width = sheet.is_roll() ? label_width : kA4Width;
  const double page_height = sheet.is_roll() ? label_height : kA4Height;
  const double left = (page_width - sheet.columns * label_width) / 2;
  const double top = (page_height - sheet.rows * label_height) / 2;
  const std::size_t per_page = static_cast<std::size_t>(sheet.columns) * static_cast<std::size_t>(sheet.rows);

  auto canvas = PdfCanvas::open(page_width, page_height, "labels");
  if (!canvas) return canvas.error();
  LabelPainter painter(**canvas);
  std::size_t placed = 0;
  for (std::size_t index = 0; index < labels.size(); ++index) {
    const Label& label = labels[index];
    if (label.copies <= 0) continue;
    auto barcode = encode_barcode(sheet.symbology, label.data);
    if (!barcode) return at_label(barcode.error(), index);
    const Box content{kPadding, kPadding, label_width - 2 * kPadding, label_height - 2 * kPadding};
    auto module = painter.module_for(*barcode, content);
    if (!module) return at_label(std::move(module).error().with_arg("data", label.data), index);
    for (int copy = 0; copy < label.copies; ++copy, ++placed) {
      if (placed > 0 && placed % per_page == 0) (*canvas)->next_page();
      const std::size_t cell = placed % per_page;
      const std::size_t row = cell / static_cast<std::size_t>(sheet.columns);  // filled row by row
      const std::size_t column = cell % static_cast<std::size_t>(sheet.columns);
      const double x = left + static_cast<double>(column) * label_width;
      const double y = top + static_cast<double>(row) * label_height;
      painter.draw(label, *barcode, *module, {x + content.x, y + content.y, content.width, content.height});
    }
  }
  return (*canvas)->finish();
}

}  // namespace verp::exporting
