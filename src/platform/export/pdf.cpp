// PDF through cairo (drawing, the PDF surface) and pango (text layout, fontconfig finding Noto
// Sans CJK for Chinese). Two passes over the rows: measure the columns, then draw page by page.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <regex>

#include "platform/export/table.hpp"

namespace verp::exporting {

namespace {

constexpr double kMargin = 36;  // half an inch
constexpr double kPadding = 3;
constexpr double kMinColumn = 28;
constexpr std::size_t kMaxRows = 100'000;
constexpr std::size_t kMeasuredRows = 2'000;  // columns are sized from the first rows

struct Freer {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

bool looks_like_amount(const std::string& text) {
  static const std::regex amount(R"(-?[0-9][0-9,]*(\.[0-9]+)?%?)");
  return std::regex_match(text, amount);
}

// Width and height of a text in points at the layout's font (and width limit, if any).
std::pair<double, double> measure(PangoLayout* layout, const std::string& text) {
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  int width = 0, height = 0;
  pango_layout_get_size(layout, &width, &height);
  return {static_cast<double>(width) / PANGO_SCALE, static_cast<double>(height) / PANGO_SCALE};
}

}  // namespace

Result<std::string> to_pdf(const Table& table) {
  if (table.rows.size() > kMaxRows) return make_error(ErrorKind::too_large, "export.pdf_too_large");
  std::size_t columns = table.headers.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  if (columns == 0) columns = 1;
  auto cell = [&](const std::vector<std::string>& row, std::size_t c) -> const std::string& {
    static const std::string empty;
    return c < row.size() ? row[c] : empty;
  };

  const bool landscape = columns > 5;
  const double page_width = landscape ? 841.89 : 595.28;
  const double page_height = landscape ? 595.28 : 841.89;
  const double usable = page_width - 2 * kMargin;

  std::string pdf;
  std::unique_ptr<cairo_surface_t, Freer> surface(
      cairo_pdf_surface_create_for_stream(append, &pdf, page_width, page_height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorKind::internal, "export.pdf_failed", cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, table.sheet_name.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "verp");
  std::unique_ptr<cairo_t, Freer> cr(cairo_create(surface.get()));
  std::unique_ptr<PangoLayout, Freer> layout(pango_cairo_create_layout(cr.get()));
  std::unique_ptr<PangoFontDescription, Freer> body(pango_font_description_from_string("Noto Sans CJK SC 8"));
  std::unique_ptr<PangoFontDescription, Freer> bold(pango_font_description_from_string("Noto Sans CJK SC Bold 8"));
  std::unique_ptr<PangoFontDescription, Freer> title(pango_font_description_from_string("Noto Sans CJK SC Bold 13"));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);

  // Pass 1: each column as wide as its widest text, then fitted to the page.
  std::vector<double> widths(columns, kMinColumn);
  std::vector<bool> numeric(columns, true);
  pango_layout_set_font_description(layout.get(), bold.get());
  for (std::size_t c = 0; c < columns; ++c) {
    widths[c] = std::max(widths[c], measure(layout.get(), cell(table.headers, c)).first + 2 * kPadding);
  }
  pango_layout_set_font_description(layout.get(), body.get());
  std::vector<bool> seen(columns, false);
  for (std::size_t r = 0; r < table.rows.size() && r < kMeasuredRows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string& text = cell(table.rows[r], c);
      if (text.empty()) continue;
      seen[c] = true;
      if (!looks_like_amount(text)) numeric[c] = false;
      widths[c] = std::max(widths[c], std::min(measure(layout.get(), text).first + 2 * kPadding, usable / 2));
    }
  }
  for (std::size_t c = 0; c < columns; ++c) numeric[c] = numeric[c] && seen[c];
  double total = 0;
  for (double width : widths) total += width;
  if (total > usable) {
    for (double& width : widths) width = std::max(kMinColumn * 0.8, width * usable / total);
  }

  // Pass 2: rows, page by page; the header row again at the top of each page.
  auto row_height = [&](const std::vector<std::string>& row, PangoFontDescription* font) {
    pango_layout_set_font_description(layout.get(), font);
    double height = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      pango_layout_set_width(layout.get(), static_cast<int>((widths[c] - 2 * kPadding) * PANGO_SCALE));
      height = std::max(height, measure(layout.get(), cell(row, c)).second);
    }
    return height + 2 * kPadding;
  };
  auto draw_row = [&](const std::vector<std::string>& row, double y, double height, PangoFontDescription* font,
                      bool shaded) {
    double x = kMargin;
    if (shaded) {
      cairo_set_source_rgb(cr.get(), 0.92, 0.93, 0.95);
      cairo_rectangle(cr.get(), kMargin, y, usable, height);
      cairo_fill(cr.get());
    }
    pango_layout_set_font_description(layout.get(), font);
    for (std::size_t c = 0; c < columns; ++c) {
      pango_layout_set_width(layout.get(), static_cast<int>((widths[c] - 2 * kPadding) * PANGO_SCALE));
      pango_layout_set_alignment(layout.get(), numeric[c] && !shaded ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      pango_layout_set_text(layout.get(), cell(row, c).c_str(), -1);
      cairo_set_source_rgb(cr.get(), 0.1, 0.1, 0.1);
      cairo_move_to(cr.get(), x + kPadding, y + kPadding);
      pango_cairo_show_layout(cr.get(), layout.get());
      x += widths[c];
    }
    cairo_set_source_rgb(cr.get(), 0.8, 0.8, 0.8);
    cairo_set_line_width(cr.get(), 0.4);
    cairo_move_to(cr.get(), kMargin, y + height);
    cairo_line_to(cr.get(), kMargin + std::min(usable, [&] {
                    double sum = 0;
                    for (double width : widths) sum += width;
                    return sum;
                  }()),
                  y + height);
    cairo_stroke(cr.get());
  };
  int page = 0;
  auto footer = [&] {
    pango_layout_set_font_description(layout.get(), body.get());
    pango_layout_set_width(layout.get(), static_cast<int>(usable * PANGO_SCALE));
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout.get(), ("- " + std::to_string(page) + " -").c_str(), -1);
    cairo_set_source_rgb(cr.get(), 0.4, 0.4, 0.4);
    cairo_move_to(cr.get(), kMargin, page_height - kMargin + 8);
    pango_cairo_show_layout(cr.get(), layout.get());
  };
  const double header_height = row_height(table.headers, bold.get());
  double y = page_height;  // forces a first page
  auto new_page = [&] {
    if (page > 0) {
      footer();
      cairo_show_page(cr.get());
    }
    ++page;
    y = kMargin;
    if (page == 1 && !table.sheet_name.empty()) {
      pango_layout_set_font_description(layout.get(), title.get());
      pango_layout_set_width(layout.get(), static_cast<int>(usable * PANGO_SCALE));
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
      const double height = measure(layout.get(), table.sheet_name).second;
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      cairo_move_to(cr.get(), kMargin, y);
      pango_cairo_show_layout(cr.get(), layout.get());
      y += height + 8;
    }
    draw_row(table.headers, y, header_height, bold.get(), true);
    y += header_height;
  };
  if (table.rows.empty()) new_page();
  for (const auto& row : table.rows) {
    const double height = row_height(row, body.get());
    if (y + height > page_height - kMargin) new_page();
    draw_row(row, y, height, body.get(), false);
    y += height;
  }
  footer();
  cairo_show_page(cr.get());
  layout.reset();
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorKind::internal, "export.pdf_failed", cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  surface.reset();
  return pdf;
}

}  // namespace verp::exporting
