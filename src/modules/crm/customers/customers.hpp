// The customers area: contacts, addresses (and, as they arrive, grades, lifecycle, the 360° view
// and recommendations).
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> customer_entities();

}  // namespace verp::crm
