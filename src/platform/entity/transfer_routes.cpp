// Lists, exports and imports: the routes that move many records at once.
#include <boost/json.hpp>
#include <charconv>

#include "platform/entity/codec.hpp"
#include "platform/entity/openapi.hpp"
#include "platform/entity/routes.hpp"
#include "platform/exchange/sheet.hpp"
#include "platform/export/table.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/table_download.hpp"

namespace verp::entity {

using http::Access;
using http::Request;
using http::Response;
using web::caller_of;
using web::problem;

namespace {

std::vector<std::pair<std::string, std::string>> query_pairs(const Request& request) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& param : request.query) pairs.emplace_back(param.name, param.value);
  return pairs;
}

std::vector<const Field*> visible_fields(const EntitySpec& spec, const std::vector<Field>& fields,
                                         const security::Principal& principal) {
  std::vector<const Field*> visible;
  for (const Field& field : fields) {
    if (principal.field_access(spec.name, field.name) != security::FieldAccess::hidden) visible.push_back(&field);
  }
  return visible;
}

// Export cells read as people expect in their language (enum labels, 是/否) and import back.
std::string export_cell(const Field& field, const storage::Value& value, std::string_view locale) {
  if (value.is_null()) return {};
  if (field.kind == FieldKind::enumeration) {
    const std::string stored = encode_cell(field, value);
    for (const auto& option : field.options) {
      if (option.value == stored) return option.label.in(locale);
    }
    return stored;
  }
  if (const auto* b = value.get_if<bool>()) {
    if (locale.starts_with("en")) return *b ? "yes" : "no";
    return *b ? "是" : "否";
  }
  return encode_cell(field, value);
}

// The list as a sheet in the caller's language, with only the fields they may see; the export
// is audited. Errors: forbidden without the export grant, and the list's own.
Result<exporting::Table> export_table(const EntityServices& s, const EntitySpec& spec, const std::vector<Field>& fields,
                                      const security::Principal& principal, ListQuery query, std::string_view format,
                                      std::string_view locale, const Caller& caller) {
  if (!principal.may(spec.name, "export")) return make_error(ErrorKind::forbidden, "error.forbidden");
  query.limit = kExportLimit;
  query.cursor.clear();
  auto page = s.store.list(spec, fields, principal, query);
  if (!page) return page.error();
  const auto columns = visible_fields(spec, fields, principal);
  exporting::Table table;
  table.sheet_name = spec.label.in(locale);
  for (const Field* field : columns) table.headers.push_back(field->label.in(locale));
  table.rows.reserve(page->records.size());
  for (const Record& record : page->records) {
    std::vector<std::string> row;
    row.reserve(columns.size());
    for (const Field* field : columns) row.push_back(export_cell(*field, record.get(field->name), locale));
    table.rows.push_back(std::move(row));
  }
  if (Status audited = s.store.audit_export(spec, principal, static_cast<std::int64_t>(table.rows.size()), format, caller);
      !audited) {
    return audited.error();
  }
  return table;
}

Response export_list(const EntityServices& s, const EntitySpec& spec, const std::vector<Field>& fields,
                     ListQuery query, std::string_view format, Request& request) {
  auto table = export_table(s, spec, fields, *request.principal, std::move(query), format, request.locale,
                            caller_of(request));
  if (!table) return problem(s, table.error(), request);
  auto download = http::table_download(*table, format, spec.path);
  if (!download) return problem(s, download.error(), request);
  return std::move(*download);
}

// A large export as a background job: the file is made later and downloaded from the job.
Response export_in_background(const EntityServices& s, const EntitySpec& spec, std::string_view format,
                              Request& request) {
  if (!request.principal->may(spec.name, "export")) {
    return problem(s, make_error(ErrorKind::forbidden, "error.forbidden"), request);
  }
  boost::json::array params;
  for (const auto& param : request.query) {
    if (param.name != "async" && param.name != "format") params.push_back(boost::json::array{param.name, param.value});
  }
  boost::json::object payload{{"entity", spec.name},       {"format", format},
                              {"params", std::move(params)}, {"locale", request.locale},
                              {"address", request.remote_address}, {"request_id", request.request_id}};
  auto id = s.jobs->enqueue({.kind = "entity.export",
                             .payload = boost::json::serialize(payload),
                             .user_id = request.principal->user_id,
                             .company_id = request.principal->company_id,
                             .title = spec.label.in(request.locale)});
  if (!id) return problem(s, id.error(), request);
  Response accepted = http::json_response(202, boost::json::object{{"job_id", *id}, {"status", "queued"}});
  accepted.headers.set("Location", "/api/v1/jobs/" + std::to_string(*id));
  return accepted;
}

// Which field a file column is: its name, or its label in either language.
const Field* field_for_column(const std::vector<Field>& fields, std::string_view header) {
  for (const Field& field : fields) {
    if (field.name == header || field.label.zh == header || field.label.en == header) return &field;
  }
  for (const Field& field : fields) {
    const std::string& en = field.label.en;
    if (en.size() == header.size() &&
        std::equal(en.begin(), en.end(), header.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return &field;
    }
  }
  return nullptr;
}

bool is_system_header(std::string_view header) {
  static const std::vector<std::string_view> kIgnored{"id",         "编号",       "version",    "版本",
                                                      "created_at", "创建时间",   "updated_at", "修改时间",
                                                      "company_id", "owner_id",   "archived"};
  return std::find(kIgnored.begin(), kIgnored.end(), header) != kIgnored.end();
}

// The file's rows as import rows: each column matched to a field by name or label.
Result<std::vector<ImportRow>> rows_of(exchange::Sheet& sheet, const std::vector<Field>& fields) {
  std::vector<const Field*> columns;
  std::vector<FieldError> unknown;
  bool any = false;
  for (std::size_t c = 0; c < sheet.headers.size(); ++c) {
    const Field* field = field_for_column(fields, sheet.headers[c]);
    if (field == nullptr && !is_system_header(sheet.headers[c])) {
      unknown.push_back({sheet.headers[c], "unknown_column", "entity.unknown_column", {}});
    }
    if (field != nullptr) any = true;
    columns.push_back(field);
  }
  if (!any || !unknown.empty()) {
    Error error = make_error(ErrorKind::validation, any ? "error.validation" : "entity.no_columns");
    error.fields = std::move(unknown);
    return error;
  }
  std::vector<ImportRow> rows;
  rows.reserve(sheet.rows.size());
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    ImportRow row{.row_number = sheet.row_numbers[r]};
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c] != nullptr) row.cells.emplace_back(columns[c], std::move(sheet.rows[r][c]));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

boost::json::object report_json(const i18n::Catalog& catalog, const ImportReport& report, std::string_view locale) {
  boost::json::array problems;
  for (const auto& p : report.problems) {
    problems.push_back({{"row", p.row_number},
                        {"field", p.error.field},
                        {"code", p.error.code},
                        {"message", catalog.text(locale, p.error.message_id, p.error.args)}});
  }
  return {{"rows", report.rows},        {"valid_rows", report.valid_rows}, {"created", report.created},
          {"committed", report.committed}, {"truncated", report.truncated}, {"problems", problems}};
}

}  // namespace

void add_transfer_routes(http::Router& router, std::shared_ptr<const EntityServices> services) {
  for (const auto& owned : services->registry.all()) {
    const EntitySpec* e = owned.get();
    auto s = services;
    const std::string base = "/api/v1/" + e->path;

    router.get(base, [s, e](Request& request) {
      auto fields = s->store.fields_for(*e, request.principal->company_id);
      if (!fields) return problem(*s, fields.error(), request);
      auto query = s->store.parse_list_query(*e, *fields, *request.principal, query_pairs(request));
      if (!query) return problem(*s, query.error(), request);
      if (const std::string* format = request.query_param("format")) {
        // Lists export to spreadsheets; PDF is for reports (table_download knows it too).
        if (*format != "csv" && *format != "xlsx") {
          Error error = make_error(ErrorKind::validation, "error.validation");
          error.fields.push_back({"format", "not_an_option", "entity.not_an_option", {{"options", "csv, xlsx"}}});
          return problem(*s, error, request);
        }
        const std::string* async = request.query_param("async");
        if (async != nullptr && *async == "true" && s->jobs != nullptr) return export_in_background(*s, *e, *format, request);
        return export_list(*s, *e, *fields, std::move(*query), *format, request);
      }
      auto page = s->store.list(*e, *fields, *request.principal, *query);
      if (!page) return problem(*s, page.error(), request);
      boost::json::array items;
      auto titles = s->store.link_titles(*e, *fields, *request.principal, page->records);
      if (!titles) return problem(*s, titles.error(), request);
      for (const Record& record : page->records) {
        items.push_back(s->store.to_json(*e, *fields, *request.principal, record, &*titles));
      }
      return http::json_response(200, boost::json::object{
                                          {"items", std::move(items)},
                                          {"next_cursor", page->next_cursor.empty() ? boost::json::value(nullptr)
                                                                                    : boost::json::value(page->next_cursor)}});
    }, {.access = Access::permission(e->name, "read"), .openapi = openapi_operation(*e, "list")});

    router.post(base + "/import", [s, e](Request& request) {
      const std::string* mode_text = request.query_param("mode");
      ImportMode mode = ImportMode::dry_run;
      if (mode_text != nullptr && *mode_text == "all") mode = ImportMode::all_or_nothing;
      else if (mode_text != nullptr && *mode_text == "valid") mode = ImportMode::valid_rows_only;
      else if (mode_text != nullptr && *mode_text != "dry_run") {
        Error error = make_error(ErrorKind::validation, "error.validation");
        error.fields.push_back({"mode", "not_an_option", "entity.not_an_option", {{"options", "dry_run, all, valid"}}});
        return problem(*s, error, request);
      }
      if (request.body.empty()) {
        Error error = make_error(ErrorKind::validation, "entity.import_file_missing");
        error.field = "file";
        return problem(*s, error, request);
      }
      const std::string* async = request.query_param("async");
      if (async != nullptr && *async == "true" && s->jobs != nullptr) {
        auto stored = s->files.put(request.body);
        if (!stored) return problem(*s, stored.error(), request);
        const std::string* confirm_text = request.query_param("confirm_duplicates");
        boost::json::object payload{{"entity", e->name},
                                    {"mode", mode_text != nullptr ? *mode_text : "dry_run"},
                                    {"confirm_duplicates", confirm_text != nullptr && *confirm_text == "true"},
                                    {"file", stored->sha256},
                                    {"locale", request.locale},
                                    {"address", request.remote_address},
                                    {"request_id", request.request_id}};
        auto id = s->jobs->enqueue({.kind = "entity.import",
                                    .payload = boost::json::serialize(payload),
                                    .user_id = request.principal->user_id,
                                    .company_id = request.principal->company_id,
                                    .title = e->label.in(request.locale)});
        if (!id) return problem(*s, id.error(), request);
        Response accepted = http::json_response(202, boost::json::object{{"job_id", *id}, {"status", "queued"}});
        accepted.headers.set("Location", "/api/v1/jobs/" + std::to_string(*id));
        return accepted;
      }
      auto sheet = exchange::read_table(request.body);
      if (!sheet) return problem(*s, sheet.error(), request);
      auto fields = s->store.fields_for(*e, request.principal->company_id);
      if (!fields) return problem(*s, fields.error(), request);

      auto rows = rows_of(*sheet, *fields);
      if (!rows) return problem(*s, rows.error(), request);
      const std::string* confirm = request.query_param("confirm_duplicates");
      auto report = s->store.import_rows(*e, *request.principal, *rows, mode, confirm != nullptr && *confirm == "true",
                                         caller_of(request));
      if (!report) return problem(*s, report.error(), request);
      return http::json_response(200, report_json(s->catalog, *report, request.locale));
    }, {.access = Access::permission(e->name, "import"), .openapi = openapi_operation(*e, "import")});
  }
}

namespace {

// What an import or export job starts from: its payload, its entity, and the rights of the user
// who queued it as they are now (a permission taken away meanwhile is respected).
struct JobStart {
  boost::json::object payload;
  const EntitySpec* spec = nullptr;
  security::Principal principal;
  std::string text(std::string_view key) const {
    const auto* v = payload.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
  }
};

Result<JobStart> start_job(const EntityServices& s, const jobs::Job& job, const PrincipalLoader& principal_of) {
  boost::system::error_code ec;
  auto payload = boost::json::parse(job.payload, ec);
  if (ec || !payload.is_object() || !job.user_id || !job.company_id) {
    return make_error(ErrorKind::internal, "error.internal", "bad " + job.kind + " job payload");
  }
  JobStart start{.payload = std::move(payload.as_object())};
  start.spec = s.registry.find(start.text("entity"));
  if (start.spec == nullptr) return make_error(ErrorKind::not_found, "entity.unknown_entity");
  auto principal = principal_of(*job.user_id, *job.company_id);
  if (!principal) return principal.error();
  start.principal = std::move(*principal);
  return start;
}

}  // namespace

void register_import_job(jobs::JobQueue& queue, std::shared_ptr<const EntityServices> services,
                         PrincipalLoader principal_of) {
  queue.register_handler("entity.import", [services, principal_of](const jobs::Job& job,
                                                                   jobs::Progress& progress) -> Result<std::string> {
    const EntityServices& s = *services;
    auto started = start_job(s, job, principal_of);
    if (!started) return started.error();
    const auto& p = started->payload;
    auto text = [&](std::string_view key) { return started->text(key); };
    const EntitySpec* spec = started->spec;
    const security::Principal* principal = &started->principal;
    progress.report(2, "reading");
    auto bytes = s.files.read(text("file"));
    if (!bytes) return bytes.error();
    auto sheet = exchange::read_table(*bytes);
    if (!sheet) return sheet.error();
    auto fields = s.store.fields_for(*spec, principal->company_id);
    if (!fields) return fields.error();
    auto rows = rows_of(*sheet, *fields);
    if (!rows) return rows.error();
    progress.report(10, "parsed");
    const std::string mode_text = text("mode");
    const ImportMode mode = mode_text == "all"     ? ImportMode::all_or_nothing
                            : mode_text == "valid" ? ImportMode::valid_rows_only
                                                   : ImportMode::dry_run;
    const auto* confirm = p.if_contains("confirm_duplicates");
    auto report = s.store.import_rows(
        *spec, *principal, *rows, mode, confirm != nullptr && confirm->is_bool() && confirm->as_bool(),
        Caller{text("address"), text("request_id")}, [&progress](int percent, std::string_view stage) {
          progress.report(percent, stage);
          return !progress.cancelled();
        });
    if (!report) {
      if (report.error().message_id == "entity.import_cancelled") return jobs::cancelled_error();
      return report.error();
    }
    return boost::json::serialize(report_json(s.catalog, *report, text("locale")));
  });
}

void register_export_job(jobs::JobQueue& queue, std::shared_ptr<const EntityServices> services,
                         PrincipalLoader principal_of) {
  queue.register_handler("entity.export", [services, principal_of](const jobs::Job& job,
                                                                   jobs::Progress& progress) -> Result<std::string> {
    const EntityServices& s = *services;
    auto started = start_job(s, job, principal_of);
    if (!started) return started.error();
    const auto& p = started->payload;
    auto text = [&](std::string_view key) { return started->text(key); };
    const EntitySpec* spec = started->spec;
    const security::Principal* principal = &started->principal;
    auto fields = s.store.fields_for(*spec, principal->company_id);
    if (!fields) return fields.error();
    std::vector<std::pair<std::string, std::string>> params;
    if (const auto* list = p.if_contains("params"); list != nullptr && list->is_array()) {
      for (const auto& pair : list->as_array()) {
        if (!pair.is_array() || pair.as_array().size() != 2 || !pair.as_array()[0].is_string() ||
            !pair.as_array()[1].is_string()) {
          continue;
        }
        params.emplace_back(std::string(pair.as_array()[0].as_string()), std::string(pair.as_array()[1].as_string()));
      }
    }
    auto query = s.store.parse_list_query(*spec, *fields, *principal, params);
    if (!query) return query.error();
    progress.report(5, "reading");
    const std::string format = text("format") == "csv" ? "csv" : "xlsx";
    auto table = export_table(s, *spec, *fields, *principal, std::move(*query), format, text("locale"),
                              Caller{text("address"), text("request_id")});
    if (!table) return table.error();
    if (progress.cancelled()) return jobs::cancelled_error();
    progress.report(70, "writing");
    std::string bytes;
    std::string content_type = "text/csv; charset=utf-8";
    if (format == "csv") {
      bytes = exporting::to_csv(*table);
    } else {
      auto workbook = exporting::to_xlsx(*table);
      if (!workbook) return workbook.error();
      bytes = std::move(*workbook);
      content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    auto stored = s.files.put(bytes);
    if (!stored) return stored.error();
    return boost::json::serialize(boost::json::object{
        {"rows", static_cast<std::int64_t>(table->rows.size())},
        {"file", boost::json::object{{"sha256", stored->sha256},
                                     {"name", spec->path + "." + format},
                                     {"content_type", content_type},
                                     {"size", static_cast<std::int64_t>(bytes.size())}}}});
  });
}

}  // namespace verp::entity
