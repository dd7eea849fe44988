// What the stocktake files share; not part of the module's API.
#pragma once

#include <boost/json/object.hpp>

#include "modules/inventory/stocktake.hpp"

namespace verp::inventory {

struct StocktakeHeader {
  std::int64_t id = 0;
  std::string number;
  std::int64_t warehouse_id = 0;
  bool blind = false;
  std::vector<std::int64_t> location_ids;  // empty: the whole warehouse
  std::string state;
  storage::Date date;
};

// Book quantities and differences are shown unless a blind count is still counting (STK-003).
inline bool book_visible(bool blind, std::string_view state) { return !blind || state != "counting"; }

// The stored list of counted locations, "3,5", as ids.
std::vector<std::int64_t> location_list(std::string_view text);

Result<std::optional<StocktakeHeader>> load_stocktake(storage::Connection& c, std::int64_t company, std::int64_t id);

// Takes the stocktake for a change allowed in one of `states`: its row is updated first, which
// makes concurrent changes of one stocktake wait for each other. Errors: not_found;
// invalid_transition `wrong_state_message` with the state as argument.
Result<StocktakeHeader> claim_stocktake(storage::Connection& c, std::int64_t company, std::int64_t id,
                                        const std::vector<std::string_view>& states,
                                        std::string_view wrong_state_message = "stocktake.wrong_state");

// The audit entry and the live event of a change.
Status record_stocktake(storage::Connection& c, const Actor& actor, std::int64_t id, std::string action,
                        const boost::json::object& change, std::string event_action = "updated");

// What the current book holds at one place (0 when the place never had stock).
Result<Qty> book_now(storage::Connection& c, std::int64_t company, std::int64_t warehouse, std::int64_t item,
                     std::int64_t location, std::int64_t lot);

// The value of `difference` units of an item whose company holds `held` units worth `value`: their
// share at the moving average, else at the item's standard cost; what posting will book for it.
Result<Cents> value_of_difference(Qty difference, Qty held, Cents value, const std::optional<Decimal>& standard_cost);

}  // namespace verp::inventory
