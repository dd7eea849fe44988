// Each user's choice of channels per kind of notification, and the language their e-mails and
// text messages speak. Only departures from the defaults (event_types.hpp) are stored.
//   GET /api/v1/notification-preferences   {"locale", "email", "phone", "types": [{kind, label,
//                                           channels: {email, sms, wechat}}]}
//   PUT /api/v1/notification-preferences   {"locale"?, "types"?: {kind: {channel: bool}}}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "modules/notify/event_types.hpp"
#include "platform/base/clock.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/storage/database.hpp"

namespace verp::notify {

struct Wanted {
  std::string locale = "zh-CN";
  std::vector<Channel> channels;  // external channels the user wants for the kind
};

Result<Wanted> wanted_channels(storage::Connection& connection, std::int64_t user_id, std::string_view kind);

std::vector<storage::TableDef> preference_tables();

void add_preference_routes(http::Router& router, storage::Database& database, const Clock& clock,
                           const i18n::Catalog& catalog);

}  // namespace verp::notify
