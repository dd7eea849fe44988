// XmlReader: a pull parser over one XML document in memory, for the parts of a workbook that
// grow with the user's data (worksheet, shared strings, styles). A DOM of such a part costs
// 10-20 times its size in nodes, so a small zip bomb could exhaust memory before any limit of
// ours is checked; this reader holds nothing but the open-element stack, and its caller can
// stop at the first limit exceeded. pugixml reads the small structural parts.
//
// It checks what it must to never misread: tags nest and match, attributes are quoted, entity
// and character references are the five predefined ones or valid characters; a DOCTYPE is
// refused (so no entity expansion). It does not resolve namespaces: element names are given
// without their prefix ("x:row" → "row"), attribute names exactly as written. The caller
// checks the document is UTF-8. Internal to verp_exchange; not thread-safe (one per thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verp::exchange {

// a == b for the short names of elements and attributes, without the memcmp call that
// string_view's == makes, which a profile of a 100,000-row sheet showed at 10%.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

class XmlReader {
 public:
  enum class Event { start, end, text, done, error };

  explicit XmlReader(std::string_view xml);

  // The next event. A self-closing element gives start then end. Text (character data and
  // CDATA sections) may come in several pieces; whitespace between elements is text too.
  // After done or error every call returns the same again.
  Event next();

  // start and end: the element's name without its namespace prefix.
  std::string_view name() const { return local_name_; }
  // start: the raw (undecoded) value of the attribute named exactly `name`, if present.
  std::optional<std::string_view> attribute(std::string_view name) const;
  // text: appends the piece's characters to `out`, references decoded, line ends as LF.
  // False (and nothing sensible appended) on a malformed reference.
  bool append_text(std::string& out) const;
  // error: what was wrong, and the byte offset where it was noticed.
  const std::string& error() const { return error_; }
  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }

  // Appends `raw` (text or an attribute value) decoded; false on a malformed reference.
  static bool decode(std::string_view raw, std::string& out);

 private:
  struct Attribute {
    std::string_view name;
    std::string_view value;
  };

  Event fail(std::string message);
  Event read_start_tag();
  Event read_end_tag();
  bool skip_past(std::string_view terminator);

  const char* begin_;
  const char* p_;
  const char* end_;
  std::vector<std::string_view> open_;  // qualified names of the open elements
  std::vector<Attribute> attributes_;
  std::string_view local_name_;
  std::string_view text_;
  bool text_is_cdata_ = false;
  bool pending_end_ = false;  // the last start tag closed itself: its end comes next
  bool had_root_ = false;
  Event final_ = Event::start;  // done or error once reached; start means "not yet"
  std::string error_;
};

}  // namespace verp::exchange
