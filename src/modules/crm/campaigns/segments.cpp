// Evaluating segments: one SQL query over the customers table with the caller's data scope, the
// segment's conditions and a keyset page — the database does the work, whatever the size.
#include <algorithm>
#include <boost/json/parse.hpp>

#include "modules/crm/campaigns/campaign_support.hpp"
#include "modules/crm/campaigns/campaigns.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::crm {

using storage::Connection;
using storage::Value;

namespace {

// The customer columns a member is shown with; a company may have hidden none of them, but a
// role may hide one (then it reads empty).
constexpr const char* kMemberColumns = "t.id, t.code, t.name, t.grade, t.region, t.email, t.phone";

}  // namespace

Result<std::vector<entity::Field>> Segments::fields(Connection& c, const security::Principal& principal) const {
  auto custom = entity::detail::load_custom_fields(c, customer_, principal.company_id);
  if (!custom) return custom.error();
  std::vector<entity::Field> all = customer_.fields;
  all.insert(all.end(), custom->begin(), custom->end());
  auto scored = scores_available(c);
  if (!scored) return scored.error();
  if (*scored) {
    const auto computed = score_fields();
    all.insert(all.end(), computed.begin(), computed.end());
  }
  return segment_fields(all, principal);
}

Result<SegmentFilter> Segments::saved(Connection& c, const security::Principal& principal,
                                      std::int64_t segment_id) const {
  // The segment itself within the caller's scope for segments (404 otherwise).
  entity::EntitySpec segment_spec{.name = "segment", .table = "segments"};
  entity::detail::Sql sql;
  auto scope = entity::detail::scope_condition(segment_spec, principal, "read", sql);
  if (!scope) return scope.error();
  sql.text = "SELECT t.filter FROM segments t WHERE t.id = " + sql.param(segment_id) +
             " AND t.archived_at IS NULL AND " + *scope;
  auto row = c.query_row(sql.text, sql.params);
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  boost::system::error_code ec;
  const auto json = boost::json::parse(text_at(**row, 0), ec);
  if (ec) return make_error(ErrorKind::validation, "crm.segment_filter_invalid");
  auto fields = this->fields(c, principal);
  if (!fields) return fields.error();
  return parse_segment_filter(json, *fields);
}

Result<std::string> Segments::where(Connection& c, const security::Principal& principal, const SegmentFilter& filter,
                                    std::vector<Value>& params) const {
  auto fields = this->fields(c, principal);
  if (!fields) return fields.error();
  entity::detail::Sql sql;
  auto scope = entity::detail::scope_condition(customer_, principal, "read", sql);
  if (!scope) return scope.error();
  std::vector<Value> collected = std::move(sql.params);
  const std::string conditions = segment_sql(filter, *fields, c.dialect(), collected);
  params = std::move(collected);
  return *scope + " AND t.archived_at IS NULL AND (" + conditions + ")";
}

Result<std::int64_t> Segments::count(Connection& c, const security::Principal& principal,
                                     const SegmentFilter& filter) const {
  std::vector<Value> params;
  auto where = this->where(c, principal, filter, params);
  if (!where) return where.error();
  auto row = c.query_row("SELECT COUNT(*) FROM customers t WHERE " + *where, params);
  if (!row) return row.error();
  return *row ? (*row)->int64(0).value_or(0) : 0;
}

Result<std::vector<SegmentMember>> Segments::members(Connection& c, const security::Principal& principal,
                                                     const SegmentFilter& filter, std::int64_t after_id,
                                                     int limit) const {
  std::vector<Value> params;
  auto where = this->where(c, principal, filter, params);
  if (!where) return where.error();
  params.emplace_back(after_id);
  const std::string after = "$" + std::to_string(params.size());
  auto rows = c.query(std::string("SELECT ") + kMemberColumns + " FROM customers t WHERE " + *where + " AND t.id > " +
                          after + " ORDER BY t.id LIMIT " + std::to_string(std::clamp(limit, 1, 100'000)),
                      params);
  if (!rows) return rows.error();
  const auto shown = [&](std::string_view field, std::string value) {
    return principal.field_access("customer", field) == security::FieldAccess::hidden ? std::string() : value;
  };
  std::vector<SegmentMember> members;
  members.reserve(rows->size());
  for (const auto& r : *rows) {
    members.push_back(SegmentMember{.id = r.int64(0).value_or(0),
                                    .code = text_at(r, 1),
                                    .name = text_at(r, 2),
                                    .grade = shown("grade", text_at(r, 3)),
                                    .region = shown("region", text_at(r, 4)),
                                    .email = shown("email", text_at(r, 5)),
                                    .phone = shown("phone", text_at(r, 6))});
  }
  return members;
}

Result<std::vector<SegmentMember>> segment_members(Connection& c, const entity::Registry& registry,
                                                   const security::Principal& principal, std::int64_t segment_id,
                                                   std::int64_t after_id, int limit) {
  const entity::EntitySpec* customer = registry.find("customer");
  if (customer == nullptr) return make_error(ErrorKind::internal, "error.internal", "no customer entity");
  const Segments segments(*customer);
  auto filter = segments.saved(c, principal, segment_id);
  if (!filter) return filter.error();
  return segments.members(c, principal, *filter, after_id, limit);
}

}  // namespace verp::crm
