// Pipeline statistics (销售统计, pipeline.hpp): what the funnel holds and how it converts, read from
// the opportunities, their stage history and the leads. Every amount and rate is a Decimal.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "modules/crm/pipeline/pipeline_internal.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Value;

namespace {

constexpr std::int64_t kMicrosPerDay = 24LL * 3600 * 1'000'000;
constexpr std::int64_t kChinaOffsetMicros = 8LL * 3600 * 1'000'000;

std::string money(const Decimal& value) { return value.rescale(2).value_or(Decimal()).to_string(); }
Decimal plus(const Decimal& a, const Decimal& b) { return a.add(b).value_or(a); }
// part / whole as a fraction with four places ("0.6667"); none when nothing to divide by.
json::value rate(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;
  return json::value(Decimal::from_int(part).div(Decimal::from_int(whole), 4).value_or(Decimal()).to_string());
}

struct Opportunity {
  std::int64_t id = 0, stage = 0;
  Decimal amount, probability;
  std::string status, source;
  storage::Timestamp created;
  std::optional<storage::Date> closed_on;
  std::int64_t owner = 0;
  std::string owner_name;
  std::int64_t department = 0;
  std::string department_name;
};

// What a salesperson's or a team's opportunities add up to.
struct Tally {
  std::string name;
  std::int64_t open = 0, won = 0, lost = 0;
  Decimal open_amount, weighted, won_amount;

  void add(const Opportunity& o) {
    if (o.status == "won") {
      ++won;
      won_amount = plus(won_amount, o.amount);
    } else if (o.status == "lost") {
      ++lost;
    } else {
      ++open;
      open_amount = plus(open_amount, o.amount);
      weighted = plus(weighted, o.amount.mul(o.probability, 2).value_or(Decimal()));
    }
  }
  json::object to_json(std::string_view key, std::int64_t id) const {
    return json::object{{key, id == 0 ? json::value() : json::value(id)},
                        {"name", name},
                        {"open", open},
                        {"open_amount", money(open_amount)},
                        {"weighted_amount", money(weighted)},
                        {"won", won},
                        {"won_amount", money(won_amount)},
                        {"lost", lost},
                        {"win_rate", rate(won, won + lost)}};
  }
};

Result<std::vector<Opportunity>> opportunities(Connection& c, const security::Principal& who, const StatsQuery& query) {
  std::vector<Value> params{who.company_id};
  std::string where = "o.company_id = $1 AND o.archived_at IS NULL";
  auto param = [&](Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  // A day runs from midnight in China.
  if (query.from) {
    where += " AND o.created_at >= " +
             param(storage::Timestamp::from_micros(query.from->to_days() * kMicrosPerDay - kChinaOffsetMicros));
  }
  if (query.to) {
    where += " AND o.created_at < " +
             param(storage::Timestamp::from_micros((query.to->to_days() + 1) * kMicrosPerDay - kChinaOffsetMicros));
  }
  if (query.owner_id) where += " AND o.owner_id = " + param(*query.owner_id);
  if (query.department_id) where += " AND m.department_id = " + param(*query.department_id);
  const ScopeSql scope = scope_sql(who, "opportunity", "o", static_cast<int>(params.size()) + 1);
  if (!scope.condition.empty()) {
    where += " AND " + scope.condition;
    params.insert(params.end(), scope.params.begin(), scope.params.end());
  }
  auto rows = c.query(
      "SELECT o.id, o.stage_id, o.amount, s.probability, o.status, o.source, o.created_at, o.closed_on, o.owner_id, "
      "COALESCE(u.display_name, u.user_name), m.department_id, d.name "
      "FROM opportunities o JOIN opportunity_stages s ON s.id = o.stage_id LEFT JOIN users u ON u.id = o.owner_id "
      "LEFT JOIN memberships m ON m.user_id = o.owner_id AND m.company_id = o.company_id "
      "LEFT JOIN departments d ON d.id = m.department_id WHERE " +
          where + " ORDER BY o.id",
      params);
  if (!rows) return rows.error();
  std::vector<Opportunity> found;
  for (const Row& r : *rows) {
    found.push_back({.id = r.int64(0).value_or(0),
                     .stage = r.int64(1).value_or(0),
                     .amount = r.decimal(2).value_or(Decimal()),
                     .probability = r.decimal(3).value_or(Decimal()),
                     .status = r.text(4).value_or("open"),
                     .source = r.is_null(5) ? "manual" : r.text(5).value_or("manual"),
                     .created = r.timestamp(6).value_or(storage::Timestamp{}),
                     .closed_on = r.is_null(7) ? std::nullopt : std::optional(r.date(7).value_or(storage::Date{})),
                     .owner = r.int64(8).value_or(0),
                     .owner_name = r.is_null(9) ? "" : r.text(9).value_or(""),
                     .department = r.int64(10).value_or(0),
                     .department_name = r.is_null(11) ? "" : r.text(11).value_or("")});
  }
  return found;
}

// Which stages each opportunity ever entered, from the stage history.
Result<std::map<std::int64_t, std::set<std::int64_t>>> stages_entered(Connection& c, std::int64_t company) {
  auto rows =
      c.query("SELECT opportunity_id, to_stage_id FROM opportunity_stage_moves WHERE company_id = $1", {company});
  if (!rows) return rows.error();
  std::map<std::int64_t, std::set<std::int64_t>> entered;
  for (const Row& r : *rows) entered[r.int64(0).value_or(0)].insert(r.int64(1).value_or(0));
  return entered;
}

json::array stage_rows(const std::vector<Stage>& stages, const std::vector<Opportunity>& found,
                       const std::map<std::int64_t, std::set<std::int64_t>>& entered) {
  json::array out;
  for (const Stage& stage : stages) {
    std::int64_t count = 0;
    Decimal amount, weighted;
    for (const Opportunity& o : found) {
      if (o.stage != stage.id) continue;
      ++count;
      amount = plus(amount, o.amount);
      weighted = plus(weighted, o.amount.mul(stage.probability, 2).value_or(Decimal()));
    }
    // Conversion to the next stage: of those that ever entered this open stage, how many went on
    // to a later open stage or were won.
    json::value conversion = nullptr;
    std::int64_t reached = 0, advanced = 0;
    if (stage.outcome == "open") {
      for (const Opportunity& o : found) {
        auto it = entered.find(o.id);
        if (it == entered.end() || !it->second.contains(stage.id)) continue;
        ++reached;
        const bool went_on = std::any_of(stages.begin(), stages.end(), [&](const Stage& later) {
          const bool further = later.outcome == "won" || (later.outcome == "open" && later.position > stage.position);
          return further && it->second.contains(later.id);
        });
        if (went_on || o.status == "won") ++advanced;
      }
      conversion = rate(advanced, reached);
    }
    out.push_back(json::object{{"stage_id", stage.id},
                               {"name", stage.name},
                               {"outcome", stage.outcome},
                               {"probability", stage.probability.to_string()},
                               {"count", count},
                               {"amount", money(amount)},
                               {"weighted_amount", money(weighted)},
                               {"entered", reached},
                               {"advanced", advanced},
                               {"conversion_rate", conversion}});
  }
  return out;
}

// Leads by source: how many came in the period, how many were converted.
Result<json::array> source_rows(Connection& c, const security::Principal& who, const StatsQuery& query) {
  std::vector<Value> params{who.company_id};
  std::string where = "l.company_id = $1 AND l.archived_at IS NULL";
  if (query.from) {
    params.push_back(storage::Timestamp::from_micros(query.from->to_days() * kMicrosPerDay - kChinaOffsetMicros));
    where += " AND l.created_at >= $" + std::to_string(params.size());
  }
  if (query.to) {
    params.push_back(storage::Timestamp::from_micros((query.to->to_days() + 1) * kMicrosPerDay - kChinaOffsetMicros));
    where += " AND l.created_at < $" + std::to_string(params.size());
  }
  if (query.owner_id) {
    params.push_back(*query.owner_id);
    where += " AND l.owner_id = $" + std::to_string(params.size());
  }
  const ScopeSql scope = scope_sql(who, "lead", "l", static_cast<int>(params.size()) + 1);
  if (!scope.condition.empty()) {
    where += " AND " + scope.condition;
    params.insert(params.end(), scope.params.begin(), scope.params.end());
  }
  auto rows = c.query("SELECT l.source, COUNT(*), SUM(CASE WHEN l.status = 'converted' THEN 1 ELSE 0 END) FROM leads l "
                      "WHERE " + where + " GROUP BY l.source ORDER BY l.source",
                      params);
  if (!rows) return rows.error();
  json::array out;
  for (const Row& r : *rows) {
    const std::int64_t leads = r.int64(1).value_or(0), converted = r.int64(2).value_or(0);
    out.push_back(json::object{{"source", r.is_null(0) ? "manual" : r.text(0).value_or("")},
                               {"leads", leads},
                               {"converted", converted},
                               {"conversion_rate", rate(converted, leads)}});
  }
  return out;
}

}  // namespace

Result<json::object> pipeline_stats(Connection& c, const CrmKit& kit, const security::Principal& who,
                                    const StatsQuery& query) {
  auto stages = company_stages(c, kit, who);
  if (!stages) return stages.error();
  auto found = opportunities(c, who, query);
  if (!found) return found.error();
  auto entered = stages_entered(c, who.company_id);
  if (!entered) return entered.error();
  auto sources = source_rows(c, who, query);
  if (!sources) return sources.error();

  Tally all;
  std::map<std::int64_t, Tally> owners, departments;
  std::int64_t cycle_days = 0;
  for (const Opportunity& o : *found) {
    all.add(o);
    owners[o.owner].name = o.owner_name;
    owners[o.owner].add(o);
    departments[o.department].name = o.department_name;
    departments[o.department].add(o);
    if (o.status == "won" && o.closed_on) {
      const storage::Date created = storage::Date::from_days((o.created.micros + kChinaOffsetMicros) / kMicrosPerDay);
      cycle_days += o.closed_on->to_days() - created.to_days();
    }
  }
  json::array by_owner, by_department;
  for (const auto& [id, tally] : owners) by_owner.push_back(tally.to_json("owner_id", id));
  for (const auto& [id, tally] : departments) by_department.push_back(tally.to_json("department_id", id));
  json::value average_cycle = nullptr;
  if (all.won > 0) {
    average_cycle = Decimal::from_int(cycle_days).div(Decimal::from_int(all.won), 1).value_or(Decimal()).to_string();
  }
  return json::object{{"from", query.from ? json::value(query.from->to_string()) : json::value()},
                      {"to", query.to ? json::value(query.to->to_string()) : json::value()},
                      {"opportunities", static_cast<std::int64_t>(found->size())},
                      {"open", all.open},
                      {"won", all.won},
                      {"lost", all.lost},
                      {"win_rate", rate(all.won, all.won + all.lost)},
                      {"won_amount", money(all.won_amount)},
                      {"pipeline_amount", money(all.open_amount)},
                      {"weighted_pipeline", money(all.weighted)},
                      {"average_cycle_days", average_cycle},
                      {"stages", stage_rows(*stages, *found, *entered)},
                      {"sources", std::move(*sources)},
                      {"owners", std::move(by_owner)},
                      {"departments", std::move(by_department)}};
}

}  // namespace verp::crm
