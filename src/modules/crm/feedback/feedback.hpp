// The feedback area (客户反馈与满意度): surveys designed by an administrator, answered through a
// public link, and their results.
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> feedback_entities();

}  // namespace verp::crm
