// Opportunities (销售机会): numbering, moves through the stages with their history, winning and
// losing, and the links to sales' quotation and order (pipeline.hpp).
#include <boost/json.hpp>

#include "modules/crm/pipeline/pipeline_internal.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/stock_ledger.hpp"
#include "modules/sales/quotations.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using storage::Value;

namespace {

using Changes = std::map<std::string, Value, std::less<>>;

std::optional<std::int64_t> id_of(const entity::Record& record, std::string_view field) {
  const auto* id = record.get(field).get_if<std::int64_t>();
  return id != nullptr ? std::optional(*id) : std::nullopt;
}

// One row of the stage history: where the opportunity went, from where, when and by whom.
Status record_move(Connection& c, const Actor& actor, std::int64_t opportunity, std::optional<std::int64_t> from,
                   std::int64_t to) {
  auto inserted = c.execute(
      "INSERT INTO opportunity_stage_moves (company_id, opportunity_id, from_stage_id, to_stage_id, moved_at, "
      "moved_by) VALUES ($1, $2, $3, $4, $5, $6)",
      {actor.principal.company_id, opportunity, Value(from), to, storage::Timestamp::from_system(actor.clock.now()),
       actor.principal.user_id != 0 ? Value(actor.principal.user_id) : Value()});
  if (!inserted) return inserted.error();
  return {};
}

// A step on an opportunity: its new version under `verb`, the stage history when the stage
// changes, and the audit entry.
Status step(Connection& c, const CrmKit& kit, const Actor& actor, const entity::Record& before, Changes changes,
            std::string_view verb, json::object entry) {
  const auto from = id_of(before, "stage_id");
  const auto* to = changes.contains("stage_id") ? changes.at("stage_id").get_if<std::int64_t>() : nullptr;
  auto done = kit.store->transition_in(c, kit.spec("opportunity"), actor.principal, before.id, changes, verb,
                                       actor.caller);
  if (!done) return done.error();
  if (to != nullptr && (!from || *from != *to)) {
    if (Status moved = record_move(c, actor, before.id, from, *to); !moved) return moved;
    entry["from_stage_id"] = from ? json::value(*from) : json::value();
    entry["to_stage_id"] = *to;
  }
  entry["code"] = text_of(before, "code");
  return finance::audit_ledger(c, actor, "opportunity." + std::string(verb), "opportunity", before.id, entry);
}

// The company's first active stage with this outcome (won or lost).
Result<Stage> outcome_stage(Connection& c, const CrmKit& kit, const Actor& actor, std::string_view outcome) {
  auto stages = company_stages(c, kit, actor.principal);
  if (!stages) return stages.error();
  for (const Stage& stage : *stages) {
    if (stage.outcome == outcome) return stage;
  }
  return make_error(ErrorKind::conflict, "crm.pipeline.no_outcome_stage").with_arg("outcome", std::string(outcome));
}

Result<entity::Record> open_one(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id) {
  auto record = record_of(c, kit, "opportunity", actor.principal, id, "update");
  if (!record) return record.error();
  if (text_of(*record, "status") != "open") {
    return make_error(ErrorKind::invalid_transition, "crm.pipeline.opportunity_not_open");
  }
  return record;
}

Status close(Connection& c, const CrmKit& kit, const Actor& actor, const entity::Record& record, const Stage& stage,
             const Closing& closing) {
  const bool won = stage.outcome == "won";
  if (!won && closing.reason.empty()) return finance::field_error("reason", "required", "field.required");
  Changes changes{{"status", stage.outcome},
                  {"stage_id", stage.id},
                  {"closed_on", local_day(actor.clock.now())},
                  {"close_reason", closing.reason.empty() ? Value() : Value(closing.reason)}};
  json::object entry{{"reason", closing.reason}};
  if (won) {
    std::optional<std::int64_t> order = closing.sales_order_id;
    if (order) {
      auto found = c.query_row("SELECT 1 FROM sales_orders WHERE id = $1 AND company_id = $2",
                               {*order, actor.principal.company_id});
      if (!found) return found.error();
      if (!*found) return finance::field_error("sales_order_id", "unknown", "crm.pipeline.sales_order_unknown");
    } else if (const auto quotation = id_of(record, "quotation_id")) {
      // The order the linked quotation became is what was won.
      auto made = c.query_row("SELECT sales_order_id FROM quotations WHERE id = $1", {*quotation});
      if (!made) return made.error();
      if (*made && !(*made)->is_null(0)) order = (*made)->int64(0).value_or(0);
    }
    if (order) {
      changes["sales_order_id"] = *order;
      entry["sales_order_id"] = *order;
    }
  } else if (!closing.competitor.empty()) {
    const std::string known = text_of(record, "competitors");
    changes["competitors"] = known.empty() ? closing.competitor : known + "；" + closing.competitor;
    entry["competitor"] = closing.competitor;
  }
  return step(c, kit, actor, record, std::move(changes), won ? "win" : "lose", std::move(entry));
}

}  // namespace

Result<entity::CreateOutcome> create_opportunity(Connection& c, const CrmKit& kit, const Actor& actor,
                                                 json::object body) {
  std::optional<Stage> stage;
  if (const auto* given = body.if_contains("stage_id"); given != nullptr && given->is_int64()) {
    auto found = stage_of(c, kit, actor.principal, given->as_int64(), "stage_id");
    if (!found) return found.error();
    if (found->outcome != "open") return finance::field_error("stage_id", "not_open", "crm.pipeline.stage_not_open");
    stage = *found;
  } else if (given == nullptr || given->is_null()) {
    auto stages = company_stages(c, kit, actor.principal);
    if (!stages) return stages.error();
    for (const Stage& each : *stages) {
      if (each.outcome == "open") {
        stage = each;
        break;
      }
    }
    if (!stage) return make_error(ErrorKind::conflict, "crm.pipeline.no_outcome_stage").with_arg("outcome", "open");
    body["stage_id"] = stage->id;
  }
  auto made = kit.store->create_in(c, kit.spec("opportunity"), actor.principal, body, true, actor.caller);
  if (!made || !made->record) return made;
  const std::int64_t id = made->record->id;
  auto number = inventory::next_document_number(c, actor.principal.company_id, "OP", local_day(actor.clock.now()));
  if (!number) return number.error();
  auto numbered = kit.store->transition_in(c, kit.spec("opportunity"), actor.principal, id, {{"code", *number}},
                                           "number", actor.caller);
  if (!numbered) return numbered.error();
  if (Status moved = record_move(c, actor, id, std::nullopt, stage ? stage->id : 0); !moved) return moved.error();
  made->record = std::move(*numbered);
  return made;
}

Status move_opportunity(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id, std::int64_t stage_id,
                        const Closing& closing) {
  auto record = open_one(c, kit, actor, id);
  if (!record) return record.error();
  auto stage = stage_of(c, kit, actor.principal, stage_id, "stage_id");
  if (!stage) return stage.error();
  if (stage->outcome != "open") return close(c, kit, actor, *record, *stage, closing);
  if (id_of(*record, "stage_id") == stage->id) return {};
  return step(c, kit, actor, *record, {{"stage_id", stage->id}}, "move", {{"stage", stage->name}});
}

Status win_opportunity(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id, const Closing& closing) {
  auto record = open_one(c, kit, actor, id);
  if (!record) return record.error();
  auto stage = outcome_stage(c, kit, actor, "won");
  if (!stage) return stage.error();
  return close(c, kit, actor, *record, *stage, closing);
}

Status lose_opportunity(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id, const Closing& closing) {
  if (closing.reason.empty()) return finance::field_error("reason", "required", "field.required");
  auto record = open_one(c, kit, actor, id);
  if (!record) return record.error();
  auto stage = outcome_stage(c, kit, actor, "lost");
  if (!stage) return stage.error();
  return close(c, kit, actor, *record, *stage, closing);
}

Status reopen_opportunity(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id) {
  auto record = record_of(c, kit, "opportunity", actor.principal, id, "update");
  if (!record) return record.error();
  if (text_of(*record, "status") == "open") {
    return make_error(ErrorKind::invalid_transition, "crm.pipeline.opportunity_not_closed");
  }
  // Back to the open stage it was closed from, while that stage is still in use.
  auto last = c.query_row(
      "SELECT m.from_stage_id FROM opportunity_stage_moves m JOIN opportunity_stages s ON s.id = m.from_stage_id "
      "WHERE m.opportunity_id = $1 AND s.outcome = 'open' AND s.active AND s.archived_at IS NULL "
      "ORDER BY m.id DESC LIMIT 1",
      {id});
  if (!last) return last.error();
  std::optional<std::int64_t> stage;
  if (*last) stage = (*last)->int64(0).value_or(0);
  if (!stage) {
    auto stages = company_stages(c, kit, actor.principal);
    if (!stages) return stages.error();
    for (const Stage& each : *stages) {
      if (each.outcome == "open") {
        stage = each.id;
        break;
      }
    }
  }
  if (!stage) return make_error(ErrorKind::conflict, "crm.pipeline.no_outcome_stage").with_arg("outcome", "open");
  return step(c, kit, actor, *record,
              {{"status", "open"}, {"stage_id", *stage}, {"closed_on", Value()}, {"close_reason", Value()}}, "reopen",
              {{"was", text_of(*record, "status")}});
}

Result<std::int64_t> quote_opportunity(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                                       const json::value& body) {
  auto record = open_one(c, kit, actor, id);
  if (!record) return record.error();
  auto input = sales::order_from_json(body);
  if (!input) return input.error();
  const storage::Date today = local_day(actor.clock.now());
  input->header["customer_id"] = id_of(*record, "customer_id").value_or(0);
  if (!input->header.contains("quote_date")) input->header["quote_date"] = today.to_string();
  if (!input->header.contains("valid_until")) {
    input->header["valid_until"] = storage::Date::from_days(today.to_days() + 30).to_string();
  }
  const sales::Orders quotations{*kit.store, kit.spec("quotation")};
  auto quotation = sales::create_quotation(c, quotations, actor, *input);
  if (!quotation) return quotation.error();
  if (Status linked =
          step(c, kit, actor, *record, {{"quotation_id", *quotation}}, "quote", {{"quotation_id", *quotation}});
      !linked) {
    return linked.error();
  }
  return *quotation;
}

Result<std::optional<std::int64_t>> link_order(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id) {
  auto record = record_of(c, kit, "opportunity", actor.principal, id, "read");
  if (!record) return record.error();
  if (auto order = id_of(*record, "sales_order_id")) return order;
  const auto quotation = id_of(*record, "quotation_id");
  if (!quotation) return std::optional<std::int64_t>();
  auto made = c.query_row("SELECT sales_order_id FROM quotations WHERE id = $1", {*quotation});
  if (!made) return made.error();
  if (!*made || (*made)->is_null(0)) return std::optional<std::int64_t>();
  const std::int64_t order = (*made)->int64(0).value_or(0);
  if (Status linked =
          step(c, kit, actor, *record, {{"sales_order_id", order}}, "order_linked", {{"sales_order_id", order}});
      !linked) {
    return linked.error();
  }
  return std::optional(order);
}

}  // namespace verp::crm
