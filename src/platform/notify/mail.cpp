#include "platform/notify/mail.hpp"

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string_view>

#include "platform/base/utf8.hpp"
#include "platform/notify/curl_support.hpp"

namespace verp::notify {
namespace {

constexpr std::size_t kMaxLine = 78;           // RFC 5322 §2.1.1: SHOULD be at most 78
constexpr std::size_t kBase64Line = 76;        // RFC 2045 §6.8
constexpr std::size_t kEncodedWordBytes = 39;  // → 52 base64 characters, a 64-character word
constexpr std::size_t kMaxDisplayName = 200;   // bytes

// ---------------------------------------------------------------------------------------------
// Errors

// The address as an error argument: at most 320 bytes of whole characters, control characters
// (and, in text that is not UTF-8, every non-ASCII byte) shown as '?', so that a message built
// from it is one line of valid text.
std::string printable(std::string_view text) {
  std::size_t end = std::min<std::size_t>(text.size(), 320);
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  std::string out(text.substr(0, end));
  const bool utf8 = utf8_length(out).has_value();
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || (!utf8 && u >= 0x80)) c = '?';
  }
  return out;
}

Error invalid_address(std::string field, std::string_view address, std::string detail) {
  Error error = make_error(ErrorKind::validation, "notify.invalid_address", std::move(detail));
  error.field = std::move(field);
  error.with_arg("address", printable(address));
  return error;
}

Error validation(std::string message_id, std::string field, std::string detail) {
  Error error = make_error(ErrorKind::validation, std::move(message_id), std::move(detail));
  error.field = std::move(field);
  return error;
}

// ---------------------------------------------------------------------------------------------
// Encodings

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                            (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                            std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (rest == 2) n |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// A base64 body: lines of 76 characters, each ending in CRLF.
std::string base64_body(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kBase64Line * 2 + 2);
  for (std::size_t at = 0; at < encoded.size(); at += kBase64Line) {
    out.append(encoded, at, kBase64Line);
    out += "\r\n";
  }
  return out;
}

// Width in bytes of the UTF-8 sequence led by `lead` (the text is known to be valid).
std::size_t utf8_width(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
}

// RFC 2047 encoded-words ("=?UTF-8?B?…?="), each at most 64 characters, never splitting a
// character across two words (§5: each word must decode to whole characters).
std::vector<std::string> encoded_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size()) {
      const std::size_t width = utf8_width(static_cast<unsigned char>(text[end]));
      if (end + width - start > kEncodedWordBytes) break;
      end += width;
    }
    words.push_back("=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

bool printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// Builds one header field, folding (CRLF SP) between tokens so lines stay within 78 characters.
class HeaderField {
 public:
  explicit HeaderField(std::string_view name) : text_(std::string(name) + ":"), line_(text_.size()) {}

  // Appends a token after a space, or after a fold when the line would grow too long.
  void token(std::string_view token) {
    if (!first_ && line_ + 1 + token.size() > kMaxLine) {
      text_ += "\r\n ";
      line_ = 1;
    } else {
      text_ += ' ';
      ++line_;
    }
    text_ += token;
    line_ += token.size();
    first_ = false;
  }

  std::string finish() && { return std::move(text_) + "\r\n"; }

 private:
  std::string text_;
  std::size_t line_;
  bool first_ = true;
};

// ---------------------------------------------------------------------------------------------
// Addresses

struct Mailbox {
  std::string display;  // UTF-8, may be empty
  std::string address;  // local@domain, ASCII
};

bool atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// A dot-atom local part and a host name: local@domain, the forms a notification ever needs.
// Quoted local parts, address literals and non-ASCII (SMTPUTF8) addresses are refused.
bool valid_addr_spec(std::string_view address, std::string& why) {
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    why = "not exactly one '@'";
    return false;
  }
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (address.size() > 254 || local.empty() || local.size() > 64) {
    why = "bad length";
    return false;
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos ||
      !std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || atext(c); })) {
    why = "the local part is not a dot-atom of ASCII characters";
    return false;
  }
  if (domain.empty() || domain.size() > 253) {
    why = "bad domain length";
    return false;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label = domain.substr(start, dot == std::string_view::npos ? domain.npos : dot - start);
    const bool ok = !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
                    std::all_of(label.begin(), label.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                    });
    if (!ok) {
      why = "the domain is not a host name of ASCII letters, digits and hyphens";
      return false;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// "addr@domain" or "Display Name <addr@domain>" (the name optionally in double quotes).
Result<Mailbox> parse_mailbox(std::string_view input, const std::string& field) {
  for (unsigned char c : input) {
    if (c < 0x20 || c == 0x7F) return invalid_address(field, input, "a control character (CR, LF, …)");
  }
  if (!utf8_length(input)) return invalid_address(field, input, "not UTF-8");
  std::string_view text = trim(input);
  Mailbox mailbox;
  std::string_view address = text;
  if (!text.empty() && text.back() == '>') {
    const auto open = text.find('<');
    if (open == std::string_view::npos || text.find('<', open + 1) != std::string_view::npos ||
        text.find('>') != text.size() - 1) {
      return invalid_address(field, input, "unbalanced angle brackets");
    }
    address = text.substr(open + 1, text.size() - open - 2);
    std::string_view display = trim(text.substr(0, open));
    if (display.size() >= 2 && display.front() == '"' && display.back() == '"') {
      display = display.substr(1, display.size() - 2);
    }
    if (display.find_first_of("\"\\<>") != std::string_view::npos) {
      return invalid_address(field, input, "quotes, backslashes or angle brackets in the display name");
    }
    if (display.size() > kMaxDisplayName) return invalid_address(field, input, "the display name is too long");
    mailbox.display = std::string(display);
  } else if (text.find_first_of("<>\" ") != std::string_view::npos) {
    return invalid_address(field, input, "angle brackets, quotes or spaces around a bare address");
  }
  std::string why;
  if (!valid_addr_spec(address, why)) return invalid_address(field, input, why);
  mailbox.address = std::string(address);
  return mailbox;
}

// The mailbox as header tokens: a quoted or encoded display name, then <address>.
std::vector<std::string> mailbox_tokens(const Mailbox& mailbox) {
  std::vector<std::string> tokens;
  if (mailbox.display.empty()) {
    tokens.push_back(mailbox.address);
    return tokens;
  }
  if (printable_ascii(mailbox.display) && mailbox.display.size() <= 60 &&
      mailbox.display.find("=?") == std::string::npos) {
    tokens.push_back("\"" + mailbox.display + "\"");  // '"' and '\' were refused
  } else {
    tokens = encoded_words(mailbox.display);
  }
  tokens.push_back("<" + mailbox.address + ">");
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// The message

std::string rfc5322_date(std::chrono::system_clock::time_point now) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday % 7], utc.tm_mday,
                kMonths[utc.tm_mon % 12], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buffer;
}

std::string random_hex(std::size_t words) {
  static thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t n = generator();
    for (int k = 0; k < 16; ++k, n >>= 4) out += kHex[n & 0xF];
  }
  return out;
}

Status check_text(std::string_view text, const char* field) {
  if (!utf8_length(text)) return validation("notify.invalid_text", field, std::string(field) + " is not UTF-8");
  return {};
}

const char* const kTextPart = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n";
const char* const kHtmlPart = "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n";

}  // namespace

Result<ComposedMail> compose_mail(const std::string& from, const Mail& mail,
                                  std::chrono::system_clock::time_point now) {
  auto sender = parse_mailbox(from, "from");
  if (!sender) return std::move(sender).error();
  if (mail.to.empty()) return validation("notify.no_recipients", "to", "a mail needs at least one recipient");
  std::vector<Mailbox> recipients;
  for (std::size_t i = 0; i < mail.to.size(); ++i) {
    auto recipient = parse_mailbox(mail.to[i], "to[" + std::to_string(i) + "]");
    if (!recipient) return std::move(recipient).error();
    recipients.push_back(std::move(recipient).value());
  }
  for (unsigned char c : mail.subject) {
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      return validation("notify.invalid_subject", "subject", "the subject holds a control character (CR, LF, …)");
    }
  }
  if (!utf8_length(mail.subject)) return validation("notify.invalid_subject", "subject", "the subject is not UTF-8");
  if (auto ok = check_text(mail.text, "text"); !ok) return std::move(ok).error();
  if (mail.html) {
    if (auto ok = check_text(*mail.html, "html"); !ok) return std::move(ok).error();
  }

  ComposedMail out;
  out.envelope_from = sender->address;
  for (const Mailbox& recipient : recipients) out.envelope_to.push_back(recipient.address);
  out.message_id = "<" + random_hex(2) + "." + std::to_string(std::chrono::system_clock::to_time_t(now)) + "@" +
                   sender->address.substr(sender->address.find('@') + 1) + ">";

  std::string& data = out.data;
  data += "Date: " + rfc5322_date(now) + "\r\n";
  {
    HeaderField field("From");
    for (const std::string& token : mailbox_tokens(*sender)) field.token(token);
    data += std::move(field).finish();
  }
  {
    HeaderField field("To");
    for (std::size_t i = 0; i < recipients.size(); ++i) {
      std::vector<std::string> tokens = mailbox_tokens(recipients[i]);
      if (i + 1 < recipients.size()) tokens.back() += ',';
      for (const std::string& token : tokens) field.token(token);
    }
    data += std::move(field).finish();
  }
  {
    HeaderField field("Subject");
    if (printable_ascii(mail.subject) && mail.subject.find("=?") == std::string::npos &&
        mail.subject.size() + 9 <= kMaxLine && trim(mail.subject) == mail.subject) {
      if (!mail.subject.empty()) field.token(mail.subject);
    } else {
      for (const std::string& word : encoded_words(mail.subject)) field.token(word);
    }
    data += std::move(field).finish();
  }
  data += "Message-ID: " + out.message_id + "\r\n";
  data += "MIME-Version: 1.0\r\n";
  data += "Auto-Submitted: auto-generated\r\n";
  if (!mail.html) {
    data += kTextPart;
    data += "\r\n";
    data += base64_body(mail.text);
  } else {
    // "=_" never occurs in base64 text, so the boundary cannot appear inside a part.
    const std::string boundary = "=_verp_" + random_hex(1);
    data += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
    data += "\r\n";
    data += "--" + boundary + "\r\n" + kTextPart + "\r\n" + base64_body(mail.text);
    data += "--" + boundary + "\r\n" + kHtmlPart + "\r\n" + base64_body(*mail.html);
    data += "--" + boundary + "--\r\n";
  }
  return out;
}

namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::copy_n(upload->data->data() + upload->offset, n, buffer);
  upload->offset += n;
  return n;
}

Error mail_failed(std::string detail, long smtp_code) {
  Error error = make_error(ErrorKind::unavailable, "notify.mail_failed", std::move(detail));
  if (smtp_code > 0) error.with_arg("smtp_code", std::to_string(smtp_code));
  return error;
}

}  // namespace

Result<std::string> send_mail(const MailServer& server, const Mail& mail) {
  if (!detail::url_has_scheme(server.url, {"smtp", "smtps"})) {
    return validation("notify.invalid_server", "url",
                      "the mail server URL must be smtp://host:port or smtps://host:port");
  }
  auto composed = compose_mail(server.from, mail, std::chrono::system_clock::now());
  if (!composed) return std::move(composed).error();

  detail::ensure_curl_global_init();
  detail::CurlEasy curl;
  if (curl.handle == nullptr) return mail_failed("curl_easy_init failed", 0);
  for (const std::string& recipient : composed->envelope_to) {
    if (!curl.append("<" + recipient + ">")) return mail_failed("curl_slist_append failed", 0);
  }
  const std::string mail_from = "<" + composed->envelope_from + ">";
  const long timeout_ms = static_cast<long>(std::max<std::int64_t>(1, server.timeout.count()) * 1000);
  Upload upload{&composed->data};

  CURL* h = curl.handle;
  curl_easy_setopt(h, CURLOPT_URL, server.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, curl.list);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(composed->data.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (server.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!server.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, server.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, server.password.c_str());
  }

  const CURLcode result = curl_easy_perform(h);
  long smtp_code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &smtp_code);
  if (result != CURLE_OK) {
    std::string text = "SMTP " + detail::redact_url(server.url) + ": " + curl_easy_strerror(result);
    if (curl.error[0] != '\0') text += std::string(" (") + curl.error + ")";
    if (smtp_code > 0) text += "; last SMTP reply " + std::to_string(smtp_code);
    return mail_failed(std::move(text), smtp_code);
  }
  return std::move(composed->message_id);
}

}  // namespace verp::notify
