// HTTP for the warehouse's own documents and the scanner:
//   POST /api/v1/stock-documents {"kind","date","warehouse_id","to_warehouse_id"?,"reason"?,"note"?,
//                                 "lines":[{"item_id"|"item","quantity","uom_id"?,"location_id"?,…}]}
//   GET  /api/v1/stock-documents?kind=&from=&to=;  GET /api/v1/stock-documents/{id}
//   POST /api/v1/intercompany-transfers {"to_company_id","from_warehouse_id","to_warehouse_id","date","note"?,
//                                        "lines":[{"item_id"|"item","quantity","lot_number"?}]}
//   GET  /api/v1/intercompany-transfers/destinations   the member companies the caller may send to
//   GET  /api/v1/stock/scan?code=   what a scanned code is, and where it is in stock
//   GET|PUT /api/v1/inventory/settings {"valuation_posting":"perpetual"|"periodic"}
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/intercompany.hpp"
#include "modules/inventory/inventory_http.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "platform/http/json_body.hpp"

namespace verp::inventory {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;

Result<std::optional<storage::Date>> date_param(const Request& request, std::string_view name) {
  const std::string text = query_text(request, name);
  if (text.empty()) return std::optional<storage::Date>();
  auto parsed = storage::Date::parse(text);
  if (!parsed) return finance::field_error(std::string(name), "invalid", "inventory.date_invalid");
  return std::optional<storage::Date>(*parsed);
}

void add_stock_document_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;

  router.post("/api/v1/stock-documents", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return kit.problem(body.error(), request);
    auto input = stock_document_from_json(*body.raw_root());
    if (!input) return kit.problem(input.error(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto id = post_stock_document(c, kit.actor_of(request), *input);
      if (!id) return id.error();
      auto shown = stock_document_json(c, request.principal->company_id, *id);
      if (!shown) return shown.error();
      return **shown;
    });
    if (!made) return kit.problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("stock", "create"),
      .openapi = openapi("Enter and post a stock document: receipt, issue, adjustment, transfer or scrap", "Stock")});

  router.post("/api/v1/intercompany-transfers", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return kit.problem(body.error(), request);
    auto input = intercompany_from_json(*body.raw_root());
    if (!input) return kit.problem(input.error(), request);
    auto made = database->write([&](Connection& c) -> Result<json::object> {
      auto sent = transfer_to_member(c, kit.actor_of(request), *input);
      if (!sent) return sent.error();
      auto shown = stock_document_json(c, request.principal->company_id, sent->sent_id);
      if (!shown) return shown.error();
      json::object answer = **shown;
      answer["received"] = json::object{{"company_id", input->to_company_id},
                                        {"document_id", sent->received_id},
                                        {"number", sent->received_number}};
      return answer;
    });
    if (!made) return kit.problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("stock", "create"),
      .openapi = openapi("Send goods to another member company: out of stock here, in transit there until it "
                         "confirms their arrival",
                         "Stock")});

  router.get("/api/v1/intercompany-transfers/destinations", [=](Request& request) {
    const security::Principal& me = *request.principal;
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      json::array items;
      for (std::int64_t company : me.company_ids) {
        if (company == me.company_id) continue;
        auto named = c.query_row("SELECT code, name FROM companies WHERE id = $1", {company});
        if (!named) return named.error();
        if (!*named) continue;
        auto warehouses = c.query(
            "SELECT id, code, name, kind FROM warehouses WHERE company_id = $1 AND active AND archived_at IS NULL "
            "ORDER BY code",
            {company});
        if (!warehouses) return warehouses.error();
        json::array stores;
        bool transit = false;
        for (const auto& row : *warehouses) {
          if (row.text(3).value_or("") == "transit") {
            transit = true;
            continue;
          }
          stores.push_back(json::object{{"id", row.int64(0).value_or(0)},
                                        {"code", row.text(1).value_or("")},
                                        {"name", row.text(2).value_or("")}});
        }
        items.push_back(json::object{{"company_id", company},
                                     {"code", (*named)->text(0).value_or("")},
                                     {"name", (*named)->text(1).value_or("")},
                                     {"has_transit_warehouse", transit},
                                     {"warehouses", std::move(stores)}});
      }
      return json::object{{"items", std::move(items)}};
    });
    if (!found) return kit.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("stock", "create"),
      .openapi = openapi("The other member companies the caller belongs to, with the warehouses goods can be sent to",
                         "Stock")});

  router.get("/api/v1/stock-documents", [=](Request& request) {
    auto from = date_param(request, "from");
    if (!from) return kit.problem(from.error(), request);
    auto to = date_param(request, "to");
    if (!to) return kit.problem(to.error(), request);
    auto listed = database->read([&](Connection& c) {
      return list_stock_documents(c, request.principal->company_id, query_text(request, "kind"), *from, *to);
    });
    if (!listed) return kit.problem(listed.error(), request);
    return http::json_response(200, *listed);
  }, {.access = Access::permission("stock", "read"), .openapi = openapi("Stock documents, newest first", "Stock")});

  router.get("/api/v1/stock-documents/{id}", [=](Request& request) {
    const auto id = request.id_param("id");
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      auto shown = stock_document_json(c, request.principal->company_id, id.value_or(0));
      if (!shown) return shown.error();
      if (!*shown) return make_error(ErrorKind::not_found, "error.not_found");
      return **shown;
    });
    if (!found) return kit.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("stock", "read"), .openapi = openapi("A stock document with its moves", "Stock")});

  router.post("/api/v1/stock-documents/{id}/arrive", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return kit.problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    if (object == nullptr) return kit.problem(make_error(ErrorKind::validation, "http.body_not_json_object"), request);
    std::vector<FieldError> problems;
    JsonReader read(problems);
    read.only(*object, {"date"}, "");
    const auto date = read.date(*object, "date", "date", true);
    if (Status refused = problems_as_error(std::move(problems)); !refused) return kit.problem(refused.error(), request);
    const auto id = request.id_param("id").value_or(0);
    auto arrived = database->write([&](Connection& c) -> Result<json::object> {
      if (Status done = arrive_transfer(c, kit.actor_of(request), id, *date); !done) return done.error();
      auto shown = stock_document_json(c, request.principal->company_id, id);
      if (!shown) return shown.error();
      return **shown;
    });
    if (!arrived) return kit.problem(arrived.error(), request);
    return http::json_response(200, *arrived);
  }, {.access = Access::permission("stock", "create"),
      .openapi = openapi("Confirm the arrival of an in-transit transfer at its destination", "Stock")});

  router.get("/api/v1/stock/scan", [=](Request& request) {
    const std::string code = query_text(request, "code");
    if (code.empty()) return kit.problem(finance::field_error("code", "required", "field.required"), request);
    auto found = database->read([&](Connection& c) -> Result<json::object> {
      const std::int64_t company = request.principal->company_id;
      auto scanned = resolve_scan(c, company, code);
      if (!scanned) return scanned.error();
      if (!*scanned) return make_error(ErrorKind::not_found, "inventory.code_unknown").with_arg("code", code);
      auto item = c.query_row(
          "SELECT i.code, i.name, i.specification, u.name, i.lot_tracked FROM items i LEFT JOIN units_of_measure u "
          "ON u.id = i.uom_id WHERE i.id = $1",
          {(*scanned)->item_id});
      if (!item || !*item) return item ? make_error(ErrorKind::not_found, "error.not_found") : item.error();
      json::object answer{{"code", code},
                          {"item_id", (*scanned)->item_id},
                          {"item_code", (*item)->text(0).value_or("")},
                          {"item_name", (*item)->text(1).value_or("")},
                          {"specification", (*item)->text(2).value_or("")},
                          {"unit", (*item)->text(3).value_or("")},
                          {"lot_tracked", (*item)->boolean(4).value_or(false)},
                          {"factor", (*scanned)->factor.to_string()}};
      answer["uom_id"] = (*scanned)->uom_id ? json::value(*(*scanned)->uom_id) : json::value();
      answer["scanned_unit"] = answer["unit"];  // the unit a quantity of this code is in
      if ((*scanned)->uom_id) {
        auto unit = c.query_row("SELECT name FROM units_of_measure WHERE id = $1", {*(*scanned)->uom_id});
        if (!unit) return unit.error();
        if (*unit) answer["scanned_unit"] = (*unit)->text(0).value_or("");
      }
      answer["lot_id"] = (*scanned)->lot_id ? json::value(*(*scanned)->lot_id) : json::value();
      auto stock = c.query(
          "SELECT p.warehouse_id, w.name, p.on_hand, p.reserved FROM stock_positions p JOIN warehouses w ON "
          "w.id = p.warehouse_id WHERE p.company_id = $1 AND p.item_id = $2 AND (p.on_hand <> 0 OR p.reserved <> 0) "
          "ORDER BY w.code",
          {company, (*scanned)->item_id});
      if (!stock) return stock.error();
      json::array where;
      for (const auto& row : *stock) {
        where.push_back(json::object{{"warehouse_id", row.int64(0).value_or(0)},
                                     {"warehouse", row.text(1).value_or("")},
                                     {"on_hand", format_quantity(row.int64(2).value_or(0))},
                                     {"available", format_quantity(row.int64(2).value_or(0) - row.int64(3).value_or(0))}});
      }
      answer["stock"] = std::move(where);
      return answer;
    });
    if (!found) return kit.problem(found.error(), request);
    return http::json_response(200, *found);
  }, {.access = Access::permission("stock", "read"),
      .openapi = openapi("What a scanned barcode is (item, packing unit or lot) and where it is in stock", "Stock")});

  router.get("/api/v1/inventory/settings", [=](Request& request) {
    auto mode = database->read(
        [&](Connection& c) { return valuation_posting_of(c, request.principal->company_id); });
    if (!mode) return kit.problem(mode.error(), request);
    return http::json_response(200, json::object{{"valuation_posting", *mode}});
  }, {.access = Access::permission("stock", "read"), .openapi = openapi("How the company books stock", "Stock")});

  router.put("/api/v1/inventory/settings", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok()) return kit.problem(body.error(), request);
    const json::object* object = body.raw_root()->if_object();
    const json::value* mode = object != nullptr ? object->if_contains("valuation_posting") : nullptr;
    const std::string text = mode != nullptr && mode->is_string() ? std::string(mode->as_string()) : std::string();
    auto saved = database->write([&](Connection& c) { return save_valuation_posting(c, kit.actor_of(request), text); });
    if (!saved) return kit.problem(saved.error(), request);
    return http::json_response(200, json::object{{"valuation_posting", text}});
  }, {.access = Access::permission("inventory_settings", "update"),
      .openapi = openapi("Book stock perpetually (a voucher per document) or periodically", "Stock")});
}

}  // namespace verp::inventory
