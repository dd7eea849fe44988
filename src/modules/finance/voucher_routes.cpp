// HTTP for vouchers:
//   GET /api/v1/vouchers?period=&state=&word=&account_id=&source_type=&source_id=&cursor=&limit=
//   POST /api/v1/vouchers, GET|PUT|DELETE /api/v1/vouchers/{id}
//   POST /api/v1/vouchers/{id}/review | unreview | cashier-sign | post | void | reverse {"date"}
//   POST|GET /api/v1/vouchers/{id}/files, GET|DELETE /api/v1/vouchers/{id}/files/{file}   source documents
#include <boost/json.hpp>

#include "modules/finance/ledger_http.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/http/json_body.hpp"
#include "modules/finance/voucher_files.hpp"
#include "platform/base/log.hpp"
#include "platform/http/content_disposition.hpp"
#include "platform/http/multipart.hpp"

namespace verp::finance {

namespace json = boost::json;
using http::Access;
using http::Request;
using storage::Connection;

void add_voucher_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto problem = [kit](const Error& error, const Request& request) { return kit.problem(error, request); };
  auto actor_of = [kit](const Request& request) { return kit.actor_of(request); };
  // An unbalanced voucher or one dated in a closed period is refused, and the attempt is kept in
  // the audit log (in a transaction of its own) for the audit analysis.
  auto refused = [=](Request& request, const Error& error, const VoucherInput& input,
                     std::optional<std::int64_t> voucher) {
    json::array reasons;
    for (const FieldError& field : error.fields) {
      if (field.code == "unbalanced" || field.code == "period_closed") reasons.push_back(json::string(field.code));
    }
    if (!reasons.empty()) {
      Cents debit = 0, credit = 0;
      for (const LineInput& line : input.lines) debit += line.debit, credit += line.credit;
      auto logged = database->write([&](Connection& c) {
        return audit_ledger(c, actor_of(request), "voucher.refused", "voucher", voucher.value_or(0),
                            {{"reasons", std::move(reasons)}, {"date", input.date.to_string()},
                             {"debit", format_amount(debit)}, {"credit", format_amount(credit)}});
      });
      if (!logged) log::warn("finance.refusal_not_logged", {{"error", logged.error().message_id}});
    }
    return problem(error, request);
  };


  // ---- vouchers ------------------------------------------------------------------------------

  router.get("/api/v1/vouchers", [=](Request& request) {
    VoucherQuery query;
    query.state = query_text(request, "state");
    query.word = query_text(request, "word");
    query.account_id = request.integer_query("account_id");
    query.source_type = query_text(request, "source_type");
    query.source_id = request.integer_query("source_id");
    query.limit = static_cast<int>(std::clamp<std::int64_t>(request.integer_query("limit").value_or(50), 1, 500));
    query.before = request.integer_query("cursor").value_or(0);
    if (request.principal->scope_for("voucher", "read") == security::DataScope::own) {
      query.preparer_id = request.principal->user_id;
    }
    const std::string period = query_text(request, "period");
    auto page = database->read([&](Connection& c) -> Result<json::object> {
      if (!period.empty()) {
        auto found = period_by_code(c, request.principal->company_id, period);
        if (!found) return found.error();
        if (!*found) return field_error("period", "unknown_period", "finance.period_unknown", {{"period", period}});
        query.period_id = (*found)->id;
      }
      return list_vouchers(c, request.principal->company_id, query);
    });
    if (!page) return problem(page.error(), request);
    return http::json_response(200, *page);
  }, {.access = Access::permission("voucher", "read"), .openapi = openapi("Vouchers, newest first", "Voucher")});

  router.get("/api/v1/vouchers/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto found = database->read([&](Connection& c) { return voucher_json(c, *request.principal, *id); });
    if (!found) return problem(found.error(), request);
    const bool own_only = request.principal->scope_for("voucher", "read") == security::DataScope::own;
    if (!*found || (own_only && (*found)->at("preparer").at("id").as_int64() != request.principal->user_id)) {
      return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    }
    return http::json_response(200, **found);
  }, {.access = Access::permission("voucher", "read"), .openapi = openapi("One voucher with its lines", "Voucher")});

  router.post("/api/v1/vouchers", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    auto input = voucher_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto created = database->write([&](Connection& c) { return create_voucher(c, actor_of(request), *input); });
    if (!created) return refused(request, created.error(), *input, std::nullopt);
    return http::json_response(201, ref_json(*created));
  }, {.access = Access::permission("voucher", "create"), .openapi = openapi("Enter a voucher (draft)", "Voucher")});

  router.put("/api/v1/vouchers/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    http::JsonBody body(request);
    if (!body.ok()) return problem(body.error(), request);
    const json::value* version = body.raw("version");
    if (version == nullptr || !version->is_int64()) {
      return problem(field_error("version", "required", "field.required"), request);
    }
    auto input = voucher_from_json(*body.raw_root());
    if (!input) return problem(input.error(), request);
    auto updated = database->write(
        [&](Connection& c) { return update_voucher(c, actor_of(request), *id, version->as_int64(), *input); });
    if (!updated) return refused(request, updated.error(), *input, *id);
    return http::json_response(200, ref_json(*updated));
  }, {.access = Access::permission("voucher", "update"), .openapi = openapi("Change a draft voucher", "Voucher")});

  router.del("/api/v1/vouchers/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto deleted = database->write([&](Connection& c) { return delete_voucher(c, actor_of(request), *id); });
    if (!deleted) return problem(deleted.error(), request);
    return http::Response{.status = 204};
  }, {.access = Access::permission("voucher", "delete"),
      .openapi = openapi("Delete the last draft of its sequence (others are voided)", "Voucher")});

  struct Verb {
    const char* path;
    VoucherAction action;
    const char* permission;
    const char* summary;
  };
  static constexpr Verb kVerbs[] = {
      {"review", VoucherAction::review, "review", "Review (审核) a draft; the reviewer is not its preparer"},
      {"unreview", VoucherAction::unreview, "review", "Take back a review (取消审核)"},
      {"cashier-sign", VoucherAction::cashier_sign, "cashier", "The cashier signs (出纳签字) a cash or bank voucher"},
      {"post", VoucherAction::post, "post", "Post (记账) a reviewed voucher into the ledger"},
      {"void", VoucherAction::void_it, "update", "Void (作废) a draft; it keeps its number"},
  };
  for (const Verb& verb : kVerbs) {
    const VoucherAction action = verb.action;
    router.post(std::string("/api/v1/vouchers/{id}/") + verb.path, [=](Request& request) {
      const auto id = request.id_param("id");
      if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
      auto acted = database->write([&](Connection& c) { return act_on_voucher(c, actor_of(request), *id, action); });
      if (!acted) return problem(acted.error(), request);
      return http::json_response(200, ref_json(*acted));
    }, {.access = Access::permission("voucher", verb.permission), .openapi = openapi(verb.summary, "Voucher")});
  }

  router.post("/api/v1/vouchers/{id}/reverse", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    http::JsonBody body(request);
    body.allow_only({"date"});
    const std::string date_text = body.text("date", {.required = true, .max_length = 10});
    auto date = storage::Date::parse(date_text);
    if (body.ok() && !date) body.add_error("date", "invalid", "finance.date_invalid");
    if (!body.ok()) return problem(body.error(), request);
    auto reversed = database->write([&](Connection& c) { return reverse_voucher(c, actor_of(request), *id, *date); });
    if (!reversed) return problem(reversed.error(), request);
    return http::json_response(201, ref_json(*reversed));
  }, {.access = Access::permission("voucher", "reverse"),
      .openapi = openapi("Reverse a posted voucher with a red-letter draft (红字冲销)", "Voucher")});

  // ---- source documents (原始凭证) ---------------------------------------------------------------

  if (kit.files == nullptr) return;
  files::FileStore* store = kit.files;
  router.post("/api/v1/vouchers/{id}/files", [=](Request& request) {
    const auto id = request.id_param("id");
    if (!id) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    auto parts = http::parse_multipart(request.headers.get("Content-Type"), request.body);
    if (!parts) return problem(parts.error(), request);
    const http::FormPart* file = nullptr;
    for (const auto& part : *parts) {
      if (part.name == "file" && part.filename) file = &part;
    }
    if (file == nullptr) return problem(field_error("file", "required", "field.required"), request);
    auto attached = attach_voucher_file(*database, *store, actor_of(request), *id, *file->filename, file->data);
    if (!attached) return problem(attached.error(), request);
    return http::json_response(201, json::object{{"id", attached->id},
                                                 {"file_name", attached->file_name},
                                                 {"content_type", attached->content_type},
                                                 {"size", attached->size}});
  }, {.access = Access::permission("voucher", "update"),
      .openapi = openapi("Attach a source document (invoice, receipt scan) to a voucher", "Voucher")});

  router.get("/api/v1/vouchers/{id}/files", [=](Request& request) {
    const auto id = request.id_param("id");
    auto listed = database->read(
        [&](Connection& c) { return voucher_files(c, request.principal->company_id, id.value_or(0)); });
    if (!listed) return problem(listed.error(), request);
    return http::json_response(200, *listed);
  }, {.access = Access::permission("voucher", "read"), .openapi = openapi("A voucher's source documents", "Voucher")});

  router.get("/api/v1/vouchers/{id}/files/{file}", [=](Request& request) {
    const auto id = request.id_param("id");
    const auto file = request.id_param("file");
    auto content = voucher_file_content(*database, *store, request.principal->company_id, id.value_or(0), file.value_or(0));
    if (!content) return problem(content.error(), request);
    http::Response response;
    response.body = std::move(content->second);
    response.headers.set("Content-Type", content->first.content_type);
    response.headers.set("Content-Disposition", http::content_disposition(content->first.file_name));
    response.headers.set("Cache-Control", "private, max-age=3600");
    return response;
  }, {.access = Access::permission("voucher", "read"), .openapi = openapi("Download a source document", "Voucher")});

  router.del("/api/v1/vouchers/{id}/files/{file}", [=](Request& request) {
    const auto id = request.id_param("id");
    const auto file = request.id_param("file");
    auto removed = database->write(
        [&](Connection& c) { return remove_voucher_file(c, actor_of(request), id.value_or(0), file.value_or(0)); });
    if (!removed) return problem(removed.error(), request);
    return http::Response::no_content();
  }, {.access = Access::permission("voucher", "update"),
      .openapi = openapi("Remove a source document from a draft voucher", "Voucher")});
}

}  // namespace verp::finance
