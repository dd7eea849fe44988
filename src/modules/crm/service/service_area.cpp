#include "modules/crm/service/service.hpp"

namespace verp::crm {

Area service_area() { return Area{.entities = service_entities()}; }

}  // namespace verp::crm
