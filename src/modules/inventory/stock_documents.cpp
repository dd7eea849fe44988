#include "modules/inventory/stock_documents.hpp"

#include <boost/json.hpp>
#include <map>

#include "modules/finance/ledger_internal.hpp"
#include "modules/finance/posting.hpp"
#include "modules/inventory/json_input.hpp"
#include "platform/events/bridge.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Date;
using storage::Timestamp;
using storage::Value;

const std::vector<std::string_view>& stock_reasons() {
  static const std::vector<std::string_view> reasons = {"count_gain", "count_loss", "damaged", "expired",   "found",
                                                        "lost",       "correction", "sample",  "stocktake", "other"};
  return reasons;
}

namespace {

struct Kind {
  std::string_view name;
  std::string_view prefix;
  std::string_view event;  // the ledger's event type; empty: no voucher (a transfer keeps value)
  std::string_view zh;
};

const Kind* find_kind(std::string_view name) {
  static const Kind kinds[] = {{"receipt", "QR", "stock_receipt", "其他入库"},
                               {"issue", "QI", "stock_issue", "其他出库"},
                               {"adjustment", "ADJ", "stock_adjustment", "库存调整"},
                               {"transfer", "TR", "", "调拨"},
                               {"scrap", "SCR", "stock_scrap", "报废"}};
  for (const Kind& kind : kinds) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

std::string line_at(std::size_t index, std::string_view field) {
  return "lines[" + std::to_string(index) + "]." + std::string(field);
}

// One line made ready to move: its item, its quantity in stock units (signed as it moves from
// the document's warehouse), its lot and cost.
struct ReadyLine {
  std::int64_t item_id = 0;
  Qty quantity = 0;
  std::optional<std::int64_t> lot_id;
  std::optional<Cents> value;
  std::optional<std::int64_t> uom_id;
};

Result<std::optional<ReadyLine>> ready_line(Connection& c, const Actor& actor, const Kind& kind,
                                            const StockLineInput& line, std::size_t index,
                                            std::vector<FieldError>& problems) {
  const std::int64_t company = actor.principal.company_id;
  ReadyLine ready;
  Decimal factor = Decimal::from_int(1);
  if (line.item_id) {
    ready.item_id = *line.item_id;
  } else {
    auto scanned = resolve_scan(c, company, line.item);
    if (!scanned) return scanned.error();
    if (!*scanned) {
      problems.push_back({line_at(index, "item"), "unknown", "inventory.code_unknown", {{"code", line.item}}});
      return std::optional<ReadyLine>();
    }
    ready.item_id = (*scanned)->item_id;
    ready.uom_id = (*scanned)->uom_id;
    factor = (*scanned)->factor;
    ready.lot_id = (*scanned)->lot_id;
  }
  auto item = c.query_row("SELECT uom_id FROM items WHERE id = $1 AND company_id = $2", {ready.item_id, company});
  if (!item) return item.error();
  if (!*item) {
    problems.push_back({line_at(index, "item_id"), "unknown", "inventory.item_unknown", {}});
    return std::optional<ReadyLine>();
  }
  const std::int64_t stock_unit = (*item)->int64(0).value_or(0);
  if (line.uom_id && *line.uom_id != stock_unit) {
    auto conversion = c.query_row(
        "SELECT factor FROM item_unit_conversions WHERE item_id = $1 AND uom_id = $2 AND archived_at IS NULL",
        {ready.item_id, *line.uom_id});
    if (!conversion) return conversion.error();
    if (!*conversion) {
      problems.push_back({line_at(index, "uom_id"), "no_conversion", "inventory.unit_not_convertible", {}});
      return std::optional<ReadyLine>();
    }
    factor = (*conversion)->decimal(0).value_or(Decimal::from_int(1));
    ready.uom_id = line.uom_id;
  }
  auto entered = Decimal::parse(line.quantity);
  if (!entered) {
    problems.push_back({line_at(index, "quantity"), line.quantity.empty() ? "required" : "invalid",
                        line.quantity.empty() ? "field.required" : entered.error().message_id, {}});
    return std::optional<ReadyLine>();
  }
  if (entered->scale() > kQuantityScale) {
    problems.push_back({line_at(index, "quantity"), "too_precise", "inventory.quantity_too_precise", {}});
    return std::optional<ReadyLine>();
  }
  auto quantity = in_stock_units(*entered, factor);
  if (!quantity) {
    problems.push_back({line_at(index, "quantity"), "invalid", quantity.error().message_id, {}});
    return std::optional<ReadyLine>();
  }
  ready.quantity = *quantity;
  if (ready.quantity == 0 || (kind.name != "adjustment" && ready.quantity < 0)) {
    problems.push_back({line_at(index, "quantity"), "not_positive",
                        kind.name == "adjustment" ? "inventory.quantity_zero" : "inventory.quantity_not_positive", {}});
  }
  if (kind.name == "issue" || kind.name == "scrap" || kind.name == "transfer") ready.quantity = -ready.quantity;
  if (line.lot_id) ready.lot_id = line.lot_id;
  if (!line.lot_number.empty()) {
    if (ready.quantity > 0) {
      auto lot = lot_for(c, actor, LotInput{.item_id = ready.item_id, .number = line.lot_number,
                                            .produced_on = line.produced_on, .expires_on = line.expires_on});
      if (!lot) {
        if (lot.error().kind != ErrorKind::validation) return lot.error();
        problems.push_back({line_at(index, "lot_number"), "invalid", lot.error().fields.empty()
                                                                         ? lot.error().message_id
                                                                         : lot.error().fields.front().message_id, {}});
      } else {
        ready.lot_id = *lot;
      }
    } else {
      auto lot = c.query_row("SELECT id FROM lots WHERE company_id = $1 AND item_id = $2 AND lot_number = $3",
                             {company, ready.item_id, line.lot_number});
      if (!lot) return lot.error();
      if (*lot) ready.lot_id = (*lot)->int64(0).value_or(0);
      else problems.push_back({line_at(index, "lot_number"), "unknown", "inventory.lot_unknown", {}});
    }
  }
  if (!line.unit_cost.empty()) {
    auto cost = Decimal::parse(line.unit_cost);
    if (!cost || cost->is_negative() || cost->scale() > 6 || ready.quantity < 0) {
      problems.push_back({line_at(index, "unit_cost"), "invalid", "inventory.unit_cost_invalid", {}});
    } else {
      auto value = extend(ready.quantity, *cost);
      if (!value) return value.error();
      ready.value = *value;
    }
  }
  return std::optional<ReadyLine>(ready);
}

Status check_header(Connection& c, std::int64_t company, const StockDocumentInput& input, const Kind* kind,
                    std::vector<FieldError>& problems) {
  if (kind == nullptr) {
    problems.push_back({"kind", input.kind.empty() ? "required" : "invalid", "inventory.kind_invalid", {}});
  }
  const bool needs_reason = kind != nullptr && (kind->name == "adjustment" || kind->name == "scrap");
  if (needs_reason && input.reason.empty()) problems.push_back({"reason", "required", "inventory.reason_required", {}});
  if (!input.reason.empty() &&
      std::find(stock_reasons().begin(), stock_reasons().end(), input.reason) == stock_reasons().end()) {
    problems.push_back({"reason", "invalid", "inventory.reason_invalid", {}});
  }
  if (input.in_transit && (kind == nullptr || kind->name != "transfer")) {
    problems.push_back({"in_transit", "not_a_transfer", "inventory.in_transit_not_transfer", {}});
  }
  if (kind != nullptr && kind->name == "transfer") {
    if (!input.to_warehouse_id) {
      problems.push_back({"to_warehouse_id", "required", "field.required", {}});
    } else {
      auto to = c.query_row("SELECT 1 FROM warehouses WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
                            {*input.to_warehouse_id, company});
      if (!to) return to.error();
      if (!*to) problems.push_back({"to_warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
    }
  }
  return {};
}

Result<std::optional<finance::VoucherRef>> post_value(Connection& c, const Actor& actor, const Kind& kind,
                                                      std::int64_t document, const std::string& number, Date date,
                                                      const std::vector<AppliedMove>& moves) {
  auto mode = valuation_posting_of(c, actor.principal.company_id);
  if (!mode) return mode.error();
  if (kind.event.empty() || *mode != "perpetual") return std::optional<finance::VoucherRef>();
  std::map<std::int64_t, Cents> per_item;
  for (const AppliedMove& move : moves) per_item[move.item_id] += move.value;
  finance::BusinessEvent event{.type = std::string(kind.event), .source_id = document, .date = date,
                               .summary = std::string(kind.zh) + " " + number};
  // The inventory role carries the value as it changed stock; the roles on the other side of an
  // issue or scrap carry what left.
  const bool outgoing = kind.name == "issue" || kind.name == "scrap";
  const std::string other = kind.name == "receipt" ? "counterpart" : kind.name == "issue" ? "expense"
                            : kind.name == "scrap"  ? "loss"
                                                    : "gain_loss";
  for (const auto& [item, value] : per_item) {
    if (value == 0) continue;
    const Cents amount = outgoing ? -value : value;
    event.lines.push_back({.role = "inventory", .amount = amount, .item_id = item});
    event.lines.push_back({.role = other, .amount = amount, .item_id = item});
  }
  if (event.lines.empty()) return std::optional<finance::VoucherRef>();
  auto voucher = finance::post_business_event(c, actor, event);
  if (!voucher) return voucher.error();
  return std::optional<finance::VoucherRef>(*voucher);
}

}  // namespace

Result<std::int64_t> post_stock_document(Connection& c, const Actor& actor, const StockDocumentInput& input) {
  const std::int64_t company = actor.principal.company_id;
  const Kind* kind = find_kind(input.kind);
  std::vector<FieldError> problems = input.unreadable;
  if (Status checked = check_header(c, company, input, kind, problems); !checked) return checked.error();
  std::vector<ReadyLine> lines;
  if (kind != nullptr) {
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
      auto ready = ready_line(c, actor, *kind, input.lines[i], i, problems);
      if (!ready) return ready.error();
      if (*ready) lines.push_back(**ready);
    }
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  std::optional<std::int64_t> transit;
  if (input.in_transit) {
    auto found = c.query_row(
        "SELECT id FROM warehouses WHERE company_id = $1 AND kind = 'transit' AND active AND archived_at IS NULL "
        "ORDER BY id LIMIT 1",
        {company});
    if (!found) return found.error();
    if (!*found) return finance::field_error("in_transit", "no_transit_warehouse", "inventory.no_transit_warehouse");
    transit = (*found)->int64(0).value_or(0);
  }
  auto number = next_document_number(c, company, kind->prefix, input.date);
  if (!number) return number.error();
  const auto now = Timestamp::from_system(actor.clock.now());
  auto id = c.query_row(
      "INSERT INTO stock_documents (company_id, kind, number, document_date, warehouse_id, to_warehouse_id, reason, "
      "note, value, created_by, created_at, state, transit_warehouse_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, "
      "$9, $10, $11, $12) RETURNING id",
      {company, input.kind, *number, input.date, input.warehouse_id, Value(input.to_warehouse_id),
       input.reason.empty() ? Value() : Value(input.reason), input.note.empty() ? Value() : Value(input.note),
       actor.principal.user_id, now, transit ? "in_transit" : "posted", Value(transit)});
  if (!id) return id.error();
  const std::int64_t document = (*id)->int64(0).value_or(0);

  StockPosting posting{.document_type = "stock_document", .document_id = document, .document_number = *number,
                       .date = input.date, .move_type = std::string(kind->name)};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const StockLineInput& line = input.lines[i];
    posting.moves.push_back(MoveInput{.item_id = lines[i].item_id, .warehouse_id = input.warehouse_id,
                                      .location_id = line.location_id, .lot_id = lines[i].lot_id,
                                      .quantity = lines[i].quantity, .value = lines[i].value,
                                      .entered_quantity = line.quantity, .entered_uom_id = lines[i].uom_id,
                                      .reason = line.reason.empty() ? input.reason : line.reason,
                                      .line_no = static_cast<int>(i + 1), .exact_place = line.exact_place});
  }
  auto applied = apply_moves(c, actor, posting);
  if (!applied) return applied.error();
  if (kind->name == "transfer") {
    // What left the first place arrives at the second, lot by lot and at the value it left with.
    StockPosting arrival = posting;
    arrival.moves.clear();
    for (const AppliedMove& out : *applied) {
      const StockLineInput& line = input.lines[static_cast<std::size_t>(out.line_no - 1)];
      arrival.moves.push_back(MoveInput{.item_id = out.item_id, .warehouse_id = transit.value_or(*input.to_warehouse_id),
                                        .location_id = transit ? std::nullopt : line.to_location_id, .lot_id = out.lot_id,
                                        .quantity = -out.quantity, .value = -out.value, .line_no = out.line_no});
    }
    auto arrived = apply_moves(c, actor, arrival);
    if (!arrived) return arrived.error();
  }
  Cents value = 0;
  for (const AppliedMove& move : *applied) value += move.value;
  if (kind->name == "transfer") value = 0;
  auto voucher = post_value(c, actor, *kind, document, *number, input.date, *applied);
  if (!voucher) return voucher.error();
  auto updated = c.execute("UPDATE stock_documents SET value = $2, voucher_id = $3 WHERE id = $1",
                           {document, value, *voucher ? Value((*voucher)->id) : Value()});
  if (!updated) return updated.error();
  if (Status audited = finance::audit_ledger(c, actor, "stock_document.post", "stock_document", document,
                                             {{"kind", input.kind}, {"number", *number},
                                              {"lines", static_cast<std::int64_t>(lines.size())},
                                              {"value", finance::format_amount(value)}, {"reason", input.reason}});
      !audited) {
    return audited.error();
  }
  if (Status published = events::publish(c, {.kind = events::Kind::record, .company_id = company,
                                             .entity = "stock_document", .record_id = document, .action = "created",
                                             .owner_id = actor.principal.user_id});
      !published) {
    return published.error();
  }
  return document;
}

Status arrive_transfer(Connection& c, const Actor& actor, std::int64_t document, Date date) {
  const std::int64_t company = actor.principal.company_id;
  // The state changes first and conditionally: two arrivals of one transfer cannot both move it.
  auto claimed = c.execute(
      "UPDATE stock_documents SET state = 'arrived', arrived_on = $3 WHERE id = $1 AND company_id = $2 "
      "AND state = 'in_transit'",
      {document, company, date});
  if (!claimed) return claimed.error();
  auto row = c.query_row(
      "SELECT number, to_warehouse_id, transit_warehouse_id, state FROM stock_documents WHERE id = $1 "
      "AND company_id = $2",
      {document, company});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  if (*claimed == 0) return make_error(ErrorKind::invalid_transition, "inventory.transfer_not_in_transit");
  const std::string number = (*row)->text(0).value_or("");
  const std::int64_t destination = (*row)->int64(1).value_or(0);
  const std::int64_t transit = (*row)->int64(2).value_or(0);
  auto waiting = c.query(
      "SELECT item_id, lot_id, quantity, line_no FROM stock_moves WHERE company_id = $1 AND document_type = "
      "'stock_document' AND document_id = $2 AND warehouse_id = $3 AND quantity > 0 ORDER BY id",
      {company, document, transit});
  if (!waiting) return waiting.error();
  StockPosting leave{.document_type = "stock_document", .document_id = document, .document_number = number,
                     .date = date, .move_type = "transfer"};
  for (const auto& move : *waiting) {
    leave.moves.push_back(MoveInput{.item_id = move.int64(0).value_or(0), .warehouse_id = transit,
                                    .lot_id = finance::optional_id(move, 1), .quantity = -move.int64(2).value_or(0),
                                    .line_no = static_cast<int>(move.int64(3).value_or(0)), .exact_place = true});
  }
  auto left = apply_moves(c, actor, leave);
  if (!left) return left.error();
  StockPosting arrive = leave;
  arrive.moves.clear();
  for (const AppliedMove& out : *left) {
    arrive.moves.push_back(MoveInput{.item_id = out.item_id, .warehouse_id = destination, .lot_id = out.lot_id,
                                     .quantity = -out.quantity, .value = -out.value, .line_no = out.line_no});
  }
  auto arrived = apply_moves(c, actor, arrive);
  if (!arrived) return arrived.error();
  if (Status audited = finance::audit_ledger(c, actor, "stock_document.arrive", "stock_document", document,
                                             {{"number", number}, {"date", date.to_string()}});
      !audited) {
    return audited;
  }
  return events::publish(c, {.kind = events::Kind::record, .company_id = company, .entity = "stock_document",
                             .record_id = document, .action = "updated", .owner_id = actor.principal.user_id});
}

Result<std::optional<Scanned>> resolve_scan(Connection& c, std::int64_t company, std::string_view code) {
  if (code.empty()) return std::optional<Scanned>();
  const std::string text(code);
  auto packing = c.query_row(
      "SELECT v.item_id, v.uom_id, v.factor FROM item_unit_conversions v JOIN items i ON i.id = v.item_id "
      "WHERE v.barcode = $1 AND i.company_id = $2 AND v.archived_at IS NULL AND i.archived_at IS NULL",
      {text, company});
  if (!packing) return packing.error();
  if (*packing) {
    return std::optional<Scanned>(Scanned{.item_id = (*packing)->int64(0).value_or(0),
                                          .uom_id = (*packing)->int64(1).value_or(0),
                                          .factor = (*packing)->decimal(2).value_or(Decimal::from_int(1))});
  }
  auto item = c.query_row(
      "SELECT id FROM items WHERE company_id = $1 AND archived_at IS NULL AND (barcode = $2 OR code = $2) "
      "ORDER BY CASE WHEN barcode = $2 THEN 0 ELSE 1 END LIMIT 1",
      {company, text});
  if (!item) return item.error();
  if (*item) return std::optional<Scanned>(Scanned{.item_id = (*item)->int64(0).value_or(0)});
  const auto slash = code.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == code.size()) return std::optional<Scanned>();
  auto lot = c.query_row(
      "SELECT t.item_id, t.id FROM lots t JOIN items i ON i.id = t.item_id WHERE t.company_id = $1 AND i.code = $2 "
      "AND t.lot_number = $3",
      {company, std::string(code.substr(0, slash)), std::string(code.substr(slash + 1))});
  if (!lot) return lot.error();
  if (!*lot) return std::optional<Scanned>();
  return std::optional<Scanned>(Scanned{.item_id = (*lot)->int64(0).value_or(0), .lot_id = (*lot)->int64(1).value_or(0)});
}

Result<std::string> valuation_posting_of(Connection& c, std::int64_t company) {
  auto row = c.query_row("SELECT valuation_posting FROM inventory_settings WHERE company_id = $1", {company});
  if (!row) return row.error();
  return *row ? (*row)->text(0).value_or("perpetual") : std::string("perpetual");
}

Status save_valuation_posting(Connection& c, const Actor& actor, std::string_view mode) {
  if (mode != "perpetual" && mode != "periodic") {
    return finance::field_error("valuation_posting", "invalid", "inventory.valuation_posting_invalid");
  }
  auto saved = c.execute(
      "INSERT INTO inventory_settings (company_id, valuation_posting) VALUES ($1, $2) ON CONFLICT (company_id) "
      "DO UPDATE SET valuation_posting = excluded.valuation_posting",
      {actor.principal.company_id, std::string(mode)});
  if (!saved) return saved.error();
  return finance::audit_ledger(c, actor, "inventory_settings.update", "inventory_settings", actor.principal.company_id,
                               {{"valuation_posting", std::string(mode)}});
}

}  // namespace verp::inventory
