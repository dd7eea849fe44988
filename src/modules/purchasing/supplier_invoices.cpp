// Supplier invoices matched three ways (三单匹配: order, receipt, invoice), supplier payments and
// the company's tolerances.
#include <boost/json.hpp>

#include "modules/finance/invoices.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/purchasing/order_lines.hpp"
#include "platform/events/bridge.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using inventory::JsonReader;
using storage::Connection;
using storage::Date;
using storage::Value;

Result<SupplierInvoiceInput> supplier_invoice_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  SupplierInvoiceInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"number", "date", "due_date", "lines"}, "");
  input.number = read.text(*object, "number", "number", true, 40);
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.due_date = read.date(*object, "due_date", "due_date");
  if (const json::array* lines = read.lines(*object, "lines")) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json::object* line = (*lines)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      InvoiceLineInput parsed;
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        input.lines.push_back(parsed);
        continue;
      }
      read.only(*line, {"line_no", "quantity", "price", "tax_rate"}, "lines[" + std::to_string(i) + "].");
      parsed.line_no = static_cast<int>(read.id(*line, "line_no", at("line_no"), true).value_or(0));
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.price = read.text(*line, "price", at("price"), false, 40);
      parsed.tax_rate = read.text(*line, "tax_rate", at("tax_rate"), false, 10);
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

struct Billable {
  std::int64_t item_id = 0;
  std::string item_name;
  Decimal factor, price, tax_rate;
  Qty open = 0;  // received, net of returns, not yet invoiced (stock units)
};

bool within(const Decimal& value, const Decimal& reference, const Decimal& tolerance) {
  auto difference = value.sub(reference);
  auto allowed = reference.mul(tolerance);
  return difference && allowed && difference->abs() <= *allowed;
}

}  // namespace

Result<std::int64_t> invoice_order(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order_id,
                                   const SupplierInvoiceInput& input) {
  const std::int64_t company = actor.principal.company_id;
  auto order = order_state(c, company, order_id);
  if (!order) return order.error();
  if (order->status != "partly_received" && order->status != "received" && order->status != "closed") {
    return make_error(ErrorKind::invalid_transition, "purchasing.order_not_invoiceable");
  }
  auto tolerances = tolerances_of(c, company);
  if (!tolerances) return tolerances.error();
  std::vector<FieldError> problems = input.unreadable;
  auto used = c.query_row(
      "SELECT 1 FROM finance_invoices WHERE company_id = $1 AND kind = 'payable' AND partner_id = $2 AND number = $3 "
      "AND state <> 'cancelled'",
      {company, order->supplier_id, input.number});
  if (!used) return used.error();
  if (*used) problems.push_back({"number", "not_unique", "purchasing.invoice_number_used", {}});
  auto rows = c.query(
      "SELECT l.line_no, l.item_id, i.name, l.factor, l.price, l.tax_rate, l.received - l.returned - l.invoiced "
      "FROM purchase_order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = $1",
      {order_id});
  if (!rows) return rows.error();
  std::map<int, Billable> billable;
  for (const auto& row : *rows) {
    billable[static_cast<int>(row.int64(0).value_or(0))] =
        Billable{row.int64(1).value_or(0), row.text(2).value_or(""), row.decimal(3).value_or(Decimal::from_int(1)),
                 row.decimal(4).value_or(Decimal()), row.decimal(5).value_or(Decimal()), row.int64(6).value_or(0)};
  }
  finance::InvoiceInput invoice{.kind = "payable", .partner_id = order->supplier_id, .number = input.number,
                                .date = input.date, .due_date = input.due_date};
  struct Matched {
    int line_no;
    Qty quantity;
    Decimal price;
    Cents amount;
  };
  std::vector<Matched> matched;
  std::map<int, Qty> per_line;
  for (std::size_t i = 0; i < input.lines.size(); ++i) {
    const InvoiceLineInput& in = input.lines[i];
    auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
    auto found = billable.find(in.line_no);
    if (found == billable.end()) {
      if (in.line_no != 0) problems.push_back({at("line_no"), "unknown", "purchasing.order_line_unknown", {}});
      continue;
    }
    const Billable& line = found->second;
    auto entered = Decimal::parse(in.quantity);
    if (!entered || !entered->signum() || entered->is_negative() || entered->scale() > inventory::kQuantityScale) {
      problems.push_back({at("quantity"), "invalid", "inventory.quantity_not_positive", {}});
      continue;
    }
    auto stock = inventory::in_stock_units(*entered, line.factor);
    if (!stock) return stock.error();
    Qty& total = per_line[in.line_no];
    total += *stock;
    auto limit = inventory::to_decimal(line.open).mul(Decimal::from_int(1).add(tolerances->invoice_quantity).value(), 4);
    if (!limit || total > static_cast<Qty>(limit->units())) {
      problems.push_back({at("quantity"), "exceeds_received", "purchasing.invoice_exceeds_received",
                          {{"open", inventory::format_quantity(std::max<Qty>(line.open, 0))}}});
      continue;
    }
    Decimal price = line.price;
    if (!in.price.empty()) {
      auto given = Decimal::parse(in.price);
      if (!given || given->is_negative() || given->scale() > 6) {
        problems.push_back({at("price"), "invalid", "purchasing.price_invalid", {}});
        continue;
      }
      if (!within(*given, line.price, tolerances->invoice_price)) {
        problems.push_back({at("price"), "price_mismatch", "purchasing.invoice_price_mismatch",
                            {{"order_price", line.price.to_string()}}});
        continue;
      }
      price = *given;
    }
    Decimal rate = line.tax_rate;
    if (!in.tax_rate.empty()) {
      auto given = Decimal::parse(in.tax_rate);
      if (!given || given->is_negative() || *given > Decimal::from_units(17, 2) || given->scale() > 4) {
        problems.push_back({at("tax_rate"), "invalid", "finance.tax_rate_invalid", {}});
        continue;
      }
      rate = *given;
    }
    auto amount = entered->mul(price, 2);
    if (!amount || amount->units() >= finance::kMaxAmount) {
      problems.push_back({at("price"), "too_large", "finance.amount_too_large", {}});
      continue;
    }
    const Cents cents = static_cast<Cents>(amount->units());
    matched.push_back({in.line_no, *stock, price, cents});
    invoice.lines.push_back({.description = line.item_name, .account_code = "1402", .amount = cents, .tax_rate = rate,
                             .item_id = line.item_id});
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  auto created = finance::create_invoice(c, actor, invoice);
  if (!created) return created.error();
  auto posted = finance::post_invoice(c, actor, *created);
  if (!posted) return posted.error();
  for (const Matched& line : matched) {
    auto linked = c.execute(
        "INSERT INTO supplier_invoice_lines (invoice_id, order_id, line_no, quantity, price, amount) VALUES ($1, $2, "
        "$3, $4, $5, $6) ON CONFLICT (invoice_id, line_no) DO UPDATE SET quantity = supplier_invoice_lines.quantity + "
        "excluded.quantity, amount = supplier_invoice_lines.amount + excluded.amount",
        {*created, order_id, std::int64_t{line.line_no}, line.quantity, line.price, line.amount});
    if (!linked) return linked.error();
    auto updated = c.execute(
        "UPDATE purchase_order_lines SET invoiced = invoiced + $3, invoiced_amount = invoiced_amount + $4 "
        "WHERE order_id = $1 AND line_no = $2",
        {order_id, std::int64_t{line.line_no}, line.quantity, line.amount});
    if (!updated) return updated.error();
  }
  auto open = c.query_row(
      "SELECT COUNT(*) FROM purchase_order_lines WHERE order_id = $1 AND (received - returned < quantity OR "
      "invoiced < received - returned)",
      {order_id});
  if (!open) return open.error();
  if ((*open)->int64(0).value_or(0) == 0 && order->status == "received") {
    if (Status status = set_order_fields(c, orders, actor, order_id, {{"status", "invoiced"}}, "invoice"); !status) {
      return status.error();
    }
  }
  if (Status audited = finance::audit_ledger(c, actor, "purchase_order.invoice", "purchase_order", order_id,
                                             {{"order", order->code}, {"invoice_id", *created}, {"number", input.number}});
      !audited) {
    return audited.error();
  }
  return *created;
}

Result<finance::VoucherRef> pay_supplier(Connection& c, const Actor& actor, const PaymentInput& input) {
  auto supplier = c.query_row("SELECT name FROM suppliers WHERE id = $1 AND company_id = $2",
                              {input.supplier_id, actor.principal.company_id});
  if (!supplier) return supplier.error();
  std::vector<FieldError> problems;
  if (!*supplier) problems.push_back({"supplier_id", "unknown", "finance.dimension_unknown", {}});
  auto amount = finance::parse_amount(input.amount);
  if (!amount || *amount <= 0) problems.push_back({"amount", "invalid", "purchasing.payment_amount_invalid", {}});
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  finance::BusinessEvent event{.type = "supplier_payment", .source_id = input.supplier_id, .date = input.date,
                               .summary = "付款 " + (*supplier)->text(0).value_or("") +
                                          (input.note.empty() ? "" : " " + input.note)};
  event.lines.push_back({.role = "payable", .amount = *amount, .supplier_id = input.supplier_id});
  event.lines.push_back({.role = "cash", .amount = *amount, .cash_flow_item = "CFO-4"});
  return finance::post_business_event(c, actor, event);
}

Result<Tolerances> tolerances_of(Connection& c, std::int64_t company) {
  auto row = c.query_row(
      "SELECT over_receipt, invoice_quantity, invoice_price FROM purchasing_settings WHERE company_id = $1", {company});
  if (!row) return row.error();
  if (!*row) return Tolerances{};
  return Tolerances{(*row)->decimal(0).value_or(Decimal()), (*row)->decimal(1).value_or(Decimal()),
                    (*row)->decimal(2).value_or(Decimal())};
}

Status save_tolerances(Connection& c, const Actor& actor, const Tolerances& tolerances) {
  std::vector<FieldError> problems;
  const Decimal most = Decimal::from_units(5, 1);
  for (const auto& [name, value] : {std::pair{"over_receipt", &tolerances.over_receipt},
                                    std::pair{"invoice_quantity", &tolerances.invoice_quantity},
                                    std::pair{"invoice_price", &tolerances.invoice_price}}) {
    if (value->is_negative() || *value > most || value->scale() > 4) {
      problems.push_back({name, "invalid", "purchasing.tolerance_invalid", {}});
    }
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused;
  auto saved = c.execute(
      "INSERT INTO purchasing_settings (company_id, over_receipt, invoice_quantity, invoice_price) VALUES ($1, $2, $3, "
      "$4) ON CONFLICT (company_id) DO UPDATE SET over_receipt = excluded.over_receipt, invoice_quantity = "
      "excluded.invoice_quantity, invoice_price = excluded.invoice_price",
      {actor.principal.company_id, tolerances.over_receipt, tolerances.invoice_quantity, tolerances.invoice_price});
  if (!saved) return saved.error();
  return finance::audit_ledger(c, actor, "purchasing_settings.update", "purchasing_settings", actor.principal.company_id,
                               {{"over_receipt", tolerances.over_receipt.to_string()},
                                {"invoice_quantity", tolerances.invoice_quantity.to_string()},
                                {"invoice_price", tolerances.invoice_price.to_string()}});
}

}  // namespace verp::purchasing
