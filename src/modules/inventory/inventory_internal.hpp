// Helpers the inventory files share; not part of the module's API.
#pragma once

#include "modules/inventory/stock_ledger.hpp"

namespace verp::inventory {

// Takes move.consume_reserved off the move's reservation (never below zero: a reservation
// cannot be consumed twice). Errors: conflict "inventory.reservation_exhausted".
Status consume_reservation(storage::Connection& c, std::int64_t company, const MoveInput& move);

}  // namespace verp::inventory
