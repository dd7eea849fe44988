// How records leave the store for people: as API JSON with the titles of what their links
// point at, and the audit record of an export.
#include <boost/json.hpp>
#include <set>

#include "platform/audit/audit_log.hpp"
#include "platform/entity/codec.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity {

using detail::sql_name;
using detail::Sql;
using storage::Connection;

Result<LinkTitles> EntityStore::link_titles(const EntitySpec& spec, const std::vector<Field>& fields,
                                            const security::Principal& principal,
                                            const std::vector<Record>& records) const {
  LinkTitles titles;
  return database_.read([&](Connection& c) -> Result<LinkTitles> {
    for (const Field& field : fields) {
      if (field.kind != FieldKind::link && field.kind != FieldKind::links) continue;
      if (principal.field_access(spec.name, field.name) == security::FieldAccess::hidden) continue;
      const EntitySpec* target = registry_.find(field.link_to);
      if (target == nullptr || !principal.may(target->name, "read")) continue;
      auto shown = [&](const std::string& name) {
        return !name.empty() && principal.field_access(target->name, name) != security::FieldAccess::hidden;
      };
      const bool has_title = shown(target->title_field);
      const bool has_code = shown(target->code_field);
      if (!has_title && !has_code) continue;
      std::set<std::int64_t> ids;
      for (const Record& record : records) {
        if (field.kind == FieldKind::links) {
          for (std::int64_t id : link_ids(record.get(field.name))) ids.insert(id);
        } else if (const auto* id = record.get(field.name).get_if<std::int64_t>()) {
          ids.insert(*id);
        }
      }
      if (ids.empty()) continue;
      Sql sql;
      std::string list;
      for (std::int64_t id : ids) list += (list.empty() ? "" : ", ") + sql.param(id);
      sql.text = "SELECT id, " + (has_title ? sql_name(target->title_field) : std::string("NULL")) + ", " +
                 (has_code ? sql_name(target->code_field) : std::string("NULL")) + " FROM " + sql_name(target->table) +
                 " WHERE id IN (" + list + ")";
      if (target->company_scoped) {
        std::string companies;
        for (auto company : principal.company_ids) companies += (companies.empty() ? "" : ", ") + sql.param(company);
        if (companies.empty()) companies = sql.param(principal.company_id);
        sql.text += " AND company_id IN (" + companies + ")";
      }
      auto rows = c.query(sql.text, sql.params);
      if (!rows) return rows.error();
      auto& by_id = titles[field.name];
      for (const auto& row : *rows) {
        by_id[row.int64(0).value_or(0)] = LinkTitle{row.is_null(1) ? "" : row.text(1).value_or(""),
                                                     row.is_null(2) ? "" : row.text(2).value_or("")};
      }
    }
    return titles;
  });
}

boost::json::object EntityStore::to_json(const EntitySpec& spec, const std::vector<Field>& fields,
                                         const security::Principal& principal, const Record& record,
                                         const LinkTitles* titles) const {
  auto nullable = [](const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); };
  boost::json::object json{{"id", record.id},
                           {"company_id", nullable(record.company_id)},
                           {"owner_id", nullable(record.owner_id)},
                           {"department_id", nullable(record.department_id)},
                           {"version", record.version},
                           {"archived", record.archived_at.has_value()},
                           {"created_at", record.created_at.to_string()},
                           {"created_by", nullable(record.created_by)},
                           {"updated_at", record.updated_at.to_string()},
                           {"updated_by", nullable(record.updated_by)}};
  for (const Field& field : fields) {
    if (principal.field_access(spec.name, field.name) == security::FieldAccess::hidden) continue;
    json[field.name] = encode_json(field, record.get(field.name));
  }
  if (titles != nullptr && !titles->empty()) {
    boost::json::object links;
    auto title_json = [](std::int64_t id, const LinkTitle& t) {
      return boost::json::object{{"id", id}, {"title", t.title}, {"code", t.code}};
    };
    for (const auto& [name, by_id] : *titles) {
      const Field* field = nullptr;
      for (const Field& f : fields) {
        if (f.name == name) field = &f;
      }
      if (field == nullptr) continue;
      if (field->kind == FieldKind::links) {
        boost::json::array list;
        for (std::int64_t id : link_ids(record.get(name))) {
          if (auto it = by_id.find(id); it != by_id.end()) list.push_back(title_json(id, it->second));
        }
        if (!list.empty()) links[name] = std::move(list);
      } else if (const auto* id = record.get(name).get_if<std::int64_t>()) {
        if (auto it = by_id.find(*id); it != by_id.end()) links[name] = title_json(*id, it->second);
      }
    }
    if (!links.empty()) json["_links"] = std::move(links);
  }
  return json;
}

Status EntityStore::audit_export(const EntitySpec& spec, const security::Principal& principal, std::int64_t rows,
                                 std::string_view format, const Caller& caller, std::string_view query) const {
  const auto now = storage::Timestamp::from_system(clock_.now());
  std::string change =
      query.empty() ? audit::detail_json({{"rows", std::to_string(rows)}, {"format", std::string(format)}})
                    : audit::detail_json({{"rows", std::to_string(rows)},
                                          {"format", std::string(format)},
                                          {"query", std::string(query)}});
  return database_.write([&](Connection& c) -> Status {
    return detail::write_audit(c, spec, principal, caller, now, "export", 0, change);  // a retry runs it again
  });
}

}  // namespace verp::entity
