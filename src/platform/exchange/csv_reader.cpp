// read_csv(): one pass over the bytes. The encoding is settled before parsing (a BOM, or a
// whole-file UTF-8 check), and a GB18030 file is decoded cell by cell as cells complete, so an
// undecodable byte is reported with its row and column. That is sound because the bytes that
// structure a CSV (quote, comma, CR, LF) never occur inside a GB18030 multi-byte character:
// its trailing bytes are 0x30-0x39 or 0x40-0xFE.
#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "platform/exchange/sheet.hpp"
#include "platform/exchange/sheet_builder.hpp"
#include "platform/exchange/text.hpp"

namespace verp::exchange {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class Decoding {
  utf8,          // the whole file is valid UTF-8: cells are taken as they are
  utf8_checked,  // a UTF-8 BOM but the file is not valid UTF-8: find the cell that is not
  gb18030,       // no BOM and not UTF-8: every cell with a byte >= 0x80 goes through iconv
};

// The byte order marks that say the file is not in an encoding this reader takes.
struct ForeignBom {
  std::string_view bytes;
  const char* encoding;
};
// UTF-32LE first: its BOM starts with UTF-16LE's.
constexpr std::array<ForeignBom, 4> kForeignBoms{{{std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                                                  {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                                                  {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
                                                  {std::string_view("\xFE\xFF", 2), "UTF-16BE"}}};

// Bytes that end an unquoted field, or must be looked at: comma, CR, LF and NUL.
constexpr std::array<bool, 256> kFieldStop = [] {
  std::array<bool, 256> stop{};
  stop[','] = stop['\r'] = stop['\n'] = stop[0] = true;
  return stop;
}();

bool has_high_byte(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// One GB18030 → UTF-8 converter for one read_csv call; iconv_t is not shareable across threads.
class Gb18030Decoder {
 public:
  Gb18030Decoder() : cd_(::iconv_open("UTF-8", "GB18030")) {}
  ~Gb18030Decoder() {
    if (ok()) ::iconv_close(cd_);
  }
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  // (iconv_t)-1 is how iconv_open reports failure.
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }  // NOLINT(performance-no-int-to-ptr)

  // `text` decoded into `out`; false when it is not complete, valid GB18030.
  bool decode(std::string_view text, std::string& out) {
    ::iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // a fresh shift state for each cell
    // A GB18030 character of 2 bytes is at most 3 in UTF-8, of 4 bytes at most 4; the loop
    // grows the buffer should a converter ever disagree.
    out.resize(text.size() + text.size() / 2 + 4);
    char* in = const_cast<char*>(text.data());  // iconv's signature; it does not write
    std::size_t in_left = text.size();
    std::size_t used = 0;
    for (;;) {
      char* to = out.data() + used;
      std::size_t to_left = out.size() - used;
      std::size_t result = ::iconv(cd_, &in, &in_left, &to, &to_left);
      used = out.size() - to_left;
      if (result != static_cast<std::size_t>(-1)) break;
      if (errno != E2BIG) return false;
      out.resize(out.size() * 2);
    }
    out.resize(used);
    return in_left == 0;
  }

 private:
  iconv_t cd_;
};

// The per-cell steps return bool and leave the reason in error_: a Status per cell would build
// and destroy an Error (four strings, two vectors) a million times for a 100,000-row file.
class CsvParser {
 public:
  CsvParser(std::string_view body, const ReadLimits& limits, Decoding decoding, SheetBuilder& builder,
            Gb18030Decoder* decoder)
      : p_(body.data()),
        end_(body.data() + body.size()),
        limits_(limits),
        decoding_(decoding),
        builder_(builder),
        decoder_(decoder) {}

  Status run() {
    while (p_ < end_) {
      ++row_;
      if (!read_record()) return std::move(error_);
      if (builder_.has_header() && cells_.size() != builder_.width() && !all_cells_empty()) {
        return row_error(ErrorKind::validation, "exchange.ragged_row", row_)
            .with_arg("expected", std::to_string(builder_.width()))
            .with_arg("actual", std::to_string(cells_.size()));
      }
      if (Status added = builder_.add_row(row_, std::move(cells_)); !added) return added;
      cells_ = {};
    }
    return {};
  }

 private:
  bool fail(Error error) {
    error_ = std::move(error);
    return false;
  }

  // One record, up to and including its line end, into cells_.
  bool read_record() {
    cells_.reserve(builder_.has_header() ? builder_.width() : 8);
    for (;;) {
      if (cells_.size() == limits_.max_columns) {
        return fail(row_error(ErrorKind::too_large, "exchange.too_many_columns", row_)
                        .with_arg("limit", std::to_string(limits_.max_columns)));
      }
      cells_.emplace_back();
      if (!read_field(cells_.back()) || !finish_cell(cells_.back())) return false;
      if (p_ == end_) return true;
      char separator = *p_++;
      if (separator == ',') continue;
      if (separator == '\r' && p_ < end_ && *p_ == '\n') ++p_;
      return true;  // CR or LF: read_field stops at nothing else
    }
  }

  // One field, leaving p_ on the byte after it (a separator) or at the end.
  bool read_field(std::string& cell) {
    if (p_ < end_ && *p_ == '"') return read_quoted(cell);
    const char* start = p_;
    while (p_ < end_ && !kFieldStop[static_cast<unsigned char>(*p_)]) ++p_;
    if (p_ < end_ && *p_ == '\0') return fail(nul_error());
    if (!fits(static_cast<std::size_t>(p_ - start))) return false;
    cell.assign(start, p_);
    return true;
  }

  bool read_quoted(std::string& cell) {
    std::int64_t started = row_;
    ++p_;
    for (;;) {
      const void* found = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
      const char* quote = found != nullptr ? static_cast<const char*>(found) : end_;
      if (std::memchr(p_, '\0', static_cast<std::size_t>(quote - p_)) != nullptr) return fail(nul_error());
      if (!fits(cell.size() + static_cast<std::size_t>(quote - p_))) return false;
      cell.append(p_, quote);
      if (quote == end_) return fail(row_error(ErrorKind::validation, "exchange.unterminated_quote", started));
      p_ = quote + 1;
      if (p_ < end_ && *p_ == '"') {  // "" stands for one quote
        if (!fits(cell.size() + 1)) return false;
        cell += '"';
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ != ',' && *p_ != '\r' && *p_ != '\n') {
        return fail(cell_error(ErrorKind::validation, "exchange.text_after_quote", row_, cells_.size() - 1));
      }
      return true;
    }
  }

  // Whether a raw cell of `size` bytes may be within max_cell_bytes. The raw size is only a
  // bound for UTF-8; a GB18030 cell is measured once decoded.
  bool fits(std::size_t size) {
    if (decoding_ == Decoding::gb18030 || size <= limits_.max_cell_bytes) return true;
    return fail(too_large_cell());
  }

  bool finish_cell(std::string& cell) {
    switch (decoding_) {
      case Decoding::utf8:
        return true;
      case Decoding::utf8_checked:
        if (is_valid_utf8(cell)) return true;
        return fail(cell_error(ErrorKind::validation, "exchange.invalid_utf8", row_, cells_.size() - 1));
      case Decoding::gb18030:
        if (has_high_byte(cell)) {
          if (!decoder_->decode(cell, decoded_)) {
            return fail(cell_error(ErrorKind::validation, "exchange.undecodable", row_, cells_.size() - 1));
          }
          cell.swap(decoded_);
        }
        if (cell.size() <= limits_.max_cell_bytes) return true;
        return fail(too_large_cell());
    }
    return true;
  }

  Error too_large_cell() const {
    return cell_error(ErrorKind::too_large, "exchange.cell_too_large", row_, cells_.size() - 1)
        .with_arg("limit", std::to_string(limits_.max_cell_bytes));
  }

  Error nul_error() const { return row_error(ErrorKind::validation, "exchange.nul_byte", row_); }

  bool all_cells_empty() const {
    for (const std::string& cell : cells_) {
      if (!cell.empty()) return false;
    }
    return true;
  }

  const char* p_;
  const char* end_;
  const ReadLimits& limits_;
  Decoding decoding_;
  SheetBuilder& builder_;
  Gb18030Decoder* decoder_;
  std::int64_t row_ = 0;  // the record being read, 1-based
  std::vector<std::string> cells_;
  std::string decoded_;  // iconv's output buffer, reused from cell to cell
  Error error_;          // why the last step that returned false failed
};

}  // namespace

Result<Sheet> read_csv(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_bytes) return limit_error("exchange.file_too_large", limits.max_bytes);
  for (const ForeignBom& bom : kForeignBoms) {
    if (bytes.starts_with(bom.bytes)) {
      return make_error(ErrorKind::validation, "exchange.unsupported_encoding").with_arg("encoding", bom.encoding);
    }
  }
  if (is_ole2(bytes)) return make_error(ErrorKind::validation, "exchange.unsupported_format");

  bool has_bom = bytes.starts_with(kUtf8Bom);
  std::string_view body = has_bom ? bytes.substr(kUtf8Bom.size()) : bytes;
  Decoding decoding = Decoding::utf8;
  if (!is_valid_utf8(body)) decoding = has_bom ? Decoding::utf8_checked : Decoding::gb18030;

  std::optional<Gb18030Decoder> decoder;
  if (decoding == Decoding::gb18030) {
    decoder.emplace();
    if (!decoder->ok()) {
      return make_error(ErrorKind::internal, "exchange.decoder_unavailable",
                        std::string("iconv_open(UTF-8, GB18030): ") + std::strerror(errno));
    }
  }
  SheetBuilder builder(limits, decoding == Decoding::gb18030 ? "GB18030" : "UTF-8");
  CsvParser parser(body, limits, decoding, builder, decoder ? &*decoder : nullptr);
  if (Status parsed = parser.run(); !parsed) return parsed.error();
  return std::move(builder).finish();
}

}  // namespace verp::exchange
