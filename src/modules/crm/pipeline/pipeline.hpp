// The pipeline area (销售机会): leads, the stages of a company's pipeline, opportunities and the
// follow-ups (跟进记录) recorded on any of them.
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> pipeline_entities();

}  // namespace verp::crm
