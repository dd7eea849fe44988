// Purchase orders: entering one with its lines, changing the lines of a draft, cancelling,
// closing and amending, and what approval rules may test.
#include <boost/json.hpp>

#include "modules/finance/budgets.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/purchasing/order_lines.hpp"

namespace verp::purchasing {

namespace json = boost::json;
using inventory::JsonReader;
using storage::Connection;
using storage::Value;

Result<OrderInput> order_from_json(const json::value& body, bool lines_only) {
  const json::object* object = body.if_object();
  if (object == nullptr) return make_error(ErrorKind::validation, "http.body_not_json_object");
  OrderInput input;
  JsonReader read(input.unreadable);
  for (const auto& member : *object) {
    if (member.key() == "lines" || member.key() == "version") continue;
    if (lines_only) read.fail(std::string(member.key()), "unknown", "inventory.field_unknown");
    else input.header[member.key()] = member.value();
  }
  if (lines_only) input.version = read.id(*object, "version", "version", true);
  if (const json::array* lines = read.lines(*object, "lines")) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const json::object* line = (*lines)[i].if_object();
      auto at = [&](std::string_view field) { return JsonReader::path("lines", i, field); };
      OrderLineInput parsed;
      if (line == nullptr) {
        read.fail("lines[" + std::to_string(i) + "]", "not_object", "http.body_not_json_object");
        input.lines.push_back(parsed);
        continue;
      }
      read.only(*line, {"item_id", "item", "quantity", "uom_id", "price", "tax_rate", "expected_date"},
                "lines[" + std::to_string(i) + "].");
      parsed.item_id = read.id(*line, "item_id", at("item_id"));
      parsed.item = read.text(*line, "item", at("item"), !parsed.item_id, 100);
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.uom_id = read.id(*line, "uom_id", at("uom_id"));
      parsed.price = read.text(*line, "price", at("price"), true, 40);
      parsed.tax_rate = read.text(*line, "tax_rate", at("tax_rate"), false, 10);
      parsed.expected_date = read.date(*line, "expected_date", at("expected_date"));
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

// Merges the header's validation problems (from the entity store) with the lines' into one answer.
Error combined(const Error& header, std::vector<FieldError> lines) {
  Error error = header;
  for (auto& problem : lines) error.fields.push_back(std::move(problem));
  return error;
}

}  // namespace

Result<std::int64_t> create_order(Connection& c, const Orders& orders, const Actor& actor, const OrderInput& input) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems = input.unreadable;
  auto lines = ready_order_lines(c, company, input.lines, problems);
  if (!lines) return lines.error();
  auto created = orders.store.create_in(c, orders.spec, actor.principal, input.header, true, actor.caller);
  if (!created) {
    if (created.error().kind == ErrorKind::validation) return combined(created.error(), std::move(problems));
    return created.error();
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  const entity::Record& order = *created->record;
  const auto* date = order.get("order_date").get_if<storage::Date>();
  auto number = inventory::next_document_number(c, company, "PO", date != nullptr ? *date : storage::Date{});
  if (!number) return number.error();
  auto totals = store_order_lines(c, order.id, *lines);
  if (!totals) return totals.error();
  if (Status priced = set_order_fields(c, orders, actor, order.id,
                                       {{"code", *number}, {"amount", money(totals->first)}, {"tax", money(totals->second)},
                                        {"total", money(totals->first + totals->second)}},
                                       "price_lines");
      !priced) {
    return priced.error();
  }
  return order.id;
}

Status replace_lines(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                     const OrderInput& input) {
  auto state = order_state(c, actor.principal.company_id, order);
  if (!state) return state.error();
  if (state->status != "draft" && state->status != "rejected") {
    return make_error(ErrorKind::invalid_transition, "purchasing.order_not_editable");
  }
  if (input.version && *input.version != state->version) return make_error(ErrorKind::conflict, "entity.stale_version");
  std::vector<FieldError> problems = input.unreadable;
  auto lines = ready_order_lines(c, actor.principal.company_id, input.lines, problems);
  if (!lines) return lines.error();
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused;
  auto totals = store_order_lines(c, order, *lines);
  if (!totals) return totals.error();
  return set_order_fields(c, orders, actor, order,
                          {{"amount", money(totals->first)}, {"tax", money(totals->second)},
                           {"total", money(totals->first + totals->second)}},
                          "price_lines");
}

Status act_on_order(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order, OrderAction action,
                    std::string_view reason) {
  auto state = order_state(c, actor.principal.company_id, order);
  if (!state) return state.error();
  if (reason.empty()) return finance::field_error("reason", "required", "purchasing.reason_required");
  auto received = c.query_row("SELECT COALESCE(SUM(received), 0) FROM purchase_order_lines WHERE order_id = $1", {order});
  if (!received) return received.error();
  const bool nothing_received = (*received)->int64(0).value_or(0) == 0;
  const std::string& status = state->status;
  std::map<std::string, Value, std::less<>> changes;
  std::string verb;
  switch (action) {
    case OrderAction::cancel:
      if (!nothing_received || status == "cancelled" || status == "closed" || status == "pending") {
        return make_error(ErrorKind::invalid_transition, "purchasing.order_not_cancellable");
      }
      changes = {{"status", "cancelled"}};
      verb = "cancel";
      break;
    case OrderAction::close:
      if (status != "approved" && status != "partly_received" && status != "received") {
        return make_error(ErrorKind::invalid_transition, "purchasing.order_not_closable");
      }
      changes = {{"status", "closed"}};
      verb = "close";
      break;
    case OrderAction::amend: {
      if (status != "approved" || !nothing_received) {
        return make_error(ErrorKind::invalid_transition, "purchasing.order_not_amendable");
      }
      auto revision = c.query_row("SELECT revision FROM purchase_orders WHERE id = $1", {order});
      if (!revision) return revision.error();
      changes = {{"status", "draft"}, {"revision", (*revision)->int64(0).value_or(0) + 1}};
      verb = "amend";
      break;
    }
  }
  if (Status changed = set_order_fields(c, orders, actor, order, changes, verb); !changed) return changed;
  return finance::audit_ledger(c, actor, "purchase_order." + verb, "purchase_order", order,
                               {{"code", state->code}, {"reason", std::string(reason)}});
}

Result<json::array> order_lines_json(Connection& c, std::int64_t company, std::int64_t order) {
  auto rows = c.query(
      "SELECT l.line_no, l.item_id, i.code, i.name, i.specification, l.uom_id, u.name, l.factor, l.quantity, "
      "l.entered_quantity, l.price, l.tax_rate, l.amount, l.tax, l.expected_date, l.received, l.rejected, l.returned, "
      "l.invoiced, l.invoiced_amount, l.rejected_returned FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id "
      "JOIN items i ON i.id = l.item_id LEFT JOIN units_of_measure u ON u.id = l.uom_id "
      "WHERE l.order_id = $1 AND o.company_id = $2 ORDER BY l.line_no",
      {order, company});
  if (!rows) return rows.error();
  json::array lines;
  using inventory::format_quantity;
  for (const auto& row : *rows) {
    const Decimal factor = row.decimal(7).value_or(Decimal::from_int(1));
    // Quantities are kept in stock units; the order speaks the unit it was entered in.
    auto in_unit = [&](std::size_t index) {
      auto value = inventory::to_decimal(row.int64(index).value_or(0)).div(factor, 4);
      if (!value) return std::string("0");
      return format_quantity(static_cast<Qty>(value->units()));
    };
    json::object line{{"line_no", row.int64(0).value_or(0)},
                      {"item_id", row.int64(1).value_or(0)},
                      {"item_code", row.text(2).value_or("")},
                      {"item_name", row.text(3).value_or("")},
                      {"specification", row.is_null(4) ? "" : row.text(4).value_or("")},
                      {"uom_id", row.int64(5).value_or(0)},
                      {"unit", row.text(6).value_or("")},
                      {"factor", factor.to_string()},
                      {"quantity", row.text(9).value_or("")},
                      {"stock_quantity", format_quantity(row.int64(8).value_or(0))},
                      {"price", row.decimal(10).value_or(Decimal()).to_string()},
                      {"tax_rate", row.decimal(11).value_or(Decimal()).to_string()},
                      {"amount", finance::format_amount(row.int64(12).value_or(0))},
                      {"tax", finance::format_amount(row.int64(13).value_or(0))},
                      {"received", in_unit(15)},
                      {"rejected", in_unit(16)},
                      {"returned", in_unit(17)},
                      {"rejected_returned", in_unit(20)},
                      {"invoiced", in_unit(18)},
                      {"invoiced_amount", finance::format_amount(row.int64(19).value_or(0))}};
    line["expected_date"] = row.date(14) ? json::value(row.date(14)->to_string()) : json::value();
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<json::object> order_facts(Connection& c, const entity::Record& order) {
  const std::int64_t company = order.company_id.value_or(0);
  const auto* date = order.get("order_date").get_if<storage::Date>();
  auto lines = c.query("SELECT item_id, amount FROM purchase_order_lines WHERE order_id = $1 ORDER BY line_no",
                       {order.id});
  if (!lines) return lines.error();
  if (lines->empty()) return finance::field_error("lines", "required", "inventory.lines_required");
  // The goods land on the inventory accounts the company's posting rules choose for a receipt.
  finance::BusinessEvent event{.type = "goods_receipt", .date = date != nullptr ? *date : storage::Date{}};
  for (const auto& line : *lines) {
    event.lines.push_back({.role = "inventory", .amount = line.int64(1).value_or(0), .item_id = line.int64(0).value_or(0)});
  }
  auto voucher = finance::voucher_for_event(c, company, event);
  if (!voucher) return voucher.error();
  std::vector<finance::BudgetedAmount> amounts;
  for (const finance::LineInput& line : voucher->lines) {
    amounts.push_back({.account_id = line.account_id, .department_id = order.department_id, .debit = line.debit,
                       .credit = line.credit});
  }
  auto overruns = finance::budget_overruns(c, company, event.date, amounts);
  if (!overruns) return overruns.error();
  bool over = false;
  for (const finance::BudgetOverrun& overrun : *overruns) {
    if (overrun.control == "block") {
      return finance::field_error("total", "over_budget", "purchasing.budget_blocked",
                                  {{"account", overrun.account},
                                   {"budget", finance::format_amount(overrun.budget)},
                                   {"used", finance::format_amount(overrun.used)}});
    }
    over = true;
  }
  return json::object{{"over_budget", over}};
}

}  // namespace verp::purchasing
