// read_xlsx(): libzip opens the package from memory, pugixml reads the small structural parts
// (relationships, workbook), and XmlReader streams the parts that grow with the user's data
// (styles, shared strings, the worksheet) so a limit stops the read where it is exceeded.
//
// The path to the sheet follows the package's relationships rather than fixed names, because
// writers other than Excel (WPS, LibreOffice, generators) name the parts differently:
// _rels/.rels → the workbook → its first <sheet r:id> → xl/_rels/workbook.xml.rels → the part.
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <utility>

#include "platform/exchange/excel_date.hpp"
#include "platform/exchange/sheet.hpp"
#include "platform/exchange/sheet_builder.hpp"
#include "platform/exchange/text.hpp"
#include "platform/exchange/xml_reader.hpp"

namespace verp::exchange {
namespace {

// Relationships and the workbook part are kilobytes in any real file; pugixml builds a DOM of
// them, which costs many times the text, so a larger one is refused rather than parsed.
constexpr std::size_t kStructurePartLimit = 16u << 20;
constexpr std::uint64_t kExcelMaxRows = 1'048'576;
constexpr std::uint64_t kExcelMaxColumns = 16'384;
constexpr std::size_t kReadChunk = 1u << 16;
constexpr std::size_t kMaxDeflateRatio = 1032;
// A cell's text may shrink when decoded ("_x0041_" is "A"), so the raw text is only cut off
// when it cannot possibly fit; the decoded text is measured exactly.
constexpr std::size_t kMaxShrink = 8;

// Details quote names from the file (part names, relationship types), which an uploader
// controls; a detail is for a log line, so it is kept to one.
constexpr std::size_t kMaxDetailBytes = 300;

Error invalid(std::string_view detail) {
  return make_error(ErrorKind::validation, "exchange.xlsx_invalid", cut_for_detail(detail, kMaxDetailBytes));
}

std::string_view local_name(std::string_view name) {
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::optional<std::uint64_t> parse_uint(std::string_view text, std::uint64_t max) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// The 0-based column of a reference such as "C7"; nullopt unless letters then digits.
std::optional<std::size_t> parse_column(std::string_view reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && i < 4; ++i) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  if (i == 0 || column > kExcelMaxColumns) return std::nullopt;
  for (std::size_t j = i; j < reference.size(); ++j) {
    if (reference[j] < '0' || reference[j] > '9') return std::nullopt;
  }
  return column - 1;
}

// OOXML strings escape characters XML cannot hold as _xHHHH_ (UTF-16 code units), and a
// literal "_x" as "_x005F_x".
std::string unescape_xstring(std::string text) {
  std::size_t at = text.find("_x");
  if (at == std::string::npos) return text;
  auto code_unit = [&text](std::size_t i) -> std::optional<std::uint32_t> {
    if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t k = i + 2; k < i + 6; ++k) {
      char c = text[k];
      std::uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
      value = value * 16 + digit;
    }
    return value;
  };
  std::string out(text, 0, at);
  std::size_t i = at;
  while (i < text.size()) {
    std::optional<std::uint32_t> unit = code_unit(i);
    if (!unit) {
      out += text[i++];
      continue;
    }
    i += 7;
    std::uint32_t code_point = *unit;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      std::optional<std::uint32_t> low = code_unit(i);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
        i += 7;
      } else {
        code_point = 0xFFFD;
      }
    } else if ((code_point >= 0xDC00 && code_point <= 0xDFFF) || code_point == 0) {
      code_point = 0xFFFD;  // a lone surrogate is not text; NUL is refused by every consumer
    }
    append_utf8(out, code_point);
  }
  return out;
}

// ---- the zip package ----

class Package {
 public:
  explicit Package(std::size_t max_uncompressed) : limit_(max_uncompressed), budget_(max_uncompressed) {}
  ~Package() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  Status open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) return failed_open(error);
    zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (zip_ == nullptr) {
      zip_source_free(source);
      return failed_open(error);
    }
    zip_error_fini(&error);
    return {};
  }

  // The part's bytes, nullopt when the package has no such part. Its declared size is checked
  // against what is left of max_uncompressed_bytes (and against `cap`) before anything is
  // unpacked, and the bytes unpacked are counted in case the declaration lies.
  Result<std::optional<std::string>> read(const std::string& name, std::size_t cap) {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
    if (index < 0) index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);  // part names ignore case
    if (index < 0) return std::optional<std::string>();
    auto entry = static_cast<zip_uint64_t>(index);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, entry, 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
      return invalid(name + ": no size in the zip directory");
    }
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
      return invalid(name + " is encrypted");
    }
    if ((stat.valid & ZIP_STAT_COMP_METHOD) != 0 && zip_compression_method_supported(stat.comp_method, 0) == 0) {
      return invalid(name + ": compression method " + std::to_string(stat.comp_method) + " is not supported");
    }
    if (stat.size > budget_) return limit_error("exchange.uncompressed_too_large", limit_);
    if (stat.size > cap) return invalid(name + " is larger than " + std::to_string(cap) + " bytes");

    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(zip_, entry, 0), &zip_fclose);
    if (file == nullptr) return invalid(name + ": " + zip_strerror(zip_));
    // Deflate cannot expand its input more than about 1032 times, so for the usual methods the
    // declared size, once within that bound, is a safe first allocation; beyond it (or for
    // other methods) the buffer grows as bytes actually arrive.
    const std::size_t expected = stat.size;
    std::size_t first = expected;
    if ((stat.valid & ZIP_STAT_COMP_SIZE) != 0 && stat.comp_size < (std::size_t{1} << 40)) {
      first = std::min<std::size_t>(expected, stat.comp_size * kMaxDeflateRatio + kReadChunk);
    }
    std::string bytes(first + 1, '\0');
    std::size_t used = 0;
    for (;;) {
      if (used == bytes.size()) bytes.resize(std::min(bytes.size() * 2, expected + 1));
      // One byte beyond the declared size is asked for, so that an entry that unpacks larger shows.
      zip_int64_t got = zip_fread(file.get(), bytes.data() + used, bytes.size() - used);
      if (got < 0) return invalid(name + ": " + zip_file_strerror(file.get()));
      if (got == 0) break;
      used += static_cast<std::size_t>(got);
      if (used > expected) return invalid(name + " unpacks larger than the zip directory says");
    }
    if (used != expected) return invalid(name + " unpacks smaller than the zip directory says");
    bytes.resize(used);
    budget_ -= used;
    return std::optional<std::string>(std::move(bytes));
  }

 private:
  static Error failed_open(zip_error_t& error) {
    std::string detail = std::string("not a readable zip archive: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    return invalid(detail);
  }

  zip_t* zip_ = nullptr;
  const std::size_t limit_;
  std::size_t budget_;  // what may still be unpacked
};

// ---- part names and relationships ----

std::string directory_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string relationships_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return directory_of(part) + "_rels/" + std::string(file) + ".rels";
}

// A relationship's target as a zip entry name: relative to the source part's directory
// unless it starts with '/', with "." and ".." resolved and %XX escapes decoded.
std::optional<std::string> resolve(std::string_view directory, std::string_view target) {
  std::string path =
      target.starts_with('/') ? std::string(target.substr(1)) : std::string(directory) + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  if (segments.empty()) return std::nullopt;
  std::string joined;
  for (const std::string& segment : segments) {
    if (!joined.empty()) joined += '/';
    joined += segment;
  }
  std::string decoded;
  for (std::size_t i = 0; i < joined.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (joined[i] == '%' && i + 2 < joined.size() && hex(joined[i + 1]) >= 0 && hex(joined[i + 2]) >= 0) {
      decoded += static_cast<char>(hex(joined[i + 1]) * 16 + hex(joined[i + 2]));
      i += 2;
    } else {
      decoded += joined[i];
    }
  }
  return decoded;
}

Status check_utf8(const std::string& name, const std::string& xml) {
  if (is_valid_utf8(xml)) return {};
  return invalid(name + " is not UTF-8 text (only UTF-8 parts are supported)");
}

Result<pugi::xml_document> parse_structure(const std::string& name, const std::string& xml) {
  if (Status utf8 = check_utf8(name, xml); !utf8) return utf8.error();
  pugi::xml_document document;
  pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) return invalid(name + ": " + parsed.description() + " at byte " + std::to_string(parsed.offset));
  return document;
}

struct Relationship {
  std::string id;
  std::string type;
  std::string target;  // resolved to a zip entry name
};

Result<std::vector<Relationship>> parse_relationships(const std::string& name, const std::string& xml,
                                                      std::string_view source_directory) {
  Result<pugi::xml_document> document = parse_structure(name, xml);
  if (!document) return document.error();
  std::vector<Relationship> relationships;
  for (pugi::xml_node node : document->document_element().children()) {
    if (local_name(node.name()) != "Relationship") continue;
    if (std::string_view(node.attribute("TargetMode").value()) == "External") continue;
    std::optional<std::string> target = resolve(source_directory, node.attribute("Target").value());
    if (!target) continue;  // pointing outside the package: nothing we could read
    relationships.push_back({node.attribute("Id").value(), node.attribute("Type").value(), std::move(*target)});
  }
  return relationships;
}

// Relationship types differ between transitional and strict OOXML only in their prefix.
const Relationship* find_by_type(const std::vector<Relationship>& relationships, std::string_view suffix) {
  for (const Relationship& relationship : relationships) {
    if (std::string_view(relationship.type).ends_with(suffix)) return &relationship;
  }
  return nullptr;
}

struct Workbook {
  std::string sheet_id;  // the r:id of the first <sheet>
  bool date1904 = false;
};

Result<Workbook> parse_workbook(const std::string& name, const std::string& xml) {
  Result<pugi::xml_document> document = parse_structure(name, xml);
  if (!document) return document.error();
  Workbook workbook;
  std::optional<std::string> sheet_id;
  for (pugi::xml_node node : document->document_element().children()) {
    std::string_view element = local_name(node.name());
    if (element == "workbookPr") {
      std::string_view value = node.attribute("date1904").value();
      workbook.date1904 = value == "1" || value == "true";
    } else if (element == "sheets" && !sheet_id) {
      for (pugi::xml_node sheet : node.children()) {
        if (local_name(sheet.name()) != "sheet") continue;
        // The relationship id is r:id, whatever prefix the writer bound to the namespace.
        for (pugi::xml_attribute attribute : sheet.attributes()) {
          std::string_view attribute_name = attribute.name();
          if (attribute_name.find(':') != std::string_view::npos && local_name(attribute_name) == "id") {
            sheet_id = attribute.value();
          }
        }
        break;
      }
    }
  }
  if (!sheet_id) return invalid(name + " lists no sheet");
  workbook.sheet_id = std::move(*sheet_id);
  return workbook;
}

Error malformed(const std::string& name, const XmlReader& reader) {
  return invalid(name + ": " + reader.error() + " at byte " + std::to_string(reader.offset()));
}

// ---- styles: which cell formats are dates ----

Result<std::vector<NumberKind>> read_styles(const std::string& name, const std::string& xml) {
  std::vector<std::pair<std::uint64_t, NumberKind>> custom;  // numFmtId → kind, in file order
  std::vector<std::uint64_t> cell_formats;                   // cellXfs[i] → numFmtId
  XmlReader reader(xml);
  bool in_num_fmts = false;
  bool in_cell_xfs = false;
  for (;;) {
    switch (reader.next()) {
      case XmlReader::Event::start: {
        std::string_view element = reader.name();
        if (element == "numFmts") {
          in_num_fmts = true;
        } else if (element == "cellXfs") {
          in_cell_xfs = true;
        } else if (in_num_fmts && element == "numFmt") {
          std::optional<std::uint64_t> id = parse_uint(reader.attribute("numFmtId").value_or(""), UINT32_MAX);
          std::string code;
          if (!id || !XmlReader::decode(reader.attribute("formatCode").value_or(""), code)) break;
          custom.emplace_back(*id, format_code_kind(code));
        } else if (in_cell_xfs && element == "xf") {
          cell_formats.push_back(parse_uint(reader.attribute("numFmtId").value_or("0"), UINT32_MAX).value_or(0));
        }
        break;
      }
      case XmlReader::Event::end:
        if (same_name(reader.name(), "numFmts")) in_num_fmts = false;
        if (same_name(reader.name(), "cellXfs")) in_cell_xfs = false;
        break;
      case XmlReader::Event::text:
        break;
      case XmlReader::Event::done: {
        std::vector<NumberKind> kinds;
        kinds.reserve(cell_formats.size());
        for (std::uint64_t id : cell_formats) {
          // A workbook may redefine a built-in id; its own definition wins.
          auto defined =
              std::find_if(custom.rbegin(), custom.rend(), [id](const auto& entry) { return entry.first == id; });
          kinds.push_back(defined != custom.rend() ? defined->second
                                                   : builtin_format_kind(static_cast<std::uint32_t>(id)));
        }
        return kinds;
      }
      case XmlReader::Event::error:
        return malformed(name, reader);
    }
  }
}

// ---- shared strings ----

// Every string in one buffer: a std::string each would cost 32 bytes apiece even when empty.
struct SharedStrings {
  std::string text;
  std::vector<std::size_t> ends;

  std::size_t size() const { return ends.size(); }
  std::string_view at(std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
};

Result<SharedStrings> read_shared_strings(const std::string& name, const std::string& xml) {
  SharedStrings strings;
  XmlReader reader(xml);
  std::string current;
  bool in_item = false;
  int phonetic_depth = 0;  // inside <rPh>: a pronunciation guide, not the cell's text
  bool collecting = false;
  for (;;) {
    switch (reader.next()) {
      case XmlReader::Event::start:
        if (same_name(reader.name(), "si")) {
          in_item = true;
          current.clear();
        } else if (in_item && same_name(reader.name(), "rPh")) {
          ++phonetic_depth;
        } else if (in_item && phonetic_depth == 0 && same_name(reader.name(), "t")) {
          collecting = true;
        }
        break;
      case XmlReader::Event::end:
        if (same_name(reader.name(), "t")) {
          collecting = false;
        } else if (same_name(reader.name(), "rPh") && phonetic_depth > 0) {
          --phonetic_depth;
        } else if (same_name(reader.name(), "si") && in_item) {
          strings.text += unescape_xstring(std::move(current));
          current = {};
          strings.ends.push_back(strings.text.size());
          in_item = false;
        }
        break;
      case XmlReader::Event::text:
        if (collecting && !reader.append_text(current)) return malformed(name, reader);
        break;
      case XmlReader::Event::done:
        return strings;
      case XmlReader::Event::error:
        return malformed(name, reader);
    }
  }
}

// ---- the worksheet ----

enum class CellType { number, shared, inline_string, formula_string, boolean, error, iso_date };

CellType cell_type(std::string_view t) {
  if (same_name(t, "s")) return CellType::shared;
  if (same_name(t, "inlineStr")) return CellType::inline_string;
  if (same_name(t, "str")) return CellType::formula_string;
  if (same_name(t, "b")) return CellType::boolean;
  if (same_name(t, "e")) return CellType::error;
  if (same_name(t, "d")) return CellType::iso_date;
  return CellType::number;  // "n" or absent
}

// Its per-element steps return bool and leave the reason in error_, because a Status per XML
// event would build and destroy an Error several times per cell.
class WorksheetReader {
 public:
  WorksheetReader(std::string name, const ReadLimits& limits, const SharedStrings& strings,
                  const std::vector<NumberKind>& kinds, bool date1904, SheetBuilder& builder)
      : name_(std::move(name)),
        limits_(limits),
        strings_(strings),
        kinds_(kinds),
        date1904_(date1904),
        builder_(builder) {}

  Status run(const std::string& xml) {
    XmlReader reader(xml);
    for (;;) {
      switch (reader.next()) {
        case XmlReader::Event::start:
          if (!start(reader)) return std::move(error_);
          break;
        case XmlReader::Event::end:
          if (!in_data_) break;
          if (same_name(reader.name(), "sheetData") && !in_row_) return {};  // nothing after it holds cells
          if (!end(reader.name())) return std::move(error_);
          break;
        case XmlReader::Event::text:
          if (collecting_ != nullptr) {
            if (!reader.append_text(*collecting_)) return malformed(name_, reader);
            if (collecting_->size() > limits_.max_cell_bytes * kMaxShrink + 64) return too_large_cell();
          }
          break;
        case XmlReader::Event::done:
          return {};
        case XmlReader::Event::error:
          return malformed(name_, reader);
      }
    }
  }

 private:
  bool fail(Error error) {
    error_ = std::move(error);
    return false;
  }

  bool start(const XmlReader& reader) {
    std::string_view element = reader.name();
    if (!in_data_) {
      in_data_ = same_name(element, "sheetData");
      return true;
    }
    if (!in_row_) {
      if (!same_name(element, "row")) return true;
      std::optional<std::string_view> r = reader.attribute("r");
      std::uint64_t number = static_cast<std::uint64_t>(row_) + 1;
      if (r) {
        std::optional<std::uint64_t> parsed = parse_uint(*r, kExcelMaxRows);
        if (!parsed || *parsed == 0)
          return fail(invalid(name_ + ": row number \"" + std::string(r->substr(0, 16)) + "\""));
        number = *parsed;
      }
      if (number <= static_cast<std::uint64_t>(row_) || number > kExcelMaxRows) {
        return fail(invalid(name_ + ": row " + std::to_string(number) + " out of order"));
      }
      row_ = static_cast<std::int64_t>(number);
      in_row_ = true;
      next_column_ = 0;
      cells_.clear();
      if (builder_.has_header()) cells_.reserve(builder_.width());  // one allocation, not log2(width)
      return true;
    }
    if (!in_cell_) {
      if (!same_name(element, "c")) return true;
      std::size_t column = next_column_;
      if (std::optional<std::string_view> r = reader.attribute("r")) {
        std::optional<std::size_t> parsed = parse_column(*r);
        if (!parsed) return fail(invalid(name_ + ": cell reference \"" + std::string(r->substr(0, 16)) + "\""));
        column = *parsed;
      }
      if (column < next_column_ || column >= kExcelMaxColumns) {
        return fail(invalid(name_ + ": cell " + column_name(column) + std::to_string(row_) + " out of order"));
      }
      column_ = column;
      next_column_ = column + 1;
      type_ = cell_type(reader.attribute("t").value_or("n"));
      std::optional<std::uint64_t> style = parse_uint(reader.attribute("s").value_or("0"), UINT32_MAX);
      kind_ = style && *style < kinds_.size() ? kinds_[*style] : NumberKind::number;
      value_.clear();
      inline_text_.clear();
      has_inline_ = false;
      phonetic_depth_ = 0;
      in_cell_ = true;
      return true;
    }
    if (same_name(element, "v")) {
      collecting_ = &value_;
    } else if (same_name(element, "is")) {
      has_inline_ = true;
      in_inline_ = true;
    } else if (in_inline_ && same_name(element, "rPh")) {
      ++phonetic_depth_;
    } else if (in_inline_ && phonetic_depth_ == 0 && same_name(element, "t")) {
      collecting_ = &inline_text_;
    }
    return true;
  }

  bool end(std::string_view element) {
    if (in_cell_) {
      if (same_name(element, "v") || same_name(element, "t")) {
        collecting_ = nullptr;
      } else if (same_name(element, "rPh") && phonetic_depth_ > 0) {
        --phonetic_depth_;
      } else if (same_name(element, "is")) {
        in_inline_ = false;
      } else if (same_name(element, "c")) {
        in_cell_ = false;
        in_inline_ = false;
        collecting_ = nullptr;
        return finish_cell();
      }
      return true;
    }
    if (in_row_ && same_name(element, "row")) {
      in_row_ = false;
      std::vector<std::string> cells = std::move(cells_);
      cells_ = {};
      Status added = builder_.add_row(row_, std::move(cells));
      return added ? true : fail(std::move(added).error());
    }
    return true;
  }

  Result<std::string> cell_text() {
    switch (type_) {
      case CellType::shared: {
        std::optional<std::uint64_t> index = parse_uint(trim(value_), UINT64_MAX);
        if (!index || *index >= strings_.size()) {
          return invalid(name_ + ": cell " + column_name(column_) + std::to_string(row_) + " cites shared string \"" +
                         value_.substr(0, 16) + "\" of " + std::to_string(strings_.size()));
        }
        return std::string(strings_.at(*index));
      }
      case CellType::inline_string:
        return unescape_xstring(has_inline_ ? std::move(inline_text_) : std::move(value_));
      case CellType::formula_string:
        return unescape_xstring(std::move(value_));
      case CellType::boolean:
        if (value_ == "1") return std::string("TRUE");
        if (value_ == "0") return std::string("FALSE");
        return std::move(value_);
      case CellType::error:
        return std::move(value_);
      case CellType::iso_date:
        return iso_cell_text(value_);
      case CellType::number:
        if (kind_ != NumberKind::number) {
          if (std::optional<std::string> iso = serial_to_iso(value_, kind_, date1904_)) return std::move(*iso);
        }
        return std::move(value_);
    }
    return std::string();
  }

  bool finish_cell() {
    Result<std::string> text = cell_text();
    if (!text) return fail(std::move(text).error());
    if (text->empty()) return true;
    if (text->size() > limits_.max_cell_bytes) return fail(too_large_cell());
    // Below the header, a value right of the last heading is the user's stray note, whatever
    // the column; only the header row itself can be too wide.
    if (builder_.has_header() && column_ >= builder_.width()) {
      return fail(cell_error(ErrorKind::validation, "exchange.cell_outside_header", row_, column_));
    }
    if (column_ >= limits_.max_columns) {
      return fail(row_error(ErrorKind::too_large, "exchange.too_many_columns", row_)
                      .with_arg("limit", std::to_string(limits_.max_columns)));
    }
    if (cells_.size() <= column_) cells_.resize(column_ + 1);
    cells_[column_] = std::move(*text);
    return true;
  }

  Error too_large_cell() const {
    return cell_error(ErrorKind::too_large, "exchange.cell_too_large", row_, column_)
        .with_arg("limit", std::to_string(limits_.max_cell_bytes));
  }

  const std::string name_;
  const ReadLimits& limits_;
  const SharedStrings& strings_;
  const std::vector<NumberKind>& kinds_;
  const bool date1904_;
  SheetBuilder& builder_;

  bool in_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  std::int64_t row_ = 0;  // the current (or last) row's number
  std::size_t next_column_ = 0;
  std::vector<std::string> cells_;  // the row so far: up to its last non-empty cell
  // The cell being read.
  std::size_t column_ = 0;
  CellType type_ = CellType::number;
  NumberKind kind_ = NumberKind::number;
  std::string value_;        // <v>
  std::string inline_text_;  // <is><t>, runs joined
  bool has_inline_ = false;
  int phonetic_depth_ = 0;
  std::string* collecting_ = nullptr;  // where text goes: value_, inline_text_ or nowhere
  Error error_;                        // why the last step that returned false failed
};

// Reads a part that must exist.
Result<std::string> read_required(Package& package, const std::string& name, std::size_t cap) {
  Result<std::optional<std::string>> part = package.read(name, cap);
  if (!part) return part.error();
  if (!part->has_value()) return invalid("the part " + name + " is missing");
  return std::move(**part);
}

}  // namespace

Result<Sheet> read_xlsx(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_bytes) return limit_error("exchange.file_too_large", limits.max_bytes);
  if (is_ole2(bytes)) return make_error(ErrorKind::validation, "exchange.unsupported_format");
  Package package(limits.max_uncompressed_bytes);
  if (Status opened = package.open(bytes); !opened) return opened.error();

  // The workbook: where the package relationships say, else where Excel puts it.
  std::string workbook_name = "xl/workbook.xml";
  Result<std::optional<std::string>> root_relationships = package.read("_rels/.rels", kStructurePartLimit);
  if (!root_relationships) return root_relationships.error();
  if (root_relationships->has_value()) {
    auto relationships = parse_relationships("_rels/.rels", **root_relationships, "");
    if (!relationships) return relationships.error();
    if (const Relationship* document = find_by_type(*relationships, "/officeDocument"))
      workbook_name = document->target;
  }
  Result<std::string> workbook_xml = read_required(package, workbook_name, kStructurePartLimit);
  if (!workbook_xml) return workbook_xml.error();
  Result<Workbook> workbook = parse_workbook(workbook_name, *workbook_xml);
  if (!workbook) return workbook.error();

  std::string relationships_name = relationships_of(workbook_name);
  Result<std::string> relationships_xml = read_required(package, relationships_name, kStructurePartLimit);
  if (!relationships_xml) return relationships_xml.error();
  auto relationships = parse_relationships(relationships_name, *relationships_xml, directory_of(workbook_name));
  if (!relationships) return relationships.error();
  auto sheet = std::find_if(relationships->begin(), relationships->end(),
                            [&](const Relationship& relationship) { return relationship.id == workbook->sheet_id; });
  if (sheet == relationships->end()) return invalid(relationships_name + " has no target for the first sheet");
  if (!std::string_view(sheet->type).ends_with("/worksheet")) {
    return invalid("the first sheet is not a worksheet (a chart or dialog sheet?): " + sheet->type);
  }

  std::vector<NumberKind> kinds;
  if (const Relationship* styles = find_by_type(*relationships, "/styles")) {
    Result<std::optional<std::string>> xml = package.read(styles->target, limits.max_uncompressed_bytes);
    if (!xml) return xml.error();
    if (xml->has_value()) {
      if (Status utf8 = check_utf8(styles->target, **xml); !utf8) return utf8.error();
      Result<std::vector<NumberKind>> read = read_styles(styles->target, **xml);
      if (!read) return read.error();
      kinds = std::move(*read);
    }
  }
  SharedStrings strings;
  if (const Relationship* shared = find_by_type(*relationships, "/sharedStrings")) {
    Result<std::optional<std::string>> xml = package.read(shared->target, limits.max_uncompressed_bytes);
    if (!xml) return xml.error();
    if (xml->has_value()) {
      if (Status utf8 = check_utf8(shared->target, **xml); !utf8) return utf8.error();
      Result<SharedStrings> read = read_shared_strings(shared->target, **xml);
      if (!read) return read.error();
      strings = std::move(*read);
    }
  }

  Result<std::string> sheet_xml = read_required(package, sheet->target, limits.max_uncompressed_bytes);
  if (!sheet_xml) return sheet_xml.error();
  if (Status utf8 = check_utf8(sheet->target, *sheet_xml); !utf8) return utf8.error();
  SheetBuilder builder(limits, "XLSX");
  WorksheetReader reader(sheet->target, limits, strings, kinds, workbook->date1904, builder);
  if (Status read = reader.run(*sheet_xml); !read) return read.error();
  return std::move(builder).finish();
}

}  // namespace verp::exchange
