// What other modules use to tell people something: an in-app notification, written in the
// caller's transaction so it exists exactly when the change that caused it commits. The
// notification centre (GET /api/v1/notifications) shows it to its user; the same transaction
// queues its e-mail, SMS and WeChat deliveries as the user's preferences ask (delivery.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/storage/connection.hpp"

namespace verp::notify {

struct Notification {
  std::int64_t user_id = 0;
  std::optional<std::int64_t> company_id;
  std::string kind;   // what happened, e.g. "job.succeeded", "task.reminder"; users filter by it
  std::string title;  // in zh-CN, as the notification centre shows it
  std::string body;
  std::string entity;  // what it is about, e.g. "customer" (empty: nothing)
  std::optional<std::int64_t> record_id;
  // The title as a message id with its arguments, so e-mail, SMS and WeChat can speak the
  // recipient's language; the arguments are also the placeholders of templates ({title}, {due}).
  std::string title_id;
  std::vector<MessageArg> args;
};

// A message to someone who is not a user of verp — a customer's contact reached by a campaign or
// a survey invitation: queued in the caller's transaction (so it exists exactly when the change
// that caused it commits) and sent by deliver_due() through the company's sender for the
// channel, with the same claims, retries and back-off as a notification's deliveries. The caller
// renders the text and honours the recipient's opt-out.
struct OutboundMessage {
  std::int64_t company_id = 0;
  std::string channel;    // "email", "sms" or "wechat"
  std::string recipient;  // an e-mail address; a mobile number for SMS and WeChat
  std::string subject;    // e-mail only
  std::string body;
  std::string html;     // e-mail only: an HTML alternative of body (multipart/alternative); may be empty
  std::string purpose;  // what it is for ("campaign", "survey"); the text relay's purpose field
};

// Returns the message's id, to follow its state (message_state). Errors: validation
// "notify.invalid_message" (no company, unknown channel, an empty recipient or body, a body over
// 20,000 characters), storage errors. Whether the company has a sender for the channel is found
// when it is sent: a message without one fails for good, visibly.
Result<std::int64_t> queue_message(storage::Connection& connection, const Clock& clock, const OutboundMessage& message);

// Where a queued message is: "pending", "sending", "sent" or "failed" (with when it was sent).
struct MessageState {
  std::string state;
  std::optional<storage::Timestamp> sent_at;
};
Result<MessageState> message_state(storage::Connection& connection, std::int64_t message_id);

// Stores a notification for its user. Errors: validation "notification.invalid" (no user, kind or
// title; text over 200/2000 characters), storage errors.
Result<std::int64_t> notify(storage::Connection& connection, const Clock& clock, const Notification& notification);

}  // namespace verp::notify
