// HTTP for the stock queries and reports (stock_queries.hpp, reorder.hpp); every report also
// answers ?format=csv|xlsx|pdf with a file (all rows, not one page; the export is audited):
//   GET /api/v1/stock?item_id=&category_id=&warehouse_id=&location_id=&lot=&expires_before=&q=
//                    &group=item|warehouse|location|lot&as_of=&limit=&offset=
//   GET /api/v1/stock/moves?item_id=&warehouse_id=&lot_id=&document_type=&document_id=&from=&to=&limit=&cursor=
//   GET /api/v1/stock/suggest-issue?item_id=&warehouse_id=&quantity=
//   GET /api/v1/stock/reorder?status=&warehouse_id=&item_id=
//   GET /api/v1/stock/valuation?as_of=&group=item|category|warehouse      (stock_valuation:read)
//   GET /api/v1/lots?item_id=&expiring_within_days=&with_stock=true&limit=&offset=
//   GET /api/v1/lots/{id}/trace
#include <boost/json.hpp>
#include <charconv>
#include <limits>
#include <tuple>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_http.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/reorder.hpp"
#include "modules/inventory/stock_queries.hpp"
#include "platform/http/json_body.hpp"

namespace verp::inventory {

namespace json = boost::json;
using finance::openapi;
using finance::query_text;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Date;

namespace {

// Reads a report's query parameters, collecting every problem so that one 400 names them all.
class QueryReader {
 public:
  explicit QueryReader(const Request& request) : request_(request) {}

  std::string text(std::string_view name) const { return query_text(request_, name); }

  std::optional<std::int64_t> id(std::string_view name) {
    return whole(name, 1, std::numeric_limits<std::int64_t>::max(), "inventory.not_an_id");
  }

  std::optional<Date> date(std::string_view name) {
    auto parsed = date_param(request_, name);
    if (!parsed) {
      fail(std::string(name), "invalid", "inventory.date_invalid");
      return std::nullopt;
    }
    return *parsed;
  }

  // A whole number in [low, high], or `fallback` when absent.
  std::int64_t number(std::string_view name, std::int64_t fallback, std::int64_t low, std::int64_t high) {
    return whole(name, low, high, "inventory.number_out_of_range").value_or(fallback);
  }

  bool flag(std::string_view name) {
    const std::string value = text(name);
    if (value.empty() || value == "false") return false;
    if (value == "true") return true;
    fail(std::string(name), "invalid", "inventory.flag_invalid");
    return false;
  }

  // A page of at most 500 rows; a download takes every row (up to kMaxReportRows) from the first.
  std::pair<std::int64_t, std::int64_t> page() {
    const std::int64_t limit = number("limit", 100, 1, kMaxPageRows);
    const std::int64_t offset = number("offset", 0, 0, kMaxReportRows * 100);
    if (downloading()) return {kMaxReportRows, 0};
    return {limit, offset};
  }

  bool downloading() const {
    const std::string format = text("format");
    return !format.empty() && format != "json";
  }

  void fail(std::string field, std::string code, std::string message_id) {
    problems_.push_back({std::move(field), std::move(code), std::move(message_id), {}});
  }

  Status done() { return problems_as_error(std::move(problems_)); }

 private:
  std::optional<std::int64_t> whole(std::string_view name, std::int64_t low, std::int64_t high,
                                    std::string message_id) {
    const std::string value = text(name);
    if (value.empty()) return std::nullopt;
    std::int64_t parsed = 0;
    const auto [end, failure] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (failure != std::errc() || end != value.data() + value.size() || parsed < low || parsed > high) {
      problems_.push_back({std::string(name), "invalid", std::move(message_id),
                           {{"min", std::to_string(low)}, {"max", std::to_string(high)}}});
      return std::nullopt;
    }
    return parsed;
  }

  const Request& request_;
  std::vector<FieldError> problems_;
};

}  // namespace

void add_stock_query_routes(http::Router& router, const LedgerHttp& kit) {
  storage::Database* database = kit.database;
  auto report = [kit](Request& request, std::string_view kind, const Result<json::object>& answer) {
    return kit.answer_report(request, kind, answer, stock_report_table, "stock.export");
  };

  router.get("/api/v1/stock", [=](Request& request) {
    QueryReader read(request);
    StockQuery query{.item_id = read.id("item_id"),
                     .category_id = read.id("category_id"),
                     .warehouse_id = read.id("warehouse_id"),
                     .location_id = read.id("location_id"),
                     .lot = read.text("lot"),
                     .expires_before = read.date("expires_before"),
                     .text = read.text("q"),
                     .as_of = read.date("as_of")};
    if (const std::string group = read.text("group"); !group.empty()) query.group = group;
    std::tie(query.limit, query.offset) = read.page();
    if (Status checked = read.done(); !checked) return kit.problem(checked.error(), request);
    return report(request, "stock", database->read([&](Connection& c) {
      return stock_on_hand(c, request.principal->company_id, query);
    }));
  }, {.access = Access::permission("stock", "read"),
      .openapi = openapi("Stock on hand per item, warehouse, location or lot, now or as of a day, with its value", "Stock")});

  router.get("/api/v1/stock/moves", [=](Request& request) {
    QueryReader read(request);
    MoveQuery query{.item_id = read.id("item_id"),
                    .warehouse_id = read.id("warehouse_id"),
                    .lot_id = read.id("lot_id"),
                    .document_type = read.text("document_type"),
                    .document_id = read.id("document_id"),
                    .from = read.date("from"),
                    .to = read.date("to"),
                    .cursor = read.text("cursor")};
    query.limit = read.page().first;
    if (read.downloading()) query.cursor.clear();
    if (Status checked = read.done(); !checked) return kit.problem(checked.error(), request);
    return report(request, "stock-moves", database->read([&](Connection& c) {
      return stock_move_history(c, request.principal->company_id, query);
    }));
  }, {.access = Access::permission("stock", "read"), .openapi = openapi("Stock moves, newest first", "Stock")});

  router.get("/api/v1/stock/suggest-issue", [=](Request& request) {
    QueryReader read(request);
    const auto item = read.id("item_id");
    const auto warehouse = read.id("warehouse_id");
    if (!item && read.text("item_id").empty()) read.fail("item_id", "required", "field.required");
    if (!warehouse && read.text("warehouse_id").empty()) read.fail("warehouse_id", "required", "field.required");
    auto quantity = parse_quantity(read.text("quantity"));
    if (!quantity || *quantity <= 0) read.fail("quantity", "invalid", "inventory.quantity_not_positive");
    if (Status checked = read.done(); !checked) return kit.problem(checked.error(), request);
    auto suggested = database->read([&](Connection& c) {
      return suggest_issue(c, request.principal->company_id, *item, *warehouse, *quantity);
    });
    if (!suggested) return kit.problem(suggested.error(), request);
    return http::json_response(200, *suggested);
  }, {.access = Access::permission("stock", "read"),
      .openapi = openapi("Which lots and locations an issue would take, first expiry first out (nothing moves)", "Stock")});

  router.get("/api/v1/stock/reorder", [=](Request& request) {
    QueryReader read(request);
    const auto warehouse = read.id("warehouse_id");
    const auto item = read.id("item_id");
    if (Status checked = read.done(); !checked) return kit.problem(checked.error(), request);
    return report(request, "reorder", database->read([&](Connection& c) {
      return reorder_report(c, request.principal->company_id, read.text("status"), warehouse, item);
    }));
  }, {.access = Access::permission("stock", "read"),
      .openapi = openapi("Reorder rules against available stock: status and suggested order quantity", "Stock")});

  router.get("/api/v1/stock/valuation", [=](Request& request) {
    QueryReader read(request);
    const auto as_of = read.date("as_of");
    std::string group = read.text("group");
    if (group.empty()) group = "item";
    if (Status checked = read.done(); !checked) return kit.problem(checked.error(), request);
    return report(request, "valuation", database->read([&](Connection& c) {
      return stock_valuation(c, request.principal->company_id, group, as_of);
    }));
  }, {.access = Access::permission("stock_valuation", "read"),
      .openapi = openapi("Stock value per item, category or warehouse, reconciled with the inventory accounts", "Stock")});

  router.get("/api/v1/lots", [=](Request& request) {
    QueryReader read(request);
    LotQuery query{.item_id = read.id("item_id"), .with_stock = read.flag("with_stock"), .today = local_today(*kit.clock)};
    if (!read.text("expiring_within_days").empty()) {
      query.expiring_within_days = read.number("expiring_within_days", 0, 0, 3650);
    }
    std::tie(query.limit, query.offset) = read.page();
    if (Status checked = read.done(); !checked) return kit.problem(checked.error(), request);
    return report(request, "lots", database->read([&](Connection& c) {
      return list_lots(c, request.principal->company_id, query);
    }));
  }, {.access = Access::permission("stock", "read"), .openapi = openapi("Lots, earliest expiry first", "Stock")});

  router.get("/api/v1/lots/{id}/trace", [=](Request& request) {
    const auto id = request.id_param("id");
    auto traced = database->read([&](Connection& c) -> Result<json::object> {
      auto found = lot_trace(c, request.principal->company_id, id.value_or(0));
      if (!found) return found.error();
      if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
      return std::move(**found);
    });
    if (!traced) return kit.problem(traced.error(), request);
    return http::json_response(200, *traced);
  }, {.access = Access::permission("stock", "read"),
      .openapi = openapi("Where a lot came from, where it went and where it is", "Stock")});
}

}  // namespace verp::inventory
