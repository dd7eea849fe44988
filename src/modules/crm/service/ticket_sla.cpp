#include "modules/crm/service/ticket_sla.hpp"

#include <boost/json.hpp>

#include "modules/crm/service/tickets.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/notify/api.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm::service {

namespace json = boost::json;
using storage::Connection;
using storage::Row;
using storage::Timestamp;

namespace {

struct Watched {
  std::int64_t id = 0;
  std::int64_t company = 0;
  std::string code;
  std::string subject;
  std::string status;
  std::int64_t owner = 0;
  std::optional<std::int64_t> head;
  std::int64_t remind_before = 0;
  bool escalated = false;
};

struct Alert {
  std::string deadline;  // response | resolution
  Timestamp due;
  bool breach = false;
};

// "2026-04-01 09:30": a deadline as people in China read it.
std::string china_time(Timestamp at) {
  std::string text = Timestamp{at.micros + 8LL * 60 * kMicrosPerMinute}.to_string().substr(0, 16);
  text[10] = ' ';
  return text;
}

// Inserts the claim; true when this run is the first to send it.
Result<bool> claim(Connection& c, const Watched& ticket, const Alert& alert, Timestamp now) {
  auto inserted = c.execute(
      "INSERT INTO ticket_sla_alerts (ticket_id, alert, due_at, company_id, sent_at) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (ticket_id, alert, due_at) DO NOTHING",
      {ticket.id, alert.deadline + (alert.breach ? "_breach" : "_reminder"), alert.due, ticket.company, now});
  if (!inserted) return inserted.error();
  return *inserted > 0;
}

notify::Notification note(const Watched& ticket, std::int64_t user, std::string kind, std::string title_id,
                          const std::vector<MessageArg>& args) {
  return {.user_id = user,
          .company_id = ticket.company,
          .kind = std::move(kind),
          .title = i18n::Catalog::built_in().text("zh-CN", title_id, args),
          .entity = "ticket",
          .record_id = ticket.id,
          .title_id = std::move(title_id),
          .args = args};
}

Status send(Connection& c, const CrmKit& kit, const Clock& clock, const Watched& ticket, const Alert& alert,
            Timestamp now) {
  const std::vector<MessageArg> args{{"code", ticket.code},
                                     {"subject", ticket.subject},
                                     {"due", china_time(alert.due)},
                                     {"minutes", std::to_string(std::abs(minutes_until(alert.due, now)))}};
  std::vector<notify::Notification> notes;
  if (!alert.breach) {
    notes.push_back(
        note(ticket, ticket.owner, "crm.ticket_sla_reminder", "crm.ticket_" + alert.deadline + "_due_soon", args));
  } else {
    notes.push_back(
        note(ticket, ticket.owner, "crm.ticket_sla_breached", "crm.ticket_" + alert.deadline + "_breached", args));
    if (ticket.head && *ticket.head != ticket.owner) {
      notes.push_back(
          note(ticket, *ticket.head, "crm.ticket_escalated", "crm.ticket_escalated_" + alert.deadline, args));
    }
    // The flags are the ticket's own fields: written as a version by the job, acting for the
    // assignee (history and audit name the job through the request id).
    const security::Principal job{.user_id = ticket.owner,
                                  .user_name = "crm.ticket_sla",
                                  .company_id = ticket.company,
                                  .company_ids = {ticket.company}};
    std::map<std::string, storage::Value, std::less<>> changes{{alert.deadline + "_breached", true}};
    if (!ticket.escalated) changes["escalated_at"] = now;
    auto flagged = kit.store->transition_in(c, kit.spec("ticket"), job, ticket.id, changes, "escalate",
                                            {"", "job:crm.ticket_sla"});
    if (!flagged) return flagged.error();
    const std::string what =
        i18n::Catalog::built_in().text("zh-CN", "crm.ticket_" + alert.deadline + "_breached", args);
    if (Status kept = record_event(c, ticket.id, now, std::nullopt, ticket.status, ticket.status, what); !kept)
      return kept;
  }
  for (const auto& each : notes) {
    auto told = notify::notify(c, clock, each);
    if (!told) return told.error();
  }
  return {};
}

std::optional<Alert> alert_for(std::string deadline, const Row& row, std::size_t due_column, bool met,
                               std::int64_t remind_before, Timestamp now) {
  if (met || row.is_null(due_column)) return std::nullopt;
  const Timestamp due = row.timestamp(due_column).value_or(now);
  if (due <= now) return Alert{std::move(deadline), due, true};
  if (due.micros - remind_before * kMicrosPerMinute <= now.micros) return Alert{std::move(deadline), due, false};
  return std::nullopt;
}

}  // namespace

std::int64_t minutes_until(Timestamp due, Timestamp now) {
  const std::int64_t micros = due.micros - now.micros;
  std::int64_t minutes = micros / kMicrosPerMinute;
  if (micros % kMicrosPerMinute != 0 && micros < 0) --minutes;
  return minutes;
}

Result<SlaRun> watch_ticket_deadlines(storage::Database& database, const CrmKit& kit, const Clock& clock) {
  const Timestamp now = Timestamp::from_system(clock.now());
  auto rows = database.read([](Connection& c) {
    return c.query(
        "SELECT t.id, t.company_id, t.code, t.subject, t.status, t.owner_id, d.head_user_id, "
        "COALESCE(p.remind_before_minutes, 0), t.escalated_at, t.first_response_at, t.response_due_at, "
        "t.resolution_due_at FROM tickets t LEFT JOIN sla_policies p ON p.id = t.sla_policy_id "
        "LEFT JOIN memberships m ON m.user_id = t.owner_id AND m.company_id = t.company_id "
        "LEFT JOIN departments d ON d.id = m.department_id "
        "WHERE t.archived_at IS NULL AND t.owner_id IS NOT NULL AND t.status IN ('new', 'assigned', 'in_progress', "
        "'waiting') AND (t.response_due_at IS NOT NULL OR t.resolution_due_at IS NOT NULL) ORDER BY t.id");
  });
  if (!rows) return rows.error();
  SlaRun run;
  for (const Row& row : *rows) {
    Watched ticket{.id = row.int64(0).value_or(0),
                   .company = row.int64(1).value_or(0),
                   .code = row.is_null(2) ? "" : row.text(2).value_or(""),
                   .subject = row.text(3).value_or(""),
                   .status = row.text(4).value_or(""),
                   .owner = row.int64(5).value_or(0),
                   .head = finance::optional_id(row, 6),
                   .remind_before = row.int64(7).value_or(0),
                   .escalated = !row.is_null(8)};
    std::vector<Alert> alerts;
    if (auto alert = alert_for("response", row, 10, !row.is_null(9), ticket.remind_before, now))
      alerts.push_back(*alert);
    if (auto alert = alert_for("resolution", row, 11, false, ticket.remind_before, now)) alerts.push_back(*alert);
    for (const Alert& alert : alerts) {
      // One transaction per alert: the claim, the flags and the notifications commit together.
      auto sent = database.write([&](Connection& c) -> Result<bool> {
        auto first = claim(c, ticket, alert, now);
        if (!first) return first.error();
        if (!*first) return false;
        if (Status done = send(c, kit, clock, ticket, alert, now); !done) return done.error();
        return true;
      });
      if (!sent) return sent.error();
      if (!*sent) continue;
      if (alert.breach) {
        ++run.escalated;
        ticket.escalated = true;
      } else {
        ++run.reminded;
      }
    }
  }
  return run;
}

}  // namespace verp::crm::service
