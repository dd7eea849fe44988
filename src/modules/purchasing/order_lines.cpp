#include "modules/purchasing/order_lines.hpp"

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_documents.hpp"

namespace verp::purchasing {

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

}  // namespace

Value money(Cents cents) { return Value(Decimal::from_units(cents, 2)); }

Result<std::vector<ReadyOrderLine>> ready_order_lines(Connection& c, std::int64_t company,
                                                      const std::vector<OrderLineInput>& lines,
                                                      std::vector<FieldError>& problems) {
  std::vector<ReadyOrderLine> ready;
  auto fail = [&](std::size_t i, std::string_view field, std::string code, std::string message) {
    problems.push_back({at(i, field), std::move(code), std::move(message), {}});
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const OrderLineInput& line = lines[i];
    ReadyOrderLine out{.entered_quantity = line.quantity, .expected_date = line.expected_date};
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
      fail(i, "item_id", "not_stocked", "purchasing.service_item");
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
    auto price = Decimal::parse(line.price);
    if (!price || price->is_negative() || price->scale() > 6) {
      fail(i, "price", line.price.empty() ? "required" : "invalid",
           line.price.empty() ? "field.required" : "purchasing.price_invalid");
      ok = false;
    } else {
      out.price = *price;
    }
    if (!line.tax_rate.empty()) {
      auto rate = Decimal::parse(line.tax_rate);
      if (!rate || rate->is_negative() || *rate > Decimal::from_units(17, 2) || rate->scale() > 4) {
        fail(i, "tax_rate", "invalid", "finance.tax_rate_invalid");
        ok = false;
      } else {
        out.tax_rate = *rate;
      }
    } else if (!(*item)->is_null(3)) {
      out.tax_rate = (*item)->decimal(3).value_or(Decimal());
    } else {
      fail(i, "tax_rate", "required", "purchasing.tax_rate_required");
      ok = false;
    }
    if (!ok) continue;
    auto amount = entered->mul(out.price, 2);
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

Result<std::pair<Cents, Cents>> store_order_lines(Connection& c, std::int64_t order,
                                                  const std::vector<ReadyOrderLine>& lines) {
  auto cleared = c.execute("DELETE FROM purchase_order_lines WHERE order_id = $1", {order});
  if (!cleared) return cleared.error();
  Cents amount = 0, tax = 0;
  std::vector<std::vector<Value>> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ReadyOrderLine& line = lines[i];
    rows.push_back({order, static_cast<std::int64_t>(i + 1), line.item_id, line.uom_id, line.factor, line.quantity,
                    line.entered_quantity, line.price, line.tax_rate, line.amount, line.tax, Value(line.expected_date)});
    amount += line.amount;
    tax += line.tax;
  }
  auto written = c.execute_batch(
      "INSERT INTO purchase_order_lines (order_id, line_no, item_id, uom_id, factor, quantity, entered_quantity, price, "
      "tax_rate, amount, tax, expected_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      rows);
  if (!written) return written.error();
  return std::pair{amount, tax};
}

Result<OrderState> order_state(Connection& c, std::int64_t company, std::int64_t order) {
  auto row = c.query_row(
      "SELECT id, code, status, version, supplier_id, warehouse_id, department_id FROM purchase_orders "
      "WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
      {order, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const storage::Row& r = **row;
  return OrderState{.id = r.int64(0).value_or(0),
                    .code = r.is_null(1) ? "" : r.text(1).value_or(""),
                    .status = r.text(2).value_or(""),
                    .version = r.int64(3).value_or(0),
                    .supplier_id = r.int64(4).value_or(0),
                    .warehouse_id = r.int64(5).value_or(0),
                    .department_id = finance::optional_id(r, 6)};
}

Status set_order_fields(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                        const std::map<std::string, Value, std::less<>>& changes, std::string_view action) {
  auto changed = orders.store.transition_in(c, orders.spec, actor.principal, order, changes, action, actor.caller);
  if (!changed) return changed.error();
  return {};
}

}  // namespace verp::purchasing
