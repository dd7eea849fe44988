// The pipeline area's declaration: its entities and tables, routes, jobs and the follow-ups on
// the customer's timeline.
#include "modules/crm/pipeline/pipeline.hpp"

namespace verp::crm {

namespace {

std::vector<ScheduledJob> pipeline_jobs(const CrmKit& kit) {
  const CrmKit* k = &kit;
  return {
      // Promised follow-ups not kept: told to their owner each morning at 08:00 China time.
      ScheduledJob{.name = "crm.follow_ups",
                   .cron = "0 8 * * *",
                   .run = [k]() -> Result<std::string> {
                     auto run = remind_overdue_follow_ups(*k->http.database, *k->http.clock);
                     if (!run) return run.error();
                     return std::to_string(run->overdue) + " overdue follow-ups told";
                   }},
      // Leads made by an import have no number yet: they get theirs within minutes.
      ScheduledJob{.name = "crm.lead_numbers",
                   .cron = "*/5 * * * *",
                   .run = [k]() -> Result<std::string> {
                     auto numbered = number_all_new_leads(*k);
                     if (!numbered) return numbered.error();
                     return std::to_string(*numbered) + " leads numbered";
                   }},
  };
}

}  // namespace

Area pipeline_area() {
  return Area{.entities = pipeline_entities(),
              .tables = pipeline_tables(),
              .add_routes = add_pipeline_routes,
              .jobs = pipeline_jobs,
              .timeline = follow_up_timeline()};
}

}  // namespace verp::crm
