#include "modules/sales/order_lines.hpp"

#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_documents.hpp"

namespace verp::sales {

using storage::Connection;
using storage::Value;

namespace {

std::string at(std::size_t index, std::string_view field) { return inventory::JsonReader::path("lines", index, field); }

Result<Cents> cents_of(const Decimal& value) {
  auto rounded = value.rescale(2);
  if (!rounded || rounded->units() >= finance::kMaxAmount || rounded->units() <= -finance::kMaxAmount) {
    return make_error(ErrorKind::validation, "finance.amount_too_large");
  }
  return static_cast<Cents>(rounded->units());
}

// A fraction given as text: 0 ≤ value ≤ most, at most four decimals.
std::optional<Decimal> fraction(std::string_view text, const Decimal& most) {
  auto value = Decimal::parse(text);
  if (!value || value->is_negative() || *value > most || value->scale() > 4) return std::nullopt;
  return *value;
}

}  // namespace

Value money(Cents cents) { return Value(Decimal::from_units(cents, 2)); }

std::string in_line_unit(Qty quantity, const Decimal& factor) {
  auto value = inventory::to_decimal(quantity).div(factor, 4);
  if (!value) return "0";
  return inventory::format_quantity(static_cast<Qty>(value->units()));
}

Result<std::vector<ReadyLine>> ready_lines(Connection& c, std::int64_t company, std::optional<std::int64_t> customer,
                                           storage::Date date, const std::vector<OrderLineInput>& lines,
                                           std::vector<FieldError>& problems) {
  std::vector<ReadyLine> ready;
  auto fail = [&](std::size_t i, std::string_view field, std::string code, std::string message) {
    problems.push_back({at(i, field), std::move(code), std::move(message), {}});
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const OrderLineInput& line = lines[i];
    ReadyLine out{.entered_quantity = line.quantity, .delivery_date = line.delivery_date};
    std::optional<std::int64_t> scanned_unit;
    if (line.item_id) {
      out.item_id = *line.item_id;
    } else {
      auto scanned = inventory::resolve_scan(c, company, line.item);
      if (!scanned) return scanned.error();
      if (!*scanned) {
        fail(i, "item", "unknown", "inventory.code_unknown");
        continue;
      }
      out.item_id = (*scanned)->item_id;
      scanned_unit = (*scanned)->uom_id;
    }
    auto item = c.query_row(
        "SELECT i.uom_id, i.item_type, i.active, r.rate FROM items i LEFT JOIN tax_rates r ON r.id = i.tax_rate_id "
        "WHERE i.id = $1 AND i.company_id = $2 AND i.archived_at IS NULL",
        {out.item_id, company});
    if (!item) return item.error();
    if (!*item || !(*item)->boolean(2).value_or(true)) {
      fail(i, line.item_id ? "item_id" : "item", "unknown", "inventory.item_unknown");
      continue;
    }
    if ((*item)->text(1).value_or("") == "service") {
      fail(i, "item_id", "not_stocked", "sales.service_item");
      continue;
    }
    out.uom_id = line.uom_id.value_or(scanned_unit.value_or((*item)->int64(0).value_or(0)));
    if (out.uom_id != (*item)->int64(0).value_or(0)) {
      auto conversion = c.query_row(
          "SELECT factor FROM item_unit_conversions WHERE item_id = $1 AND uom_id = $2 AND archived_at IS NULL",
          {out.item_id, out.uom_id});
      if (!conversion) return conversion.error();
      if (!*conversion) {
        fail(i, "uom_id", "no_conversion", "inventory.unit_not_convertible");
        continue;
      }
      out.factor = (*conversion)->decimal(0).value_or(Decimal::from_int(1));
    }
    bool ok = true;
    auto entered = Decimal::parse(line.quantity);
    if (!entered || !entered->signum() || entered->is_negative() || entered->scale() > inventory::kQuantityScale) {
      fail(i, "quantity", "invalid",
           !entered ? entered.error().message_id
                    : entered->scale() > inventory::kQuantityScale ? "inventory.quantity_too_precise"
                                                                   : "inventory.quantity_not_positive");
      ok = false;
    } else if (auto stock = inventory::in_stock_units(*entered, out.factor); !stock) {
      fail(i, "quantity", "invalid", stock.error().message_id);
      ok = false;
    } else {
      out.quantity = *stock;
    }
    // The price list's price and discount, unless the line says otherwise.
    std::optional<Price> listed;
    if (customer && ok) {
      auto priced = price_for(c, company,
                              PriceQuery{.customer_id = *customer, .item_id = out.item_id, .uom_id = out.uom_id,
                                         .quantity = *entered, .date = date});
      if (priced) listed = *priced;
      else if (priced.error().kind != ErrorKind::not_found) return priced.error();
    }
    if (!line.price.empty()) {
      auto price = Decimal::parse(line.price);
      if (!price || price->is_negative() || price->scale() > 6) {
        fail(i, "price", "invalid", "sales.price_invalid");
        ok = false;
      } else {
        out.price = *price;
      }
    } else if (listed) {
      out.price = listed->price;
      out.discount = listed->discount;
    } else {
      fail(i, "price", "required", "field.required");
      ok = false;
    }
    if (listed) out.list_price = listed->list_price;
    if (!line.discount.empty()) {
      if (auto discount = fraction(line.discount, Decimal::from_int(1))) out.discount = *discount;
      else {
        fail(i, "discount", "invalid", "sales.discount_invalid");
        ok = false;
      }
    }
    if (!line.tax_rate.empty()) {
      if (auto rate = fraction(line.tax_rate, Decimal::from_units(17, 2))) out.tax_rate = *rate;
      else {
        fail(i, "tax_rate", "invalid", "finance.tax_rate_invalid");
        ok = false;
      }
    } else if (!(*item)->is_null(3)) {
      out.tax_rate = (*item)->decimal(3).value_or(Decimal());
    } else {
      fail(i, "tax_rate", "required", "sales.tax_rate_required");
      ok = false;
    }
    if (!ok) continue;
    auto net = Decimal::from_int(1).sub(out.discount);
    auto gross = entered->mul(out.price);
    if (!net || !gross) return make_error(ErrorKind::validation, "finance.amount_too_large");
    auto amount = gross->mul(*net, 2);
    if (!amount) return amount.error();
    auto amount_cents = cents_of(*amount);
    if (!amount_cents) {
      fail(i, "price", "too_large", amount_cents.error().message_id);
      continue;
    }
    out.amount = *amount_cents;
    auto tax = amount->mul(out.tax_rate, 2);
    if (!tax) return tax.error();
    out.tax = static_cast<Cents>(tax->units());
    ready.push_back(std::move(out));
  }
  return ready;
}

Result<std::pair<Cents, Cents>> store_order_lines(Connection& c, std::int64_t order, const std::vector<ReadyLine>& lines) {
  auto cleared = c.execute("DELETE FROM sales_order_lines WHERE order_id = $1", {order});
  if (!cleared) return cleared.error();
  return insert_lines(c, "sales_order_lines", {{"order_id", order}}, lines);
}

Result<std::pair<Cents, Cents>> insert_lines(Connection& c, std::string_view table,
                                             const std::vector<std::pair<std::string, Value>>& keys,
                                             const std::vector<ReadyLine>& lines) {
  std::string columns, placeholders;
  int parameter = 0;
  auto add = [&](std::string_view column) {
    const bool first = parameter++ == 0;
    columns += (first ? "" : ", ") + std::string(column);
    placeholders += (first ? "$" : ", $") + std::to_string(parameter);
  };
  for (const auto& key : keys) add(key.first);
  for (std::string_view column : {"line_no", "item_id", "uom_id", "factor", "quantity", "entered_quantity", "list_price",
                                  "price", "discount", "tax_rate", "amount", "tax", "delivery_date"}) {
    add(column);
  }
  Cents amount = 0, tax = 0;
  std::vector<std::vector<Value>> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ReadyLine& line = lines[i];
    std::vector<Value> row;
    for (const auto& key : keys) row.push_back(key.second);
    for (Value value : {Value(static_cast<std::int64_t>(i + 1)), Value(line.item_id), Value(line.uom_id),
                        Value(line.factor), Value(line.quantity), Value(line.entered_quantity), Value(line.list_price),
                        Value(line.price), Value(line.discount), Value(line.tax_rate), Value(line.amount),
                        Value(line.tax), Value(line.delivery_date)}) {
      row.push_back(std::move(value));
    }
    rows.push_back(std::move(row));
    amount += line.amount;
    tax += line.tax;
  }
  auto written = c.execute_batch("INSERT INTO " + std::string(table) + " (" + columns + ") VALUES (" + placeholders + ")",
                                 rows);
  if (!written) return written.error();
  return std::pair{amount, tax};
}

boost::json::object priced_line_json(const storage::Row& line) {
  namespace json = boost::json;
  auto decimal = [&](std::size_t i) { return line.decimal(i).value_or(Decimal()).to_string(); };
  return json::object{
      {"line_no", line.int64(0).value_or(0)},
      {"item_id", line.int64(1).value_or(0)},
      {"item_code", line.text(2).value_or("")},
      {"item_name", line.text(3).value_or("")},
      {"specification", line.is_null(4) ? json::value() : json::value(line.text(4).value_or(""))},
      {"uom_id", line.int64(5).value_or(0)},
      {"unit", line.text(6).value_or("")},
      {"factor", line.decimal(7).value_or(Decimal::from_int(1)).to_string()},
      {"quantity", line.text(9).value_or("")},
      {"stock_quantity", inventory::format_quantity(line.int64(8).value_or(0))},
      {"list_price", decimal(10)},
      {"price", decimal(11)},
      {"discount", decimal(12)},
      {"tax_rate", decimal(13)},
      {"amount", finance::format_amount(line.int64(14).value_or(0))},
      {"tax", finance::format_amount(line.int64(15).value_or(0))},
      {"delivery_date",
       line.is_null(16) ? json::value() : json::value(line.date(16).value_or(storage::Date{}).to_string())}};
}

Result<OrderState> order_state(Connection& c, std::int64_t company, std::int64_t order) {
  auto row = c.query_row(
      "SELECT id, code, status, held_from, version, customer_id, warehouse_id, salesperson_id, payment_term_id, "
      "department_id, order_date, delivery_date FROM sales_orders WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {order, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& r = **row;
  return OrderState{.id = r.int64(0).value_or(0),
                    .code = r.is_null(1) ? "" : r.text(1).value_or(""),
                    .status = r.text(2).value_or(""),
                    .held_from = r.is_null(3) ? "" : r.text(3).value_or(""),
                    .version = r.int64(4).value_or(0),
                    .customer_id = r.int64(5).value_or(0),
                    .warehouse_id = r.int64(6).value_or(0),
                    .salesperson_id = finance::optional_id(r, 7),
                    .payment_term_id = finance::optional_id(r, 8),
                    .department_id = finance::optional_id(r, 9),
                    .order_date = r.date(10).value_or(storage::Date{}),
                    .delivery_date = r.is_null(11) ? std::nullopt : std::optional(r.date(11).value_or(storage::Date{}))};
}

Status set_order_fields(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                        const std::map<std::string, Value, std::less<>>& changes, std::string_view action) {
  auto changed = orders.store.transition_in(c, orders.spec, actor.principal, order, changes, action, actor.caller);
  if (!changed) return changed.error();
  return {};
}

Status settle_status(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order) {
  auto state = order_state(c, actor.principal.company_id, order);
  if (!state) return state.error();
  const std::string& status = state->status;
  if (status != "ordered" && status != "preparing" && status != "partly_shipped" && status != "shipped" &&
      status != "completed") {
    return {};
  }
  auto totals = c.query_row(
      "SELECT COALESCE(SUM(shipped), 0), "
      "COALESCE(SUM(CASE WHEN shipped < quantity - cancelled THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN invoiced < shipped - returned THEN 1 ELSE 0 END), 0) "
      "FROM sales_order_lines WHERE order_id = $1",
      {order});
  if (!totals) return totals.error();
  const bool anything_shipped = (*totals)->int64(0).value_or(0) > 0;
  const bool all_shipped = (*totals)->int64(1).value_or(0) == 0;
  const bool all_invoiced = (*totals)->int64(2).value_or(0) == 0;
  std::string next;
  if (all_shipped && anything_shipped) next = all_invoiced ? "completed" : "shipped";
  else if (anything_shipped) next = "partly_shipped";
  else {
    auto picking = c.query_row(
        "SELECT 1 FROM sales_delivery_lines l JOIN sales_deliveries d ON d.id = l.delivery_id "
        "WHERE l.order_id = $1 AND d.state = 'picking'",
        {order});
    if (!picking) return picking.error();
    next = *picking ? "preparing" : "ordered";
  }
  if (next == status) return {};
  return set_order_fields(c, orders, actor, order, {{"status", next}}, next);
}

}  // namespace verp::sales
