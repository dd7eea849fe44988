// post_json: one JSON POST to a channel webhook (an SMS relay, a WeChat Work / DingTalk robot,
// any HTTP endpoint an operator configures).
//
//   auto status = notify::post_json("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
//                                   R"({"msgtype":"text","text":{"content":"库存低于安全库存"}})",
//                                   std::chrono::seconds(10));
//
// The body is sent as given with Content-Type: application/json (unless `headers` names its own
// Content-Type). Redirects are not followed; only http:// and https:// URLs are accepted (curl
// is restricted to those two protocols as well). https certificates are verified.
//
// Returns the HTTP status of a 2xx answer. Errors (no exceptions):
//   ErrorKind::validation  "notify.invalid_url"    (field "url": not http(s)://host…)
//                          "notify.invalid_header" (field "headers[i]": a bad name, or CR/LF or
//                                                   another control character in the value)
//   ErrorKind::unavailable "notify.webhook_failed" — no connection, a timeout, or a non-2xx
//                          answer; detail has curl's error text or "HTTP <status>: <start of the
//                          answer>", and a non-2xx status is also the arg "http_status".
// The URL in a detail has any user:password@ and its query (which may hold a robot's key)
// removed; still, details are for logs, never for clients.
//
// Blocks for at most `timeout`. Thread-safe; curl_global_init runs once under std::call_once.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::notify {

Result<int> post_json(const std::string& url, const std::string& json_body, std::chrono::seconds timeout,
                      const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace verp::notify
