#include "modules/purchasing/purchasing_module.hpp"

#include "modules/purchasing/purchasing_checks.hpp"
#include "modules/purchasing/purchasing_http.hpp"
#include "modules/purchasing/requisitions.hpp"

namespace verp::purchasing {

namespace {

class PurchasingModule final : public Module {
 public:
  std::string_view name() const override { return "purchasing"; }
  std::vector<entity::EntitySpec> entities() const override {
    entity::ApprovalSpec approval;
    approval.facts = order_facts;
    approval.fact_names = {"over_budget"};
    return {purchase_order_entity(std::move(approval)), purchase_requisition_entity()};
  }
  std::vector<storage::TableDef> tables_after_entities() const override { return purchasing_tables(); }
  std::vector<Check> checks() const override { return purchasing_checks(); }

  void add_routes(http::Router& router, ModuleContext& context) override {
    if (context.entity_store == nullptr || context.entities == nullptr) return;
    const PurchasingHttp kit{
        .ledger = {.database = &context.database, .catalog = &context.catalog, .clock = &context.clock,
                   .files = &context.entity_store->files()},
        .store = context.entity_store,
        .spec = context.entities->find("purchase_order"),
        .requisition_spec = context.entities->find("purchase_requisition")};
    add_purchasing_routes(router, kit);
    add_purchasing_report_routes(router, kit);
  }
};

}  // namespace

std::unique_ptr<Module> make_purchasing_module() { return std::make_unique<PurchasingModule>(); }

}  // namespace verp::purchasing
