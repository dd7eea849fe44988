// Product recommendations (产品推荐) by item-to-item co-purchase: for the items a customer bought
// (or a quotation holds), the other customers who bought any of them, and what those customers
// bought besides, ranked by how many of them bought it. Only confirmed orders of the same company
// count; items the customer already bought (or the quotation already holds) are never offered.
#pragma once

#include <boost/json/object.hpp>

#include "platform/storage/connection.hpp"

namespace verp::crm {

// {"items":[{"item_id","code","name","customers","via_item_id","via_code","via_name","reason"}]}:
// `customers` is how many customers who share a purchase with this customer bought the item;
// `via_*` the item of theirs most of those customers also bought, named in `reason`
// ("7 位购买过 X 的客户也购买了此商品" / "bought by 7 customers who also bought X").
Result<boost::json::object> customer_recommendations(storage::Connection& c, std::int64_t company,
                                                     std::int64_t customer, std::size_t limit, std::string_view locale);
// The same for the items on the quotation's current revision (not already on it).
Result<boost::json::object> quotation_recommendations(storage::Connection& c, std::int64_t company,
                                                      std::int64_t quotation, std::size_t limit,
                                                      std::string_view locale);

}  // namespace verp::crm
