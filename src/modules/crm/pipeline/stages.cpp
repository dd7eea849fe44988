// A company's pipeline stages: the entity opportunity_stage (configured through its generic CRUD),
// with the default six made the first time a company's pipeline is used.
#include <boost/json.hpp>

#include "modules/crm/pipeline/pipeline.hpp"

namespace verp::crm {

using storage::Connection;

namespace {

struct DefaultStage {
  const char* name;
  int position;
  const char* probability;
  const char* outcome;
};

// The steps most Chinese B2B sales go through; a company renames, adds or deactivates them.
constexpr DefaultStage kDefaultStages[] = {
    {"初步接洽", 10, "0.10", "open"}, {"需求确认", 20, "0.30", "open"}, {"方案报价", 30, "0.60", "open"},
    {"商务谈判", 40, "0.80", "open"}, {"赢单", 90, "1.00", "won"},     {"输单", 99, "0", "lost"}};

Status seed_stages(Connection& c, const CrmKit& kit, const security::Principal& who) {
  const std::int64_t company = who.company_id;
  auto has_stages = [&]() -> Result<bool> {
    auto any = c.query_row("SELECT 1 FROM opportunity_stages WHERE company_id = $1", {company});
    if (!any) return any.error();
    return any->has_value();
  };
  auto seeded = has_stages();
  if (!seeded) return seeded.error();
  if (*seeded) return {};  // a company that has stages, even all archived, chose them itself
  // Two first uses at once: the company's row, locked, lets one seed and the other find its
  // stages (SQLite has a single writer already).
  if (c.dialect() == storage::Dialect::postgres) {
    auto locked = c.query_row("SELECT id FROM companies WHERE id = $1 FOR UPDATE", {company});
    if (!locked) return locked.error();
    seeded = has_stages();
    if (!seeded) return seeded.error();
    if (*seeded) return {};
  }
  // The pipeline's own set-up on behalf of whoever first uses it (a salesperson may only read
  // stages): the history names them, the request id names the set-up.
  security::Principal setup = who;
  setup.grants = {{"opportunity_stage", "create", security::DataScope::company}};
  for (const DefaultStage& stage : kDefaultStages) {
    auto made = kit.store->create_in(c, kit.spec("opportunity_stage"), setup,
                                     boost::json::object{{"name", stage.name},
                                                         {"position", stage.position},
                                                         {"probability", stage.probability},
                                                         {"outcome", stage.outcome}},
                                     true, {"", "crm.default_stages"});
    if (!made) return made.error();
  }
  return {};
}

}  // namespace

Status ensure_stages(const CrmKit& kit, const security::Principal& who) {
  auto any = kit.http.database->read([&](Connection& c) -> Result<bool> {
    auto row = c.query_row("SELECT 1 FROM opportunity_stages WHERE company_id = $1", {who.company_id});
    if (!row) return row.error();
    return row->has_value();
  });
  if (!any) return any.error();
  if (*any) return {};
  return kit.http.database->write([&](Connection& c) { return seed_stages(c, kit, who); });
}

namespace {

Stage stage_from(const storage::Row& row) {
  return Stage{.id = row.int64(0).value_or(0),
               .name = row.text(1).value_or(""),
               .position = row.int64(2).value_or(0),
               .probability = row.decimal(3).value_or(Decimal()),
               .outcome = row.text(4).value_or("open")};
}

constexpr const char* kStageColumns = "SELECT id, name, position, probability, outcome FROM opportunity_stages ";

}  // namespace

Result<std::vector<Stage>> company_stages(Connection& c, const CrmKit& kit, const security::Principal& who) {
  const std::int64_t company = who.company_id;
  if (Status seeded = seed_stages(c, kit, who); !seeded) return seeded.error();
  auto rows = c.query(std::string(kStageColumns) +
                          "WHERE company_id = $1 AND active AND archived_at IS NULL ORDER BY position, id",
                      {company});
  if (!rows) return rows.error();
  std::vector<Stage> stages;
  for (const auto& row : *rows) stages.push_back(stage_from(row));
  return stages;
}

Result<Stage> stage_of(Connection& c, const CrmKit& kit, const security::Principal& who, std::int64_t id,
                       std::string_view field) {
  const std::int64_t company = who.company_id;
  if (Status seeded = seed_stages(c, kit, who); !seeded) return seeded.error();
  auto row = c.query_row(std::string(kStageColumns) +
                             "WHERE id = $1 AND company_id = $2 AND active AND archived_at IS NULL",
                         {id, company});
  if (!row) return row.error();
  if (!*row) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields.push_back({std::string(field), "unknown", "crm.pipeline.stage_unknown", {}});
    return error;
  }
  return stage_from(**row);
}

ScopeSql scope_sql(const security::Principal& who, std::string_view resource, std::string_view alias, int first) {
  const auto scope = who.scope_for(resource, "read");
  const std::string a(alias);
  const std::string user = "$" + std::to_string(first);
  if (!scope || *scope == security::DataScope::own) return {a + ".owner_id = " + user, {who.user_id}};
  if (*scope == security::DataScope::department) {
    return {"(" + a + ".owner_id = " + user + " OR " + a + ".department_id = $" + std::to_string(first + 1) + ")",
            {who.user_id, storage::Value(who.department_id)}};
  }
  return {};
}

}  // namespace verp::crm
