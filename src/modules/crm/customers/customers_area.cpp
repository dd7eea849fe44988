#include "modules/crm/customers/customers.hpp"

namespace verp::crm {

Area customers_area() { return Area{.entities = customer_entities()}; }

}  // namespace verp::crm
