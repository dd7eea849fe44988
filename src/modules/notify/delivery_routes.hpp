// The administrators' view of e-mail, SMS and WeChat deliveries (delivery_routes.cpp).
#pragma once

#include "platform/base/clock.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/storage/database.hpp"

namespace verp::notify {

void add_delivery_routes(http::Router& router, storage::Database& database, const Clock& clock,
                         const i18n::Catalog& catalog);

}  // namespace verp::notify
