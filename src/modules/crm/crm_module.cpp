#include "modules/crm/crm_module.hpp"

#include <stdexcept>

#include "modules/crm/area.hpp"

namespace verp::crm {

const entity::EntitySpec& CrmKit::spec(std::string_view entity_name) const {
  const entity::EntitySpec* found = entities != nullptr ? entities->find(entity_name) : nullptr;
  // Every name asked for is one the CRM module or a module before it declares: a miss is a
  // programming error found by the first test that starts the application.
  if (found == nullptr) throw std::logic_error("crm: no entity " + std::string(entity_name));
  return *found;
}

namespace {

// In this order: an area may link to the entities of the areas before it (a lead to its
// campaign, a ticket to a contact, a survey answer to the ticket it opened).
std::vector<Area> areas() {
  std::vector<Area> all;
  all.push_back(customers_area());
  all.push_back(campaigns_area());
  all.push_back(pipeline_area());
  all.push_back(service_area());
  all.push_back(feedback_area());
  return all;
}

class CrmModule final : public Module {
 public:
  CrmModule() : areas_(areas()) {}

  std::string_view name() const override { return "crm"; }

  std::vector<entity::EntitySpec> entities() const override {
    std::vector<entity::EntitySpec> all;
    for (const Area& area : areas_) all.insert(all.end(), area.entities.begin(), area.entities.end());
    return all;
  }

  std::vector<storage::TableDef> tables_after_entities() const override {
    std::vector<storage::TableDef> all;
    for (const Area& area : areas_) all.insert(all.end(), area.tables.begin(), area.tables.end());
    return all;
  }

  std::vector<Check> checks() const override {
    std::vector<Check> all;
    for (const Area& area : areas_) all.insert(all.end(), area.checks.begin(), area.checks.end());
    return all;
  }

  void add_routes(http::Router& router, ModuleContext& context) override {
    if (context.entity_store == nullptr || context.entities == nullptr) return;
    kit_ = CrmKit{.http = {.database = &context.database, .catalog = &context.catalog, .clock = &context.clock,
                           .files = &context.entity_store->files()},
                  .store = context.entity_store,
                  .entities = context.entities};
    kit_->public_url = context.public_url;
    for (const Area& area : areas_) {
      if (area.timeline) kit_->timelines.push_back(area.timeline);
    }
    for (const Area& area : areas_) {
      if (area.add_routes) area.add_routes(router, *kit_);
    }
  }

  std::vector<ScheduledJob> scheduled_jobs(ModuleContext&) const override {
    std::vector<ScheduledJob> all;
    if (!kit_) return all;  // no routes, no store: nothing to run jobs with
    for (const Area& area : areas_) {
      if (!area.jobs) continue;
      auto jobs = area.jobs(*kit_);
      all.insert(all.end(), std::make_move_iterator(jobs.begin()), std::make_move_iterator(jobs.end()));
    }
    return all;
  }

 private:
  std::vector<Area> areas_;
  std::optional<CrmKit> kit_;  // set by add_routes; jobs keep a pointer to it
};

}  // namespace

std::unique_ptr<Module> make_crm_module() { return std::make_unique<CrmModule>(); }

}  // namespace verp::crm
