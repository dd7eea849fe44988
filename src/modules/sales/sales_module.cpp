#include "modules/sales/sales_module.hpp"

#include "modules/sales/quotations.hpp"
#include "modules/sales/sales_checks.hpp"
#include "modules/sales/sales_http.hpp"

namespace verp::sales {

namespace {

class SalesModule final : public Module {
 public:
  std::string_view name() const override { return "sales"; }
  std::vector<entity::EntitySpec> entities() const override {
    entity::ApprovalSpec approval;
    // The approval engine asks before any route exists; the clock arrives with add_routes.
    approval.facts = [this](storage::Connection& c, const entity::Record& order) {
      return order_facts(c, order, clock());
    };
    approval.fact_names = {"over_credit_limit", "overdue", "credit_blocked", "credit_exposure"};
    approval.decided = [this](storage::Connection& c, const entity::Record& order, std::string_view outcome) {
      return order_decided(c, order, outcome, clock());
    };
    // The quotation first: an order links to the quotation it came from.
    return {quotation_entity(), sales_order_entity(std::move(approval)), price_list_entity(), price_list_item_entity()};
  }
  std::vector<storage::TableDef> tables_after_entities() const override {
    auto tables = sales_tables();
    tables.push_back(quotation_line_table());
    return tables;
  }
  std::vector<Check> checks() const override { return sales_checks(); }

  void add_routes(http::Router& router, ModuleContext& context) override {
    clock_ = &context.clock;
    if (context.entity_store == nullptr || context.entities == nullptr) return;
    const SalesHttp kit{
        .ledger = {.database = &context.database, .catalog = &context.catalog, .clock = &context.clock,
                   .files = &context.entity_store->files()},
        .store = context.entity_store,
        .spec = context.entities->find("sales_order"),
        .requisition_spec = context.entities->find("purchase_requisition")};
    add_sales_routes(router, kit);
    add_delivery_routes(router, kit);
    if (const auto* quotation = context.entities->find("quotation")) add_quotation_routes(router, kit, *quotation);
    add_sales_report_routes(router, kit);
  }

 private:
  const Clock& clock() const { return clock_ != nullptr ? *clock_ : SystemClock::instance(); }
  const Clock* clock_ = nullptr;
};

}  // namespace

std::unique_ptr<Module> make_sales_module() { return std::make_unique<SalesModule>(); }

}  // namespace verp::sales
