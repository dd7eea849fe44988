#include "modules/inventory/inventory_module.hpp"

#include "modules/finance/finance_routes.hpp"
#include "modules/inventory/inventory_http.hpp"
#include "modules/inventory/reorder.hpp"
#include "modules/inventory/stock_alerts.hpp"
#include "modules/inventory/stock_checks.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/inventory/stocktake.hpp"
#include "platform/entity/store.hpp"

namespace verp::inventory {

namespace {

std::vector<storage::TableDef> settings_tables() {
  return {storage::TableDef{
      .name = "inventory_settings",
      .columns = {storage::Column{.name = "company_id", .type = storage::ColumnType::int64, .not_null = true,
                                  .references = storage::Reference{.table = "companies"}},
                  storage::Column{.name = "valuation_posting", .type = storage::ColumnType::text, .not_null = true}},
      .primary_key = {"company_id"}}};
}

class InventoryModule final : public Module {
 public:
  std::string_view name() const override { return "inventory"; }
  std::vector<storage::TableDef> tables_after_entities() const override {
    auto tables = stock_tables();
    for (auto& table : settings_tables()) tables.push_back(std::move(table));
    for (auto& table : stocktake_tables()) tables.push_back(std::move(table));
    for (auto& table : stock_alert_tables()) tables.push_back(std::move(table));
    return tables;
  }
  std::vector<entity::EntitySpec> entities() const override { return {reorder_rule_entity()}; }
  std::vector<Check> checks() const override { return stock_checks(); }

  void add_routes(http::Router& router, ModuleContext& context) override {
    const LedgerHttp kit{.database = &context.database, .catalog = &context.catalog, .clock = &context.clock,
                         .files = context.entity_store != nullptr ? &context.entity_store->files() : nullptr};
    add_stock_document_routes(router, kit);
    add_stocktake_routes(router, kit);
    add_stock_query_routes(router, kit);
  }
};

}  // namespace

std::unique_ptr<Module> make_inventory_module() { return std::make_unique<InventoryModule>(); }

}  // namespace verp::inventory
