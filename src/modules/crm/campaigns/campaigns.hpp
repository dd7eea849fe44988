// The campaigns area (营销活动): saved customer segments (dynamic filters) and campaigns that
// reach a segment through e-mail, SMS or WeChat, with tracked opens, clicks, unsubscribes and
// conversions into sales orders.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/crm/area.hpp"
#include "modules/crm/campaigns/segment_filter.hpp"

namespace verp::crm {

// `registry` is filled when the routes are added; the segment rule reads the customer entity from it.
std::vector<entity::EntitySpec> campaign_entities(std::shared_ptr<const entity::Registry*> registry);
std::vector<storage::TableDef> campaign_tables();

// ---- segments (客户分群) ---------------------------------------------------------------------

// One customer a segment selects, as lists and exports show it.
struct SegmentMember {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string grade;
  std::string region;
  std::string email;
  std::string phone;
};

// Evaluates segments over the customers of the caller's company within the caller's data scope
// for reading customers (archived customers never). One SQL query per call; nothing is loaded
// beyond the page asked for.
class Segments {
 public:
  explicit Segments(const entity::EntitySpec& customer) : customer_(customer) {}

  // The customer fields a filter may name for `principal` (declared and custom, filterable).
  Result<std::vector<entity::Field>> fields(storage::Connection& c, const security::Principal& principal) const;
  // A saved segment's filter; not_found outside the caller's company and scope for segments.
  Result<SegmentFilter> saved(storage::Connection& c, const security::Principal& principal,
                              std::int64_t segment_id) const;
  Result<std::int64_t> count(storage::Connection& c, const security::Principal& principal,
                             const SegmentFilter& filter) const;
  // Members with id > after_id in id order, at most `limit` (1..100,000).
  Result<std::vector<SegmentMember>> members(storage::Connection& c, const security::Principal& principal,
                                             const SegmentFilter& filter, std::int64_t after_id, int limit) const;

  const entity::EntitySpec& customer() const { return customer_; }

 private:
  Result<std::string> where(storage::Connection& c, const security::Principal& principal, const SegmentFilter& filter,
                            std::vector<storage::Value>& params) const;
  const entity::EntitySpec& customer_;
};

// For other areas and reports: the members of saved segment `segment_id` of `principal`'s
// company after `after_id`, as Segments::members.
Result<std::vector<SegmentMember>> segment_members(storage::Connection& c, const entity::Registry& registry,
                                                   const security::Principal& principal, std::int64_t segment_id,
                                                   std::int64_t after_id, int limit);

void add_segment_routes(http::Router& router, const CrmKit& kit);

// ---- campaigns (营销活动) --------------------------------------------------------------------

void add_campaign_routes(http::Router& router, const CrmKit& kit);
void add_tracking_routes(http::Router& router, const CrmKit& kit);
void add_campaign_result_routes(http::Router& router, const CrmKit& kit);

// What one run of the crm.campaigns job did.
struct CampaignRun {
  std::int64_t campaigns = 0;  // campaigns that finished sending
  std::int64_t messages = 0;   // messages queued
};

// Sends what is due: claims each scheduled campaign whose time has come (or a sending one whose
// node stopped), evaluates its segment in batches of `batch` customers and queues one message per
// allowed recipient, then marks it sent. Safe on several nodes at once.
Result<CampaignRun> send_due_campaigns(const CrmKit& kit, int batch = 500);

// The campaign's results (see README): counts, rates, revenue, ROI and a daily series.
Result<boost::json::object> campaign_results(storage::Connection& c, std::int64_t company, std::int64_t campaign,
                                             std::string_view locale);

// Campaign messages on the 360° timeline.
Result<std::vector<TimelineEntry>> campaign_timeline(storage::Connection& c, std::int64_t company,
                                                     std::int64_t customer, std::string_view locale,
                                                     std::size_t limit);

}  // namespace verp::crm
