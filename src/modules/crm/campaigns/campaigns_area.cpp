#include "modules/crm/campaigns/campaigns.hpp"

namespace verp::crm {

Area campaigns_area() { return Area{.entities = campaign_entities()}; }

}  // namespace verp::crm
