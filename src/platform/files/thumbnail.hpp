// make_thumbnail(): a small PNG preview of an uploaded image, drawn with libgd.
//
// Image dimensions are read from the file's own header before anything is decoded, so an image
// that declares itself enormous (a "decompression bomb": a few kilobytes that decode to
// gigabytes) is refused without allocating its pixels. Stateless; may be called from any number
// of threads at once.
#pragma once

#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::files {

// Images larger than this on either side, or in total, are refused. 40 megapixels decode to
// 160 MB in libgd's 4-byte pixels, which bounds the memory one thumbnail can take.
inline constexpr int kMaxImageEdge = 10'000;
inline constexpr long long kMaxImagePixels = 40'000'000;

// The PNG bytes of `image_bytes` (a PNG, JPEG, GIF or WebP image) scaled so that its longer
// side is at most `max_edge` pixels, keeping its aspect ratio (each side at least 1 pixel).
// Smaller images keep their size: nothing is upscaled. Transparency is kept; an animated GIF or
// WebP gives its first frame; JPEG EXIF orientation is not applied. Metadata is not copied.
//
// Errors: ErrorKind::validation "files.not_image" when the bytes are not one of the four
// formats or cannot be decoded; ErrorKind::validation "files.image_too_large" (args width,
// height, max_edge, max_megapixels) when the header declares more than kMaxImageEdge on a side
// or kMaxImagePixels in all; ErrorKind::internal "files.thumbnail_failed" when max_edge is
// not in 1..kMaxImageEdge or libgd cannot allocate or encode the thumbnail.
Result<std::string> make_thumbnail(std::string_view image_bytes, int max_edge = 256);

}  // namespace verp::files
