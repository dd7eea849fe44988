#include "modules/crm/campaigns/campaigns.hpp"

namespace verp::crm {

Area campaigns_area() {
  // The segment rule reads the customer entity from the registry, which exists once the module's
  // routes are added; until then it holds null.
  auto registry = std::make_shared<const entity::Registry*>(nullptr);
  return Area{.entities = campaign_entities(registry),
              .tables = campaign_tables(),
              .add_routes =
                  [registry](http::Router& router, const CrmKit& kit) {
                    *registry = kit.entities;
                    add_segment_routes(router, kit);
                    add_campaign_routes(router, kit);
                    add_campaign_result_routes(router, kit);
                    add_tracking_routes(router, kit);
                  },
              .jobs =
                  [](const CrmKit& kit) {
                    const CrmKit* held = &kit;
                    return std::vector<ScheduledJob>{ScheduledJob{
                        .name = "crm.campaigns", .cron = "* * * * *", .run = [held]() -> Result<std::string> {
                          auto run = send_due_campaigns(*held);
                          if (!run) return run.error();
                          return "{\"campaigns\":" + std::to_string(run->campaigns) +
                                 ",\"messages\":" + std::to_string(run->messages) + "}";
                        }}};
                  },
              .timeline = campaign_timeline};
}

}  // namespace verp::crm
