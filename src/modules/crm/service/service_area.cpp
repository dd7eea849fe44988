// The service area as the CRM module registers it: entities, tables, routes, the two recurring
// jobs and the tickets' entries on the customer's timeline.
#include <boost/json.hpp>

#include "modules/crm/service/care_plans.hpp"
#include "modules/crm/service/service.hpp"
#include "modules/crm/service/service_routes.hpp"
#include "modules/crm/service/ticket_sla.hpp"
#include "modules/crm/service/tickets.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::crm {

namespace {

// A ticket is two moments on the customer's timeline: opened, and resolved (when it was).
Result<std::vector<TimelineEntry>> ticket_timeline(storage::Connection& c, std::int64_t company, std::int64_t customer,
                                                   std::string_view locale, std::size_t limit) {
  auto rows = c.query(
      "SELECT id, code, subject, created_at, resolved_at FROM tickets WHERE company_id = $1 AND customer_id = $2 "
      "AND archived_at IS NULL ORDER BY id DESC LIMIT $3",
      {company, customer, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.error();
  const auto& catalog = i18n::Catalog::built_in();
  std::vector<TimelineEntry> entries;
  for (const auto& row : *rows) {
    const std::vector<MessageArg> args{{"code", row.is_null(1) ? "" : row.text(1).value_or("")},
                                       {"subject", row.text(2).value_or("")}};
    const std::int64_t id = row.int64(0).value_or(0);
    entries.push_back({.at = row.timestamp(3).value_or(storage::Timestamp{}),
                       .kind = "ticket.opened",
                       .title = catalog.text(locale, "crm.ticket_timeline_opened", args),
                       .entity = "ticket",
                       .record_id = id});
    if (!row.is_null(4)) {
      entries.push_back({.at = row.timestamp(4).value_or(storage::Timestamp{}),
                         .kind = "ticket.resolved",
                         .title = catalog.text(locale, "crm.ticket_timeline_resolved", args),
                         .entity = "ticket",
                         .record_id = id});
    }
  }
  return entries;
}

std::vector<ScheduledJob> service_jobs(const CrmKit& kit) {
  const CrmKit* shared = &kit;
  return {
      ScheduledJob{.name = "crm.ticket_sla",
                   .cron = "*/5 * * * *",
                   .run = [shared]() -> Result<std::string> {
                     auto run = service::watch_ticket_deadlines(*shared->http.database, *shared, *shared->http.clock);
                     if (!run) return run.error();
                     return boost::json::serialize(
                         boost::json::object{{"reminded", run->reminded}, {"escalated", run->escalated}});
                   }},
      ScheduledJob{
          .name = "crm.care_plans",
          .cron = "10 0 * * *",
          .run = [shared]() -> Result<std::string> {
            auto run = service::run_care_plans(*shared->http.database, *shared, *shared->http.clock);
            if (!run) return run.error();
            return boost::json::serialize(boost::json::object{{"greetings", run->greetings}, {"visits", run->visits}});
          }},
  };
}

}  // namespace

Result<std::int64_t> open_ticket(storage::Connection& c, const CrmKit& kit, const finance::Actor& actor,
                                 const TicketInput& input) {
  boost::json::object fields{{"subject", input.subject}, {"customer_id", input.customer_id}};
  auto optional_id = [&](const char* name, const std::optional<std::int64_t>& id) {
    if (id) fields[name] = *id;
  };
  auto optional_text = [&](const char* name, const std::string& text) {
    if (!text.empty()) fields[name] = text;
  };
  optional_id("contact_id", input.contact_id);
  optional_id("sales_order_id", input.sales_order_id);
  optional_id("item_id", input.item_id);
  optional_text("serial_number", input.serial_number);
  optional_text("kind", input.kind);
  optional_text("channel", input.channel);
  optional_text("priority", input.priority);
  optional_text("description", input.description);
  return service::open_ticket_from(c, kit, actor, fields);
}

Area service_area() {
  return Area{.entities = service_entities(),
              .tables = service_tables(),
              .add_routes =
                  [](http::Router& router, const CrmKit& kit) {
                    service::add_ticket_routes(router, kit);
                    service::add_return_visit_routes(router, kit);
                  },
              .jobs = service_jobs,
              .checks = service_checks(),
              .timeline = ticket_timeline};
}

}  // namespace verp::crm
