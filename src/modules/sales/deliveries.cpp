// Delivery notes (发货单): picked from one or more orders of one customer, then shipped — the
// goods leave the warehouse consuming the orders' reservations, at moving average, with the
// shipment's voucher (Dr cost of sales, Cr inventory). What stays open on a line is its back order.
#include <boost/json.hpp>
#include <set>

#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_documents.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/sales/order_lines.hpp"
#include "platform/events/bridge.hpp"

namespace verp::sales {

namespace json = boost::json;
using inventory::JsonReader;
using storage::Connection;
using storage::Date;
using storage::Timestamp;
using storage::Value;

Result<DeliveryInput> delivery_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  DeliveryInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"date", "warehouse_id", "carrier", "tracking_number", "ship_to", "lines"}, "");
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.carrier = read.text(*object, "carrier", "carrier", false, 100);
  input.tracking_number = read.text(*object, "tracking_number", "tracking_number", false, 100);
  input.ship_to = read.text(*object, "ship_to", "ship_to", false, 300);
  if (const json::array* lines = read.lines(*object, "lines")) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json::object* line = (*lines)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      DeliveryLineInput parsed;
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        input.lines.push_back(parsed);
        continue;
      }
      read.only(*line, {"order_id", "line_no", "quantity", "lot_number", "location_id"}, "lines[" + std::to_string(i) + "].");
      parsed.order_id = read.id(*line, "order_id", at("order_id"), true).value_or(0);
      parsed.line_no = static_cast<int>(read.id(*line, "line_no", at("line_no"), true).value_or(0));
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.lot_number = read.text(*line, "lot_number", at("lot_number"), false, 60);
      parsed.location_id = read.id(*line, "location_id", at("location_id"));
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

Status announce(Connection& c, const Actor& actor, std::int64_t order, std::string_view action) {
  return events::publish(c, {.kind = events::Kind::record, .company_id = actor.principal.company_id,
                             .entity = "sales_order", .record_id = order, .action = std::string(action),
                             .owner_id = actor.principal.user_id});
}

struct OpenLine {
  std::int64_t item_id = 0;
  Decimal factor;
  Qty open = 0;  // not cancelled, shipped or on a picking delivery (stock units)
};

// A quantity in the order line's unit, as stock units; problems named at `path`.
std::optional<Qty> stock_quantity(const std::string& text, const Decimal& factor, const std::string& path,
                                  std::vector<FieldError>& problems) {
  auto entered = Decimal::parse(text);
  if (!entered || !entered->signum() || entered->is_negative() || entered->scale() > inventory::kQuantityScale) {
    problems.push_back({path, "invalid", "inventory.quantity_not_positive", {}});
    return std::nullopt;
  }
  auto stock = inventory::in_stock_units(*entered, factor);
  if (!stock) {
    problems.push_back({path, "invalid", stock.error().message_id, {}});
    return std::nullopt;
  }
  return *stock;
}

}  // namespace

Result<std::int64_t> create_delivery(Connection& c, const Orders& orders, const Actor& actor,
                                     const DeliveryInput& input) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems = input.unreadable;
  std::map<std::int64_t, OrderState> order_of;
  std::optional<std::int64_t> customer, warehouse;
  std::string ship_to = input.ship_to;
  struct Picked {
    std::int64_t order_id;
    int line_no;
    std::int64_t item_id;
    Qty quantity;
    std::optional<std::int64_t> lot_id, location_id;
  };
  std::vector<Picked> picked;
  std::map<std::pair<std::int64_t, int>, Qty> per_line;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const DeliveryLineInput& in = input.lines[i];
    auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
    if (in.order_id == 0) continue;  // already named by the reader
    auto known = order_of.find(in.order_id);
    if (known == order_of.end()) {
      auto state = order_state(c, company, in.order_id);
      if (!state) {
        if (state.error().kind != ErrorKind::not_found) return state.error();
        problems.push_back({at("order_id"), "unknown", "sales.order_unknown", {}});
        continue;
      }
      if (state->status != "ordered" && state->status != "preparing" && state->status != "partly_shipped") {
        problems.push_back({at("order_id"), "not_shippable", "sales.order_not_shippable", {{"status", state->status}}});
        continue;
      }
      if (customer && *customer != state->customer_id) {
        problems.push_back({at("order_id"), "other_customer", "sales.delivery_one_customer", {}});
        continue;
      }
      if (warehouse && *warehouse != state->warehouse_id) {
        problems.push_back({at("order_id"), "other_warehouse", "sales.delivery_one_warehouse", {}});
        continue;
      }
      customer = state->customer_id;
      warehouse = state->warehouse_id;
      known = order_of.emplace(in.order_id, *state).first;
    }
    auto row = c.query_row(
        "SELECT l.item_id, l.factor, l.quantity - l.cancelled - l.shipped - COALESCE((SELECT SUM(dl.quantity) "
        "FROM sales_delivery_lines dl JOIN sales_deliveries d ON d.id = dl.delivery_id WHERE d.state = 'picking' "
        "AND dl.order_id = l.order_id AND dl.line_no = l.line_no), 0) FROM sales_order_lines l "
        "WHERE l.order_id = $1 AND l.line_no = $2",
        {in.order_id, std::int64_t{in.line_no}});
    if (!row) return row.error();
    if (!*row) {
      problems.push_back({at("line_no"), "unknown", "sales.order_line_unknown", {}});
      continue;
    }
    const OpenLine line{(*row)->int64(0).value_or(0), (*row)->decimal(1).value_or(Decimal::from_int(1)),
                        (*row)->int64(2).value_or(0)};
    auto quantity = stock_quantity(in.quantity, line.factor, at("quantity"), problems);
    if (!quantity) continue;
    Qty& total = per_line[{in.order_id, in.line_no}];
    total += *quantity;
    if (total > line.open) {
      problems.push_back({at("quantity"), "exceeds_open", "sales.delivery_exceeds_open",
                          {{"open", in_line_unit(std::max<Qty>(line.open, 0), line.factor)}}});
      continue;
    }
    std::optional<std::int64_t> lot;
    if (!in.lot_number.empty()) {
      auto found = c.query_row("SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                               {company, line.item_id, in.lot_number});
      if (!found) return found.error();
      if (!*found) {
        problems.push_back({at("lot_number"), "unknown", "inventory.lot_unknown", {}});
        continue;
      }
      lot = (*found)->int64(0).value_or(0);
    }
    picked.push_back({in.order_id, in.line_no, line.item_id, *quantity, lot, in.location_id});
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  if (ship_to.empty()) {
    auto address = c.query_row("SELECT ship_to FROM sales_orders WHERE id = $1", {order_of.begin()->first});
    if (!address) return address.error();
    if (*address && !(*address)->is_null(0)) ship_to = (*address)->text(0).value_or("");
  }
  auto number = inventory::next_document_number(c, company, "DN", input.date);
  if (!number) return number.error();
  auto id = c.query_row(
      "INSERT INTO sales_deliveries (company_id, kind, number, customer_id, warehouse_id, state, document_date, carrier, "
      "tracking_number, ship_to, value, created_by, created_at) VALUES ($1, 'delivery', $2, $3, $4, 'picking', $5, $6, "
      "$7, $8, 0, $9, $10) RETURNING id",
      {company, *number, *customer, *warehouse, input.date, input.carrier.empty() ? Value() : Value(input.carrier),
       input.tracking_number.empty() ? Value() : Value(input.tracking_number), ship_to.empty() ? Value() : Value(ship_to),
       actor.principal.user_id, Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  const std::int64_t delivery = (*id)->int64(0).value_or(0);
  std::vector<std::vector<Value>> rows;
  for (std::size_t i = 0; i < picked.size(); ++i) {
    const Picked& p = picked[i];
    rows.push_back({delivery, static_cast<std::int64_t>(i + 1), p.order_id, std::int64_t{p.line_no}, p.item_id,
                    p.quantity, Value(p.lot_id), Value(p.location_id)});
  }
  auto written = c.execute_batch(
      "INSERT INTO sales_delivery_lines (delivery_id, seq, order_id, line_no, item_id, quantity, lot_id, location_id, "
      "value) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)",
      rows);
  if (!written) return written.error();
  for (const auto& [order, state] : order_of) {
    if (Status settled = settle_status(c, orders, actor, order); !settled) return settled.error();
    if (Status announced = announce(c, actor, order, "picking"); !announced) return announced.error();
  }
  if (Status audited = finance::audit_ledger(c, actor, "delivery.create", "delivery", delivery, {{"number", *number}});
      !audited) {
    return audited.error();
  }
  return delivery;
}

Status ship_delivery(Connection& c, const Orders& orders, const Actor& actor, std::int64_t delivery,
                     const ShipInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto header = c.query_row(
      "SELECT number, customer_id, warehouse_id, state, document_date, carrier, tracking_number FROM sales_deliveries "
      "WHERE id = $1 AND company_id = $2 AND kind = 'delivery'",
      {delivery, company});
  if (!header) return header.error();
  if (!*header) return make_error(ErrorKind::not_found, "error.not_found");
  const std::string number = (*header)->text(0).value_or("");
  const std::int64_t customer = (*header)->int64(1).value_or(0);
  const std::int64_t warehouse = (*header)->int64(2).value_or(0);
  const Date date = input.date.value_or((*header)->date(4).value_or(Date{}));
  // Taking the delivery out of picking first serialises two clerks shipping it at once.
  auto claimed = c.execute(
      "UPDATE sales_deliveries SET state = 'shipped', shipped_on = $2, carrier = COALESCE($3, carrier), "
      "tracking_number = COALESCE($4, tracking_number), shipped_by = $5, shipped_at = $6 WHERE id = $1 "
      "AND state = 'picking'",
      {delivery, date, input.carrier.empty() ? Value() : Value(input.carrier),
       input.tracking_number.empty() ? Value() : Value(input.tracking_number), actor.principal.user_id,
       Timestamp::from_system(actor.clock.now())});
  if (!claimed) return claimed.error();
  if (*claimed == 0) return make_error(ErrorKind::invalid_transition, "sales.delivery_not_picking");
  auto lines = c.query(
      "SELECT seq, order_id, line_no, item_id, quantity, lot_id, location_id FROM sales_delivery_lines "
      "WHERE delivery_id = $1 ORDER BY seq",
      {delivery});
  if (!lines) return lines.error();
  std::set<std::int64_t> order_ids;
  inventory::StockPosting posting{.document_type = "shipment", .document_id = delivery, .document_number = number,
                                  .date = date, .move_type = "sales_shipment"};
  for (const auto& line : *lines) {
    const std::int64_t order = line.int64(1).value_or(0);
    const int line_no = static_cast<int>(line.int64(2).value_or(0));
    const int seq = static_cast<int>(line.int64(0).value_or(0));
    if (order_ids.insert(order).second) {
      auto state = order_state(c, company, order);
      if (!state) return state.error();
      if (state->status == "on_hold" || state->status == "cancelled") {
        return finance::field_error("order_id", state->status, "sales.order_not_shippable",
                                    {{"order", state->code}, {"status", state->status}});
      }
    }
    Qty remaining = line.int64(4).value_or(0);
    inventory::MoveInput base{.item_id = line.int64(3).value_or(0), .warehouse_id = warehouse,
                              .location_id = finance::optional_id(line, 6), .lot_id = finance::optional_id(line, 5),
                              .line_no = seq};
    // What the order reserved for this line goes first; the rest comes from free stock.
    auto reservations = c.query(
        "SELECT id, open_quantity FROM stock_reservations WHERE company_id = $1 AND source_type = 'sales_order' "
        "AND source_id = $2 AND source_line = $3 AND state = 'open' AND open_quantity > 0 ORDER BY id",
        {company, order, std::int64_t{line_no}});
    if (!reservations) return reservations.error();
    for (const auto& reservation : *reservations) {
      if (remaining == 0) break;
      const Qty take = std::min(remaining, reservation.int64(1).value_or(0));
      inventory::MoveInput move = base;
      move.quantity = -take;
      move.reservation_id = reservation.int64(0).value_or(0);
      move.consume_reserved = take;
      posting.moves.push_back(move);
      remaining -= take;
    }
    if (remaining > 0) {
      inventory::MoveInput move = base;
      move.quantity = -remaining;
      posting.moves.push_back(move);
    }
  }
  auto applied = inventory::apply_moves(c, actor, posting);
  if (!applied) return applied.error();
  std::map<int, Cents> value_of;  // per delivery line, positive
  Cents total = 0;
  std::map<std::int64_t, Cents> per_item;
  for (const auto& move : *applied) {
    value_of[move.line_no] -= move.value;
    per_item[move.item_id] -= move.value;
    total -= move.value;
  }
  for (const auto& line : *lines) {
    const int seq = static_cast<int>(line.int64(0).value_or(0));
    auto valued = c.execute("UPDATE sales_delivery_lines SET value = $3 WHERE delivery_id = $1 AND seq = $2",
                            {delivery, std::int64_t{seq}, value_of[seq]});
    if (!valued) return valued.error();
    auto shipped = c.execute(
        "UPDATE sales_order_lines SET shipped = shipped + $3, shipped_value = shipped_value + $4 WHERE order_id = $1 "
        "AND line_no = $2",
        {line.int64(1).value_or(0), line.int64(2).value_or(0), line.int64(4).value_or(0), value_of[seq]});
    if (!shipped) return shipped.error();
  }
  std::optional<std::int64_t> voucher;
  auto mode = inventory::valuation_posting_of(c, company);
  if (!mode) return mode.error();
  if (*mode == "perpetual" && total != 0) {
    auto name = c.query_row("SELECT name FROM customers WHERE id = $1", {customer});
    if (!name) return name.error();
    finance::BusinessEvent event{.type = "shipment", .source_id = delivery, .date = date,
                                 .summary = "销售出库 " + number + " " + (*name ? (*name)->text(0).value_or("") : "")};
    for (const auto& [item, value] : per_item) {
      if (value == 0) continue;
      event.lines.push_back({.role = "cost_of_sales", .amount = value, .customer_id = customer, .item_id = item});
      event.lines.push_back({.role = "inventory", .amount = value, .item_id = item});
    }
    auto posted = finance::post_business_event(c, actor, event);
    if (!posted) return posted.error();
    voucher = posted->id;
  }
  auto finished = c.execute("UPDATE sales_deliveries SET value = $2, voucher_id = $3 WHERE id = $1",
                            {delivery, total, Value(voucher)});
  if (!finished) return finished.error();
  for (std::int64_t order : order_ids) {
    if (Status settled = settle_status(c, orders, actor, order); !settled) return settled;
    if (Status announced = announce(c, actor, order, "shipped"); !announced) return announced;
  }
  return finance::audit_ledger(c, actor, "delivery.ship", "delivery", delivery,
                               {{"number", number}, {"value", finance::format_amount(total)},
                                {"carrier", input.carrier}, {"tracking_number", input.tracking_number}});
}

Status cancel_delivery(Connection& c, const Orders& orders, const Actor& actor, std::int64_t delivery) {
  auto cancelled = c.execute(
      "UPDATE sales_deliveries SET state = 'cancelled' WHERE id = $1 AND company_id = $2 AND kind = 'delivery' "
      "AND state = 'picking'",
      {delivery, actor.principal.company_id});
  if (!cancelled) return cancelled.error();
  if (*cancelled == 0) {
    auto exists = c.query_row("SELECT 1 FROM sales_deliveries WHERE id = $1 AND company_id = $2 AND kind = 'delivery'",
                              {delivery, actor.principal.company_id});
    if (!exists) return exists.error();
    if (!*exists) return make_error(ErrorKind::not_found, "error.not_found");
    return make_error(ErrorKind::invalid_transition, "sales.delivery_not_picking");
  }
  auto orders_of = c.query("SELECT DISTINCT order_id FROM sales_delivery_lines WHERE delivery_id = $1", {delivery});
  if (!orders_of) return orders_of.error();
  for (const auto& row : *orders_of) {
    if (Status settled = settle_status(c, orders, actor, row.int64(0).value_or(0)); !settled) return settled;
  }
  return finance::audit_ledger(c, actor, "delivery.cancel", "delivery", delivery, {});
}

Result<json::object> delivery_json(Connection& c, std::int64_t company, std::int64_t delivery) {
  auto header = c.query_row(
      "SELECT d.id, d.kind, d.number, d.state, d.customer_id, cu.name, d.warehouse_id, w.name, d.document_date, "
      "d.shipped_on, d.carrier, d.tracking_number, d.ship_to, d.value, d.voucher_id, d.reason, d.credit_note_id, "
      "d.refund_voucher_id, EXISTS (SELECT 1 FROM sales_invoice_lines s JOIN finance_invoices f ON f.id = s.invoice_id "
      "WHERE s.delivery_id = d.id AND f.state <> 'cancelled' AND s.quantity > 0) "
      "FROM sales_deliveries d JOIN customers cu ON cu.id = d.customer_id "
      "JOIN warehouses w ON w.id = d.warehouse_id WHERE d.id = $1 AND d.company_id = $2",
      {delivery, company});
  if (!header) return header.error();
  if (!*header) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& h = **header;
  auto text_or_null = [](const storage::Row& row, std::size_t i) {
    return row.is_null(i) ? json::value() : json::value(row.text(i).value_or(""));
  };
  auto id_or_null = [](const storage::Row& row, std::size_t i) {
    return row.is_null(i) ? json::value() : json::value(row.int64(i).value_or(0));
  };
  json::object out{{"id", h.int64(0).value_or(0)},
                   {"kind", h.text(1).value_or("")},
                   {"number", h.text(2).value_or("")},
                   {"state", h.text(3).value_or("")},
                   {"customer_id", h.int64(4).value_or(0)},
                   {"customer", h.text(5).value_or("")},
                   {"warehouse_id", h.int64(6).value_or(0)},
                   {"warehouse", h.text(7).value_or("")},
                   {"date", h.date(8) ? h.date(8)->to_string() : ""},
                   {"shipped_on", h.date(9) ? json::value(h.date(9)->to_string()) : json::value()},
                   {"carrier", text_or_null(h, 10)},
                   {"tracking_number", text_or_null(h, 11)},
                   {"ship_to", text_or_null(h, 12)},
                   {"value", finance::format_amount(h.int64(13).value_or(0))},
                   {"voucher_id", id_or_null(h, 14)},
                   {"reason", text_or_null(h, 15)},
                   {"credit_note_id", id_or_null(h, 16)},
                   {"refund_voucher_id", id_or_null(h, 17)},
                   {"invoiced", h.boolean(18).value_or(false)}};
  auto lines = c.query(
      "SELECT dl.seq, dl.order_id, o.code, dl.line_no, dl.item_id, i.code, i.name, i.specification, dl.quantity, "
      "l.factor, u.name, lo.lot_number, loc.name, dl.value, lo.expires_on FROM sales_delivery_lines dl "
      "JOIN sales_orders o ON o.id = dl.order_id JOIN sales_order_lines l ON l.order_id = dl.order_id "
      "AND l.line_no = dl.line_no JOIN items i ON i.id = dl.item_id LEFT JOIN units_of_measure u ON u.id = l.uom_id "
      "LEFT JOIN lots lo ON lo.id = dl.lot_id LEFT JOIN locations loc ON loc.id = dl.location_id "
      "WHERE dl.delivery_id = $1 ORDER BY dl.seq",
      {delivery});
  if (!lines) return lines.error();
  json::array items;
  for (const auto& row : *lines) {
    const Decimal factor = row.decimal(9).value_or(Decimal::from_int(1));
    const Qty quantity = row.int64(8).value_or(0);
    items.push_back(json::object{{"seq", row.int64(0).value_or(0)},
                                 {"order_id", row.int64(1).value_or(0)},
                                 {"order", row.text(2).value_or("")},
                                 {"line_no", row.int64(3).value_or(0)},
                                 {"item_id", row.int64(4).value_or(0)},
                                 {"item_code", row.text(5).value_or("")},
                                 {"item_name", row.text(6).value_or("")},
                                 {"specification", text_or_null(row, 7)},
                                 {"quantity", in_line_unit(quantity < 0 ? -quantity : quantity, factor)},
                                 {"stock_quantity", inventory::format_quantity(quantity < 0 ? -quantity : quantity)},
                                 {"unit", row.text(10).value_or("")},
                                 {"lot_number", text_or_null(row, 11)},
                                 {"location", text_or_null(row, 12)},
                                 {"value", finance::format_amount(row.int64(13).value_or(0))},
                                 {"expires_on", row.date(14) ? json::value(row.date(14)->to_string()) : json::value()}});
  }
  out["lines"] = std::move(items);
  return out;
}

}  // namespace verp::sales
