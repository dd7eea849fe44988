// Goods receipts (采购入库) with their quality check, and returns to the supplier (采购退货).
#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/purchasing/order_lines.hpp"
#include "platform/events/bridge.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using inventory::JsonReader;
using storage::Connection;
using storage::Date;
using storage::Timestamp;
using storage::Value;

namespace {

std::vector<ReceiptLineInput> receipt_lines_from(JsonReader& read, const json::object& object) {
  std::vector<ReceiptLineInput> lines;
  if (const json::array* array = read.lines(object, "lines")) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      const json::object* line = (*array)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      ReceiptLineInput parsed;
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        lines.push_back(parsed);
        continue;
      }
      read.only(*line,
                {"line_no", "item", "quantity", "rejected", "reject_reason", "lot_number", "produced_on", "expires_on",
                 "location_id"},
                "lines[" + std::to_string(i) + "].");
      parsed.line_no = static_cast<int>(read.id(*line, "line_no", at("line_no")).value_or(0));
      parsed.item = read.text(*line, "item", at("item"), parsed.line_no == 0, 100);
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.rejected = read.text(*line, "rejected", at("rejected"), false, 40);
      parsed.reject_reason = read.text(*line, "reject_reason", at("reject_reason"), false, 200);
      parsed.lot_number = read.text(*line, "lot_number", at("lot_number"), false, 64);
      parsed.produced_on = read.date(*line, "produced_on", at("produced_on"));
      parsed.expires_on = read.date(*line, "expires_on", at("expires_on"));
      parsed.location_id = read.id(*line, "location_id", at("location_id"));
      lines.push_back(std::move(parsed));
    }
  }
  return lines;
}

// One order line as a receipt or return needs it.
struct OrderLine {
  int line_no = 0;
  std::int64_t item_id = 0;
  Decimal factor;
  Qty quantity = 0, received = 0, rejected = 0, returned = 0, rejected_returned = 0;
  Cents amount = 0, received_value = 0;
  bool lot_tracked = false;
};

Result<std::map<int, OrderLine>> order_lines_of(Connection& c, std::int64_t order) {
  auto rows = c.query(
      "SELECT l.line_no, l.item_id, l.factor, l.quantity, l.received, l.rejected, l.returned, l.rejected_returned, "
      "l.amount, l.received_value, i.lot_tracked FROM purchase_order_lines l JOIN items i ON i.id = l.item_id "
      "WHERE l.order_id = $1 ORDER BY l.line_no",
      {order});
  if (!rows) return rows.error();
  std::map<int, OrderLine> lines;
  for (const auto& row : *rows) {
    OrderLine line{.line_no = static_cast<int>(row.int64(0).value_or(0)), .item_id = row.int64(1).value_or(0),
                   .factor = row.decimal(2).value_or(Decimal::from_int(1)), .quantity = row.int64(3).value_or(0),
                   .received = row.int64(4).value_or(0), .rejected = row.int64(5).value_or(0),
                   .returned = row.int64(6).value_or(0), .rejected_returned = row.int64(7).value_or(0),
                   .amount = row.int64(8).value_or(0), .received_value = row.int64(9).value_or(0),
                   .lot_tracked = row.boolean(10).value_or(false)};
    lines.emplace(line.line_no, line);
  }
  return lines;
}

// The order line a receipt line names: by number, or the first line of the scanned item still
// expecting goods.
const OrderLine* find_line(Connection& c, std::int64_t company, const std::map<int, OrderLine>& lines,
                           const ReceiptLineInput& input) {
  if (input.line_no != 0) {
    auto found = lines.find(input.line_no);
    return found == lines.end() ? nullptr : &found->second;
  }
  auto scanned = inventory::resolve_scan(c, company, input.item);
  if (!scanned || !*scanned) return nullptr;
  const OrderLine* fallback = nullptr;
  for (const auto& [number, line] : lines) {
    if (line.item_id != (*scanned)->item_id) continue;
    if (line.received - line.returned < line.quantity) return &line;
    if (fallback == nullptr) fallback = &line;
  }
  return fallback;
}

// The same, naming the receipt line (lines[index]) in `problems` when there is none.
const OrderLine* line_for(Connection& c, std::int64_t company, const std::map<int, OrderLine>& lines,
                          const ReceiptLineInput& input, std::size_t index, std::vector<FieldError>& problems) {
  const OrderLine* line = find_line(c, company, lines, input);
  if (line == nullptr) {
    problems.push_back({JsonReader::path("lines", index, input.line_no != 0 ? "line_no" : "item"), "unknown",
                        "purchasing.order_line_unknown", {}});
  }
  return line;
}

// A quantity entered in the order line's unit, in stock units; problems named at `path`.
std::optional<Qty> stock_quantity(const std::string& text, const Decimal& factor, const std::string& path,
                                  bool zero_allowed, std::vector<FieldError>& problems) {
  auto entered = Decimal::parse(text);
  if (!entered || entered->is_negative() || (!zero_allowed && entered->is_zero()) ||
      entered->scale() > inventory::kQuantityScale) {
    problems.push_back({path, "invalid",
                        !entered ? entered.error().message_id
                        : entered->scale() > inventory::kQuantityScale ? "inventory.quantity_too_precise"
                                                                       : "inventory.quantity_not_positive",
                        {}});
    return std::nullopt;
  }
  auto stock = inventory::in_stock_units(*entered, factor);
  if (!stock) {
    problems.push_back({path, "invalid", stock.error().message_id, {}});
    return std::nullopt;
  }
  return *stock;
}

Result<std::int64_t> insert_header(Connection& c, const Actor& actor, std::string_view kind, const std::string& number,
                                   const OrderState& order, std::int64_t warehouse, std::optional<std::int64_t> quarantine,
                                   Date date, const std::string& reason, const std::string& note) {
  auto id = c.query_row(
      "INSERT INTO goods_receipts (company_id, kind, number, order_id, supplier_id, warehouse_id, "
      "quarantine_warehouse_id, document_date, reason, note, value, created_by, created_at) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10, 0, $11, $12) RETURNING id",
      {actor.principal.company_id, std::string(kind), number, order.id, order.supplier_id, warehouse, Value(quarantine),
       date, reason.empty() ? Value() : Value(reason), note.empty() ? Value() : Value(note), actor.principal.user_id,
       Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  return (*id)->int64(0).value_or(0);
}

// The receipt's (or, with negative values, the return's) voucher: Dr inventory, Cr goods in
// transit, per item; none when the company books stock periodically.
Result<std::optional<std::int64_t>> post_receipt_value(Connection& c, const Actor& actor, std::int64_t document,
                                                       const std::string& summary, Date date,
                                                       const std::vector<inventory::AppliedMove>& moves,
                                                       std::int64_t supplier) {
  auto mode = inventory::valuation_posting_of(c, actor.principal.company_id);
  if (!mode) return mode.error();
  if (*mode != "perpetual") return std::optional<std::int64_t>();
  std::map<std::int64_t, Cents> per_item;
  for (const auto& move : moves) per_item[move.item_id] += move.value;
  finance::BusinessEvent event{.type = "goods_receipt", .source_id = document, .date = date, .summary = summary};
  for (const auto& [item, value] : per_item) {
    if (value == 0) continue;
    event.lines.push_back({.role = "inventory", .amount = value, .item_id = item});
    event.lines.push_back({.role = "in_transit", .amount = value, .supplier_id = supplier, .item_id = item});
  }
  if (event.lines.empty()) return std::optional<std::int64_t>();
  auto voucher = finance::post_business_event(c, actor, event);
  if (!voucher) return voucher.error();
  return std::optional<std::int64_t>(voucher->id);
}

// After goods came or went: received while anything is still expected is partly received.
Status update_receipt_status(Connection& c, const Orders& orders, const Actor& actor, const OrderState& order) {
  auto open = c.query_row(
      "SELECT COUNT(*) FROM purchase_order_lines WHERE order_id = $1 AND received - returned < quantity", {order.id});
  if (!open) return open.error();
  const bool complete = (*open)->int64(0).value_or(0) == 0;
  if (order.status == "invoiced" || order.status == "closed") return {};
  const std::string status = complete ? "received" : "partly_received";
  if (status == order.status) return {};
  return set_order_fields(c, orders, actor, order.id, {{"status", status}}, "receive");
}

Status announce(Connection& c, const Actor& actor, std::int64_t order, std::string_view action) {
  return events::publish(c, {.kind = events::Kind::record, .company_id = actor.principal.company_id,
                             .entity = "purchase_order", .record_id = order, .action = std::string(action),
                             .owner_id = actor.principal.user_id});
}

}  // namespace

Result<ReceiptInput> receipt_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  ReceiptInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"date", "quarantine_warehouse_id", "note", "lines"}, "");
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.quarantine_warehouse_id = read.id(*object, "quarantine_warehouse_id", "quarantine_warehouse_id");
  input.note = read.text(*object, "note", "note", false, 500);
  input.lines = receipt_lines_from(read, *object);
  return input;
}

Result<ReturnInput> return_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  ReturnInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"date", "warehouse_id", "reason", "lines"}, "");
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.warehouse_id = read.id(*object, "warehouse_id", "warehouse_id", true).value_or(0);
  input.reason = read.text(*object, "reason", "reason", true, 200);
  input.lines = receipt_lines_from(read, *object);
  return input;
}

Result<std::int64_t> receive_goods(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order_id,
                                   const ReceiptInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto order = order_state(c, company, order_id);
  if (!order) return order.error();
  if (order->status != "approved" && order->status != "partly_received") {
    return make_error(ErrorKind::invalid_transition, "purchasing.order_not_receivable");
  }
  auto tolerances = tolerances_of(c, company);
  if (!tolerances) return tolerances.error();
  auto lines = order_lines_of(c, order_id);
  if (!lines) return lines.error();
  std::vector<FieldError> problems = input.unreadable;
  if (input.quarantine_warehouse_id) {
    auto quarantine = c.query_row("SELECT 1 FROM warehouses WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
                                  {*input.quarantine_warehouse_id, company});
    if (!quarantine) return quarantine.error();
    if (!*quarantine) problems.push_back({"quarantine_warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
  }
  struct Arrival {
    const OrderLine* line;
    Qty accepted = 0, rejected = 0;
    std::optional<std::int64_t> lot;
  };
  std::vector<Arrival> arrivals;
  std::map<int, Qty> accepted_per_line;
  std::optional<Error> over;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const ReceiptLineInput& in = input.lines[i];
    auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
    const OrderLine* line = line_for(c, company, *lines, in, i, problems);
    if (line == nullptr) continue;
    auto arrived = stock_quantity(in.quantity, line->factor, at("quantity"), false, problems);
    auto rejected = in.rejected.empty() ? std::optional<Qty>(0)
                                        : stock_quantity(in.rejected, line->factor, at("rejected"), true, problems);
    if (!arrived || !rejected) continue;
    if (*rejected > *arrived) {
      problems.push_back({at("rejected"), "exceeds_arrived", "purchasing.rejected_exceeds_arrived", {}});
      continue;
    }
    if (*rejected > 0 && in.reject_reason.empty()) {
      problems.push_back({at("reject_reason"), "required", "purchasing.reject_reason_required", {}});
    }
    Arrival arrival{line, *arrived - *rejected, *rejected, std::nullopt};
    if (line->lot_tracked && in.lot_number.empty()) {
      problems.push_back({at("lot_number"), "required", "inventory.lot_required", {}});
    } else if (!in.lot_number.empty()) {
      auto lot = inventory::lot_for(c, actor,
                                    inventory::LotInput{.item_id = line->item_id, .number = in.lot_number,
                                                        .produced_on = in.produced_on, .expires_on = in.expires_on,
                                                        .supplier_id = order->supplier_id});
      if (!lot) {
        if (lot.error().kind != ErrorKind::validation) return lot.error();
        problems.push_back({at("lot_number"), "invalid", "inventory.lot_number_invalid", {}});
      } else {
        arrival.lot = *lot;
      }
    }
    // Over-receipt: what is kept (net of returns) may pass the ordered quantity by the tolerance only.
    Qty& accepted = accepted_per_line[line->line_no];
    accepted += arrival.accepted;
    auto limit = inventory::to_decimal(line->quantity).mul(Decimal::from_int(1).add(tolerances->over_receipt).value(), 4);
    if (limit && line->received - line->returned + accepted > static_cast<Qty>(limit->units()) && !over) {
      Error error = make_error(ErrorKind::conflict, "purchasing.over_receipt");
      error.args = {{"line", std::to_string(line->line_no)},
                    {"ordered", inventory::format_quantity(line->quantity)},
                    {"received", inventory::format_quantity(line->received - line->returned + accepted)}};
      error.field = at("quantity");
      over = error;
    }
    arrivals.push_back(arrival);
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  if (over) return *over;

  auto number = inventory::next_document_number(c, company, "GR", input.date);
  if (!number) return number.error();
  auto receipt = insert_header(c, actor, "receipt", *number, *order, order->warehouse_id, input.quarantine_warehouse_id,
                               input.date, "", input.note);
  if (!receipt) return receipt.error();
  inventory::StockPosting posting{.document_type = "goods_receipt", .document_id = *receipt,
                                  .document_number = *number, .date = input.date, .move_type = "purchase_receipt"};
  std::map<int, Cents> value_per_line;
  std::map<int, std::pair<Qty, Qty>> taken;  // accepted and rejected so far in this receipt, per line
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const Arrival& arrival = arrivals[i];
    const OrderLine& line = *arrival.line;
    auto& so_far = taken[line.line_no];
    // At the order price; the receipt that completes the line takes what is left of its amount.
    auto value_of = [&](Qty quantity, Qty before) {
      if (line.received + before + quantity == line.quantity) {
        return line.amount - line.received_value - value_per_line[line.line_no];
      }
      return inventory::share_of(line.amount, quantity, line.quantity);
    };
    const int line_no = static_cast<int>(i + 1);
    if (arrival.accepted > 0) {
      const Cents value = value_of(arrival.accepted, so_far.first);
      value_per_line[line.line_no] += value;
      so_far.first += arrival.accepted;
      posting.moves.push_back({.item_id = line.item_id, .warehouse_id = order->warehouse_id,
                               .location_id = input.lines[i].location_id, .lot_id = arrival.lot,
                               .quantity = arrival.accepted, .value = value, .line_no = line_no});
    }
    if (arrival.rejected > 0 && input.quarantine_warehouse_id) {
      posting.moves.push_back({.item_id = line.item_id, .warehouse_id = *input.quarantine_warehouse_id,
                               .lot_id = arrival.lot, .quantity = arrival.rejected,
                               .value = inventory::share_of(line.amount, arrival.rejected, line.quantity),
                               .reason = input.lines[i].reject_reason, .line_no = line_no});
    }
    so_far.second += arrival.rejected;
  }
  auto applied = inventory::apply_moves(c, actor, posting);
  if (!applied) return applied.error();
  Cents total = 0;
  for (const auto& move : *applied) total += move.value;
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const Arrival& arrival = arrivals[i];
    Cents value = 0;
    for (const auto& move : *applied) {
      if (move.line_no == static_cast<int>(i + 1)) value += move.value;
    }
    auto written = c.execute(
        "INSERT INTO goods_receipt_lines (receipt_id, seq, line_no, item_id, quantity, accepted, rejected, "
        "reject_reason, lot_id, value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {*receipt, static_cast<std::int64_t>(i + 1), std::int64_t{arrival.line->line_no}, arrival.line->item_id,
         arrival.accepted + arrival.rejected, arrival.accepted, arrival.rejected,
         input.lines[i].reject_reason.empty() ? Value() : Value(input.lines[i].reject_reason), Value(arrival.lot), value});
    if (!written) return written.error();
  }
  for (const auto& [line_no, quantities] : taken) {
    auto updated = c.execute(
        "UPDATE purchase_order_lines SET received = received + $3, rejected = rejected + $4, "
        "received_value = received_value + $5 WHERE order_id = $1 AND line_no = $2",
        {order_id, std::int64_t{line_no}, quantities.first, quantities.second, value_per_line[line_no]});
    if (!updated) return updated.error();
  }
  auto voucher = post_receipt_value(c, actor, *receipt, "采购入库 " + *number + " " + order->code, input.date, *applied,
                                    order->supplier_id);
  if (!voucher) return voucher.error();
  auto finished = c.execute("UPDATE goods_receipts SET value = $2, voucher_id = $3 WHERE id = $1",
                            {*receipt, total, Value(*voucher)});
  if (!finished) return finished.error();
  if (Status status = update_receipt_status(c, orders, actor, *order); !status) return status.error();
  if (Status audited = finance::audit_ledger(c, actor, "goods_receipt.post", "goods_receipt", *receipt,
                                             {{"number", *number}, {"order", order->code},
                                              {"value", finance::format_amount(total)}});
      !audited) {
    return audited.error();
  }
  if (Status announced = announce(c, actor, order_id, "received"); !announced) return announced.error();
  return *receipt;
}

Result<std::int64_t> return_goods(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order_id,
                                  const ReturnInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto order = order_state(c, company, order_id);
  if (!order) return order.error();
  if (order->status != "partly_received" && order->status != "received" && order->status != "invoiced" &&
      order->status != "closed") {
    return make_error(ErrorKind::invalid_transition, "purchasing.order_not_returnable");
  }
  auto warehouse = c.query_row("SELECT kind FROM warehouses WHERE id = $1 AND company_id = $2", {input.warehouse_id, company});
  if (!warehouse) return warehouse.error();
  std::vector<FieldError> problems = input.unreadable;
  if (!*warehouse) problems.push_back({"warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
  // From quarantine go the goods the quality check rejected; from elsewhere, accepted goods.
  const bool rejected_goods = *warehouse && (*warehouse)->text(0).value_or("") == "quarantine";
  auto lines = order_lines_of(c, order_id);
  if (!lines) return lines.error();
  inventory::StockPosting posting{.document_type = "purchase_return", .date = input.date, .move_type = "purchase_return"};
  std::map<int, Qty> per_line;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const ReceiptLineInput& in = input.lines[i];
    auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
    const OrderLine* line = line_for(c, company, *lines, in, i, problems);
    if (line == nullptr) continue;
    auto quantity = stock_quantity(in.quantity, line->factor, at("quantity"), false, problems);
    if (!quantity) continue;
    Qty& total = per_line[line->line_no];
    total += *quantity;
    const Qty returnable = rejected_goods ? line->rejected - line->rejected_returned : line->received - line->returned;
    if (total > returnable) {
      problems.push_back({at("quantity"), "exceeds_received", "purchasing.return_exceeds_received",
                          {{"returnable", inventory::format_quantity(returnable)}}});
      continue;
    }
    std::optional<std::int64_t> lot;
    if (!in.lot_number.empty()) {
      auto found = c.query_row("SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                               {company, line->item_id, in.lot_number});
      if (!found) return found.error();
      if (!*found) problems.push_back({at("lot_number"), "unknown", "inventory.lot_unknown", {}});
      else lot = (*found)->int64(0).value_or(0);
    }
    posting.moves.push_back({.item_id = line->item_id, .warehouse_id = input.warehouse_id,
                             .location_id = in.location_id, .lot_id = lot, .quantity = -*quantity,
                             .reason = input.reason, .line_no = static_cast<int>(i + 1)});
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  auto number = inventory::next_document_number(c, company, "PR", input.date);
  if (!number) return number.error();
  auto document = insert_header(c, actor, "return", *number, *order, input.warehouse_id, std::nullopt, input.date,
                                input.reason, "");
  if (!document) return document.error();
  posting.document_id = *document;
  posting.document_number = *number;
  auto applied = inventory::apply_moves(c, actor, posting);
  if (!applied) return applied.error();
  Cents total = 0;
  for (const auto& move : *applied) total += move.value;
  std::size_t seq = 0;
  for (const auto& [line_no, quantity] : per_line) {
    const OrderLine& line = lines->at(line_no);
    auto written = c.execute(
        "INSERT INTO goods_receipt_lines (receipt_id, seq, line_no, item_id, quantity, accepted, rejected, value) "
        "VALUES ($1, $2, $3, $4, $5, 0, 0, 0)",
        {*document, static_cast<std::int64_t>(++seq), std::int64_t{line_no}, line.item_id, -quantity});
    if (!written) return written.error();
    auto updated = c.execute(rejected_goods
                                 ? "UPDATE purchase_order_lines SET rejected_returned = rejected_returned + $3 "
                                   "WHERE order_id = $1 AND line_no = $2"
                                 : "UPDATE purchase_order_lines SET returned = returned + $3 WHERE order_id = $1 "
                                   "AND line_no = $2",
                             {order_id, std::int64_t{line_no}, quantity});
    if (!updated) return updated.error();
  }
  auto voucher = post_receipt_value(c, actor, *document, "采购退货 " + *number + " " + order->code, input.date,
                                    *applied, order->supplier_id);
  if (!voucher) return voucher.error();
  auto finished = c.execute("UPDATE goods_receipts SET value = $2, voucher_id = $3 WHERE id = $1",
                            {*document, total, Value(*voucher)});
  if (!finished) return finished.error();
  if (!rejected_goods) {
    if (Status status = update_receipt_status(c, orders, actor, *order); !status) return status.error();
  }
  if (Status audited = finance::audit_ledger(c, actor, "purchase_return.post", "goods_receipt", *document,
                                             {{"number", *number}, {"order", order->code}, {"reason", input.reason},
                                              {"value", finance::format_amount(total)}});
      !audited) {
    return audited.error();
  }
  if (Status announced = announce(c, actor, order_id, "returned"); !announced) return announced.error();
  return *document;
}

Result<json::object> receipts_json(Connection& c, std::int64_t company, std::int64_t order) {
  auto rows = c.query(
      "SELECT r.id, r.kind, r.number, r.document_date, w.name, r.value, r.voucher_id, r.reason, "
      "(SELECT COUNT(*) FROM goods_receipt_lines l WHERE l.receipt_id = r.id) FROM goods_receipts r "
      "JOIN warehouses w ON w.id = r.warehouse_id WHERE r.order_id = $1 AND r.company_id = $2 ORDER BY r.id",
      {order, company});
  if (!rows) return rows.error();
  json::array items;
  for (const auto& row : *rows) {
    json::object item{{"id", row.int64(0).value_or(0)},
                      {"kind", row.text(1).value_or("")},
                      {"number", row.text(2).value_or("")},
                      {"date", row.date(3) ? row.date(3)->to_string() : ""},
                      {"warehouse", row.text(4).value_or("")},
                      {"value", finance::format_amount(row.int64(5).value_or(0))},
                      {"lines", row.int64(8).value_or(0)}};
    item["voucher_id"] = row.is_null(6) ? json::value() : json::value(row.int64(6).value_or(0));
    item["reason"] = row.is_null(7) ? json::value() : json::value(row.text(7).value_or(""));
    items.push_back(std::move(item));
  }
  return json::object{{"items", std::move(items)}};
}

}  // namespace verp::purchasing
