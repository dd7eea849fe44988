// The service area's HTTP routes (ticket_routes.cpp lists them).
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm::service {

void add_ticket_routes(http::Router& router, const CrmKit& kit);
void add_return_visit_routes(http::Router& router, const CrmKit& kit);

}  // namespace verp::crm::service
