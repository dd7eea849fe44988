// The pipeline's own tables, beside its entities' (pipeline.hpp).
#include "modules/crm/pipeline/pipeline.hpp"
#include "modules/finance/ledger_columns.hpp"

namespace verp::crm {

std::vector<storage::TableDef> pipeline_tables() {
  using namespace finance::columns;
  using storage::Index;
  using storage::TableDef;
  return {
      // The stage history: each stage an opportunity entered (from none when it was made), when
      // and by whom. Cycle lengths and stage conversion are read from it.
      TableDef{.name = "opportunity_stage_moves",
               .columns = {key(), refers("company_id", "companies"), refers("opportunity_id", "opportunities"),
                           refers("from_stage_id", "opportunity_stages", false),
                           refers("to_stage_id", "opportunity_stages"), moment("moved_at", true),
                           number("moved_by", false)},
               .indexes = {Index{.name = "opportunity_stage_moves_opportunity", .columns = {"opportunity_id"}},
                           Index{.name = "opportunity_stage_moves_company", .columns = {"company_id"}}}},
      // The claim of crm.follow_ups: a follow-up whose promise passed is told of once.
      TableDef{.name = "follow_up_reminders",
               .columns = {refers("follow_up_id", "follow_ups"), refers("company_id", "companies"),
                           moment("sent_at", true)},
               .primary_key = {"follow_up_id"}},
      // A lead form's signing secret, never shown through the entity's API.
      TableDef{.name = "lead_form_keys",
               .columns = {refers("form_id", "lead_forms"), words("secret")},
               .primary_key = {"form_id"}},
      // Every public submission with what became of it (accepted, honeypot, bad_token, too_fast,
      // token_expired, rate_limited): the rate limit counts them, an administrator reads them.
      TableDef{.name = "lead_form_submissions",
               .columns = {key(), refers("form_id", "lead_forms"), words("address"), moment("submitted_at", true),
                           words("outcome"), refers("lead_id", "leads", false)},
               .indexes = {Index{.name = "lead_form_submissions_address", .columns = {"address", "submitted_at"}}}},
  };
}

}  // namespace verp::crm
