// PDF through cairo (drawing, the PDF surface) and pango (text layout, fontconfig finding Noto
// Sans CJK for Chinese). Two passes over the rows: measure the columns, then draw page by page.
#include <algorithm>
#include <regex>

#include "platform/export/pdf_canvas.hpp"
#include "platform/export/table.hpp"

namespace verp::exporting {

namespace {

constexpr double kMargin = 36;  // half an inch
constexpr double kPadding = 3;
constexpr double kMinColumn = 28;
constexpr std::size_t kMaxRows = 100'000;
constexpr std::size_t kMeasuredRows = 2'000;  // columns are sized from the first rows

bool looks_like_amount(const std::string& text) {
  static const std::regex amount(R"(-?[0-9][0-9,]*(\.[0-9]+)?%?)");
  return std::regex_match(text, amount);
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

  auto canvas = PdfCanvas::open(page_width, page_height, table.sheet_name);
  if (!canvas) return canvas.error();
  PdfCanvas& document = **canvas;
  cairo_t* cr = document.cr();
  PangoLayout* layout = document.layout();
  const Font body = cjk_font(8);
  const Font bold = cjk_font(8, true);
  const Font title = cjk_font(13, true);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);

  // Pass 1: each column as wide as its widest text, then fitted to the page.
  std::vector<double> widths(columns, kMinColumn);
  std::vector<bool> numeric(columns, true);
  pango_layout_set_font_description(layout, bold.get());
  for (std::size_t c = 0; c < columns; ++c) {
    widths[c] = std::max(widths[c], document.measure(cell(table.headers, c)).first + 2 * kPadding);
  }
  pango_layout_set_font_description(layout, body.get());
  std::vector<bool> seen(columns, false);
  for (std::size_t r = 0; r < table.rows.size() && r < kMeasuredRows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string& text = cell(table.rows[r], c);
      if (text.empty()) continue;
      seen[c] = true;
      if (!looks_like_amount(text)) numeric[c] = false;
      widths[c] = std::max(widths[c], std::min(document.measure(text).first + 2 * kPadding, usable / 2));
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
    pango_layout_set_font_description(layout, font);
    double height = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      pango_layout_set_width(layout, static_cast<int>((widths[c] - 2 * kPadding) * PANGO_SCALE));
      height = std::max(height, document.measure(cell(row, c)).second);
    }
    return height + 2 * kPadding;
  };
  auto draw_row = [&](const std::vector<std::string>& row, double y, double height, PangoFontDescription* font,
                      bool shaded) {
    double x = kMargin;
    if (shaded) {
      cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
      cairo_rectangle(cr, kMargin, y, usable, height);
      cairo_fill(cr);
    }
    pango_layout_set_font_description(layout, font);
    for (std::size_t c = 0; c < columns; ++c) {
      pango_layout_set_width(layout, static_cast<int>((widths[c] - 2 * kPadding) * PANGO_SCALE));
      pango_layout_set_alignment(layout, numeric[c] && !shaded ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      pango_layout_set_text(layout, cell(row, c).c_str(), -1);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      cairo_move_to(cr, x + kPadding, y + kPadding);
      pango_cairo_show_layout(cr, layout);
      x += widths[c];
    }
    cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, kMargin, y + height);
    cairo_line_to(cr, kMargin + std::min(usable, [&] {
                    double sum = 0;
                    for (double width : widths) sum += width;
                    return sum;
                  }()),
                  y + height);
    cairo_stroke(cr);
  };
  int page = 0;
  auto footer = [&] {
    pango_layout_set_font_description(layout, body.get());
    pango_layout_set_width(layout, static_cast<int>(usable * PANGO_SCALE));
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout, ("- " + std::to_string(page) + " -").c_str(), -1);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_move_to(cr, kMargin, page_height - kMargin + 8);
    pango_cairo_show_layout(cr, layout);
  };
  const double header_height = row_height(table.headers, bold.get());
  double y = page_height;  // forces a first page
  auto new_page = [&] {
    if (page > 0) {
      footer();
      document.next_page();
    }
    ++page;
    y = kMargin;
    if (page == 1 && !table.sheet_name.empty()) {
      pango_layout_set_font_description(layout, title.get());
      pango_layout_set_width(layout, static_cast<int>(usable * PANGO_SCALE));
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      const double height = document.measure(table.sheet_name).second;
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_move_to(cr, kMargin, y);
      pango_cairo_show_layout(cr, layout);
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
  return document.finish();
}

}  // namespace verp::exporting
