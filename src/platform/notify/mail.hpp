// send_mail: one e-mail through an SMTP server (libcurl's SMTP client).
//
//   notify::MailServer server{.url = "smtps://smtp.example.cn:465", .user = "erp", .password = "…",
//                             .from = "verp <erp@example.cn>"};
//   auto id = notify::send_mail(server, {.to = {"张三 <zhangsan@example.cn>"},
//                                        .subject = "采购订单 PO-2024-0012 待审批",
//                                        .text = "您好：\n有一张采购订单等待您审批。\n"});
//
// The message is a complete RFC 5322 / MIME message: Date (UTC), From, To, Subject (an RFC 2047
// UTF-8 base64 encoded-word whenever it is not short plain ASCII, so Chinese subjects survive),
// Message-ID, MIME-Version, Auto-Submitted: auto-generated (RFC 3834: no vacation replies), and a
// body of text/plain; charset=UTF-8 in base64 — or multipart/alternative (text, then html) when
// `html` is given. Every line ends in CRLF and no line is longer than 78 characters. The body
// bytes are sent exactly as given (base64 carries them untouched; no line-end conversion).
//
// Addresses are "addr@domain" or "Display Name <addr@domain>" (the name may be Chinese; it is
// encoded). Anything with a control character (CR, LF, …), quotes or angle brackets in the wrong
// place, a non-ASCII address, or an address that is not local@domain is refused before any
// connection is made, so header injection is impossible: every header value is either validated
// ASCII or an encoded-word.
//
// Errors (no exceptions):
//   ErrorKind::validation  "notify.invalid_address" (field "from" / "to[i]", arg address)
//                          "notify.no_recipients", "notify.invalid_subject", "notify.invalid_text",
//                          "notify.invalid_server" (the URL is not smtp:// or smtps://)
//   ErrorKind::unavailable "notify.mail_failed": the server could not be reached, refused the
//                          login, a recipient or the message; detail has curl's error text and
//                          the SMTP reply code, which is also the arg "smtp_code" when known
//                          (a 5xx code is a permanent refusal: RFC 5321 §4.2.1).
//
// send_mail blocks for at most `timeout` (connecting included). Call it outside any database
// transaction — from a job, after the commit. Thread-safe: each call has its own connection;
// curl_global_init runs once, under std::call_once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::notify {

struct MailServer {
  std::string url;                   // smtp://host:port (plain, or STARTTLS with `starttls`) or smtps://host:port (TLS)
  std::string user, password;        // empty user: no SMTP AUTH
  bool starttls = false;             // smtp:// only: require STARTTLS (fail if the server lacks it)
  std::chrono::seconds timeout{20};  // the whole exchange, connecting included
  std::string from;                  // "verp <erp@example.cn>" or "erp@example.cn"
};

struct Mail {
  std::vector<std::string> to;      // at least one; each "addr" or "Name <addr>"
  std::string subject;              // UTF-8, one line (no control characters but tab)
  std::string text;                 // UTF-8, the text/plain body
  std::optional<std::string> html;  // UTF-8; when given the mail is multipart/alternative
};

// Sends `mail` and returns its Message-ID as written in the header, angle brackets included:
// "<3f9c…@example.cn>" (for In-Reply-To / References and for logs).
Result<std::string> send_mail(const MailServer& server, const Mail& mail);

// What send_mail hands to the SMTP server, without sending it; exposed for tests and previews.
struct ComposedMail {
  std::string envelope_from;             // bare address, for MAIL FROM
  std::vector<std::string> envelope_to;  // bare addresses, for RCPT TO
  std::string message_id;                // "<…@domain>"
  std::string data;                      // the full RFC 5322 message, CRLF line ends
};

// The same validation as send_mail (validation errors only); `now` becomes the Date header.
Result<ComposedMail> compose_mail(const std::string& from, const Mail& mail, std::chrono::system_clock::time_point now);

}  // namespace verp::notify
