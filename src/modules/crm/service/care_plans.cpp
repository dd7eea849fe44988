#include "modules/crm/service/care_plans.hpp"

#include <boost/json.hpp>

#include "modules/crm/service/service_tasks.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm::service {

using storage::Connection;
using storage::Date;
using storage::Row;
using storage::Timestamp;
using storage::Value;

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
constexpr std::int64_t kChinaOffsetMicros = 8LL * 3600 * 1'000'000;

struct Plan {
  std::int64_t id = 0;
  std::int64_t company = 0;
  std::string kind;
  std::optional<std::int64_t> customer;
  std::optional<std::string> grade;
  std::int64_t interval_days = 0;
};

// The customers a plan covers, as SQL over `cu` and its parameters after the first `next`.
std::string covered(const Plan& plan, std::vector<Value>& params) {
  std::string condition = "cu.company_id = $1 AND cu.archived_at IS NULL";
  params.push_back(plan.company);
  if (plan.customer) {
    params.push_back(*plan.customer);
    condition += " AND cu.id = $" + std::to_string(params.size());
  }
  if (plan.grade) {
    params.push_back(*plan.grade);
    condition += " AND cu.grade = $" + std::to_string(params.size());
  }
  return condition;
}

Date china_date(Timestamp at) {
  const std::int64_t shifted = at.micros + kChinaOffsetMicros;
  return Date::from_days(shifted / kMicrosPerDay - (shifted % kMicrosPerDay < 0 ? 1 : 0));
}

// The end of the day in China, as a task's due time.
Timestamp end_of(Date day) { return Timestamp{(day.to_days() + 1) * kMicrosPerDay - kChinaOffsetMicros}; }

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Whether a birthday falls on `today`: same month and day, and 29 February on 28 February of a
// common year.
bool birthday_today(Date birthday, Date today) {
  const std::string born = birthday.to_string(), now = today.to_string();  // YYYY-MM-DD
  const std::string born_md = born.substr(5), now_md = now.substr(5);
  if (born_md == now_md) return true;
  return born_md == "02-29" && now_md == "02-28" && !leap(std::stoi(now.substr(0, 4)));
}

// True when this occurrence is not yet claimed; claims it.
Result<bool> claim(Connection& c, const Plan& plan, std::string_view subject, std::int64_t subject_id, Date occurrence,
                   Timestamp now) {
  auto inserted = c.execute(
      "INSERT INTO care_plan_claims (care_plan_id, subject, subject_id, occurrence, company_id, claimed_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (care_plan_id, subject, subject_id, occurrence) DO NOTHING",
      {plan.id, std::string(subject), subject_id, occurrence, plan.company, now});
  if (!inserted) return inserted.error();
  return *inserted > 0;
}

Status remember_task(Connection& c, const Plan& plan, std::string_view subject, std::int64_t subject_id,
                     Date occurrence, std::int64_t task) {
  auto updated = c.execute(
      "UPDATE care_plan_claims SET task_id = $1 WHERE care_plan_id = $2 AND subject = $3 AND subject_id = $4 "
      "AND occurrence = $5",
      {task, plan.id, std::string(subject), subject_id, occurrence});
  if (!updated) return updated.error();
  return {};
}

Result<int> greet(Connection& c, const CrmKit& kit, const Plan& plan, Date today, Timestamp now) {
  std::vector<Value> params;
  const std::string where = covered(plan, params);
  auto contacts = c.query(
      "SELECT ct.id, ct.name, ct.birthday, cu.name, cu.owner_id FROM contacts ct JOIN customers cu ON cu.id = "
      "ct.customer_id WHERE " +
          where +
          " AND ct.archived_at IS NULL AND ct.birthday IS NOT NULL AND cu.owner_id IS "
          "NOT NULL ORDER BY ct.id",
      params);
  if (!contacts) return contacts.error();
  int given = 0;
  const auto& catalog = i18n::Catalog::built_in();
  for (const Row& row : *contacts) {
    if (!birthday_today(row.date(2).value_or(Date{}), today)) continue;
    const std::int64_t contact = row.int64(0).value_or(0);
    auto first = claim(c, plan, "contact", contact, today, now);
    if (!first) return first.error();
    if (!*first) continue;
    const std::vector<MessageArg> args{{"contact", row.text(1).value_or("")}, {"customer", row.text(3).value_or("")}};
    auto task = give_task(c, kit,
                          {.company = plan.company,
                           .owner = row.int64(4).value_or(0),
                           .title = catalog.text("zh-CN", "crm.care_birthday_task", args),
                           .description = catalog.text("zh-CN", "crm.care_birthday_task_body", args),
                           .due_at = end_of(today),
                           .entity = "contact",
                           .record_id = contact,
                           .source = "crm.care_plans"});
    if (!task) return task.error();
    if (Status kept = remember_task(c, plan, "contact", contact, today, *task); !kept) return kept.error();
    ++given;
  }
  return given;
}

Result<int> visit(Connection& c, const CrmKit& kit, const Plan& plan, Date today, Timestamp now) {
  std::vector<Value> params;
  const std::string where = covered(plan, params);
  auto customers = c.query(
      "SELECT cu.id, cu.name, cu.owner_id, cu.created_at, (SELECT MAX(f.occurred_at) FROM follow_ups f WHERE "
      "f.customer_id = cu.id AND f.archived_at IS NULL), (SELECT MAX(v.completed_at) FROM return_visits v WHERE "
      "v.customer_id = cu.id AND v.status = 'done') FROM customers cu WHERE " +
          where + " AND cu.owner_id IS NOT NULL ORDER BY cu.id",
      params);
  if (!customers) return customers.error();
  int given = 0;
  const auto& catalog = i18n::Catalog::built_in();
  for (const Row& row : *customers) {
    Timestamp last = row.timestamp(3).value_or(now);
    for (std::size_t column : {std::size_t{4}, std::size_t{5}}) {
      if (!row.is_null(column)) last = std::max(last, row.timestamp(column).value_or(last));
    }
    const Date due = Date::from_days(china_date(last).to_days() + plan.interval_days);
    if (due > today) continue;
    const std::int64_t customer = row.int64(0).value_or(0);
    auto first = claim(c, plan, "customer", customer, due, now);
    if (!first) return first.error();
    if (!*first) continue;
    const std::vector<MessageArg> args{{"customer", row.text(1).value_or("")},
                                       {"days", std::to_string(today.to_days() - china_date(last).to_days())}};
    auto task = give_task(c, kit,
                          {.company = plan.company,
                           .owner = row.int64(2).value_or(0),
                           .title = catalog.text("zh-CN", "crm.care_visit_task", args),
                           .description = catalog.text("zh-CN", "crm.care_visit_task_body", args),
                           .due_at = end_of(Date::from_days(today.to_days() + 7)),
                           .entity = "customer",
                           .record_id = customer,
                           .source = "crm.care_plans"});
    if (!task) return task.error();
    if (Status kept = remember_task(c, plan, "customer", customer, due, *task); !kept) return kept.error();
    ++given;
  }
  return given;
}

}  // namespace

Result<CareRun> run_care_plans(storage::Database& database, const CrmKit& kit, const Clock& clock) {
  const Timestamp now = Timestamp::from_system(clock.now());
  const Date today = inventory::local_today(clock);
  auto rows = database.read([](Connection& c) {
    return c.query(
        "SELECT p.id, p.company_id, p.kind, p.customer_id, p.grade, p.interval_days FROM care_plans p "
        "JOIN companies co ON co.id = p.company_id AND co.is_active WHERE p.active AND p.archived_at IS NULL "
        "ORDER BY p.id");
  });
  if (!rows) return rows.error();
  CareRun run;
  for (const Row& row : *rows) {
    const Plan plan{.id = row.int64(0).value_or(0),
                    .company = row.int64(1).value_or(0),
                    .kind = row.text(2).value_or(""),
                    .customer = finance::optional_id(row, 3),
                    .grade = row.is_null(4) ? std::nullopt : std::optional(row.text(4).value_or("")),
                    .interval_days = row.is_null(5) ? 0 : row.int64(5).value_or(0)};
    // One transaction per plan: its claims and tasks commit together.
    auto given = database.write([&](Connection& c) -> Result<int> {
      if (plan.kind == "birthday_greeting") return greet(c, kit, plan, today, now);
      if (plan.kind == "periodic_visit" && plan.interval_days > 0) return visit(c, kit, plan, today, now);
      return 0;
    });
    if (!given) return given.error();
    (plan.kind == "birthday_greeting" ? run.greetings : run.visits) += *given;
  }
  return run;
}

}  // namespace verp::crm::service
