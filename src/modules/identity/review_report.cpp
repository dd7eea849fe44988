#include <algorithm>

#include "modules/identity/api.hpp"
#include "modules/identity/identity_service.hpp"
#include "modules/identity/role_templates.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/base/try.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::identity {
namespace {

constexpr auto kUnusedAfter = std::chrono::hours(24 * 90);

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

}  // namespace

Result<exporting::Table> access_review_report(storage::Database& database, const Clock& clock, std::string_view locale) {
  const auto& catalog = i18n::Catalog::built_in();
  const auto now = clock.now();
  exporting::Table table;
  table.sheet_name = catalog.text(locale, "identity.review.sheet");
  for (const char* id : {"identity.review.company", "identity.review.user_name", "identity.review.display_name",
                         "identity.review.active", "identity.review.mfa", "identity.review.last_sign_in",
                         "identity.review.unused", "identity.review.roles", "identity.review.permissions"}) {
    table.headers.push_back(catalog.text(locale, id));
  }
  auto yes_no = [&](bool value) { return catalog.text(locale, value ? "identity.review.yes" : "identity.review.no"); };
  VERP_CHECK(database.read([&](storage::Connection& c) -> Status {
    VERP_TRY(auto rows, c.query("SELECT co.id, co.code, u.id, u.user_name, u.display_name, u.is_active, "
                                "u.totp_enabled, u.sms_mfa_enabled, u.last_sign_in_at FROM memberships m "
                                "JOIN companies co ON co.id = m.company_id JOIN users u ON u.id = m.user_id "
                                "ORDER BY co.code, u.user_name",
                                {}));
    for (const auto& row : rows) {
      VERP_TRY(auto company_id, row.int64(0));
      VERP_TRY(auto company, row.text(1));
      VERP_TRY(auto user_id, row.int64(2));
      VERP_TRY(auto user_name, row.text(3));
      VERP_TRY(auto display_name, row.text(4));
      VERP_TRY(bool active, row.boolean(5));
      VERP_TRY(bool totp, row.boolean(6));
      VERP_TRY(bool sms, row.boolean(7));
      VERP_TRY(auto last, row.get<std::optional<storage::Timestamp>>(8));
      VERP_TRY(auto roles, c.query("SELECT r.code FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                                   "WHERE ur.user_id = $1 AND ur.company_id = $2 ORDER BY r.code",
                                   {user_id, company_id}));
      std::vector<std::string> role_codes, permissions;
      for (const auto& role : roles) {
        VERP_TRY(auto code, role.text(0));
        role_codes.push_back(code);
      }
      auto principal = load_principal(c, user_id, company_id);
      if (principal) {
        for (const auto& g : principal->grants) {
          permissions.push_back(g.resource + ":" + g.action + "@" + std::string(to_string(g.scope)));
        }
        std::sort(permissions.begin(), permissions.end());
      }
      const bool unused = !last || now - last->to_system() > kUnusedAfter;
      table.rows.push_back({company, user_name, display_name, yes_no(active), yes_no(totp || sms),
                            last ? last->to_string() : "", yes_no(unused), join(role_codes), join(permissions)});
    }
    return {};
  }));
  return table;
}

Result<exporting::Table> role_changes_report(storage::Database& database, Clock::TimePoint since,
                                             std::string_view locale) {
  exporting::Table table;
  std::vector<audit::Record> records;
  VERP_CHECK(database.read([&](storage::Connection& c) -> Status {
    for (const char* target : {"role", "user"}) {
      std::optional<std::int64_t> cursor;
      do {
        audit::Query query;
        query.target_type = target;
        query.from = since;
        query.before_seq = cursor;
        query.limit = 1000;
        VERP_TRY(auto page, audit::query(c, query));
        for (auto& record : page.records) {
          const std::string& a = record.action;
          const bool about_roles = (std::string_view(target) == "role") || a == "role.assign" || a == "member.add";
          if (about_roles) records.push_back(std::move(record));
        }
        cursor = page.next_cursor;
      } while (cursor);
    }
    return {};
  }));
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.seq > b.seq; });
  table = audit::to_table(records, locale);
  table.sheet_name = i18n::Catalog::built_in().text(locale, "identity.review.changes_sheet");
  return table;
}

Result<security::Principal> principal_of(storage::Database& database, std::int64_t user_id, std::int64_t company_id) {
  return database.read([&](storage::Connection& c) { return load_principal(c, user_id, company_id); });
}

}  // namespace verp::identity
