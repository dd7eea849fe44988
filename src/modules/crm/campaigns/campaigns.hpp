// The campaigns area (营销活动): saved customer segments (dynamic filters) and campaigns that
// reach a segment through e-mail, SMS or WeChat.
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> campaign_entities();

}  // namespace verp::crm
