// Sales orders: entering one with its lines, changing the lines of a draft, the approval's
// outcome (reservation), holding, cancelling and amending, and the order as the steps show it.
#include <boost/json.hpp>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/json_input.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/sales/order_lines.hpp"

namespace verp::sales {

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
      read.only(*line, {"item_id", "item", "quantity", "uom_id", "price", "discount", "tax_rate", "delivery_date"},
                "lines[" + std::to_string(i) + "].");
      parsed.item_id = read.id(*line, "item_id", at("item_id"));
      parsed.item = read.text(*line, "item", at("item"), !parsed.item_id, 100);
      parsed.quantity = read.text(*line, "quantity", at("quantity"), true, 40);
      parsed.uom_id = read.id(*line, "uom_id", at("uom_id"));
      parsed.price = read.text(*line, "price", at("price"), false, 40);
      parsed.discount = read.text(*line, "discount", at("discount"), false, 10);
      parsed.tax_rate = read.text(*line, "tax_rate", at("tax_rate"), false, 10);
      parsed.delivery_date = read.date(*line, "delivery_date", at("delivery_date"));
      input.lines.push_back(std::move(parsed));
    }
  }
  return input;
}

namespace {

Error combined(const Error& header, std::vector<FieldError> lines) {
  Error error = header;
  for (auto& problem : lines) error.fields.push_back(std::move(problem));
  return error;
}

std::optional<std::int64_t> id_in(const json::object& header, std::string_view key) {
  const json::value* value = header.if_contains(key);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->as_int64();
}

storage::Date date_in(const json::object& header, std::string_view key) {
  const json::value* value = header.if_contains(key);
  if (value != nullptr && value->is_string()) {
    if (auto parsed = storage::Date::parse(value->as_string()); parsed) return *parsed;
  }
  return storage::Date{};
}

Status write_totals(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                    std::pair<Cents, Cents> totals, std::map<std::string, Value, std::less<>> more) {
  more["amount"] = money(totals.first);
  more["tax"] = money(totals.second);
  more["total"] = money(totals.first + totals.second);
  return set_order_fields(c, orders, actor, order, more, "price_lines");
}

}  // namespace

Result<std::int64_t> create_priced(Connection& c, const PricedDocument& document, const Actor& actor,
                                   const OrderInput& input) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems = input.unreadable;
  auto lines = ready_lines(c, company, id_in(input.header, "customer_id"), date_in(input.header, document.date_field),
                           input.lines, problems);
  if (!lines) return lines.error();
  const Orders& entity = document.entity;
  auto created = entity.store.create_in(c, entity.spec, actor.principal, input.header, true, actor.caller);
  if (!created) {
    if (created.error().kind == ErrorKind::validation) return combined(created.error(), std::move(problems));
    return created.error();
  }
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused.error();
  const entity::Record& record = *created->record;
  const auto* date = record.get(document.date_field).get_if<storage::Date>();
  auto number = inventory::next_document_number(c, company, document.prefix, date != nullptr ? *date : storage::Date{});
  if (!number) return number.error();
  auto totals = document.store_lines(c, record.id, *lines);
  if (!totals) return totals.error();
  if (Status priced = write_totals(c, entity, actor, record.id, *totals, {{"code", *number}}); !priced) {
    return priced.error();
  }
  return record.id;
}

Status reprice_lines(Connection& c, const PricedDocument& document, const Actor& actor, std::int64_t id,
                     std::int64_t customer, storage::Date date, const OrderInput& input) {
  std::vector<FieldError> problems = input.unreadable;
  auto lines = ready_lines(c, actor.principal.company_id, customer, date, input.lines, problems);
  if (!lines) return lines.error();
  if (Status refused = inventory::problems_as_error(std::move(problems)); !refused) return refused;
  auto totals = document.store_lines(c, id, *lines);
  if (!totals) return totals.error();
  return write_totals(c, document.entity, actor, id, *totals, {});
}

namespace {

PricedDocument order_document(const Orders& orders) {
  return {.entity = orders, .date_field = "order_date", .prefix = "SO", .store_lines = store_order_lines};
}

}  // namespace

Result<std::int64_t> create_order(Connection& c, const Orders& orders, const Actor& actor, const OrderInput& input) {
  return create_priced(c, order_document(orders), actor, input);
}

Status replace_lines(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order,
                     const OrderInput& input) {
  auto state = order_state(c, actor.principal.company_id, order);
  if (!state) return state.error();
  if (state->status != "draft" && state->status != "rejected") {
    return make_error(ErrorKind::invalid_transition, "sales.order_not_editable");
  }
  if (input.version && *input.version != state->version) return make_error(ErrorKind::conflict, "entity.stale_version");
  return reprice_lines(c, order_document(orders), actor, order, state->customer_id, state->order_date, input);
}

Result<Qty> reserve_order(Connection& c, const Actor& actor, std::int64_t order) {
  const std::int64_t company = actor.principal.company_id;
  auto state = order_state(c, company, order);
  if (!state) return state.error();
  auto lines = c.query(
      "SELECT l.line_no, l.item_id, l.quantity - l.cancelled - l.shipped - COALESCE((SELECT SUM(r.open_quantity) "
      "FROM stock_reservations r WHERE r.company_id = $2 AND r.source_type = 'sales_order' AND r.source_id = l.order_id "
      "AND r.source_line = l.line_no AND r.state = 'open'), 0) FROM sales_order_lines l WHERE l.order_id = $1 "
      "ORDER BY l.line_no",
      {order, company});
  if (!lines) return lines.error();
  Qty shortfall = 0;
  for (const auto& line : *lines) {
    const Qty wanted = line.int64(2).value_or(0);
    if (wanted <= 0) continue;
    const std::int64_t item = line.int64(1).value_or(0);
    Qty got = 0;
    // As much as is available; another order may take units between reading and reserving, in
    // which case the reservation is refused whole and tried again with what is left.
    for (int attempt = 0; attempt < 3 && got == 0; ++attempt) {
      auto available = c.query_row(
          "SELECT on_hand - reserved FROM stock_positions WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3",
          {company, item, state->warehouse_id});
      if (!available) return available.error();
      const Qty free = *available ? (*available)->int64(0).value_or(0) : 0;
      const Qty take = std::min(wanted, free);
      if (take <= 0) break;
      auto reserved = inventory::reserve(c, actor,
                                         {.source_type = "sales_order", .source_id = order,
                                          .source_line = static_cast<int>(line.int64(0).value_or(0)),
                                          .item_id = item, .warehouse_id = state->warehouse_id, .quantity = take});
      if (reserved) got = take;
      else if (reserved.error().kind != ErrorKind::conflict) return reserved.error();
    }
    shortfall += wanted - got;
  }
  return shortfall;
}

Status order_decided(Connection& c, const entity::Record& order, std::string_view outcome, const Clock& clock) {
  if (outcome != "approved") return {};
  // A credit-blocked order reaches here either approved by a person or because no rule routed
  // it; the second must not slip through.
  auto flow = c.query_row(
      "SELECT f.facts, (SELECT COUNT(*) FROM approval_actions a WHERE a.flow_id = f.id AND a.action = 'approve') "
      "FROM approval_flows f WHERE f.document_type = 'sales_order' AND f.document_id = $1 ORDER BY f.id DESC LIMIT 1",
      {order.id});
  if (!flow) return flow.error();
  if (*flow && (*flow)->int64(1).value_or(0) == 0) {
    std::error_code ignored;
    auto facts = json::parse((*flow)->text(0).value_or("{}"), ignored);
    const json::object* object = facts.if_object();
    const json::value* blocked = object != nullptr ? object->if_contains("credit_blocked") : nullptr;
    if (blocked != nullptr && blocked->is_bool() && blocked->as_bool()) {
      Error error = make_error(ErrorKind::conflict, "sales.credit_approval_required");
      error.fields.push_back({"customer_id", "credit_blocked", "sales.credit_approval_required", {}});
      return error;
    }
  }
  security::Principal system{.user_id = order.updated_by.value_or(order.created_by.value_or(0)),
                             .company_id = order.company_id.value_or(0)};
  const Actor actor{.principal = system, .caller = {}, .clock = clock};
  auto shortfall = reserve_order(c, actor, order.id);
  if (!shortfall) return shortfall.error();
  return {};
}

Status act_on_order(Connection& c, const Orders& orders, const Actor& actor, std::int64_t order, OrderAction action,
                    std::string_view reason) {
  auto state = order_state(c, actor.principal.company_id, order);
  if (!state) return state.error();
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return finance::field_error("reason", "required", "sales.reason_required");
  }
  auto shipped = c.query_row("SELECT COALESCE(SUM(shipped), 0) FROM sales_order_lines WHERE order_id = $1", {order});
  if (!shipped) return shipped.error();
  const bool nothing_shipped = (*shipped)->int64(0).value_or(0) == 0;
  auto picking = c.query_row(
      "SELECT d.number FROM sales_delivery_lines l JOIN sales_deliveries d ON d.id = l.delivery_id "
      "WHERE l.order_id = $1 AND d.state = 'picking'",
      {order});
  if (!picking) return picking.error();
  const std::string& status = state->status;
  const bool open = status == "ordered" || status == "preparing" || status == "partly_shipped";
  std::map<std::string, Value, std::less<>> changes;
  std::string verb;
  bool release = false;
  switch (action) {
    case OrderAction::hold:
      if (!open) return make_error(ErrorKind::invalid_transition, "sales.order_not_holdable");
      changes = {{"status", "on_hold"}, {"held_from", status}};
      verb = "hold";
      break;
    case OrderAction::release:
      if (status != "on_hold") return make_error(ErrorKind::invalid_transition, "sales.order_not_held");
      changes = {{"status", state->held_from.empty() ? std::string("ordered") : state->held_from}, {"held_from", Value()}};
      verb = "release";
      break;
    case OrderAction::cancel:
      if (!(open || status == "on_hold" || status == "draft" || status == "rejected")) {
        return make_error(ErrorKind::invalid_transition, "sales.order_not_cancellable");
      }
      if (*picking) {
        return finance::field_error("status", "picking", "sales.delivery_in_progress",
                                    {{"delivery", (*picking)->text(0).value_or("")}});
      }
      changes = {{"status", nothing_shipped ? "cancelled" : "shipped"}, {"held_from", Value()}};
      verb = "cancel";
      release = true;
      break;
    case OrderAction::amend: {
      if (!(status == "ordered" || status == "on_hold") || !nothing_shipped) {
        return make_error(ErrorKind::invalid_transition, "sales.order_not_amendable");
      }
      if (*picking) {
        return finance::field_error("status", "picking", "sales.delivery_in_progress",
                                    {{"delivery", (*picking)->text(0).value_or("")}});
      }
      auto revision = c.query_row("SELECT revision FROM sales_orders WHERE id = $1", {order});
      if (!revision) return revision.error();
      changes = {{"status", "draft"}, {"revision", (*revision)->int64(0).value_or(0) + 1}, {"held_from", Value()}};
      verb = "amend";
      release = true;
      break;
    }
  }
  Qty released = 0;
  if (release) {
    auto given_back = inventory::release_reservations(c, actor, "sales_order", order);
    if (!given_back) return given_back.error();
    released = *given_back;
    if (action == OrderAction::cancel) {
      // What was not shipped will not be.
      auto cut = c.execute("UPDATE sales_order_lines SET cancelled = quantity - shipped WHERE order_id = $1", {order});
      if (!cut) return cut.error();
    }
  }
  if (Status changed = set_order_fields(c, orders, actor, order, changes, verb); !changed) return changed;
  if (action == OrderAction::cancel && !nothing_shipped) {
    if (Status settled = settle_status(c, orders, actor, order); !settled) return settled;
  }
  return finance::audit_ledger(c, actor, "sales_order." + verb, "sales_order", order,
                               {{"code", state->code},
                                {"reason", std::string(reason)},
                                {"released", inventory::format_quantity(released)}});
}

Result<std::vector<std::int64_t>> requisitions_for_shortfall(Connection& c, const Actor& actor,
                                                              const entity::EntitySpec& requisition_spec,
                                                              const entity::EntityStore& store, std::int64_t order) {
  const std::int64_t company = actor.principal.company_id;
  auto state = order_state(c, company, order);
  if (!state) return state.error();
  if (state->status != "ordered" && state->status != "preparing" && state->status != "partly_shipped" &&
      state->status != "on_hold") {
    return make_error(ErrorKind::invalid_transition, "sales.order_not_open");
  }
  auto lines = c.query(
      "SELECT l.line_no, l.item_id, l.quantity - l.cancelled - l.shipped - COALESCE((SELECT SUM(r.open_quantity) "
      "FROM stock_reservations r WHERE r.company_id = $2 AND r.source_type = 'sales_order' AND r.source_id = l.order_id "
      "AND r.source_line = l.line_no AND r.state = 'open'), 0), i.lead_time_days FROM sales_order_lines l "
      "JOIN items i ON i.id = l.item_id WHERE l.order_id = $1 ORDER BY l.line_no",
      {order, company});
  if (!lines) return lines.error();
  std::vector<std::int64_t> made;
  for (const auto& line : *lines) {
    const Qty short_by = line.int64(2).value_or(0);
    if (short_by <= 0) continue;
    const std::string note = state->code + " #" + std::to_string(line.int64(0).value_or(0));
    auto open = c.query_row(
        "SELECT 1 FROM purchase_requisitions WHERE company_id = $1 AND source = 'sales' AND status = 'open' "
        "AND notes = $2 AND archived_at IS NULL",
        {company, note});
    if (!open) return open.error();
    if (*open) continue;
    const storage::Date needed = state->delivery_date.value_or(state->order_date);
    json::object body{{"item_id", line.int64(1).value_or(0)},
                      {"quantity", inventory::format_quantity(short_by)},
                      {"needed_by", needed.to_string()},
                      {"warehouse_id", state->warehouse_id},
                      {"source", "sales"},
                      {"notes", note}};
    auto created = store.create_in(c, requisition_spec, actor.principal, body, true, actor.caller);
    if (!created) return created.error();
    made.push_back(created->record->id);
  }
  return made;
}

}  // namespace verp::sales
