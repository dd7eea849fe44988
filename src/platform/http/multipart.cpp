// parse_multipart(): a strict reader. Anything RFC 7578 and RFC 2046 do not allow is refused
// rather than guessed at, so a proxy or scanner in front of verp cannot read one set of parts
// where verp reads another (a repeated name= or Content-Disposition is the classic trick).
#include "platform/http/multipart.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "platform/base/utf8.hpp"

namespace verp::http {
namespace {

constexpr std::size_t kMaxBoundaryLength = 70;  // RFC 2046 §5.1.1

Error invalid(std::string detail) {
  return make_error(ErrorKind::validation, "http.multipart_invalid", std::move(detail));
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// RFC 9110 tchar.
bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_control(char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F; }

// RFC 2046 bcharsnospace, plus the space it allows anywhere but last.
bool is_boundary_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

// A header value of the form  type *( ";" name "=" ( token / quoted-string ) ).
struct HeaderValue {
  std::string type;  // lower case
  std::vector<Parameter> parameters;

  const std::string* find(std::string_view name) const {
    for (const auto& parameter : parameters) {
      if (parameter.name == name) return &parameter.value;
    }
    return nullptr;
  }
};

Result<HeaderValue> parse_header_value(std::string_view text, std::string_view header) {
  HeaderValue parsed;
  std::size_t at = std::min(text.find(';'), text.size());
  parsed.type = lower(trim(text.substr(0, at)));
  auto skip_space = [&] {
    while (at < text.size() && is_space(text[at])) ++at;
  };
  while (at < text.size()) {
    ++at;  // the ';'
    skip_space();
    if (at == text.size()) break;  // a trailing ';' is harmless
    std::size_t name_start = at;
    while (at < text.size() && is_token_char(text[at])) ++at;
    std::string name = lower(text.substr(name_start, at - name_start));
    skip_space();
    if (name.empty() || at == text.size() || text[at] != '=') {
      return invalid(std::string(header) + ": malformed parameter");
    }
    ++at;
    skip_space();
    std::string value;
    if (at < text.size() && text[at] == '"') {
      ++at;
      bool closed = false;
      while (at < text.size()) {
        char c = text[at++];
        if (c == '"') {
          closed = true;
          break;
        }
        // Browsers do not escape the backslashes of a Windows path, so only \" and \\ are escapes.
        if (c == '\\' && at < text.size() && (text[at] == '"' || text[at] == '\\')) c = text[at++];
        value += c;
      }
      if (!closed) return invalid(std::string(header) + ": unterminated quoted string in " + name);
    } else {
      std::size_t value_start = at;
      while (at < text.size() && text[at] != ';' && text[at] != '"') ++at;
      value = trim(text.substr(value_start, at - value_start));
      if (value.empty()) return invalid(std::string(header) + ": empty value of " + name);
    }
    skip_space();
    if (at < text.size() && text[at] != ';') return invalid(std::string(header) + ": text after the value of " + name);
    if (parsed.find(name) != nullptr) return invalid(std::string(header) + ": repeated parameter " + name);
    parsed.parameters.push_back({std::move(name), std::move(value)});
  }
  return parsed;
}

Result<std::string> boundary_of(std::string_view content_type_header) {
  auto parsed = parse_header_value(content_type_header, "Content-Type");
  if (!parsed) return parsed.error();
  if (parsed->type != "multipart/form-data") return invalid("Content-Type is not multipart/form-data");
  const std::string* boundary = parsed->find("boundary");
  if (boundary == nullptr) return invalid("Content-Type has no boundary");
  if (boundary->empty() || boundary->size() > kMaxBoundaryLength || boundary->back() == ' ' ||
      !std::all_of(boundary->begin(), boundary->end(), is_boundary_char)) {
    return invalid("boundary is not 1 to 70 RFC 2046 boundary characters");
  }
  return *boundary;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// An RFC 8187 ext-value: charset'language'percent-encoded. nullopt for a charset other than
// UTF-8 and ISO-8859-1, which the caller then ignores in favour of filename=.
Result<std::optional<std::string>> decode_ext_value(std::string_view text) {
  std::size_t first = text.find('\'');
  std::size_t second = first == std::string_view::npos ? first : text.find('\'', first + 1);
  if (second == std::string_view::npos) return invalid("filename*: not charset'language'value");
  std::string charset = lower(text.substr(0, first));
  std::string bytes;
  for (std::size_t at = second + 1; at < text.size(); ++at) {
    if (text[at] != '%') {
      bytes += text[at];
      continue;
    }
    int high = at + 2 < text.size() ? hex_value(text[at + 1]) : -1;
    int low = high < 0 ? -1 : hex_value(text[at + 2]);
    if (low < 0) return invalid("filename*: malformed percent escape");
    bytes += static_cast<char>(high << 4 | low);
    at += 2;
  }
  if (charset == "utf-8") {
    if (!utf8_length(bytes)) return invalid("filename*: not UTF-8");
    return std::optional<std::string>(std::move(bytes));
  }
  if (charset == "iso-8859-1") {
    std::string utf8;
    for (char c : bytes) {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x80) {
        utf8 += c;
      } else {
        utf8 += static_cast<char>(0xC0 | byte >> 6);
        utf8 += static_cast<char>(0x80 | (byte & 0x3F));
      }
    }
    return std::optional<std::string>(std::move(utf8));
  }
  return std::optional<std::string>();
}

// The last path component, so an uploader cannot name a file "../../etc/cron.d/x".
std::string base_name(std::string_view filename) {
  std::size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  std::string clean;
  std::copy_if(filename.begin(), filename.end(), std::back_inserter(clean), [](char c) { return !is_control(c); });
  if (clean == "." || clean == "..") clean.clear();
  return clean;
}

Status apply_disposition(std::string_view value, FormPart& part) {
  auto parsed = parse_header_value(value, "Content-Disposition");
  if (!parsed) return parsed.error();
  if (parsed->type != "form-data") return invalid("Content-Disposition is not form-data");
  const std::string* name = parsed->find("name");
  if (name == nullptr) return invalid("Content-Disposition has no name");
  part.name = *name;
  const std::string* plain = parsed->find("filename");
  std::optional<std::string> filename;
  if (const std::string* extended = parsed->find("filename*")) {
    auto decoded = decode_ext_value(*extended);
    if (!decoded) return decoded.error();
    // Without a filename= to fall back on, the part would pass for a plain field.
    if (!decoded.value() && plain == nullptr) return invalid("filename*: unsupported charset");
    filename = std::move(decoded.value());
  }
  if (plain != nullptr && !filename) filename = *plain;
  if (filename) part.filename = base_name(*filename);
  return {};
}

Status parse_part_headers(std::string_view block, FormPart& part) {
  bool has_disposition = false;
  bool has_type = false;
  while (!block.empty()) {
    std::size_t end = std::min(block.find("\r\n"), block.size());
    std::string_view line = block.substr(0, end);
    block.remove_prefix(std::min(end + 2, block.size()));
    if (line.empty() || is_space(line.front())) return invalid("empty or folded part header line");
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 ||
        !std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(colon), is_token_char)) {
      return invalid("malformed part header line");
    }
    std::string_view value = trim(line.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), is_control)) return invalid("control character in a part header");
    std::string name = lower(line.substr(0, colon));
    if (name == "content-disposition") {
      if (std::exchange(has_disposition, true)) return invalid("repeated Content-Disposition");
      if (Status applied = apply_disposition(value, part); !applied) return applied;
    } else if (name == "content-type") {
      if (std::exchange(has_type, true)) return invalid("repeated Content-Type in a part");
      if (value.empty()) return invalid("empty Content-Type in a part");
      part.content_type = value;
    } else if (name == "content-transfer-encoding") {
      std::string encoding = lower(value);
      if (encoding != "7bit" && encoding != "8bit" && encoding != "binary") {
        return invalid("unsupported Content-Transfer-Encoding " + encoding);
      }
    }
  }
  if (!has_disposition) return invalid("part without Content-Disposition");
  if (!has_type) part.content_type = "text/plain";  // RFC 7578 §4.4
  return {};
}

}  // namespace

Result<std::vector<FormPart>> parse_multipart(std::string_view content_type_header, std::string_view body,
                                              std::size_t max_parts) {
  auto boundary = boundary_of(content_type_header);
  if (!boundary) return boundary.error();
  // A delimiter is CRLF "--" boundary; only the very first may instead open the body.
  const std::string delimiter = "\r\n--" + boundary.value();
  const std::string_view dash_boundary = std::string_view(delimiter).substr(2);

  std::size_t at = 0;
  if (body.starts_with(dash_boundary)) {
    at = dash_boundary.size();
  } else if (std::size_t first = body.find(delimiter); first != std::string_view::npos) {
    at = first + delimiter.size();  // after a preamble
  } else {
    return invalid("no opening boundary");
  }

  std::vector<FormPart> parts;
  while (true) {
    // `at` is just past a delimiter: "--" closes the body, else padding and CRLF open a part.
    if (body.substr(at).starts_with("--")) return parts;  // the epilogue is ignored
    while (at < body.size() && is_space(body[at])) ++at;
    if (!body.substr(at).starts_with("\r\n")) return invalid("boundary line not ended by CRLF");
    at += 2;
    if (parts.size() >= max_parts) {
      return make_error(ErrorKind::too_large, "http.multipart_too_many_parts")
          .with_arg("max", std::to_string(max_parts));
    }

    std::string_view headers;
    if (body.substr(at).starts_with("\r\n")) {
      at += 2;  // no headers; refused below for the missing Content-Disposition
    } else {
      std::size_t end = body.find("\r\n\r\n", at);
      if (end == std::string_view::npos) return invalid("part headers not ended by an empty line");
      headers = body.substr(at, end - at);
      at = end + 4;
    }
    std::size_t next = body.find(delimiter, at);
    if (next == std::string_view::npos) return invalid("no closing boundary");

    FormPart part;
    if (Status parsed = parse_part_headers(headers, part); !parsed) return parsed.error();
    part.data = body.substr(at, next - at);
    parts.push_back(std::move(part));
    at = next + delimiter.size();
  }
}

}  // namespace verp::http
