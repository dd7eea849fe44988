// HTTP for segments beyond the generic entity API (/api/v1/segments):
//   POST /api/v1/segments/preview {"filter"}            → {"count","sample":[first 20 members]}
//   GET  /api/v1/segments/computed-fields                → {"items":[{"name","kind","label"}]} (customer_scores)
//   GET  /api/v1/segments/{id}/members?limit=&after=     → {"count","items","next_after"} (keyset pages)
//        ?format=csv|xlsx                                 → every member as a file (audited)
#include <algorithm>
#include <boost/json.hpp>

#include "modules/crm/campaigns/campaigns.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

constexpr int kSampleSize = 20;
constexpr int kMaxPage = 500;
constexpr int kMaxExport = 100'000;

json::object member_json(const SegmentMember& m) {
  return {{"id", m.id},         {"code", m.code},       {"name", m.name}, {"grade", m.grade},
          {"region", m.region}, {"email", m.email},     {"phone", m.phone}};
}

json::array members_json(const std::vector<SegmentMember>& members) {
  json::array items;
  for (const auto& m : members) items.push_back(member_json(m));
  return items;
}

exporting::Table members_table(const json::object& report, std::string_view locale) {
  const bool en = locale.starts_with("en");
  exporting::Table table{.sheet_name = en ? "Segment members" : "分群客户",
                         .headers = en ? std::vector<std::string>{"Code", "Customer", "Grade", "Region", "E-mail", "Phone"}
                                       : std::vector<std::string>{"编码", "客户", "等级", "地区", "电子邮箱", "电话"}};
  for (const auto& item : report.at("items").as_array()) {
    const auto& m = item.as_object();
    auto text = [&](const char* key) { return std::string(m.at(key).as_string()); };
    table.rows.push_back({text("code"), text("name"), text("grade"), text("region"), text("email"), text("phone")});
  }
  return table;
}

}  // namespace

void add_segment_routes(http::Router& router, const CrmKit& kit) {
  const finance::LedgerHttp http = kit.http;
  const Segments segments(kit.spec("customer"));
  auto problem = [http](const Error& error, const Request& request) { return http.problem(error, request); };

  router.post("/api/v1/segments/preview", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only({"filter"});
    if (!body.ok()) return problem(body.error(), request);
    const json::value* raw = body.raw("filter");
    const json::value filter_json = raw != nullptr ? *raw : json::value();
    auto preview = http.database->read([&](Connection& c) -> Result<json::object> {
      auto fields = segments.fields(c, *request.principal);
      if (!fields) return fields.error();
      auto filter = parse_segment_filter(filter_json, *fields);
      if (!filter) return filter.error();
      auto count = segments.count(c, *request.principal, *filter);
      if (!count) return count.error();
      auto sample = segments.members(c, *request.principal, *filter, 0, kSampleSize);
      if (!sample) return sample.error();
      return json::object{{"count", *count}, {"sample", members_json(*sample)}};
    });
    if (!preview) return problem(preview.error(), request);
    return http::json_response(200, *preview);
  }, {.access = Access::permission("segment", "read"),
      .openapi = openapi("How many customers a filter selects now, with the first 20", "Segment")});

  router.get("/api/v1/segments/computed-fields", [=](Request& request) {
    auto offered = http.database->read([&](Connection& c) -> Result<json::array> {
      auto available = scores_available(c);
      if (!available) return available.error();
      json::array fields;
      if (!*available) return fields;
      for (const auto& field : score_fields()) {
        fields.push_back(json::object{{"name", field.name},
                                      {"kind", field.kind == entity::FieldKind::enumeration ? "enum" : entity::to_string(field.kind)},
                                      {"label", field.label.in(request.locale)}});
      }
      return fields;
    });
    if (!offered) return problem(offered.error(), request);
    return http::json_response(200, json::object{{"items", std::move(*offered)}});
  }, {.access = Access::permission("segment", "read"),
      .openapi = openapi("The computed customer fields segments may also test (customer_scores), when there", "Segment")});

  router.get("/api/v1/segments/{id}/members", [=](Request& request) {
    const auto id = request.id_param("id").value_or(0);
    const bool download = !finance::query_text(request, "format").empty();
    if (download && !request.principal->may("segment", "export")) {
      return problem(make_error(ErrorKind::forbidden, "error.forbidden"), request);
    }
    const std::int64_t after = request.integer_query("after").value_or(0);
    const int limit = download ? kMaxExport
                               : static_cast<int>(std::clamp<std::int64_t>(request.integer_query("limit").value_or(50), 1,
                                                                           kMaxPage));
    auto page = http.database->read([&](Connection& c) -> Result<json::object> {
      auto filter = segments.saved(c, *request.principal, id);
      if (!filter) return filter.error();
      auto count = segments.count(c, *request.principal, *filter);
      if (!count) return count.error();
      auto members = segments.members(c, *request.principal, *filter, after, limit);
      if (!members) return members.error();
      json::object answer{{"count", *count}, {"items", members_json(*members)}, {"next_after", nullptr}};
      if (static_cast<int>(members->size()) == limit && !download) answer["next_after"] = members->back().id;
      return answer;
    });
    return http.answer_report(request, "segment_members", page,
                              [](std::string_view, const json::object& report, std::string_view locale) {
                                return members_table(report, locale);
                              },
                              "segment.export");
  }, {.access = Access::permission("segment", "read"),
      .openapi = openapi("The customers a segment selects now (?limit=&after= keyset pages; ?format=csv|xlsx)",
                         "Segment")});
}

}  // namespace verp::crm
