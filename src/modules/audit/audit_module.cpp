#include "modules/audit/audit_module.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "platform/audit/audit_log.hpp"
#include "platform/base/try.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/table_download.hpp"

namespace verp::audit {
namespace {

std::optional<Clock::TimePoint> time_param(const http::Request& request, std::string_view name, bool& bad) {
  const std::string* text = request.query_param(name);
  if (text == nullptr) return std::nullopt;
  auto parsed = storage::Timestamp::parse(*text);
  if (!parsed) {
    bad = true;
    return std::nullopt;
  }
  return parsed->to_system();
}

boost::json::object record_json(const Record& r) {
  boost::json::object out{{"seq", r.seq},
                          {"at", storage::Timestamp::from_system(r.at).to_string()},
                          {"user_name", r.user_name},
                          {"address", r.address},
                          {"request_id", r.request_id},
                          {"action", r.action},
                          {"target_type", r.target_type},
                          {"target_id", r.target_id},
                          {"hash", r.hash}};
  if (r.user_id) out["user_id"] = *r.user_id;
  if (r.company_id) out["company_id"] = *r.company_id;
  boost::system::error_code ec;
  auto change = boost::json::parse(r.change, ec);
  out["change"] = ec ? boost::json::value(r.change) : change;
  return out;
}

class AuditModule final : public Module {
 public:
  std::string_view name() const override { return kMigrationScope; }
  std::vector<storage::TableDef> tables() const override { return audit::tables(); }
  std::vector<storage::Migration> migrations() const override { return audit::migrations(); }

  void add_routes(http::Router& router, ModuleContext& context) override {
    router.get("/api/v1/audit-log", [&context](http::Request& request) { return list(context, request); },
               {.access = http::Access::permission("audit_log", "read")});
  }

  std::vector<Check> checks() const override {
    return {Check{"audit log hash chain is intact", [](storage::Database& database) -> Result<std::vector<std::string>> {
                    VERP_TRY(auto report, verify(database));
                    std::vector<std::string> problems;
                    if (report.first_problem) {
                      problems.push_back("record " + std::to_string(report.first_problem->seq) + " " +
                                         report.first_problem->kind + ": " + report.first_problem->detail);
                    }
                    return problems;
                  }}};
  }

 private:
  static http::Response list(ModuleContext& context, http::Request& request) {
    const auto& principal = *request.principal;
    const auto& catalog = i18n::Catalog::built_in();
    Query q;
    bool bad = false;
    q.user_id = request.integer_query("user_id");
    q.target_id = request.query_param("target_id") ? std::optional<std::string>(*request.query_param("target_id"))
                                                   : std::nullopt;
    if (auto* v = request.query_param("action")) q.action = *v;
    if (auto* v = request.query_param("target_type")) q.target_type = *v;
    q.from = time_param(request, "from", bad);
    q.to = time_param(request, "to", bad);
    q.before_seq = request.integer_query("cursor");
    q.limit = static_cast<int>(request.integer_query("limit").value_or(50));
    if (bad) {
      Error error = make_error(ErrorKind::validation, "audit.invalid_query");
      error.field = "from";
      return http::problem_response(error, request, catalog);
    }
    // Another member company's log is visible only with an all-companies grant, and only for
    // companies the reader belongs to; otherwise the active company's.
    auto scope = principal.scope_for("audit_log", "read");
    const bool everywhere = scope && *scope == security::DataScope::all_companies;
    const auto wanted = request.integer_query("company_id");
    q.company_id = everywhere && wanted && principal.belongs_to(*wanted) ? *wanted : principal.company_id;
    const std::string* format = request.query_param("format");
    const bool csv = format != nullptr && *format == "csv";
    const bool xlsx = format != nullptr && *format == "xlsx";
    if ((csv || xlsx) && !principal.may("audit_log", "export")) {
      return http::problem_response(make_error(ErrorKind::forbidden, "error.forbidden"), request, catalog);
    }
    auto page = context.database.read([&](storage::Connection& c) { return query(c, q); });
    if (!page) return http::problem_response(page.error(), request, catalog);
    if (csv || xlsx) {
      // An export is itself an operation worth recording.
      auto logged = context.database.write([&](storage::Connection& c) -> Status {
        Entry entry;
        entry.at = context.clock.now();
        entry.user_id = principal.user_id;
        entry.user_name = principal.user_name;
        entry.company_id = principal.company_id;
        entry.address = request.remote_address;
        entry.request_id = request.request_id;
        entry.action = "export";
        entry.target_type = "audit_log";
        entry.change = detail_json({{"rows", std::to_string(page->records.size())}, {"format", csv ? "csv" : "xlsx"}});
        VERP_CHECK(append(c, entry));
        return {};
      });
      if (!logged) return http::problem_response(logged.error(), request, catalog);
      auto response = http::table_download(to_table(page->records, request.locale), *format, "audit-log");
      if (!response) return http::problem_response(response.error(), request, catalog);
      return std::move(response.value());
    }
    boost::json::array items;
    for (const auto& record : page->records) items.push_back(record_json(record));
    boost::json::object body{{"items", items}};
    body["next_cursor"] = page->next_cursor ? boost::json::value(*page->next_cursor) : boost::json::value(nullptr);
    return http::json_response(200, body);
  }
};

}  // namespace

std::unique_ptr<Module> make_audit_module() { return std::make_unique<AuditModule>(); }

}  // namespace verp::audit
