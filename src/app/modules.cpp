#include "app/modules.hpp"

#include "modules/audit/audit_module.hpp"
#include "modules/crm/crm_module.hpp"
#include "modules/finance/finance_module.hpp"
#include "modules/identity/identity_module.hpp"
#include "modules/inventory/inventory_module.hpp"
#include "modules/master_data/master_data_module.hpp"
#include "modules/notify/notify_module.hpp"
#include "modules/purchasing/purchasing_module.hpp"
#include "modules/sales/sales_module.hpp"
#include "modules/workflow/workflow_module.hpp"

namespace verp::app {

std::vector<std::unique_ptr<Module>> all_modules() {
  std::vector<std::unique_ptr<Module>> modules;
  modules.push_back(audit::make_audit_module());
  modules.push_back(identity::make_identity_module());
  modules.push_back(notify::make_notify_module());
  modules.push_back(master_data::make_master_data_module());
  modules.push_back(workflow::make_workflow_module());
  modules.push_back(finance::make_finance_module());
  modules.push_back(inventory::make_inventory_module());
  modules.push_back(purchasing::make_purchasing_module());
  modules.push_back(sales::make_sales_module());
  modules.push_back(crm::make_crm_module());
  return modules;
}

}  // namespace verp::app
