// Stock alerts (库存预警): the daily job that tells the warehouse about lots with stock that
// expire soon (`inventory.lot_expiring`) and about items that fell below their minimum or rose
// above their maximum (`inventory.reorder_alert`, reorder.hpp).
//
// Who hears: the active members of the company whose roles grant `stock` `update` (or a
// wildcard), i.e. the warehouse role template's holders and administrators.
//
// Told once: each situation is a row of `stock_alerts` (company, kind, subject) written in the
// same transaction as its notifications; it is told only when the row is new, and the row is
// removed when the situation clears (the lot has no stock left; the item is back between its
// levels), so that it is told again if it comes back. A situation is not recorded while the
// company has nobody to tell. Safe to run on several nodes at once: the insert of the row is the
// claim.
#pragma once

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/storage/database.hpp"
#include "platform/storage/schema.hpp"

namespace verp::inventory {

// Lots expiring within this many days (or already expired) with stock are announced. One value
// for every company today; a per-company setting can replace it later.
inline constexpr int kExpiryWarningDays = 30;

struct AlertRun {
  int lots_expiring = 0;  // lots newly announced
  int below_minimum = 0;  // rules or items newly below their minimum or safety stock
  int above_maximum = 0;  // newly overstocked
  int cleared = 0;        // situations that ended
};

// Looks at every active company and tells what is new. The scheduler runs it daily
// ("inventory.stock_alerts", 07:00 China time). Errors: storage errors (each company is one
// transaction; companies done before an error keep their alerts).
Result<AlertRun> send_stock_alerts(storage::Database& database, const Clock& clock);

std::vector<storage::TableDef> stock_alert_tables();

}  // namespace verp::inventory
