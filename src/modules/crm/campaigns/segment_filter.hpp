// A segment's filter (客户分群条件): JSON conditions on customer fields, checked against the
// customer entity as the registry declares it (custom fields included) and turned into one
// parameterised SQL condition over the customers table, alias "t".
//
//   {"all": [cond, …]} or {"any": [cond, …]}; a cond is {"field","op","value"} or one nested
//   {"all"|"any": [cond, …]} (one level).
//   ops: eq, ne, in (value: array), contains (tags: holds the tag; text: contains the text),
//   gt, gte, lt, lte (numbers, dates, times), empty, not_empty (no value).
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/entity/entity_spec.hpp"
#include "platform/entity/store.hpp"

namespace verp::crm {

struct SegmentCondition;

// A checked filter: every field exists and is filterable, every value decoded for its field.
struct SegmentFilter {
  bool any = false;  // "any": OR; "all": AND
  std::vector<SegmentCondition> conditions;
};

struct SegmentCondition {
  std::string field;
  std::string op;
  std::vector<storage::Value> values;
  std::shared_ptr<SegmentFilter> group;  // set for a nested {"all"|"any"}
};

// The customer fields a segment may test: declared and custom, filterable, not hidden from `principal`.
std::vector<entity::Field> segment_fields(const std::vector<entity::Field>& customer_fields,
                                          const security::Principal& principal);

// The computed fields of the customers area's table customer_scores (revenue_12m, orders_12m,
// last_order_on, clv, rfm), offered only where that table exists; marked by kScoresSection and
// tested through a subquery on the customer's scores row (no row: no value). Money is kept there
// in cents.
inline constexpr std::string_view kScoresSection = "customer_scores";
std::vector<entity::Field> score_fields();
Result<bool> scores_available(storage::Connection& c);

// Checks `json` against `fields`. Problems name their path from "filter" ("filter.all[1].field",
// "filter.any[0].value"); every problem at once, as a validation error.
Result<SegmentFilter> parse_segment_filter(const boost::json::value& json, const std::vector<entity::Field>& fields,
                                           const std::string& path = "filter");
// The same, reporting into `errors` (the entity's validate hook).
std::optional<SegmentFilter> check_segment_filter(const boost::json::value& json,
                                                  const std::vector<entity::Field>& fields, const std::string& path,
                                                  std::vector<FieldError>& errors);

// The condition as SQL over alias "t", its parameters appended to `params` ($n numbering follows them).
std::string segment_sql(const SegmentFilter& filter, const std::vector<entity::Field>& fields,
                        storage::Dialect dialect, std::vector<storage::Value>& params);

}  // namespace verp::crm
