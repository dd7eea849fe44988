#include "platform/export/pdf_canvas.hpp"

namespace verp::exporting {

namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Error cairo_failed(cairo_status_t status) {
  return make_error(ErrorKind::internal, "export.pdf_failed", cairo_status_to_string(status));
}

}  // namespace

Font cjk_font(double points, bool bold) {
  Font font(pango_font_description_new());
  pango_font_description_set_family(font.get(), "Noto Sans CJK SC");
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size(font.get(), static_cast<int>(points * PANGO_SCALE));
  return font;
}

Result<std::unique_ptr<PdfCanvas>> PdfCanvas::open(double width, double height, std::string_view title) {
  std::unique_ptr<PdfCanvas> canvas(new PdfCanvas());
  canvas->surface_.reset(cairo_pdf_surface_create_for_stream(append, &canvas->pdf_, width, height));
  if (cairo_surface_status(canvas->surface_.get()) != CAIRO_STATUS_SUCCESS) {
    return cairo_failed(cairo_surface_status(canvas->surface_.get()));
  }
  cairo_pdf_surface_set_metadata(canvas->surface_.get(), CAIRO_PDF_METADATA_TITLE, std::string(title).c_str());
  cairo_pdf_surface_set_metadata(canvas->surface_.get(), CAIRO_PDF_METADATA_CREATOR, "verp");
  canvas->cr_.reset(cairo_create(canvas->surface_.get()));
  canvas->layout_.reset(pango_cairo_create_layout(canvas->cr_.get()));
  return canvas;
}

std::pair<double, double> PdfCanvas::measure(std::string_view text) const {
  pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
  int width = 0, height = 0;
  pango_layout_get_size(layout_.get(), &width, &height);
  return {static_cast<double>(width) / PANGO_SCALE, static_cast<double>(height) / PANGO_SCALE};
}

Result<std::string> PdfCanvas::finish() {
  cairo_show_page(cr_.get());
  // The layout and the context hold references to the surface: release them before finishing.
  layout_.reset();
  cr_.reset();
  cairo_surface_finish(surface_.get());
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
    return cairo_failed(cairo_surface_status(surface_.get()));
  surface_.reset();
  return std::move(pdf_);
}

}  // namespace verp::exporting
