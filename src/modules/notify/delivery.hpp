// Notifications beyond the notification centre: e-mail (SMTP), SMS and WeChat (JSON webhooks).
//
// notify() queues one delivery per external channel the recipient wants for the kind
// (preferences, else the kind's defaults), has an address for (e-mail; phone for SMS and
// WeChat) and their company has configured (an active notification_channel record). The text
// is rendered then, in the recipient's language, from the company's notification_template for
// (kind, channel, language) or the built-in one, in the same transaction as the notification.
//
// deliver_due() sends what is due, outside any transaction: each delivery is claimed first
// (a conditional UPDATE, so several nodes may run it together), sent, then marked sent, or
// scheduled again with back-off (platform/notify/retry.hpp), or failed for good after
// kDefaultMaxAttempts or an error no retry can fix. A claim left by a process that died
// mid-send is taken back after 10 minutes. Administrators see and retry deliveries at
// /api/v1/notification-deliveries. The scheduler runs it every minute ("notify.deliver").
#pragma once

#include <cstdint>

#include "modules/notify/api.hpp"
#include "platform/base/clock.hpp"
#include "platform/entity/store.hpp"
#include "platform/storage/database.hpp"

namespace verp::notify {

// Queues the external deliveries of a stored notification (called by notify()).
Status queue_deliveries(storage::Connection& connection, const Clock& clock, std::int64_t notification_id,
                        const Notification& notification);

struct DeliveryRun {
  int sent = 0;
  int retrying = 0;  // failed this time, scheduled again
  int failed = 0;    // failed for good
};

Result<DeliveryRun> deliver_due(storage::Database& database, const entity::EntityStore& store, const Clock& clock);

entity::EntitySpec notification_channel_entity();
entity::EntitySpec notification_template_entity();
std::vector<storage::TableDef> delivery_tables();

}  // namespace verp::notify
