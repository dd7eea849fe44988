// The customer 360° view (客户360°视图): the customer with contacts, addresses and scores; each
// kind of sales document the caller may read (quotations, orders, deliveries, invoices, receipts)
// with its totals and newest rows; what the customer still owes (finance's open items on 1122);
// revenue by month for a year; and one timeline, newest first, of the sales documents and every
// CRM area's TimelineSource.
//
// Each query reads one customer's rows through an index on the customer and stops at its LIMIT,
// so the view stays fast for a customer with tens of thousands of documents.
#pragma once

#include <boost/json/object.hpp>
#include <optional>

#include "modules/crm/area.hpp"

namespace verp::crm {

inline constexpr std::size_t kSectionRows = 10;     // rows per section when not asked otherwise
inline constexpr std::size_t kMaxSectionRows = 100;
// How far back a timeline page reaches into each other area's source: a source answers its newest
// entries only, so pages beyond this depth show the sales documents alone.
inline constexpr std::size_t kTimelineDepth = 500;

struct Viewer {
  const security::Principal& principal;
  std::string locale;  // zh-CN or en
};

struct Page360 {
  std::size_t limit = kSectionRows;
  std::optional<std::int64_t> before;  // a section: rows with a smaller id
  std::optional<storage::Timestamp> before_at;  // the timeline: entries older than this
};

// The sections by name, in the order the view shows them.
const std::vector<std::string>& section_names();

// The whole view. `customer` must already be known to be in the caller's data scope.
Result<boost::json::object> customer_360(storage::Connection& c, const CrmKit& kit, const Viewer& viewer,
                                         std::int64_t customer, const Page360& page, int year, storage::Date today);

// One more page of a section ("quotations", "orders", "deliveries", "invoices", "receipts") or of
// the timeline ("timeline"). Errors: validation "section" (unknown), forbidden (not readable).
Result<boost::json::object> customer_section(storage::Connection& c, const CrmKit& kit, const Viewer& viewer,
                                             std::int64_t customer, std::string_view section, const Page360& page);

}  // namespace verp::crm
