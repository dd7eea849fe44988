#include "platform/exchange/xml_reader.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

#include "platform/exchange/text.hpp"

namespace verp::exchange {
namespace {

// SpreadsheetML nests a dozen elements deep at most; anything far deeper is an attack.
constexpr std::size_t kMaxDepth = 128;
// The longest reference that can be valid: "#x0010FFFF" with a few leading zeros.
constexpr std::size_t kMaxReferenceLength = 16;

// An element name quoted in an error detail, cut short: the name is the uploader's.
std::string quoted_name(std::string_view name) { return cut_for_detail(name, 64); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view without_prefix(std::string_view name) {
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// XML 1.0's Char production: what a character reference may name.
bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

bool decode_reference(std::string_view reference, std::string& out) {
  if (reference == "lt") {
    out += '<';
  } else if (reference == "gt") {
    out += '>';
  } else if (reference == "amp") {
    out += '&';
  } else if (reference == "quot") {
    out += '"';
  } else if (reference == "apos") {
    out += '\'';
  } else if (reference.size() >= 2 && reference[0] == '#') {
    bool hex = reference[1] == 'x';
    std::string_view digits = reference.substr(hex ? 2 : 1);
    if (digits.empty()) return false;
    std::uint32_t code_point = 0;
    for (char c : digits) {
      std::uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      code_point = code_point * (hex ? 16 : 10) + digit;
      if (code_point > 0x10FFFF) return false;
    }
    if (!is_xml_char(code_point)) return false;
    append_utf8(out, code_point);
  } else {
    return false;
  }
  return true;
}

}  // namespace

XmlReader::XmlReader(std::string_view xml) : begin_(xml.data()), p_(xml.data()), end_(xml.data() + xml.size()) {
  if (xml.starts_with("\xEF\xBB\xBF")) p_ += 3;
}

bool XmlReader::decode(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    std::size_t j = i;
    while (j < raw.size() && raw[j] != '&' && raw[j] != '\r') ++j;
    out.append(raw.data() + i, j - i);
    if (j == raw.size()) break;
    if (raw[j] == '\r') {  // XML reads CRLF and a lone CR as LF
      out += '\n';
      i = j + 1;
      if (i < raw.size() && raw[i] == '\n') ++i;
      continue;
    }
    std::size_t semicolon = raw.find(';', j);
    if (semicolon == std::string_view::npos || semicolon - j > kMaxReferenceLength) return false;
    if (!decode_reference(raw.substr(j + 1, semicolon - j - 1), out)) return false;
    i = semicolon + 1;
  }
  return true;
}

std::optional<std::string_view> XmlReader::attribute(std::string_view name) const {
  for (const Attribute& attribute : attributes_) {
    if (same_name(attribute.name, name)) return attribute.value;
  }
  return std::nullopt;
}

bool XmlReader::append_text(std::string& out) const {
  if (!text_is_cdata_) return decode(text_, out);
  // CDATA has no references, but its line ends are normalised like all text.
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] != '\r') {
      out += text_[i];
    } else {
      out += '\n';
      if (i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
    }
  }
  return true;
}

XmlReader::Event XmlReader::fail(std::string message) {
  error_ = std::move(message);
  final_ = Event::error;
  return final_;
}

bool XmlReader::skip_past(std::string_view terminator) {
  std::string_view rest(p_, static_cast<std::size_t>(end_ - p_));
  std::size_t found = rest.find(terminator);
  if (found == std::string_view::npos) return false;
  p_ += found + terminator.size();
  return true;
}

XmlReader::Event XmlReader::next() {
  if (final_ != Event::start) return final_;
  if (pending_end_) {
    pending_end_ = false;
    return Event::end;  // local_name_ still names the element that closed itself
  }
  for (;;) {
    if (p_ == end_) {
      if (!open_.empty()) return fail("the document ends inside <" + quoted_name(open_.back()) + ">");
      if (!had_root_) return fail("no root element");
      final_ = Event::done;
      return final_;
    }
    if (*p_ != '<') {
      const void* found = std::memchr(p_, '<', static_cast<std::size_t>(end_ - p_));
      const char* stop = found != nullptr ? static_cast<const char*>(found) : end_;
      text_ = std::string_view(p_, static_cast<std::size_t>(stop - p_));
      text_is_cdata_ = false;
      p_ = stop;
      if (!open_.empty()) return Event::text;
      for (char c : text_) {
        if (!is_space(c)) return fail("text outside the root element");
      }
      continue;
    }
    std::string_view rest(p_, static_cast<std::size_t>(end_ - p_));
    if (rest.starts_with("<?")) {
      if (!skip_past("?>")) return fail("unterminated processing instruction");
    } else if (rest.starts_with("<!--")) {
      p_ += 4;
      if (!skip_past("-->")) return fail("unterminated comment");
    } else if (rest.starts_with("<![CDATA[")) {
      p_ += 9;
      const char* start = p_;
      if (!skip_past("]]>")) return fail("unterminated CDATA section");
      if (open_.empty()) return fail("CDATA outside the root element");
      text_ = std::string_view(start, static_cast<std::size_t>(p_ - 3 - start));
      text_is_cdata_ = true;
      return Event::text;
    } else if (rest.starts_with("<!")) {
      return fail("a DOCTYPE or other declaration, which workbooks never need");
    } else if (rest.starts_with("</")) {
      return read_end_tag();
    } else {
      return read_start_tag();
    }
  }
}

XmlReader::Event XmlReader::read_start_tag() {
  ++p_;  // '<'
  const char* name_start = p_;
  while (p_ < end_ && !is_space(*p_) && *p_ != '/' && *p_ != '>') ++p_;
  std::string_view name(name_start, static_cast<std::size_t>(p_ - name_start));
  if (name.empty() || name.find_first_of("<=&\"'") != std::string_view::npos) return fail("a malformed start tag");
  if (open_.empty() && had_root_) return fail("a second root element");
  attributes_.clear();
  bool self_closing = false;
  for (;;) {
    while (p_ < end_ && is_space(*p_)) ++p_;
    if (p_ == end_) return fail("the document ends inside a start tag");
    if (*p_ == '>') {
      ++p_;
      break;
    }
    if (*p_ == '/') {
      if (end_ - p_ < 2 || p_[1] != '>') return fail("'/' inside a start tag");
      p_ += 2;
      self_closing = true;
      break;
    }
    const char* attribute_start = p_;
    while (p_ < end_ && !is_space(*p_) && *p_ != '=' && *p_ != '>' && *p_ != '/') ++p_;
    std::string_view attribute_name(attribute_start, static_cast<std::size_t>(p_ - attribute_start));
    while (p_ < end_ && is_space(*p_)) ++p_;
    if (attribute_name.empty() || p_ == end_ || *p_ != '=') return fail("an attribute without a value");
    ++p_;
    while (p_ < end_ && is_space(*p_)) ++p_;
    if (p_ == end_ || (*p_ != '"' && *p_ != '\'')) return fail("an unquoted attribute value");
    char quote = *p_++;
    const void* found = std::memchr(p_, quote, static_cast<std::size_t>(end_ - p_));
    if (found == nullptr) return fail("an unterminated attribute value");
    const char* value_end = static_cast<const char*>(found);
    std::string_view value(p_, static_cast<std::size_t>(value_end - p_));
    if (value.find('<') != std::string_view::npos) return fail("'<' in an attribute value");
    attributes_.push_back({attribute_name, value});
    p_ = value_end + 1;
  }
  had_root_ = true;
  local_name_ = without_prefix(name);
  if (self_closing) {
    pending_end_ = true;
  } else {
    if (open_.size() == kMaxDepth) return fail("elements nested too deeply");
    open_.push_back(name);
  }
  return Event::start;
}

XmlReader::Event XmlReader::read_end_tag() {
  p_ += 2;  // "</"
  const char* name_start = p_;
  while (p_ < end_ && !is_space(*p_) && *p_ != '>') ++p_;
  std::string_view name(name_start, static_cast<std::size_t>(p_ - name_start));
  while (p_ < end_ && is_space(*p_)) ++p_;
  if (p_ == end_ || *p_ != '>') return fail("a malformed end tag");
  ++p_;
  if (open_.empty() || !same_name(open_.back(), name))
    return fail("</" + quoted_name(name) + "> does not close the open element");
  open_.pop_back();
  local_name_ = without_prefix(name);
  return Event::end;
}

}  // namespace verp::exchange
