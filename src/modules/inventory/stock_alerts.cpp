// The daily stock alerts (stock_alerts.hpp): expiring lots and reorder situations, each told once.
#include "modules/inventory/stock_alerts.hpp"

#include <set>

#include "modules/finance/ledger_columns.hpp"
#include "modules/inventory/reorder.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "modules/notify/api.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::inventory {

using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Timestamp;

namespace {

using Situations = std::set<std::pair<std::string, std::string>>;  // (kind, subject)

constexpr std::string_view kExpiring = "lot_expiring";
constexpr std::string_view kBelow = "below_minimum";
constexpr std::string_view kAbove = "above_maximum";

// Who may change stock in the company: active members holding a role that grants stock update.
Result<std::vector<std::int64_t>> stock_keepers(Connection& c, std::int64_t company) {
  auto rows = c.query(
      "SELECT DISTINCT ur.user_id FROM user_roles ur JOIN role_grants g ON g.role_id = ur.role_id "
      "JOIN users u ON u.id = ur.user_id AND u.is_active JOIN memberships m ON m.user_id = ur.user_id "
      "AND m.company_id = ur.company_id WHERE ur.company_id = $1 AND g.resource IN ('stock', '*') "
      "AND g.action IN ('update', '*') ORDER BY ur.user_id",
      {company});
  if (!rows) return rows.error();
  std::vector<std::int64_t> users;
  for (const Row& row : *rows) users.push_back(row.int64(0).value_or(0));
  return users;
}

// Records a situation; true when it is new (and so to be told).
Result<bool> raise(Connection& c, std::int64_t company, std::string_view kind, const std::string& subject, Date today,
                   Timestamp now) {
  auto inserted = c.execute(
      "INSERT INTO stock_alerts (company_id, kind, subject, raised_on, raised_at) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (company_id, kind, subject) DO NOTHING",
      {company, std::string(kind), subject, today, now});
  if (!inserted) return inserted.error();
  return *inserted > 0;
}

// Forgets the company's situations that no longer hold; returns how many.
Result<int> clear_ended(Connection& c, std::int64_t company, const Situations& holding) {
  auto rows = c.query("SELECT kind, subject FROM stock_alerts WHERE company_id = $1", {company});
  if (!rows) return rows.error();
  int cleared = 0;
  for (const Row& row : *rows) {
    std::pair<std::string, std::string> situation{row.text(0).value_or(""), row.text(1).value_or("")};
    if (holding.contains(situation)) continue;
    auto gone = c.execute("DELETE FROM stock_alerts WHERE company_id = $1 AND kind = $2 AND subject = $3",
                          {company, situation.first, situation.second});
    if (!gone) return gone.error();
    cleared += static_cast<int>(*gone);
  }
  return cleared;
}

class Teller {
 public:
  Teller(Connection& c, const Clock& clock, std::int64_t company, std::vector<std::int64_t> keepers)
      : c_(c), clock_(clock), company_(company), keepers_(std::move(keepers)) {}

  bool anyone() const { return !keepers_.empty(); }

  // The notification, in zh-CN for the centre and as ids with arguments for other languages.
  Status tell(std::string kind, std::string title_id, std::string body_id, std::vector<MessageArg> args,
              std::string entity, std::int64_t record) {
    const auto& catalog = i18n::Catalog::built_in();
    for (std::int64_t user : keepers_) {
      auto told = notify::notify(c_, clock_,
                                 {.user_id = user,
                                  .company_id = company_,
                                  .kind = kind,
                                  .title = catalog.text("zh-CN", title_id, args),
                                  .body = catalog.text("zh-CN", body_id, args),
                                  .entity = entity,
                                  .record_id = record,
                                  .title_id = title_id,
                                  .args = args});
      if (!told) return told.error();
    }
    return {};
  }

 private:
  Connection& c_;
  const Clock& clock_;
  std::int64_t company_;
  std::vector<std::int64_t> keepers_;
};

Status alert_expiring_lots(Connection& c, Teller& teller, std::int64_t company, Date today, Timestamp now,
                           Situations& holding, AlertRun& run) {
  auto lots = c.query(
      "SELECT t.id, i.code, i.name, t.lot_number, t.expires_on, SUM(l.on_hand), u.name FROM lots t "
      "JOIN items i ON i.id = t.item_id LEFT JOIN units_of_measure u ON u.id = i.uom_id JOIN stock_levels l "
      "ON l.company_id = t.company_id AND l.item_id = t.item_id AND l.lot_id = t.id WHERE t.company_id = $1 "
      "AND t.expires_on <= $2 GROUP BY t.id, i.code, i.name, t.lot_number, t.expires_on, u.name "
      "HAVING SUM(l.on_hand) > 0 ORDER BY t.expires_on, t.id",
      {company, Date::from_days(today.to_days() + kExpiryWarningDays)});
  if (!lots) return lots.error();
  for (const Row& lot : *lots) {
    const std::int64_t id = lot.int64(0).value_or(0);
    const std::string subject = "lot:" + std::to_string(id);
    holding.emplace(kExpiring, subject);
    if (!teller.anyone()) continue;
    auto fresh = raise(c, company, kExpiring, subject, today, now);
    if (!fresh) return fresh.error();
    if (!*fresh) continue;
    ++run.lots_expiring;
    const Date expires = lot.date(4).value_or(today);
    if (Status told = teller.tell("inventory.lot_expiring",
                                  expires < today ? "inventory.lot_expired" : "inventory.lot_expiring",
                                  "inventory.lot_expiring_body",
                                  {{"lot", lot.text(3).value_or("")},
                                   {"item", lot.text(1).value_or("") + " " + lot.text(2).value_or("")},
                                   {"expires_on", expires.to_string()},
                                   {"quantity", format_quantity(lot.int64(5).value_or(0))},
                                   {"unit", lot.text(6).value_or("")}},
                                  "lot", id);
        !told) {
      return told;
    }
  }
  return {};
}

Status alert_reorder(Connection& c, Teller& teller, std::int64_t company, Date today, Timestamp now,
                     Situations& holding, AlertRun& run) {
  auto lines = reorder_suggestions(c, company);
  if (!lines) return lines.error();
  const auto& catalog = i18n::Catalog::built_in();
  for (const ReorderLine& line : *lines) {
    const bool below = line.status == "below_safety" || line.status == "below_minimum";
    if (!below && line.status != "above_maximum") continue;
    const std::string_view kind = below ? kBelow : kAbove;
    const std::string subject = line.rule_id ? "rule:" + std::to_string(*line.rule_id)
                                             : "item:" + std::to_string(line.item_id);
    holding.emplace(kind, subject);
    if (!teller.anyone()) continue;
    auto fresh = raise(c, company, kind, subject, today, now);
    if (!fresh) return fresh.error();
    if (!*fresh) continue;
    ++(below ? run.below_minimum : run.above_maximum);
    const std::vector<MessageArg> args{
        {"item", line.item_code + " " + line.item_name},
        {"where", line.warehouse_id ? line.warehouse : catalog.text("zh-CN", "inventory.all_warehouses")},
        {"available", format_quantity(line.available)},
        {"minimum", format_quantity(line.minimum)},
        {"maximum", line.maximum ? format_quantity(*line.maximum) : std::string("-")},
        {"suggested", format_quantity(line.suggested)}};
    if (Status told = teller.tell("inventory.reorder_alert", below ? "inventory.reorder_below" : "inventory.reorder_above",
                                  below ? "inventory.reorder_suggestion" : "inventory.reorder_overstock", args,
                                  line.rule_id ? "reorder_rule" : "item", line.rule_id.value_or(line.item_id));
        !told) {
      return told;
    }
  }
  return {};
}

}  // namespace

std::vector<storage::TableDef> stock_alert_tables() {
  using namespace finance::columns;
  return {storage::TableDef{
      .name = "stock_alerts",
      .columns = {refers("company_id", "companies"), words("kind"), words("subject"), day("raised_on"),
                  moment("raised_at", true)},
      .primary_key = {"company_id", "kind", "subject"}}};
}

Result<AlertRun> send_stock_alerts(storage::Database& database, const Clock& clock) {
  const Date today = local_today(clock);
  const Timestamp now = Timestamp::from_system(clock.now());
  auto companies = database.read([](Connection& c) { return c.query("SELECT id FROM companies WHERE is_active ORDER BY id"); });
  if (!companies) return companies.error();
  AlertRun run;
  for (const Row& row : *companies) {
    const std::int64_t company = row.int64(0).value_or(0);
    AlertRun told;
    auto done = database.write([&](Connection& c) -> Status {
      told = AlertRun{};
      auto keepers = stock_keepers(c, company);
      if (!keepers) return keepers.error();
      Teller teller(c, clock, company, std::move(*keepers));
      Situations holding;
      if (Status lots = alert_expiring_lots(c, teller, company, today, now, holding, told); !lots) return lots;
      if (Status levels = alert_reorder(c, teller, company, today, now, holding, told); !levels) return levels;
      auto cleared = clear_ended(c, company, holding);
      if (!cleared) return cleared.error();
      told.cleared = *cleared;
      return {};
    });
    if (!done) return done.error();
    run.lots_expiring += told.lots_expiring;
    run.below_minimum += told.below_minimum;
    run.above_maximum += told.above_maximum;
    run.cleared += told.cleared;
  }
  return run;
}

}  // namespace verp::inventory
