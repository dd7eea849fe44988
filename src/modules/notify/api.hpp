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

// Stores a notification for its user. Errors: validation "notification.invalid" (no user, kind or
// title; text over 200/2000 characters), storage errors.
Result<std::int64_t> notify(storage::Connection& connection, const Clock& clock, const Notification& notification);

}  // namespace verp::notify
