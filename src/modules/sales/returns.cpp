// Returns (退货): goods a customer sends back come into stock (or quarantine) at the cost they
// left with, the shipment's voucher is reversed in red, what had been invoiced is credited with a
// credit note, and the money may be refunded.
#include <boost/json.hpp>

#include "modules/finance/invoices.hpp"
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

Result<ReturnInput> return_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  ReturnInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"date", "warehouse_id", "reason", "refund", "lines"}, "");
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.warehouse_id = read.id(*object, "warehouse_id", "warehouse_id", true).value_or(0);
  input.reason = read.text(*object, "reason", "reason", true, 500);
  if (const json::value* refund = object->if_contains("refund"); refund != nullptr && !refund->is_null()) {
    if (refund->is_bool()) input.refund = refund->as_bool();
    else read.fail("refund", "not_boolean", "field.not_boolean");
  }
  if (const json::array* lines = read.lines(*object, "lines")) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json::object* line = (*lines)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      ReturnLineInput parsed;
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        continue;
      }
      read.only(*line, {"line_no", "quantity", "lot_number"}, "lines[" + std::to_string(i) + "].");
      parsed.line_no = static_cast<int>(read.id(*line, "line_no", at("line_no"), true).value_or(0));
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.lot_number = read.text(*line, "lot_number", at("lot_number"), false, 60);
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

struct Returnable {
  std::int64_t item_id = 0;
  std::string item_name;
  Decimal factor, tax_rate;
  Qty shipped = 0, returned = 0, invoiced = 0;
  Cents shipped_value = 0, returned_value = 0, invoiced_amount = 0;
};

}  // namespace

Result<ReturnResult> return_goods(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order_id,
                                  const ReturnInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto order = order_state(c, company, order_id);
  if (!order) return order.error();
  std::vector<FieldError> problems = input.unreadable;
  auto warehouse = c.query_row("SELECT 1 FROM warehouses WHERE id = $1 AND company_id = $2", {input.warehouse_id, company});
  if (!warehouse) return warehouse.error();
  if (input.warehouse_id != 0 && !*warehouse) problems.push_back({"warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
  auto rows = c.query(
      "SELECT l.line_no, l.item_id, i.name, l.factor, l.tax_rate, l.shipped, l.returned, l.invoiced, l.shipped_value, "
      "l.returned_value, l.invoiced_amount FROM sales_order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = $1",
      {order_id});
  if (!rows) return rows.error();
  std::map<int, Returnable> lines;
  for (const auto& r : *rows) {
    lines[static_cast<int>(r.int64(0).value_or(0))] =
        Returnable{r.int64(1).value_or(0), r.text(2).value_or(""), r.decimal(3).value_or(Decimal::from_int(1)),
                   r.decimal(4).value_or(Decimal()), r.int64(5).value_or(0), r.int64(6).value_or(0),
                   r.int64(7).value_or(0), r.int64(8).value_or(0), r.int64(9).value_or(0), r.int64(10).value_or(0)};
  }
  struct Back {
    int line_no;
    Qty quantity;
    Cents value;
    std::optional<std::int64_t> lot;
  };
  std::vector<Back> back;
  std::map<int, Qty> per_line;
  std::map<int, std::pair<Qty, Cents>> outstanding;  // per line: still out, and its value
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const ReturnLineInput& in = input.lines[i];
    auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
    auto found = lines.find(in.line_no);
    if (found == lines.end()) {
      if (in.line_no != 0) problems.push_back({at("line_no"), "unknown", "sales.order_line_unknown", {}});
      continue;
    }
    const Returnable& line = found->second;
    auto entered = Decimal::parse(in.quantity);
    if (!entered || !entered->signum() || entered->is_negative() || entered->scale() > inventory::kQuantityScale) {
      problems.push_back({at("quantity"), "invalid", "inventory.quantity_not_positive", {}});
      continue;
    }
    auto stock = inventory::in_stock_units(*entered, line.factor);
    if (!stock) return stock.error();
    Qty& total = per_line[in.line_no];
    total += *stock;
    const Qty returnable = line.shipped - line.returned;
    if (total > returnable) {
      problems.push_back({at("quantity"), "exceeds_shipped", "sales.return_exceeds_shipped",
                          {{"returnable", in_line_unit(std::max<Qty>(returnable, 0), line.factor)}}});
      continue;
    }
    std::optional<std::int64_t> lot;
    if (!in.lot_number.empty()) {
      auto known = c.query_row("SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                               {company, line.item_id, in.lot_number});
      if (!known) return known.error();
      if (!*known) {
        problems.push_back({at("lot_number"), "unknown", "inventory.lot_unknown", {}});
        continue;
      }
      lot = (*known)->int64(0).value_or(0);
    }
    // Back at what these units cost when they left: their share of what is still out.
    auto& [out_qty, out_value] = outstanding.try_emplace(in.line_no, returnable, line.shipped_value - line.returned_value)
                                     .first->second;
    const Cents value = *stock == out_qty ? out_value : inventory::share_of(out_value, *stock, out_qty);
    out_qty -= *stock;
    out_value -= value;
    back.push_back({in.line_no, *stock, value, lot});
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  auto number = inventory::next_document_number(c, company, "RT", input.date);
  if (!number) return number.error();
  auto id = c.query_row(
      "INSERT INTO sales_deliveries (company_id, kind, number, customer_id, warehouse_id, state, document_date, "
      "reason, order_id, value, created_by, created_at) VALUES ($1, 'return', $2, $3, $4, 'received', $5, $6, $7, 0, "
      "$8, $9) RETURNING id",
      {company, *number, order->customer_id, input.warehouse_id, input.date, input.reason, order_id,
       actor.principal.user_id, Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  const std::int64_t document = (*id)->int64(0).value_or(0);
  inventory::StockPosting posting{.document_type = "sales_return", .document_id = document, .document_number = *number,
                                  .date = input.date, .move_type = "sales_return"};
  for (std::size_t i = 0; i < back.size(); ++i) {
    posting.moves.push_back({.item_id = lines.at(back[i].line_no).item_id, .warehouse_id = input.warehouse_id,
                             .lot_id = back[i].lot, .quantity = back[i].quantity, .value = back[i].value,
                             .reason = input.reason, .line_no = static_cast<int>(i + 1)});
  }
  auto applied = inventory::apply_moves(c, actor, posting);
  if (!applied) return applied.error();
  Cents total = 0;
  std::map<std::int64_t, Cents> per_item;
  for (const auto& move : *applied) {
    total += move.value;
    per_item[move.item_id] += move.value;
  }
  // The credit note: what was invoiced beyond what the customer now keeps.
  finance::InvoiceInput credit{.kind = "receivable", .partner_id = order->customer_id, .date = input.date,
                               .due_date = input.date};
  struct Credited {
    int line_no;
    Qty quantity;
    Cents amount;
  };
  std::vector<Credited> credited;
  for (std::size_t i = 0; i < back.size(); ++i) {
    Returnable& line = lines.at(back[i].line_no);
    auto written = c.execute(
        "INSERT INTO sales_delivery_lines (delivery_id, seq, order_id, line_no, item_id, quantity, lot_id, value) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {document, static_cast<std::int64_t>(i + 1), order_id, std::int64_t{back[i].line_no}, line.item_id,
         back[i].quantity, Value(back[i].lot), back[i].value});
    if (!written) return written.error();
    auto updated = c.execute(
        "UPDATE sales_order_lines SET returned = returned + $3, returned_value = returned_value + $4 "
        "WHERE order_id = $1 AND line_no = $2",
        {order_id, std::int64_t{back[i].line_no}, back[i].quantity, back[i].value});
    if (!updated) return updated.error();
    line.returned += back[i].quantity;
    const Qty over_invoiced = line.invoiced - (line.shipped - line.returned);
    if (over_invoiced <= 0 || line.invoiced <= 0) continue;
    const Cents amount = over_invoiced == line.invoiced ? line.invoiced_amount
                                                        : inventory::share_of(line.invoiced_amount, over_invoiced, line.invoiced);
    line.invoiced -= over_invoiced;
    line.invoiced_amount -= amount;
    credited.push_back({back[i].line_no, over_invoiced, amount});
    credit.lines.push_back({.description = "退货 " + line.item_name + " " + order->code, .account_code = "6001",
                            .amount = -amount, .tax_rate = line.tax_rate, .item_id = line.item_id,
                            .department_id = order->department_id});
  }
  ReturnResult result{.return_id = document};
  std::optional<std::int64_t> voucher;
  auto mode = inventory::valuation_posting_of(c, company);
  if (!mode) return mode.error();
  if (*mode == "perpetual" && total != 0) {
    finance::BusinessEvent event{.type = "shipment", .source_id = document, .date = input.date,
                                 .summary = "销售退货 " + *number + " " + order->code};
    for (const auto& [item, value] : per_item) {
      event.lines.push_back({.role = "cost_of_sales", .amount = -value, .customer_id = order->customer_id, .item_id = item});
      event.lines.push_back({.role = "inventory", .amount = -value, .item_id = item});
    }
    auto posted = finance::post_business_event(c, actor, event);
    if (!posted) return posted.error();
    voucher = posted->id;
  }
  if (!credit.lines.empty()) {
    auto note_number = inventory::next_document_number(c, company, "CN", input.date);
    if (!note_number) return note_number.error();
    credit.number = *note_number;
    auto created = finance::create_invoice(c, actor, credit);
    if (!created) return created.error();
    auto posted = finance::post_invoice(c, actor, *created);
    if (!posted) return posted.error();
    result.credit_note_id = *created;
    Cents refund = 0;
    for (std::size_t i = 0; i < credited.size(); ++i) {
      const Returnable& line = lines.at(credited[i].line_no);
      auto tax = Decimal::from_units(-credited[i].amount, 2).mul(line.tax_rate, 2);
      if (!tax) return tax.error();
      refund += credited[i].amount - static_cast<Cents>(tax->units());
      auto linked = c.execute(
          "INSERT INTO sales_invoice_lines (invoice_id, seq, order_id, line_no, delivery_id, quantity, price, amount, "
          "tax) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)",
          {*created, static_cast<std::int64_t>(i + 1), order_id, std::int64_t{credited[i].line_no}, document,
           -credited[i].quantity, -credited[i].amount, static_cast<Cents>(tax->units())});
      if (!linked) return linked.error();
      auto updated = c.execute(
          "UPDATE sales_order_lines SET invoiced = invoiced - $3, invoiced_amount = invoiced_amount - $4 "
          "WHERE order_id = $1 AND line_no = $2",
          {order_id, std::int64_t{credited[i].line_no}, credited[i].quantity, credited[i].amount});
      if (!updated) return updated.error();
    }
    if (input.refund && refund > 0) {
      // The money back, as a receipt in red: Dr 1122 (the credit note's item is then settled
      // against it), Cr bank.
      finance::BusinessEvent event{.type = "customer_receipt", .source_id = order->customer_id, .date = input.date,
                                   .summary = "退款 " + *number + " " + order->code};
      event.lines.push_back({.role = "cash", .amount = -refund, .cash_flow_item = "CFO-1"});
      event.lines.push_back({.role = "receivable", .amount = -refund, .customer_id = order->customer_id});
      auto refunded = finance::post_business_event(c, actor, event);
      if (!refunded) return refunded.error();
      result.refund_voucher_id = refunded->id;
    }
  }
  auto finished = c.execute(
      "UPDATE sales_deliveries SET value = $2, voucher_id = $3, credit_note_id = $4, refund_voucher_id = $5 WHERE id = $1",
      {document, total, Value(voucher), Value(result.credit_note_id), Value(result.refund_voucher_id)});
  if (!finished) return finished.error();
  if (Status settled = settle_status(c, orders, actor, order_id); !settled) return settled.error();
  if (Status announced = events::publish(c, {.kind = events::Kind::record, .company_id = company,
                                             .entity = "sales_order", .record_id = order_id, .action = "returned",
                                             .owner_id = actor.principal.user_id});
      !announced) {
    return announced.error();
  }
  if (Status audited = finance::audit_ledger(c, actor, "sales_return.post", "sales_order", order_id,
                                             {{"number", *number}, {"order", order->code}, {"reason", input.reason},
                                              {"value", finance::format_amount(total)}});
      !audited) {
    return audited.error();
  }
  return result;
}

}  // namespace verp::sales
