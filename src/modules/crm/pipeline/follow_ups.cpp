// Follow-ups (跟进记录): recording one with its next-step task, the daily check for promises not
// kept, and the customer's timeline (pipeline.hpp).
#include <boost/json.hpp>

#include "modules/crm/pipeline/pipeline_internal.hpp"
#include "modules/notify/api.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Timestamp;

namespace {

// A promised follow-up left open a day past its time goes to the department head
// (workflow.reminders); an hour before, its owner is reminded.
constexpr std::int64_t kRemindMinutesBefore = 60;
constexpr std::int64_t kEscalateAfterHours = 24;

// The customer a follow-up is about when only its opportunity or lead is named.
Result<std::optional<std::int64_t>> customer_of(Connection& c, std::int64_t company, const json::object& body) {
  for (const auto& [field, sql] :
       {std::pair{"opportunity_id", "SELECT customer_id FROM opportunities WHERE id = $1 AND company_id = $2"},
        std::pair{"lead_id", "SELECT customer_id FROM leads WHERE id = $1 AND company_id = $2"}}) {
    const auto* id = body.if_contains(field);
    if (id == nullptr || !id->is_int64()) continue;
    auto row = c.query_row(sql, {id->as_int64(), company});
    if (!row) return row.error();
    if (*row && !(*row)->is_null(0)) return std::optional((*row)->int64(0).value_or(0));
  }
  return std::optional<std::int64_t>();
}

Status task_for(Connection& c, const CrmKit& kit, const Actor& actor, const entity::Record& follow_up) {
  const auto* next = follow_up.get("next_follow_up_at").get_if<Timestamp>();
  if (next == nullptr) return {};
  const std::int64_t owner = follow_up.owner_id.value_or(actor.principal.user_id);
  const auto& catalog = i18n::Catalog::built_in();
  auto subject = c.query_row(
      "SELECT COALESCE(o.name, cu.name, l.company_name, l.name) FROM follow_ups f "
      "LEFT JOIN opportunities o ON o.id = f.opportunity_id LEFT JOIN customers cu ON cu.id = f.customer_id "
      "LEFT JOIN leads l ON l.id = f.lead_id WHERE f.id = $1",
      {follow_up.id});
  if (!subject) return subject.error();
  const std::string about = *subject && !(*subject)->is_null(0) ? (*subject)->text(0).value_or("") : "";
  const std::string next_action = text_of(follow_up, "next_action");
  const std::vector<MessageArg> args{{"subject", about}, {"next_action", next_action}};
  // The task is the owner's, given as if they had noted it themselves (the sales role's task
  // grant is `own`): the history names them, the request the follow-up's.
  security::Principal as_owner = actor.principal;
  as_owner.user_id = owner;
  as_owner.grants = {{"task", "create", security::DataScope::own}};
  auto task = kit.store->create_in(
      c, kit.spec("task"), as_owner,
      json::object{{"title", catalog.text("zh-CN", "crm.pipeline.follow_up_task_title", args)},
                   {"description", next_action.empty() ? text_of(follow_up, "content") : next_action},
                   {"due_at", next->to_string()},
                   {"remind_minutes_before", kRemindMinutesBefore},
                   {"escalate_after_hours", kEscalateAfterHours},
                   {"entity", "follow_up"},
                   {"record_id", follow_up.id}},
      true, actor.caller);
  if (!task) return prefixed(task.error(), "task.");
  return {};
}

// The open tasks of earlier promises on the same opportunity (else customer, else lead) are done:
// this follow-up keeps them, so they neither nag the owner nor reach the department head.
Status close_earlier_tasks(Connection& c, const CrmKit& kit, const Actor& actor, const entity::Record& follow_up) {
  auto tasks = c.query(
      "SELECT t.id FROM tasks t JOIN follow_ups f ON f.id = t.record_id JOIN follow_ups n ON n.id = $1 "
      "WHERE t.entity = 'follow_up' AND t.status = 'open' AND t.company_id = n.company_id AND f.id <> n.id "
      "AND f.occurred_at <= n.occurred_at AND ("
      "(n.opportunity_id IS NOT NULL AND f.opportunity_id = n.opportunity_id) OR "
      "(n.opportunity_id IS NULL AND n.customer_id IS NOT NULL AND f.opportunity_id IS NULL "
      "AND f.customer_id = n.customer_id) OR "
      "(n.opportunity_id IS NULL AND n.customer_id IS NULL AND f.lead_id = n.lead_id))",
      {follow_up.id});
  if (!tasks) return tasks.error();
  for (const Row& task : *tasks) {
    auto done = kit.store->transition_in(c, kit.spec("task"), actor.principal, task.int64(0).value_or(0),
                                         {{"status", "done"}}, "followed_up", actor.caller);
    if (!done) return done.error();
  }
  return {};
}

}  // namespace

Result<entity::CreateOutcome> record_follow_up(Connection& c, const CrmKit& kit, const Actor& actor,
                                               json::object body) {
  if (!body.contains("customer_id")) {
    auto customer = customer_of(c, actor.principal.company_id, body);
    if (!customer) return customer.error();
    if (*customer) body["customer_id"] = **customer;
  }
  if (!body.contains("occurred_at")) body["occurred_at"] = Timestamp::from_system(actor.clock.now()).to_string();
  auto made = kit.store->create_in(c, kit.spec("follow_up"), actor.principal, body, true, actor.caller);
  if (!made || !made->record) return made;
  if (Status kept = close_earlier_tasks(c, kit, actor, *made->record); !kept) return kept.error();
  if (Status tasked = task_for(c, kit, actor, *made->record); !tasked) return tasked.error();
  // Someone spoke to a new lead: it is contacted now.
  if (const auto* lead = made->record->get("lead_id").get_if<std::int64_t>()) {
    auto status = c.query_row("SELECT status FROM leads WHERE id = $1", {*lead});
    if (!status) return status.error();
    if (*status && (*status)->text(0).value_or("") == "new") {
      auto contacted = kit.store->transition_in(c, kit.spec("lead"), actor.principal, *lead, {{"status", "contacted"}},
                                                "contact", actor.caller);
      if (!contacted) return contacted.error();
    }
  }
  return made;
}

Result<entity::Record> change_follow_up(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                                        const json::object& body) {
  auto before = record_of(c, kit, "follow_up", actor.principal, id, "update");
  if (!before) return before.error();
  auto after = kit.store->update_in(c, kit.spec("follow_up"), actor.principal, id, body, actor.caller);
  if (!after) return after.error();
  const auto* was = before->get("next_follow_up_at").get_if<Timestamp>();
  const auto* next = after->get("next_follow_up_at").get_if<Timestamp>();
  if ((was == nullptr && next == nullptr) || (was != nullptr && next != nullptr && was->micros == next->micros)) {
    return after;
  }
  auto open = c.query("SELECT id FROM tasks WHERE entity = 'follow_up' AND record_id = $1 AND status = 'open'", {id});
  if (!open) return open.error();
  if (open->empty()) {
    if (Status tasked = task_for(c, kit, actor, *after); !tasked) return tasked.error();
    return after;
  }
  // The promise moved: its task is due then and reminds afresh; a promise withdrawn cancels it.
  std::map<std::string, storage::Value, std::less<>> changes{{"status", "cancelled"}};
  if (next != nullptr) {
    changes = {{"due_at", *next}, {"reminded_at", storage::Value()}, {"escalated_at", storage::Value()},
               {"snoozed_until", storage::Value()}};
  }
  for (const Row& task : *open) {
    auto moved = kit.store->transition_in(c, kit.spec("task"), actor.principal, task.int64(0).value_or(0), changes,
                                          next != nullptr ? "rescheduled" : "cancelled", actor.caller);
    if (!moved) return moved.error();
  }
  return after;
}

namespace {

struct Overdue {
  std::int64_t follow_up = 0;
  std::int64_t owner = 0;
  std::string subject;
  Timestamp promised;
  std::string next_action;
};

// Follow-ups whose promised time passed with no follow-up recorded since on the same opportunity
// (else customer, else lead), not yet told.
Result<std::vector<Overdue>> overdue_follow_ups(Connection& c, std::int64_t company, Timestamp now) {
  auto rows = c.query(
      "SELECT f.id, f.owner_id, COALESCE(o.name, cu.name, l.company_name, l.name), f.next_follow_up_at, f.next_action "
      "FROM follow_ups f LEFT JOIN opportunities o ON o.id = f.opportunity_id "
      "LEFT JOIN customers cu ON cu.id = f.customer_id LEFT JOIN leads l ON l.id = f.lead_id "
      "WHERE f.company_id = $1 AND f.archived_at IS NULL AND f.next_follow_up_at < $2 AND f.owner_id IS NOT NULL "
      "AND (o.id IS NULL OR o.status = 'open') "
      "AND NOT EXISTS (SELECT 1 FROM follow_ups n WHERE n.company_id = f.company_id AND n.archived_at IS NULL "
      "AND n.id <> f.id AND n.occurred_at > f.occurred_at AND ("
      "(f.opportunity_id IS NOT NULL AND n.opportunity_id = f.opportunity_id) OR "
      "(f.opportunity_id IS NULL AND f.customer_id IS NOT NULL AND n.customer_id = f.customer_id) OR "
      "(f.opportunity_id IS NULL AND f.customer_id IS NULL AND n.lead_id = f.lead_id))) "
      "AND NOT EXISTS (SELECT 1 FROM follow_up_reminders r WHERE r.follow_up_id = f.id) "
      "ORDER BY f.next_follow_up_at, f.id",
      {company, now});
  if (!rows) return rows.error();
  std::vector<Overdue> found;
  for (const Row& row : *rows) {
    found.push_back({.follow_up = row.int64(0).value_or(0),
                     .owner = row.int64(1).value_or(0),
                     .subject = row.is_null(2) ? "" : row.text(2).value_or(""),
                     .promised = row.timestamp(3).value_or(now),
                     .next_action = row.is_null(4) ? "" : row.text(4).value_or("")});
  }
  return found;
}

// The claim: true when this run is the first to tell of the follow-up (several nodes may run it).
Result<bool> claim(Connection& c, std::int64_t company, std::int64_t follow_up, Timestamp now) {
  auto inserted = c.execute(
      "INSERT INTO follow_up_reminders (follow_up_id, company_id, sent_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (follow_up_id) DO NOTHING",
      {follow_up, company, now});
  if (!inserted) return inserted.error();
  return *inserted > 0;
}

}  // namespace

Result<FollowUpRun> remind_overdue_follow_ups(storage::Database& database, const Clock& clock) {
  const Timestamp now = Timestamp::from_system(clock.now());
  auto companies =
      database.read([](Connection& c) { return c.query("SELECT id FROM companies WHERE is_active ORDER BY id"); });
  if (!companies) return companies.error();
  const auto& catalog = i18n::Catalog::built_in();
  FollowUpRun run;
  for (const Row& row : *companies) {
    const std::int64_t company = row.int64(0).value_or(0);
    int told = 0;
    auto done = database.write([&](Connection& c) -> Status {
      told = 0;
      auto overdue = overdue_follow_ups(c, company, now);
      if (!overdue) return overdue.error();
      for (const Overdue& each : *overdue) {
        auto first = claim(c, company, each.follow_up, now);
        if (!first) return first.error();
        if (!*first) continue;
        const std::vector<MessageArg> args{{"subject", each.subject},
                                           {"promised", each.promised.to_string().substr(0, 16)},
                                           {"next_action", each.next_action}};
        auto sent = notify::notify(c, clock,
                                   {.user_id = each.owner,
                                    .company_id = company,
                                    .kind = "crm.follow_up_overdue",
                                    .title = catalog.text("zh-CN", "crm.pipeline.follow_up_overdue_title", args),
                                    .body = catalog.text("zh-CN", "crm.pipeline.follow_up_overdue_body", args),
                                    .entity = "follow_up",
                                    .record_id = each.follow_up,
                                    .title_id = "crm.pipeline.follow_up_overdue_title",
                                    .args = args});
        if (!sent) return sent.error();
        ++told;
      }
      return {};
    });
    if (!done) return done.error();
    run.overdue += told;
  }
  return run;
}

TimelineSource follow_up_timeline() {
  return [](Connection& c, std::int64_t company, std::int64_t customer, std::string_view locale,
            std::size_t limit) -> Result<std::vector<TimelineEntry>> {
    auto rows = c.query(
        "SELECT id, occurred_at, kind, content FROM follow_ups WHERE company_id = $1 AND customer_id = $2 "
        "AND archived_at IS NULL ORDER BY occurred_at DESC, id DESC LIMIT $3",
        {company, customer, static_cast<std::int64_t>(limit)});
    if (!rows) return rows.error();
    const auto& catalog = i18n::Catalog::built_in();
    std::vector<TimelineEntry> entries;
    for (const Row& row : *rows) {
      std::string content = row.text(3).value_or("");
      if (content.size() > 120) {
        // Cut on a character boundary: UTF-8 continuation bytes are 10xxxxxx.
        std::size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
        content = content.substr(0, cut) + "…";
      }
      const std::string kind = row.text(2).value_or("other");
      entries.push_back(
          {.at = row.timestamp(1).value_or(Timestamp{}),
           .kind = "follow_up",
           .title = catalog.text(
               locale, "crm.pipeline.follow_up_timeline",
               {{"kind", catalog.text(locale, "crm.pipeline.follow_up_kind." + kind, {})}, {"content", content}}),
           .entity = "follow_up",
           .record_id = row.int64(0).value_or(0)});
    }
    return entries;
  };
}

}  // namespace verp::crm
