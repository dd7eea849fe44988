// The CRM module is five areas, each in its folder: customers (contacts, addresses, grades,
// lifecycle, the 360° view, recommendations), pipeline (leads, opportunities, follow-ups),
// service (tickets with SLAs, return visits, care plans), feedback (surveys and their answers)
// and campaigns (segments and marketing campaigns). An area hands the module what it declares;
// the module registers the areas in the order of crm_module.cpp, so an area may link to the
// entities of the areas before it.
#pragma once

#include <functional>
#include <vector>

#include "modules/finance/ledger_http.hpp"
#include "platform/entity/entity_spec.hpp"
#include "platform/entity/store.hpp"
#include "platform/http/router.hpp"
#include "platform/module/module.hpp"

namespace verp::crm {

// One event on a customer's timeline (客户时间线) of the 360° view: a follow-up, a ticket, a survey
// answer, a campaign message… Each area that records such events gives a TimelineSource; the
// customers area merges them with the sales documents, newest first.
struct TimelineEntry {
  storage::Timestamp at;
  std::string kind;    // what happened, e.g. "follow_up", "ticket.opened", "survey.answered"
  std::string title;   // one line a person reads, in zh-CN or English per `locale`
  std::string entity;  // the record it is about, for a link ("ticket"); empty: none
  std::int64_t record_id = 0;
};
// The newest `limit` entries of `customer` in `company`, in any order.
using TimelineSource = std::function<Result<std::vector<TimelineEntry>>(
    storage::Connection&, std::int64_t company, std::int64_t customer, std::string_view locale, std::size_t limit)>;

// What the areas' routes and jobs share: the ledger's HTTP kit (database, catalogue, clock,
// problems, the acting user, reports as files), the generic entity store and every entity.
struct CrmKit {
  finance::LedgerHttp http;
  const entity::EntityStore* store = nullptr;
  const entity::Registry* entities = nullptr;
  std::vector<TimelineSource> timelines;  // every area's, in area order
  std::string public_url;  // VERP_PUBLIC_URL: where customers reach verp; empty: the requester's address

  const entity::EntitySpec& spec(std::string_view entity_name) const;  // a registered entity
};

struct Area {
  std::vector<entity::EntitySpec> entities;
  std::vector<storage::TableDef> tables;  // synced after every entity's table
  std::function<void(http::Router&, const CrmKit&)> add_routes;
  std::function<std::vector<ScheduledJob>(const CrmKit&)> jobs;
  std::vector<Check> checks;
  TimelineSource timeline;  // may be empty
};

Area customers_area();
Area campaigns_area();
Area pipeline_area();
Area service_area();
Area feedback_area();

}  // namespace verp::crm
