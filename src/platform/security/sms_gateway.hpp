// SmsGateway: sends one-time codes by text message. verp talks to SMS providers through an
// HTTP webhook the operator configures (VERP_SMS_WEBHOOK), so any provider — or a relay in
// front of several — plugs in without code: verp POSTs
//   {"to": "+8613800138000", "text": "…", "purpose": "sign_in"}
// as application/json and treats any 2xx answer as sent. Tests point the webhook at a stub
// server on 127.0.0.1.
//
// send() blocks for at most the timeout; call it after the transaction that stored the code
// has committed, never inside it. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "platform/base/result.hpp"

namespace verp::security {

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // Errors: ErrorKind::unavailable "security.sms_unavailable" (not configured, unreachable,
  // non-2xx answer).
  virtual Status send(std::string_view to, std::string_view text, std::string_view purpose) = 0;
};

// An empty URL gives a gateway that refuses every send (SMS not configured).
std::unique_ptr<SmsGateway> make_webhook_sms_gateway(std::string url,
                                                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace verp::security
