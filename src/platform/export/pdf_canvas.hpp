// PdfCanvas: what the PDF writers of this library share (the table in pdf.cpp, the labels in
// labels.cpp) — a cairo PDF surface writing into memory, its drawing context, one pango layout,
// and the Noto Sans CJK fonts that make Chinese render. Internal to platform/export.
//
// One canvas serves one document on one thread; separate canvases may be used on any number of
// threads at once (pango keeps a font map per thread).
#pragma once

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "platform/base/result.hpp"

namespace verp::exporting {

struct Freer {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

using Font = std::unique_ptr<PangoFontDescription, Freer>;

// Noto Sans CJK SC at `points`, bold or regular: the one family every verp PDF is set in, so
// Chinese, Latin and digits share a look (fontconfig finds it; fonts-noto-cjk installs it).
Font cjk_font(double points, bool bold = false);

inline constexpr double kPointsPerMm = 72.0 / 25.4;

class PdfCanvas {
 public:
  // A document whose first page is `width` × `height` points. Errors: ErrorKind::internal
  // "export.pdf_failed" (detail: cairo's status) when cairo cannot make the surface.
  static Result<std::unique_ptr<PdfCanvas>> open(double width, double height, std::string_view title);

  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() const { return cr_.get(); }
  PangoLayout* layout() const { return layout_.get(); }

  // Width and height in points of `text` laid out with the layout's current font and width.
  std::pair<double, double> measure(std::string_view text) const;

  // Ends the current page; the next drawing goes on a new one.
  void next_page() const { cairo_show_page(cr_.get()); }

  // Ends the last page and returns the PDF's bytes. Call once. Errors: "export.pdf_failed".
  Result<std::string> finish();

 private:
  PdfCanvas() = default;

  std::string pdf_;  // the stream's destination: the surface holds its address
  std::unique_ptr<cairo_surface_t, Freer> surface_;
  std::unique_ptr<cairo_t, Freer> cr_;
  std::unique_ptr<PangoLayout, Freer> layout_;
};

}  // namespace verp::exporting
