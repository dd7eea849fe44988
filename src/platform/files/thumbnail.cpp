// make_thumbnail(): our own header readers bound the size first, then libgd decodes and scales.
#include "platform/files/thumbnail.hpp"

#include <gd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>

namespace verp::files {
namespace {

enum class Format { png, jpeg, gif, webp };

struct ImageHeader {
  Format format;
  long long width = 0;
  long long height = 0;
};

std::uint32_t byte_at(std::string_view bytes, std::size_t at) { return static_cast<unsigned char>(bytes[at]); }
std::uint32_t big_endian16(std::string_view b, std::size_t at) { return byte_at(b, at) << 8 | byte_at(b, at + 1); }
std::uint32_t little_endian16(std::string_view b, std::size_t at) { return byte_at(b, at + 1) << 8 | byte_at(b, at); }
std::uint32_t little_endian24(std::string_view b, std::size_t at) {
  return byte_at(b, at + 2) << 16 | little_endian16(b, at);
}
std::uint32_t big_endian32(std::string_view b, std::size_t at) {
  return big_endian16(b, at) << 16 | big_endian16(b, at + 2);
}
std::uint32_t little_endian32(std::string_view b, std::size_t at) {
  return little_endian16(b, at + 2) << 16 | little_endian16(b, at);
}

// PNG: the IHDR chunk must come first, and libpng allocates exactly what it declares.
std::optional<ImageHeader> png_header(std::string_view b) {
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  return ImageHeader{Format::png, big_endian32(b, 16), big_endian32(b, 20)};
}

// JPEG: walk the marker segments to the first start-of-frame, which holds the size libjpeg uses.
std::optional<ImageHeader> jpeg_header(std::string_view b) {
  std::size_t at = 2;  // after SOI
  while (at < b.size()) {
    if (byte_at(b, at) != 0xFF) return std::nullopt;
    while (at < b.size() && byte_at(b, at) == 0xFF) ++at;  // fill bytes
    if (at >= b.size()) return std::nullopt;
    std::uint32_t marker = byte_at(b, at++);
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;              // no length field
    if (marker == 0xD9 || marker == 0xDA || at + 2 > b.size()) return std::nullopt;  // no frame before scan
    std::uint32_t length = big_endian16(b, at);
    if (length < 2) return std::nullopt;
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (at + 7 > b.size()) return std::nullopt;
      return ImageHeader{Format::jpeg, big_endian16(b, at + 5), big_endian16(b, at + 3)};
    }
    at += length;
  }
  return std::nullopt;
}

// GIF: the logical screen; libgd refuses frames that do not fit inside it.
std::optional<ImageHeader> gif_header(std::string_view b) {
  if (b.size() < 10) return std::nullopt;
  return ImageHeader{Format::gif, little_endian16(b, 6), little_endian16(b, 8)};
}

// WebP: the first chunk says lossy (VP8), lossless (VP8L) or extended (VP8X, with a canvas size).
std::optional<ImageHeader> webp_header(std::string_view b) {
  if (b.size() < 30) return std::nullopt;
  std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 " && b.substr(23, 3) == "\x9d\x01\x2a") {
    return ImageHeader{Format::webp, little_endian16(b, 26) & 0x3FFF, little_endian16(b, 28) & 0x3FFF};
  }
  if (chunk == "VP8L" && byte_at(b, 20) == 0x2F) {
    std::uint32_t bits = little_endian32(b, 21);
    return ImageHeader{Format::webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
  }
  if (chunk == "VP8X") {
    return ImageHeader{Format::webp, little_endian24(b, 24) + 1LL, little_endian24(b, 27) + 1LL};
  }
  return std::nullopt;
}

std::optional<ImageHeader> read_header(std::string_view b) {
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return png_header(b);
  if (b.starts_with("\xFF\xD8\xFF")) return jpeg_header(b);
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return gif_header(b);
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return webp_header(b);
  return std::nullopt;
}

Error not_image(std::string detail) { return make_error(ErrorKind::validation, "files.not_image", std::move(detail)); }

Error thumbnail_failed(std::string detail) {
  return make_error(ErrorKind::internal, "files.thumbnail_failed", std::move(detail));
}

struct ImageDeleter {
  void operator()(gdImage* image) const { gdImageDestroy(image); }
};
using Image = std::unique_ptr<gdImage, ImageDeleter>;

struct GdDeleter {
  void operator()(void* bytes) const { gdFree(bytes); }
};

Image decode(Format format, std::string_view bytes) {
  // libgd takes a non-const pointer but only reads through it.
  int size = static_cast<int>(bytes.size());
  void* data = const_cast<char*>(bytes.data());
  switch (format) {
    case Format::png:
      return Image(gdImageCreateFromPngPtr(size, data));
    case Format::jpeg:
      return Image(gdImageCreateFromJpegPtrEx(size, data, /*ignore_warning=*/1));
    case Format::gif:
      return Image(gdImageCreateFromGifPtr(size, data));
    case Format::webp:
      return Image(gdImageCreateFromWebpPtr(size, data));
  }
  return nullptr;
}

}  // namespace

Result<std::string> make_thumbnail(std::string_view image_bytes, int max_edge) {
  if (max_edge < 1 || max_edge > kMaxImageEdge) {
    return thumbnail_failed("max_edge " + std::to_string(max_edge) + " is outside 1.." + std::to_string(kMaxImageEdge));
  }
  if (image_bytes.size() > static_cast<std::size_t>(INT_MAX)) return not_image("over 2 GiB");
  std::optional<ImageHeader> header = read_header(image_bytes);
  if (!header) return not_image("no PNG, JPEG, GIF or WebP header");
  if (header->width < 1 || header->height < 1) return not_image("zero width or height");
  if (header->width > kMaxImageEdge || header->height > kMaxImageEdge ||
      header->width * header->height > kMaxImagePixels) {
    return make_error(ErrorKind::validation, "files.image_too_large")
        .with_arg("width", std::to_string(header->width))
        .with_arg("height", std::to_string(header->height))
        .with_arg("max_edge", std::to_string(kMaxImageEdge))
        .with_arg("max_megapixels", std::to_string(kMaxImagePixels / 1'000'000));
  }

  Image source = decode(header->format, image_bytes);
  if (!source) return not_image("libgd could not decode the image");
  const int width = gdImageSX(source.get());
  const int height = gdImageSY(source.get());
  int target_width = width;
  int target_height = height;
  if (std::max(width, height) > max_edge) {
    // Rounded to the nearest pixel, in 64 bits: 10,000 × 10,000 does not fit an int.
    auto scale = [](long long side, long long edge, long long longer) {
      return static_cast<int>(std::max(1LL, (side * edge + longer / 2) / longer));
    };
    target_width = width >= height ? max_edge : scale(width, max_edge, height);
    target_height = width >= height ? scale(height, max_edge, width) : max_edge;
  }

  Image thumbnail(gdImageCreateTrueColor(target_width, target_height));
  if (!thumbnail) return thumbnail_failed("gdImageCreateTrueColor failed");
  // Write the resampled pixels' alpha as it is rather than blending onto the black canvas.
  gdImageAlphaBlending(thumbnail.get(), 0);
  gdImageSaveAlpha(thumbnail.get(), 1);
  gdImageFilledRectangle(thumbnail.get(), 0, 0, target_width - 1, target_height - 1,
                         gdTrueColorAlpha(0, 0, 0, gdAlphaTransparent));
  gdImageCopyResampled(thumbnail.get(), source.get(), 0, 0, 0, 0, target_width, target_height, width, height);

  int size = 0;
  std::unique_ptr<void, GdDeleter> png(gdImagePngPtr(thumbnail.get(), &size));
  if (!png || size <= 0) return thumbnail_failed("gdImagePngPtr failed");
  return std::string(static_cast<const char*>(png.get()), static_cast<std::size_t>(size));
}

}  // namespace verp::files
