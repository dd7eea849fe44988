// The notification centre: in-app notifications per user, read/unread, over HTTP.
//   GET  /api/v1/notifications[?unread=true&limit=&before=]   newest first, with unread_count
//   POST /api/v1/notifications/{id}/read
//   POST /api/v1/notifications/read-all
// A user sees only their own notifications, in the active company.
#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::notify {

std::unique_ptr<Module> make_notify_module();

}  // namespace verp::notify
