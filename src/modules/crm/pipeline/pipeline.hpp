// The pipeline area (销售机会): leads, the stages of a company's pipeline, opportunities and the
// follow-ups (跟进记录) recorded on any of them.
//
//   lead: new ─(a follow-up)─▶ contacted
//         new, contacted ─qualify─▶ qualified
//         new, contacted, qualified ─convert─▶ converted (customer + contact + opportunity)
//                                   ─disqualify (reason)─▶ disqualified
//   opportunity: open ─move─▶ open (another open stage) ─win─▶ won / ─lose─▶ lost ─reopen─▶ open
//
// Every step is one transaction: the record's new version (history), an audit entry and, for an
// opportunity, a row of opportunity_stage_moves (the stage history statistics read). Steps act
// within the caller's data scope (a salesperson's `own`): another's record answers not_found.
#pragma once

#include <boost/json/object.hpp>

#include "modules/crm/area.hpp"
#include "modules/finance/ledger.hpp"

namespace verp::crm {

using finance::Actor;

std::vector<entity::EntitySpec> pipeline_entities();
std::vector<storage::TableDef> pipeline_tables();

// ---- stages (stages.cpp) ----------------------------------------------------------------------

struct Stage {
  std::int64_t id = 0;
  std::string name;
  std::int64_t position = 0;
  Decimal probability;
  std::string outcome;  // open, won, lost
};

// The company's active stages in position order; the default six (初步接洽 … 赢单, 输单) are made
// first (as made by `who`) when the company has none at all, so a pipeline works on first use.
Result<std::vector<Stage>> company_stages(storage::Connection& c, const CrmKit& kit, const security::Principal& who);
// The default stages made for who's company if it has none, in their own transaction, so that
// what only reads the pipeline (the board, the statistics) can run in a read transaction.
Status ensure_stages(const CrmKit& kit, const security::Principal& who);
// The active stage `id` of who's company. Errors: validation naming `field` when it is not one.
Result<Stage> stage_of(storage::Connection& c, const CrmKit& kit, const security::Principal& who, std::int64_t id,
                       std::string_view field);

// ---- leads (leads.cpp) ------------------------------------------------------------------------

// Creates a lead (the generic create with its checks and duplicate detection among leads) and
// numbers it LD-YYYYMM-NNNN. Errors: the create's validation; conflict with the duplicates.
Result<entity::CreateOutcome> create_lead(storage::Connection& c, const CrmKit& kit, const Actor& actor,
                                          const boost::json::object& body, bool confirm_duplicates);
// Numbers the company's leads that have no number yet (made by an import), oldest first, each in
// the month it was created. Answers how many it numbered.
Result<int> number_new_leads(storage::Connection& c, const CrmKit& kit, std::int64_t company);
// The same for every company with such leads, one transaction each (the job crm.lead_numbers).
Result<int> number_all_new_leads(const CrmKit& kit);

// The company's customers that look like the lead: the same normalised company name, phone or
// e-mail (the dedupe_<field> keys the entity layer stores for both). Each {id, code, name, phone,
// email, matched_on: [...]}.
Result<boost::json::array> lead_matches(storage::Connection& c, std::int64_t company, std::int64_t lead);

enum class LeadAction { qualify, disqualify };
// qualify: new or contacted → qualified; disqualify (a reason is required): anything not converted
// → disqualified. Errors: not_found; validation "reason"; invalid_transition "crm.pipeline.lead_not_<…>".
Status act_on_lead(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t lead, LeadAction action,
                   std::string_view reason);

struct ConversionInput {
  std::optional<std::int64_t> customer_id;  // an existing customer (a match); else `customer` makes one
  boost::json::object customer;             // fields of the new customer (name defaults to the lead's company)
  boost::json::object opportunity;          // name, amount, expected_close_date, stage_id
};
struct Conversion {
  std::int64_t customer_id = 0;
  bool new_customer = false;
  std::int64_t contact_id = 0;
  std::int64_t opportunity_id = 0;
};
// One transaction: the customer (the given one, or a new prospect), a contact from the lead's
// person, the opportunity (lead_id, source, the lead's owner) and the lead converted. Errors:
// not_found; invalid_transition "crm.pipeline.lead_not_convertible"; conflict
// "crm.pipeline.lead_matches_customer" (a new customer would duplicate one); validation naming
// "customer_id", "customer.<field>" or "opportunity.<field>".
Result<Conversion> convert_lead(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t lead,
                                const ConversionInput& input);

// ---- opportunities (opportunities.cpp) ---------------------------------------------------------

// Creates an opportunity numbered OP-YYYYMM-NNNN in its stage (default the first open one), and
// the first row of its stage history. `owner` (default the caller) is whose it is.
Result<entity::CreateOutcome> create_opportunity(storage::Connection& c, const CrmKit& kit, const Actor& actor,
                                                 boost::json::object body);

struct Closing {
  std::string reason;
  std::string competitor;                     // lose only
  std::optional<std::int64_t> sales_order_id;  // win only
};
// move: an open opportunity to another open stage; a won or lost stage is a win or a loss.
// win: → won stage, closed today; lose (reason required): → lost stage, the competitor noted;
// reopen: a won or lost one back to the open stage it came from.
// Errors: not_found; validation "stage_id", "reason", "sales_order_id";
// invalid_transition "crm.pipeline.opportunity_not_<open|closed>".
Status move_opportunity(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                        std::int64_t stage_id, const Closing& closing);
Status win_opportunity(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                       const Closing& closing);
Status lose_opportunity(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                        const Closing& closing);
Status reopen_opportunity(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id);

// A draft quotation for the opportunity's customer through sales (create_quotation), linked to
// the opportunity. `body` is a quotation's (quote_date default today, valid_until default 30 days
// later, lines). Errors: not_found; invalid_transition "crm.pipeline.opportunity_not_open"; the quotation's.
Result<std::int64_t> quote_opportunity(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                                       const boost::json::value& body);
// When the linked quotation became a sales order, the opportunity takes the order (a version of
// its own, "order_linked"). Answers the order, if any.
Result<std::optional<std::int64_t>> link_order(storage::Connection& c, const CrmKit& kit, const Actor& actor,
                                               std::int64_t id);

// The opportunity as the detail page reads it: its fields, stage, customer, owner, the linked
// quotation and order with their numbers and status, its stage history and its follow-ups.
Result<boost::json::object> opportunity_view(storage::Connection& c, std::int64_t company, std::int64_t id);
// The kanban: every open stage with the open opportunities `who` may read, its count, amount and
// weighted amount.
Result<boost::json::object> pipeline_board(storage::Connection& c, const CrmKit& kit, const security::Principal& who);

// ---- follow-ups (follow_ups.cpp) ----------------------------------------------------------------

// Records a follow-up (its customer taken from its opportunity or lead when not given). With
// next_follow_up_at, its owner gets a workflow task due then: reminded an hour before, escalated
// to their department head a day after; the open tasks of earlier promises on the same
// opportunity (else customer, else lead) are done. A new lead it is about becomes contacted.
// Errors: the create's validation.
Result<entity::CreateOutcome> record_follow_up(storage::Connection& c, const CrmKit& kit, const Actor& actor,
                                               boost::json::object body);

// A follow-up edited (the generic patch, "version" required); when its next_follow_up_at moves,
// its open task moves with it (reminded afresh), is cancelled when the date is cleared, or is made
// when there was none. Errors: the patch's.
Result<entity::Record> change_follow_up(storage::Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t id,
                                        const boost::json::object& body);

struct FollowUpRun {
  int overdue = 0;  // promised follow-ups past due with nothing newer: their owner was told
};
// The daily job crm.follow_ups: once per follow-up whose next_follow_up_at passed with no newer
// follow-up on the same opportunity (or customer, or lead), its owner is notified.
Result<FollowUpRun> remind_overdue_follow_ups(storage::Database& database, const Clock& clock);

TimelineSource follow_up_timeline();

// ---- statistics (pipeline_stats.cpp) -----------------------------------------------------------

struct StatsQuery {
  std::optional<storage::Date> from, to;  // opportunities created in [from, to]
  std::optional<std::int64_t> owner_id, department_id;
};
// Per stage, per source, win rate, cycle length, weighted pipeline, per owner and department,
// over the opportunities `who` may read. Decimal arithmetic only.
Result<boost::json::object> pipeline_stats(storage::Connection& c, const CrmKit& kit, const security::Principal& who,
                                           const StatsQuery& query);

// ---- public web form (lead_forms.cpp) ------------------------------------------------------------

void add_pipeline_routes(http::Router& router, const CrmKit& kit);
void add_lead_form_routes(http::Router& router, const CrmKit& kit);

// The data-scope condition for `resource` read by `who` on table alias `alias`, with its
// parameters starting at $`first` ("" when the caller sees the whole company).
struct ScopeSql {
  std::string condition;
  std::vector<storage::Value> params;
};
ScopeSql scope_sql(const security::Principal& who, std::string_view resource, std::string_view alias, int first);

}  // namespace verp::crm
