// Care plans (客户关怀): the daily job crm.care_plans (00:10 China time) turns each active plan
// into tasks for the customer's owner (the customer record's owner_id):
//  - birthday_greeting: a task "送上生日祝福" for every contact of the plan's customers whose
//    birthday is today in China (29 February: on 28 February in other years);
//  - periodic_visit: a task to visit a customer when their last follow-up (any kind) or done
//    return visit — or, with none, their creation — is interval_days or more ago.
// The plan's customers: its customer, else every customer (of its grade, when set). Each
// occurrence (plan, contact or customer, the birthday or the day the visit fell due) is claimed
// in care_plan_claims before its task is made, so the job gives each once, on any number of
// nodes and however often it runs; a visit falls due again only after a newer follow-up.
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm::service {

struct CareRun {
  int greetings = 0;
  int visits = 0;
};

Result<CareRun> run_care_plans(storage::Database& database, const CrmKit& kit, const Clock& clock);

}  // namespace verp::crm::service
