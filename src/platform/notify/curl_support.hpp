// Internal to verp_notify: libcurl set-up shared by mail.cpp and webhook.cpp.
#pragma once

#include <curl/curl.h>

#include <cctype>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>

namespace verp::notify::detail {

// curl_global_init exactly once per process, whichever thread gets here first. (It is reference
// counted, so another library's own call — security's SMS gateway — does no harm.)
inline void ensure_curl_global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Owns one easy handle and the lists attached to it.
struct CurlEasy {
  CURL* handle = curl_easy_init();
  curl_slist* list = nullptr;  // headers (HTTP) or recipients (SMTP)
  char error[CURL_ERROR_SIZE] = {};

  CurlEasy() {
    if (handle != nullptr) curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  }
  ~CurlEasy() {
    if (list != nullptr) curl_slist_free_all(list);
    if (handle != nullptr) curl_easy_cleanup(handle);
  }
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  // False when curl could not allocate the entry.
  bool append(const std::string& item) {
    curl_slist* grown = curl_slist_append(list, item.c_str());
    if (grown == nullptr) return false;
    list = grown;
    return true;
  }
};

// The URL for error details and logs: without user information ("user:secret@") and with any
// query or fragment (a robot's access key often travels there) replaced by "?...".
inline std::string redact_url(std::string_view url) {
  std::string_view kept = url.substr(0, url.find_first_of("?#"));
  const bool cut = kept.size() < url.size();
  std::string out(kept);
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority = scheme_end + 3;
    const auto at = out.substr(0, out.find('/', authority)).rfind('@');
    if (at != std::string::npos && at >= authority) out.erase(authority, at + 1 - authority);
  }
  return cut ? out + "?..." : out;
}

// True when `url` starts with one of the schemes (case-insensitively), has a host after it and
// holds no whitespace or control characters.
inline bool url_has_scheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F) return false;
  }
  for (std::string_view scheme : schemes) {
    const std::string prefix = std::string(scheme) + "://";
    if (url.size() <= prefix.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < prefix.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(url[i])) == prefix[i];
    }
    if (!same) continue;
    const char first = url[prefix.size()];
    return first != '/' && first != '?' && first != '#';
  }
  return false;
}

}  // namespace verp::notify::detail
