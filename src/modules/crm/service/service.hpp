// The service area (售后服务): tickets with their SLA deadlines, return visits (回访) and care plans.
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> service_entities();

}  // namespace verp::crm
