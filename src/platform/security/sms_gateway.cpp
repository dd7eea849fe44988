#include "platform/security/sms_gateway.hpp"

#include <curl/curl.h>

#include <mutex>

namespace verp::security {
namespace {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      static const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

Error unavailable(std::string detail) {
  return make_error(ErrorKind::unavailable, "security.sms_unavailable", std::move(detail));
}

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

class WebhookSmsGateway final : public SmsGateway {
 public:
  WebhookSmsGateway(std::string url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Status send(std::string_view to, std::string_view text, std::string_view purpose) override {
    if (url_.empty()) return unavailable("no SMS webhook configured (VERP_SMS_WEBHOOK)");
    const std::string body =
        "{\"to\":" + json_string(to) + ",\"text\":" + json_string(text) + ",\"purpose\":" + json_string(purpose) + "}";
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return unavailable("curl_easy_init failed");
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode result = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (result != CURLE_OK) return unavailable(std::string("SMS webhook: ") + curl_easy_strerror(result));
    if (status < 200 || status >= 300) return unavailable("SMS webhook answered HTTP " + std::to_string(status));
    return {};
  }

 private:
  std::string url_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<SmsGateway> make_webhook_sms_gateway(std::string url, std::chrono::milliseconds timeout) {
  return std::make_unique<WebhookSmsGateway>(std::move(url), timeout);
}

}  // namespace verp::security
