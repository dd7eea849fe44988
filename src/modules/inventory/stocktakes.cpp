// Creating a stocktake with its snapshot (STK-001), and the transitions that decide its fate
// without booking anything: close, reopen, cancel.
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stocktake_internal.hpp"
#include "platform/events/bridge.hpp"

namespace verp::inventory {

namespace json = boost::json;
using storage::Connection;
using storage::Timestamp;
using storage::Value;

std::vector<std::int64_t> location_list(std::string_view text) {
  std::vector<std::int64_t> ids;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    std::int64_t id = 0;
    std::from_chars(text.data() + at, text.data() + comma, id);
    ids.push_back(id);
    at = comma + 1;
  }
  return ids;
}

Result<std::optional<StocktakeHeader>> load_stocktake(Connection& c, std::int64_t company, std::int64_t id) {
  auto row = c.query_row(
      "SELECT id, number, warehouse_id, blind, state, count_date, location_ids FROM stocktakes WHERE id = $1 "
      "AND company_id = $2",
      {id, company});
  if (!row) return row.error();
  if (!*row) return std::optional<StocktakeHeader>();
  const storage::Row& r = **row;
  StocktakeHeader header{.id = r.int64(0).value_or(0),
                         .number = r.text(1).value_or(""),
                         .warehouse_id = r.int64(2).value_or(0),
                         .blind = r.boolean(3).value_or(false),
                         .state = r.text(4).value_or(""),
                         .date = r.date(5).value_or(storage::Date{})};
  header.location_ids = location_list(r.text(6).value_or(""));
  return std::optional<StocktakeHeader>(std::move(header));
}

Result<StocktakeHeader> claim_stocktake(Connection& c, std::int64_t company, std::int64_t id,
                                        const std::vector<std::string_view>& states,
                                        std::string_view wrong_state_message) {
  std::vector<Value> params{id, company};
  std::string in;
  for (std::string_view state : states) {
    params.emplace_back(std::string(state));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  auto claimed = c.execute(
      "UPDATE stocktakes SET version = version + 1 WHERE id = $1 AND company_id = $2 AND state IN (" + in + ")",
      params);
  if (!claimed) return claimed.error();
  auto header = load_stocktake(c, company, id);
  if (!header) return header.error();
  if (!*header) return make_error(ErrorKind::not_found, "error.not_found");
  if (*claimed == 0) {
    Error error = make_error(ErrorKind::invalid_transition, std::string(wrong_state_message));
    error.args = {{"number", (*header)->number}, {"state", (*header)->state}};
    return error;
  }
  return **header;
}

Status record_stocktake(Connection& c, const Actor& actor, std::int64_t id, std::string action,
                        const json::object& change, std::string event_action) {
  if (Status audited = finance::audit_ledger(c, actor, std::move(action), "stocktake", id, change); !audited) {
    return audited;
  }
  return events::publish(c, {.kind = events::Kind::record,
                             .company_id = actor.principal.company_id,
                             .entity = "stocktake",
                             .record_id = id,
                             .action = std::move(event_action),
                             .owner_id = actor.principal.user_id});
}

Result<Qty> book_now(Connection& c, std::int64_t company, std::int64_t warehouse, std::int64_t item,
                     std::int64_t location, std::int64_t lot) {
  auto row = c.query_row(
      "SELECT on_hand FROM stock_levels WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
      "AND location_id = $4 AND lot_id = $5",
      {company, item, warehouse, location, lot});
  if (!row) return row.error();
  return *row ? (*row)->int64(0).value_or(0) : Qty{0};
}

Result<Cents> value_of_difference(Qty difference, Qty held, Cents value, const std::optional<Decimal>& standard_cost) {
  if (held > 0) return share_of(value, difference, held);
  return extend(difference, standard_cost.value_or(Decimal()));
}

namespace {

// `values` as "$n, $n+1, …" appended to `params`.
std::string placeholders(std::vector<Value>& params, const std::vector<std::int64_t>& values) {
  std::string list;
  for (std::int64_t value : values) {
    params.emplace_back(value);
    list += (list.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  return list;
}

// The category and every category below it.
Result<std::vector<std::int64_t>> category_tree(Connection& c, std::int64_t company, std::int64_t category) {
  auto rows = c.query(
      "WITH RECURSIVE tree(id) AS (SELECT id FROM item_categories WHERE id = $1 AND company_id = $2 "
      "AND archived_at IS NULL UNION SELECT k.id FROM item_categories k JOIN tree t ON k.parent_id = t.id "
      "WHERE k.company_id = $2) SELECT id FROM tree",
      {category, company});
  if (!rows) return rows.error();
  std::vector<std::int64_t> ids;
  for (const auto& row : *rows) ids.push_back(row.int64(0).value_or(0));
  return ids;
}

// What the stocktake covers, checked: its categories and locations.
struct Scope {
  std::vector<std::int64_t> categories;  // empty: every category
  std::vector<std::int64_t> locations;   // empty: every place of the warehouse
};

Result<Scope> checked_scope(Connection& c, std::int64_t company, const StocktakeInput& input,
                            std::vector<FieldError>& problems) {
  Scope scope;
  if (input.warehouse_id != 0) {
    auto warehouse =
        c.query_row("SELECT active FROM warehouses WHERE id = $1 AND company_id = $2 AND archived_at IS NULL",
                    {input.warehouse_id, company});
    if (!warehouse) return warehouse.error();
    if (!*warehouse || !(*warehouse)->boolean(0).value_or(true)) {
      problems.push_back({"warehouse_id", "unknown", "inventory.warehouse_unknown", {}});
    }
  }
  if (input.category_id) {
    auto tree = category_tree(c, company, *input.category_id);
    if (!tree) return tree.error();
    if (tree->empty()) problems.push_back({"category_id", "unknown", "stocktake.category_unknown", {}});
    scope.categories = std::move(*tree);
  }
  if (!input.location_ids.empty()) {
    auto rows = c.query("SELECT id FROM locations WHERE warehouse_id = $1 AND company_id = $2 AND archived_at IS NULL",
                        {input.warehouse_id, company});
    if (!rows) return rows.error();
    std::vector<std::int64_t> known;
    for (const auto& row : *rows) known.push_back(row.int64(0).value_or(0));
    for (std::size_t i = 0; i < input.location_ids.size(); ++i) {
      const std::int64_t location = input.location_ids[i];
      if (std::find(known.begin(), known.end(), location) == known.end()) {
        problems.push_back({"location_ids[" + std::to_string(i) + "]", "unknown", "inventory.location_unknown", {}});
      } else if (std::find(scope.locations.begin(), scope.locations.end(), location) == scope.locations.end()) {
        scope.locations.push_back(location);
      }
    }
  }
  return scope;
}

// STK-001: one line per place in scope holding stock (a negative level too), in the order the
// sheet walks the warehouse: location, item, lot; then, when asked, the items in scope that hold
// none, one line each (per counted location when the count is limited to locations).
Result<std::int64_t> snapshot(Connection& c, std::int64_t company, std::int64_t stocktake, const StocktakeInput& input,
                              const Scope& scope) {
  std::vector<Value> params{stocktake, company, input.warehouse_id};
  std::string where;
  if (!scope.categories.empty()) where += " AND i.category_id IN (" + placeholders(params, scope.categories) + ")";
  if (!scope.locations.empty()) where += " AND l.location_id IN (" + placeholders(params, scope.locations) + ")";
  auto stocked = c.execute(
      "INSERT INTO stocktake_lines (stocktake_id, company_id, line_no, item_id, location_id, lot_id, book) "
      "SELECT $1, $2, ROW_NUMBER() OVER (ORDER BY COALESCE(p.code, ''), i.code, COALESCE(t.lot_number, ''), l.lot_id), "
      "l.item_id, l.location_id, l.lot_id, l.on_hand FROM stock_levels l JOIN items i ON i.id = l.item_id "
      "LEFT JOIN locations p ON p.id = l.location_id LEFT JOIN lots t ON t.id = l.lot_id "
      "WHERE l.company_id = $2 AND l.warehouse_id = $3 AND l.on_hand <> 0" +
          where,
      params);
  if (!stocked) return stocked.error();
  if (!input.include_zero) return *stocked;

  params = {stocktake, company, *stocked, true, std::string("service")};
  where.clear();
  if (!scope.categories.empty()) where += " AND i.category_id IN (" + placeholders(params, scope.categories) + ")";
  const std::string places =
      scope.locations.empty() ? "1 = 0" : "p.id IN (" + placeholders(params, scope.locations) + ")";
  auto zero = c.execute(
      "INSERT INTO stocktake_lines (stocktake_id, company_id, line_no, item_id, location_id, lot_id, book) "
      "SELECT $1, $2, $3 + ROW_NUMBER() OVER (ORDER BY COALESCE(p.code, ''), i.code), i.id, COALESCE(p.id, 0), 0, 0 "
      "FROM items i LEFT JOIN locations p ON " +
          places + " WHERE i.company_id = $2 AND i.archived_at IS NULL AND i.active = $4 AND i.item_type <> $5" +
          where + " AND NOT EXISTS (SELECT 1 FROM stocktake_lines s WHERE s.stocktake_id = $1 AND s.item_id = i.id)",
      params);
  if (!zero) return zero.error();
  return *stocked + *zero;
}

json::array id_array(const std::vector<std::int64_t>& ids) {
  json::array array;
  for (std::int64_t id : ids) array.push_back(id);
  return array;
}

std::string joined(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (std::int64_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
  return text;
}

}  // namespace

Result<std::int64_t> create_stocktake(Connection& c, const Actor& actor, const StocktakeInput& input) {
  const std::int64_t company = actor.principal.company_id;
  std::vector<FieldError> problems = input.unreadable;
  auto scope = checked_scope(c, company, input, problems);
  if (!scope) return scope.error();
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  auto number = next_document_number(c, company, "PD", input.date);
  if (!number) return number.error();
  auto id = c.query_row(
      "INSERT INTO stocktakes (company_id, number, warehouse_id, category_id, location_ids, blind, include_zero, "
      "count_date, note, state, created_by, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "'counting', $10, $11, 1) RETURNING id",
      {company, *number, input.warehouse_id, Value(input.category_id),
       scope->locations.empty() ? Value() : Value(joined(scope->locations)), input.blind, input.include_zero,
       input.date, input.note.empty() ? Value() : Value(input.note), actor.principal.user_id,
       Timestamp::from_system(actor.clock.now())});
  if (!id) return id.error();
  const std::int64_t stocktake = (*id)->int64(0).value_or(0);
  auto lines = snapshot(c, company, stocktake, input, *scope);
  if (!lines) return lines.error();
  if (*lines > kMaxStocktakeLines) {
    return finance::field_error("warehouse_id", "too_many_lines", "stocktake.too_many_lines",
                                {{"lines", std::to_string(*lines)}, {"limit", std::to_string(kMaxStocktakeLines)}});
  }
  json::object change{{"number", *number},
                      {"warehouse_id", input.warehouse_id},
                      {"blind", input.blind},
                      {"include_zero", input.include_zero},
                      {"lines", *lines},
                      {"location_ids", id_array(scope->locations)},
                      {"date", input.date.to_string()}};
  change["category_id"] = input.category_id ? json::value(*input.category_id) : json::value();
  if (Status recorded = record_stocktake(c, actor, stocktake, "stocktake.create", change, "created"); !recorded) {
    return recorded.error();
  }
  return stocktake;
}

Status act_on_stocktake(Connection& c, const Actor& actor, std::int64_t id, StocktakeAction action) {
  const std::int64_t company = actor.principal.company_id;
  const Timestamp now = Timestamp::from_system(actor.clock.now());
  std::vector<std::string_view> from;
  std::string to;
  std::string verb;
  std::string sql;
  std::vector<Value> params{id};
  switch (action) {
    case StocktakeAction::close:
      from = {"counting"}, to = "counted", verb = "close";
      sql = "closed_by = $2, closed_at = $3";
      params.insert(params.end(), {actor.principal.user_id, now});
      break;
    case StocktakeAction::reopen:
      from = {"counted"}, to = "counting", verb = "reopen";
      sql = "closed_by = NULL, closed_at = NULL";
      break;
    case StocktakeAction::cancel:
      from = {"counting", "counted"}, to = "cancelled", verb = "cancel";
      sql = "cancelled_by = $2, cancelled_at = $3";
      params.insert(params.end(), {actor.principal.user_id, now});
      break;
  }
  auto header = claim_stocktake(c, company, id, from);
  if (!header) return header.error();
  params.emplace_back(to);
  auto moved = c.execute(
      "UPDATE stocktakes SET state = $" + std::to_string(params.size()) + ", " + sql + " WHERE id = $1", params);
  if (!moved) return moved.error();
  return record_stocktake(c, actor, id, "stocktake." + verb,
                          {{"number", header->number}, {"from", header->state}, {"to", to}});
}

}  // namespace verp::inventory
