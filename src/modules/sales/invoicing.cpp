// Sales invoices (销售发票) from what was shipped (or ordered), through finance's receivable
// invoices: Dr 1122 the customer, Cr 6001 revenue, Cr 22210102 output VAT. And collections (收款):
// the receipt's voucher, allocated to invoices once posted.
#include <boost/json.hpp>
#include <set>

#include "modules/finance/invoices.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/sales/order_lines.hpp"
#include "platform/events/bridge.hpp"

namespace verp::sales {

namespace json = boost::json;
using inventory::JsonReader;
using storage::Connection;
using storage::Date;
using storage::Value;

Result<SalesInvoiceInput> sales_invoice_from_json(const json::value& body) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  SalesInvoiceInput input;
  JsonReader read(input.unreadable);
  read.only(*object, {"customer_id", "number", "date", "due_date", "delivery_ids", "lines"}, "");
  input.customer_id = read.id(*object, "customer_id", "customer_id", true).value_or(0);
  input.number = read.text(*object, "number", "number", false, 40);
  input.date = read.date(*object, "date", "date", true).value_or(Date{});
  input.due_date = read.date(*object, "due_date", "due_date");
  const json::value* deliveries = object->if_contains("delivery_ids");
  if (deliveries != nullptr && !deliveries->is_null()) {
    if (!deliveries->is_array() || deliveries->as_array().empty()) {
      read.fail("delivery_ids", "invalid", "sales.delivery_ids_invalid");
    } else {
      for (std::size_t i = 0; i < deliveries->as_array().size(); ++i) {
        const json::value& id = deliveries->as_array()[i];
        if (!id.is_int64() || id.as_int64() <= 0) read.fail("delivery_ids[" + std::to_string(i) + "]", "invalid", "field.not_integer");
        else input.delivery_ids.push_back(id.as_int64());
      }
    }
  }
  if (input.delivery_ids.empty() || object->contains("lines")) {
    if (const json::array* lines = read.lines(*object, "lines")) {
      for (std::size_t i = 0; i < lines->size(); ++i) {
        const json::object* line = (*lines)[i].if_object();
        auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
        InvoiceLineInput parsed;
        if (line == nullptr) {
          read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
          continue;
        }
        read.only(*line, {"order_id", "line_no", "quantity"}, "lines[" + std::to_string(i) + "].");
        parsed.order_id = read.id(*line, "order_id", at("order_id"), true).value_or(0);
        parsed.line_no = static_cast<int>(read.id(*line, "line_no", at("line_no"), true).value_or(0));
        parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
        input.lines.push_back(std::move(parsed));
      }
    }
  }
  return input;
}

namespace {

struct Billable {
  std::int64_t order_id = 0;
  std::string order_code;
  std::int64_t item_id = 0;
  std::string item_name;
  Decimal factor, price, discount, tax_rate;
  Qty quantity = 0, open = 0, invoiced = 0;
  Cents amount = 0, invoiced_amount = 0;
  std::optional<std::int64_t> payment_term_id, salesperson_id, department_id;
};

// The line's part of the order amount for `quantity` stock units; the invoice that completes the
// line takes what is left, so a line's invoices add up to its amount to the cent.
Result<Cents> amount_for(const Billable& line, Qty quantity) {
  if (line.invoiced + quantity == line.quantity) return line.amount - line.invoiced_amount;
  return inventory::share_of(line.amount, quantity, line.quantity);
}

Date due_on(Connection& c, std::optional<std::int64_t> term, Date invoiced_on) {
  if (!term) return invoiced_on;
  auto row = c.query_row("SELECT basis, days FROM payment_terms WHERE id = $1", {*term});
  if (!row || !*row) return invoiced_on;
  Date from = invoiced_on;
  if ((*row)->text(0).value_or("") == "month_end") {
    Date next{invoiced_on.year + (invoiced_on.month == 12 ? 1 : 0), invoiced_on.month == 12 ? 1 : invoiced_on.month + 1, 1};
    from = Date::from_days(next.to_days() - 1);
  }
  return Date::from_days(from.to_days() + (*row)->int64(1).value_or(0));
}

}  // namespace

Result<std::int64_t> invoice_sales(Connection& c, const Orders& orders, const Actor& actor,
                                   const SalesInvoiceInput& input) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems = input.unreadable;
  auto customer = c.query_row("SELECT name FROM customers WHERE id = $1 AND company_id = $2", {input.customer_id, company});
  if (!customer) return customer.error();
  if (input.customer_id != 0 && !*customer) problems.push_back({"customer_id", "unknown", "sales.customer_unknown", {}});
  auto settings = settings_of(c, company);
  if (!settings) return settings.error();
  const bool by_order = settings->invoice_basis == "order";
  // The lines asked for: given, or every shipped line of the deliveries named.
  std::vector<InvoiceLineInput> wanted = input.lines;
  std::vector<std::optional<std::int64_t>> from_delivery(wanted.size());
  for (std::size_t d = 0; d < input.delivery_ids.size(); ++d) {
    auto rows = c.query(
        "SELECT dl.order_id, dl.line_no, dl.quantity, l.factor FROM sales_delivery_lines dl JOIN sales_deliveries d "
        "ON d.id = dl.delivery_id JOIN sales_order_lines l ON l.order_id = dl.order_id AND l.line_no = dl.line_no "
        "WHERE d.id = $1 AND d.company_id = $2 AND d.kind = 'delivery' AND d.state = 'shipped' AND d.customer_id = $3 "
        "ORDER BY dl.seq",
        {input.delivery_ids[d], company, input.customer_id});
    if (!rows) return rows.error();
    if (rows->empty()) {
      problems.push_back({"delivery_ids[" + std::to_string(d) + "]", "unknown", "sales.delivery_not_invoiceable", {}});
      continue;
    }
    auto already = c.query_row("SELECT 1 FROM sales_invoice_lines s JOIN finance_invoices f ON f.id = s.invoice_id "
                               "WHERE s.delivery_id = $1 AND f.state <> 'cancelled'",
                               {input.delivery_ids[d]});
    if (!already) return already.error();
    if (*already) {
      problems.push_back({"delivery_ids[" + std::to_string(d) + "]", "invoiced", "sales.delivery_already_invoiced", {}});
      continue;
    }
    for (const auto& row : *rows) {
      wanted.push_back({row.int64(0).value_or(0), static_cast<int>(row.int64(1).value_or(0)),
                        in_line_unit(row.int64(2).value_or(0), row.decimal(3).value_or(Decimal::from_int(1)))});
      from_delivery.push_back(input.delivery_ids[d]);
    }
  }
  std::map<std::pair<std::int64_t, int>, Billable> lines;
  finance::InvoiceInput invoice{.kind = "receivable", .partner_id = input.customer_id, .number = input.number,
                                .date = input.date, .due_date = input.due_date};
  struct Matched {
    std::pair<std::int64_t, int> key;
    Qty quantity;
    Cents amount;
    Cents tax;
    std::optional<std::int64_t> delivery;
  };
  std::vector<Matched> matched;
  std::optional<std::int64_t> term;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const InvoiceLineInput& in = wanted[i];
    const bool named = i < input.lines.size();
    auto at = [&](std::string_view field) {
      return named ? JsonReader::path("lines", i, field) : std::string("delivery_ids");
    };
    const auto key = std::pair{in.order_id, in.line_no};
    auto found = lines.find(key);
    if (found == lines.end()) {
      auto row = c.query_row(
          "SELECT o.id, o.code, o.customer_id, o.status, l.item_id, i.name, l.factor, l.price, l.discount, l.tax_rate, "
          "l.quantity, l.cancelled, l.shipped, l.returned, l.invoiced, l.amount, l.invoiced_amount, o.payment_term_id, "
          "o.salesperson_id, o.department_id FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id "
          "JOIN items i ON i.id = l.item_id WHERE l.order_id = $1 AND l.line_no = $2 AND o.company_id = $3",
          {in.order_id, std::int64_t{in.line_no}, company});
      if (!row) return row.error();
      if (!*row) {
        if (in.order_id != 0) problems.push_back({at("line_no"), "unknown", "sales.order_line_unknown", {}});
        continue;
      }
      const storage::Row& r = **row;
      if (r.int64(2).value_or(0) != input.customer_id) {
        problems.push_back({at("order_id"), "other_customer", "sales.invoice_one_customer", {}});
        continue;
      }
      const std::string status = r.text(3).value_or("");
      if (status == "draft" || status == "pending" || status == "rejected") {
        problems.push_back({at("order_id"), "not_confirmed", "sales.order_not_confirmed", {}});
        continue;
      }
      Billable line{.order_id = r.int64(0).value_or(0), .order_code = r.text(1).value_or(""),
                    .item_id = r.int64(4).value_or(0), .item_name = r.text(5).value_or(""),
                    .factor = r.decimal(6).value_or(Decimal::from_int(1)), .price = r.decimal(7).value_or(Decimal()),
                    .discount = r.decimal(8).value_or(Decimal()), .tax_rate = r.decimal(9).value_or(Decimal()),
                    .quantity = r.int64(10).value_or(0), .invoiced = r.int64(14).value_or(0),
                    .amount = r.int64(15).value_or(0), .invoiced_amount = r.int64(16).value_or(0),
                    .payment_term_id = finance::optional_id(r, 17), .salesperson_id = finance::optional_id(r, 18),
                    .department_id = finance::optional_id(r, 19)};
      const Qty cancelled = r.int64(11).value_or(0), shipped = r.int64(12).value_or(0), returned = r.int64(13).value_or(0);
      line.open = (by_order ? line.quantity - cancelled - returned : shipped - returned) - line.invoiced;
      found = lines.emplace(key, line).first;
    }
    Billable& line = found->second;
    if (!term) term = line.payment_term_id;
    auto entered = Decimal::parse(in.quantity);
    if (!entered || !entered->signum() || entered->is_negative() || entered->scale() > inventory::kQuantityScale) {
      problems.push_back({at("quantity"), "invalid", "inventory.quantity_not_positive", {}});
      continue;
    }
    auto stock = inventory::in_stock_units(*entered, line.factor);
    if (!stock) return stock.error();
    if (*stock > line.open) {
      problems.push_back({at("quantity"), "exceeds_invoiceable", "sales.invoice_exceeds_invoiceable",
                          {{"invoiceable", in_line_unit(std::max<Qty>(line.open, 0), line.factor)}}});
      continue;
    }
    auto amount = amount_for(line, *stock);
    if (!amount) return amount.error();
    line.open -= *stock;
    line.invoiced += *stock;
    line.invoiced_amount += *amount;
    matched.push_back({key, *stock, *amount, 0, from_delivery[i]});
    invoice.lines.push_back({.description = line.item_name + " " + line.order_code, .account_code = "6001",
                             .amount = *amount, .tax_rate = line.tax_rate, .item_id = line.item_id,
                             .department_id = line.department_id});
  }
  if (matched.empty() && problems.empty()) problems.push_back({"lines", "required", "inventory.lines_required", {}});
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  if (!invoice.due_date) invoice.due_date = due_on(c, term, input.date);
  if (invoice.number.empty()) {
    auto number = inventory::next_document_number(c, company, "SI", input.date);
    if (!number) return number.error();
    invoice.number = *number;
  }
  auto created = finance::create_invoice(c, actor, invoice);
  if (!created) return created.error();
  auto posted = finance::post_invoice(c, actor, *created);
  if (!posted) return posted.error();
  std::set<std::int64_t> touched;
  for (std::size_t i = 0; i < matched.size(); ++i) {
    const Matched& m = matched[i];
    const Billable& line = lines.at(m.key);
    auto tax = Decimal::from_units(m.amount, 2).mul(line.tax_rate, 2);
    if (!tax) return tax.error();
    auto linked = c.execute(
        "INSERT INTO sales_invoice_lines (invoice_id, seq, order_id, line_no, delivery_id, quantity, price, amount, tax) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {*created, static_cast<std::int64_t>(i + 1), m.key.first, std::int64_t{m.key.second}, Value(m.delivery),
         m.quantity, line.price, m.amount, static_cast<Cents>(tax->units())});
    if (!linked) return linked.error();
    auto updated = c.execute(
        "UPDATE sales_order_lines SET invoiced = invoiced + $3, invoiced_amount = invoiced_amount + $4 "
        "WHERE order_id = $1 AND line_no = $2",
        {m.key.first, std::int64_t{m.key.second}, m.quantity, m.amount});
    if (!updated) return updated.error();
    touched.insert(m.key.first);
  }
  for (std::int64_t order : touched) {
    if (Status settled = settle_status(c, orders, actor, order); !settled) return settled.error();
    if (Status announced = events::publish(c, {.kind = events::Kind::record, .company_id = company,
                                               .entity = "sales_order", .record_id = order, .action = "invoiced",
                                               .owner_id = actor.principal.user_id});
        !announced) {
      return announced.error();
    }
  }
  auto total = c.query_row("SELECT total FROM finance_invoices WHERE id = $1", {*created});
  if (!total) return total.error();
  if (Status audited = finance::audit_ledger(
          c, actor, "sales_invoice.create", "customer_invoice", *created,
          {{"number", invoice.number},
           {"amount", finance::format_amount(*total ? (*total)->int64(0).value_or(0) : 0)},
           {"voucher_id", posted->id}});
      !audited) {
    return audited.error();
  }
  return *created;
}

Result<finance::VoucherRef> receive_payment(Connection& c, const Actor& actor, const ReceiptInput& input) {
  auto customer = c.query_row("SELECT name FROM customers WHERE id = $1 AND company_id = $2",
                              {input.customer_id, actor.principal.company_id});
  if (!customer) return customer.error();
  std::vector<FieldError> problems;
  if (!*customer) problems.push_back({"customer_id", "unknown", "sales.customer_unknown", {}});
  auto amount = finance::parse_amount(input.amount);
  if (!amount || *amount <= 0) problems.push_back({"amount", "invalid", "sales.receipt_amount_invalid", {}});
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  finance::BusinessEvent event{.type = "customer_receipt", .source_id = input.customer_id, .date = input.date,
                               .summary = "收款 " + (*customer)->text(0).value_or("") +
                                          (input.note.empty() ? "" : " " + input.note)};
  event.lines.push_back({.role = "cash", .amount = *amount, .cash_flow_item = "CFO-1"});
  event.lines.push_back({.role = "receivable", .amount = *amount, .customer_id = input.customer_id});
  return finance::post_business_event(c, actor, event);
}

}  // namespace verp::sales
