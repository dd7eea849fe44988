// HTTP for stocktakes (库存盘点), resource `stocktake`:
//   POST /api/v1/stocktakes {"warehouse_id","category_id"?,"location_ids"?,"blind"?,"include_zero"?,"date","note"?}
//                                                                                     create
//   GET  /api/v1/stocktakes?state=;  GET /api/v1/stocktakes/{id}                      read
//   GET  /api/v1/stocktakes/{id}/sheet?format=pdf|xlsx|csv      the count sheet       read
//   GET  /api/v1/stocktakes/{id}/variance?format=json|csv|xlsx|pdf                    read
//   PUT  /api/v1/stocktakes/{id}/counts {"counts":[{"line_id"|"item_id"|"item",…,"counted"}]}  update
//   POST /api/v1/stocktakes/{id}/close|reopen|cancel; POST …/post {"uncounted"?,"date"?}      post
// Counting is `update`; closing, reopening, cancelling and posting decide the count's outcome and
// are `post`, so that counters can be given a role without them (README, STK-003).
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_http.hpp"
#include "modules/inventory/stocktake.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/table_download.hpp"

namespace verp::inventory {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;

namespace {

Error not_found() { return make_error(ErrorKind::not_found, "error.not_found"); }

Result<json::object> shown(Connection& c, const Request& request, std::int64_t id,
                           const std::optional<std::vector<std::int64_t>>& line_ids = {}) {
  auto found = stocktake_json(c, request.principal->company_id, id, line_ids);
  if (!found) return found.error();
  if (!*found) return not_found();
  return std::move(**found);
}

// A report as JSON, or with ?format= as a file; a file is an export, and audited as one.
http::Response answer(const LedgerHttp& kit, Request& request, std::string_view report, std::string format,
                      const Result<json::object>& shown) {
  if (!shown) return kit.problem(shown.error(), request);
  if (format.empty() || format == "json") return http::json_response(200, *shown);
  if (!http::is_download_format(format)) {
    return kit.problem(finance::field_error("format", "unknown", "stocktake.format_unknown"), request);
  }
  const std::int64_t id = shown->at("id").as_int64();
  const std::string number(shown->at("number").as_string());
  auto audited = kit.database->write([&](Connection& c) {
    return finance::audit_ledger(c, kit.actor_of(request), "stocktake.export", "stocktake", id,
                                 {{"report", report}, {"format", format}, {"number", number}});
  });
  if (!audited) return kit.problem(audited.error(), request);
  auto file = http::table_download(stocktake_table(report, *shown, *kit.catalog, request.locale), format,
                                   "stocktake-" + number + "-" + std::string(report));
  if (!file) return kit.problem(file.error(), request);
  return std::move(*file);
}

void add_transition(http::Router& router, const LedgerHttp& kit, std::string verb, StocktakeAction action) {
  router.post(
      "/api/v1/stocktakes/{id}/" + verb,
      [=](Request& request) {
        const std::int64_t id = request.id_param("id").value_or(0);
        auto done = kit.database->write([&](Connection& c) -> Result<json::object> {
          if (Status acted = act_on_stocktake(c, kit.actor_of(request), id, action); !acted) return acted.error();
          return shown(c, request, id, std::vector<std::int64_t>{});
        });
        if (!done) return kit.problem(done.error(), request);
        return http::json_response(200, *done);
      },
      {.access = Access::permission("stocktake", "post"),
       .openapi = openapi(verb == "close"    ? "Close counting: no more counts; a blind count's book becomes visible"
                          : verb == "reopen" ? "Reopen counting for a recount"
                                             : "Cancel the stocktake without booking anything",
                          "Stock")});
}

}  // namespace

void add_stocktake_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;

  router.post("/api/v1/stocktakes",
              [=](Request& request) {
                http::JsonBody body(request);
                if (!body.ok()) return kit.problem(body.error(), request);
                auto input = stocktake_from_json(*body.raw_root());
                if (!input) return kit.problem(input.error(), request);
                auto made = database->write([&](Connection& c) -> Result<json::object> {
                  auto id = create_stocktake(c, kit.actor_of(request), *input);
                  if (!id) return id.error();
                  return shown(c, request, *id);
                });
                if (!made) return kit.problem(made.error(), request);
                return http::json_response(201, *made);
              },
              {.access = Access::permission("stocktake", "create"),
               .openapi = openapi(
                   "Start a stocktake: snapshot the book quantities of a warehouse, category or locations", "Stock")});

  router.get(
      "/api/v1/stocktakes",
      [=](Request& request) {
        auto listed = database->read([&](Connection& c) {
          return list_stocktakes(c, request.principal->company_id, query_text(request, "state"));
        });
        if (!listed) return kit.problem(listed.error(), request);
        return http::json_response(200, *listed);
      },
      {.access = Access::permission("stocktake", "read"), .openapi = openapi("Stocktakes, newest first", "Stock")});

  router.get(
      "/api/v1/stocktakes/{id}",
      [=](Request& request) {
        const std::int64_t id = request.id_param("id").value_or(0);
        auto found = database->read([&](Connection& c) { return shown(c, request, id); });
        if (!found) return kit.problem(found.error(), request);
        return http::json_response(200, *found);
      },
      {.access = Access::permission("stocktake", "read"),
       .openapi = openapi("A stocktake with its lines (no book quantities while a blind count is counting)", "Stock")});

  router.get("/api/v1/stocktakes/{id}/sheet",
             [=](Request& request) {
               const std::int64_t id = request.id_param("id").value_or(0);
               auto found = database->read([&](Connection& c) { return shown(c, request, id); });
               const std::string format = query_text(request, "format");
               return answer(kit, request, "sheet", format.empty() ? "pdf" : format, found);
             },
             {.access = Access::permission("stocktake", "read"),
              .openapi = openapi("The count sheet to print (pdf, the default), or as xlsx or csv", "Stock")});

  router.get("/api/v1/stocktakes/{id}/variance",
             [=](Request& request) {
               const std::int64_t id = request.id_param("id").value_or(0);
               auto report = database->read(
                   [&](Connection& c) { return stocktake_variance(c, request.principal->company_id, id); });
               return answer(kit, request, "variance", query_text(request, "format"), report);
             },
             {.access = Access::permission("stocktake", "read"),
              .openapi = openapi("The variance report: book, counted, difference and its value per line", "Stock")});

  router.put("/api/v1/stocktakes/{id}/counts",
             [=](Request& request) {
               const std::int64_t id = request.id_param("id").value_or(0);
               http::JsonBody body(request);
               if (!body.ok()) return kit.problem(body.error(), request);
               auto input = counts_from_json(*body.raw_root());
               if (!input) return kit.problem(input.error(), request);
               auto counted = database->write([&](Connection& c) -> Result<json::object> {
                 auto lines = enter_counts(c, kit.actor_of(request), id, *input);
                 if (!lines) return lines.error();
                 return shown(c, request, id, *lines);
               });
               if (!counted) return kit.problem(counted.error(), request);
               return http::json_response(200, *counted);
             },
             {.access = Access::permission("stocktake", "update"),
              .openapi = openapi("Enter counts by line or by scanned barcode; a repeated count replaces the earlier",
                                 "Stock")});

  add_transition(router, kit, "close", StocktakeAction::close);
  add_transition(router, kit, "reopen", StocktakeAction::reopen);
  add_transition(router, kit, "cancel", StocktakeAction::cancel);

  router.post("/api/v1/stocktakes/{id}/post",
              [=](Request& request) {
                const std::int64_t id = request.id_param("id").value_or(0);
                http::JsonBody body(request);
                if (!body.ok()) return kit.problem(body.error(), request);
                auto input = post_input_from_json(*body.raw_root());
                if (!input) return kit.problem(input.error(), request);
                auto posted = database->write([&](Connection& c) -> Result<json::object> {
                  auto document = post_stocktake(c, kit.actor_of(request), id, *input);
                  if (!document) return document.error();
                  return shown(c, request, id);
                });
                if (!posted) return kit.problem(posted.error(), request);
                return http::json_response(200, *posted);
              },
              {.access = Access::permission("stocktake", "post"),
               .openapi = openapi(
                   "Post the count: one stock adjustment books every difference against the current book", "Stock")});
}

}  // namespace verp::inventory
