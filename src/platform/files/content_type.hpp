// What a file really is, judged from its bytes, and whether verp accepts it as an attachment.
//
// The Content-Type and file name an uploader sends are claims; a renamed .exe says image/png.
// sniff_content_type() asks libmagic instead, and is_allowed_attachment_type() decides on that
// answer. Both may be called from any number of threads at once: libmagic's handle is not
// thread-safe, so each thread opens its own on first use and keeps it until the thread ends.
#pragma once

#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::files {

// The media type of `bytes` as libmagic's MIME_TYPE mode names it, without parameters: e.g.
// "image/png", "application/pdf", "text/plain", "application/x-pie-executable". Empty input is
// "application/x-empty"; bytes libmagic cannot place are "application/octet-stream".
//
// Errors: ErrorKind::internal "files.type_unknown" (detail has libmagic's message) when the
// magic database cannot be opened or loaded, or libmagic fails on the buffer.
Result<std::string> sniff_content_type(std::string_view bytes);

// Whether a sniffed media type may be stored as an attachment. Case and parameters ("; charset=")
// are ignored. Allowed: PNG, JPEG, GIF and WebP images; PDF; plain text and CSV; Word, Excel and
// PowerPoint both as OOXML (docx, xlsx, pptx) and as legacy binary files (doc, xls, ppt, and
// "application/vnd.ms-office", libmagic's name for an Office compound file whose application
// it cannot tell, as WPS Office writes them); OpenDocument text, spreadsheet and presentation;
// ZIP archives, which also covers OOXML files that libmagic reports as plain ZIP because their
// [Content_Types].xml is not the first member. Everything else is refused, notably executables
// and libraries, scripts, HTML, XML and SVG (a browser runs script in them), and macro-enabled
// OOXML (docm, xlsm), which libmagic names apart from docx and xlsx.
bool is_allowed_attachment_type(std::string_view content_type);

}  // namespace verp::files
