#include "modules/finance/finance_module.hpp"

#include <boost/json.hpp>
#include <map>

#include "modules/finance/finance_routes.hpp"
#include "modules/finance/ledger.hpp"
#include "modules/finance/budgets.hpp"
#include "modules/finance/invoices.hpp"
#include "modules/finance/open_items.hpp"
#include "modules/finance/posting.hpp"
#include "modules/finance/voucher_files.hpp"
#include "modules/finance/standard_chart.hpp"
#include "platform/entity/store.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::finance {

Result<SeedReport> seed_standard_chart(storage::Connection& c, const entity::EntityStore& store,
                                       const security::Principal& principal, const entity::Caller& caller) {
  const entity::EntitySpec* spec = store.registry().find("account");
  if (spec == nullptr) return make_error(ErrorKind::internal, "finance.no_accounts");
  auto rows = c.query("SELECT code, id FROM accounts WHERE company_id = $1", {principal.company_id});
  if (!rows) return rows.error();
  std::map<std::string, std::int64_t, std::less<>> by_code;
  for (const auto& row : *rows) by_code.emplace(row.text(0).value_or(""), row.int64(1).value_or(0));
  SeedReport report;
  for (const StandardAccount& account : standard_chart()) {
    if (by_code.contains(account.code)) {
      ++report.kept;
      continue;
    }
    boost::json::object body{{"code", account.code},        {"name", account.zh},
                             {"name_en", account.en},        {"category", account.category},
                             {"direction", account.direction}, {"is_cash", account.cash}};
    if (account.code.size() > 4) {
      const auto parent = by_code.find(account.code.substr(0, account.code.size() - 2));
      if (parent != by_code.end()) body["parent_id"] = parent->second;
    }
    for (std::string_view rest = account.auxiliary; !rest.empty();) {
      const auto comma = rest.find(',');
      body["aux_" + std::string(rest.substr(0, comma))] = true;
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    // The standard names are the duplicate check's business only for hand-made accounts.
    auto created = store.create_in(c, *spec, principal, body, true, caller);
    if (!created) return created.error();
    by_code.emplace(std::string(account.code), created->record->id);
    ++report.created;
  }
  return report;
}

namespace {

class FinanceModule final : public Module {
 public:
  std::string_view name() const override { return "finance"; }
  std::vector<entity::EntitySpec> entities() const override { return {account_entity(), project_entity(), posting_rule_entity()}; }
  std::vector<storage::TableDef> tables_after_entities() const override {
    auto tables = ledger_tables();
    for (auto& table : open_item_tables()) tables.push_back(std::move(table));
    for (auto& table : budget_tables()) tables.push_back(std::move(table));
    for (auto& table : voucher_file_tables()) tables.push_back(std::move(table));
    for (auto& table : invoice_tables()) tables.push_back(std::move(table));
    return tables;
  }
  std::vector<Check> checks() const override {
    auto checks = ledger_checks();
    for (auto& check : open_item_checks()) checks.push_back(std::move(check));
    return checks;
  }

  void add_routes(http::Router& router, ModuleContext& context) override {
    const entity::EntityStore* store = context.entity_store;
    storage::Database* database = &context.database;
    const i18n::Catalog* catalog = &context.catalog;
    if (store == nullptr) return;
    router.post("/api/v1/accounts/standard-chart", [=](http::Request& request) {
      const entity::Caller caller{request.remote_address, request.request_id};
      auto seeded = database->write(
          [&](storage::Connection& c) { return seed_standard_chart(c, *store, *request.principal, caller); });
      if (!seeded) return http::problem_response(seeded.error(), request, *catalog);
      return http::json_response(200, boost::json::object{{"created", seeded->created}, {"kept", seeded->kept}});
    }, {.access = http::Access::permission("account", "create"),
        .openapi = R"({"summary":"Add the standard Chinese chart of accounts (企业会计准则) the company lacks","tags":["Account"]})"});
    add_ledger_routes(router, context);
  }
};

}  // namespace

std::unique_ptr<Module> make_finance_module() { return std::make_unique<FinanceModule>(); }

}  // namespace verp::finance
