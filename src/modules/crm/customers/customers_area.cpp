#include "modules/crm/customers/customers.hpp"
#include "modules/crm/customers/grading.hpp"
#include "modules/inventory/stock_queries.hpp"

namespace verp::crm {

Area customers_area() {
  return Area{.entities = customer_entities(),
              .tables = customer_tables(),
              .add_routes = add_customer_routes,
              .jobs = [](const CrmKit& kit) {
                const Clock* clock = kit.http.clock;
                storage::Database* database = kit.http.database;
                // Nightly at 01:30 China time, before the working day's lists are read.
                return std::vector<ScheduledJob>{ScheduledJob{
                    .name = "crm.grades", .cron = "30 1 * * *", .run = [clock, database]() -> Result<std::string> {
                      return run_grading_job(*database, inventory::local_today(*clock),
                                             storage::Timestamp::from_system(clock->now()));
                    }}};
              }};
}

}  // namespace verp::crm
