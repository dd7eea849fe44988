#include "platform/notify/webhook.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>

#include "platform/notify/curl_support.hpp"

namespace verp::notify {
namespace {

constexpr std::size_t kAnswerKept = 300;  // bytes of a failed answer copied into the detail

Error webhook_failed(std::string detail) {
  return make_error(ErrorKind::unavailable, "notify.webhook_failed", std::move(detail));
}

Error invalid(std::string message_id, std::string field, std::string detail) {
  Error error = make_error(ErrorKind::validation, std::move(message_id), std::move(detail));
  error.field = std::move(field);
  return error;
}

// RFC 9110 §5.6.2: a header name is a token.
bool token(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

bool field_value(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\t') || u == 0x7F;
  });
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Keeps the first bytes of the answer, for the detail of a failure.
size_t keep_start(char* data, size_t size, size_t count, void* user) {
  auto* answer = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (answer->size() < kAnswerKept) answer->append(data, std::min(n, kAnswerKept - answer->size()));
  return n;
}

// The answer's start on one line, control characters shown as spaces.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return text;
}

}  // namespace

Result<int> post_json(const std::string& url, const std::string& json_body, std::chrono::seconds timeout,
                      const std::vector<std::pair<std::string, std::string>>& headers) {
  if (!detail::url_has_scheme(url, {"http", "https"})) {
    return invalid("notify.invalid_url", "url", "a webhook URL must be http://… or https://…");
  }
  bool has_content_type = false;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto& [name, value] = headers[i];
    if (!token(name) || !field_value(value)) {
      return invalid("notify.invalid_header", "headers[" + std::to_string(i) + "]",
                     "a header name must be a token and its value must hold no CR, LF or other control character");
    }
    has_content_type = has_content_type || same_name(name, "Content-Type");
  }

  detail::ensure_curl_global_init();
  detail::CurlEasy curl;
  if (curl.handle == nullptr) return webhook_failed("curl_easy_init failed");
  bool listed = has_content_type || curl.append("Content-Type: application/json");
  listed = listed && curl.append("Expect:");  // no 100-continue round trip for larger bodies
  for (const auto& [name, value] : headers) {
    // "Name;" is curl's spelling of a header with an empty value ("Name:" would remove it).
    listed = listed && curl.append(value.empty() ? name + ";" : name + ": " + value);
  }
  if (!listed) return webhook_failed("curl_slist_append failed");

  std::string answer;
  const long timeout_ms = static_cast<long>(std::max<std::int64_t>(1, timeout.count()) * 1000);
  CURL* h = curl.handle;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, curl.list);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, json_body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json_body.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_start);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);

  const CURLcode result = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  const std::string where = "webhook " + detail::redact_url(url) + ": ";
  if (result != CURLE_OK) {
    std::string text = where + curl_easy_strerror(result);
    if (curl.error[0] != '\0') text += std::string(" (") + curl.error + ")";
    return webhook_failed(std::move(text));
  }
  if (status < 200 || status >= 300) {
    std::string text = where + "HTTP " + std::to_string(status);
    if (!answer.empty()) text += ": " + one_line(std::move(answer));
    Error error = webhook_failed(std::move(text));
    error.with_arg("http_status", std::to_string(status));
    return error;
  }
  return static_cast<int>(status);
}

}  // namespace verp::notify
