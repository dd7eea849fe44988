// The customers area's own tables (scores, grade history, settings, the nightly job's claims) and
// the indexes its queries need on other modules' tables: the 360° view reads a customer's newest
// documents and the recommendations read order lines by item, neither of which those tables'
// own indexes serve (named crm_… so that they are recognisably ours).
#include "modules/crm/customers/customers.hpp"
#include "modules/finance/ledger_columns.hpp"

namespace verp::crm {

using storage::Index;
using storage::TableDef;

std::vector<TableDef> customer_tables() {
  using namespace finance::columns;
  return {
      TableDef{.name = "customer_scores",
               .columns = {refers("customer_id", "customers"), refers("company_id", "companies"),
                           day("first_order_on", false), day("last_order_on", false), number("orders_total"),
                           cents("revenue_total"), number("orders_12m"), cents("revenue_12m"),
                           number("recency_days", false), number("r_score"), number("f_score"), number("m_score"),
                           words("rfm"), cents("clv"), words("churn_risk"), words("rule_grade", false),
                           words("lifecycle_stage"), moment("computed_at", true)},
               .primary_key = {"customer_id"},
               .indexes = {Index{.name = "customer_scores_clv_idx", .columns = {"company_id", "clv"}},
                           Index{.name = "customer_scores_churn_idx", .columns = {"company_id", "churn_risk"}}}},
      TableDef{.name = "customer_grade_changes",
               .columns = {key(), refers("company_id", "companies"), refers("customer_id", "customers"),
                           words("from_grade", false), words("to_grade", false), words("from_stage", false),
                           words("to_stage", false), words("reason"), moment("changed_at", true),
                           refers("changed_by", "users", false)},
               .indexes = {Index{.name = "customer_grade_changes_customer_idx", .columns = {"customer_id", "id"}}}},
      TableDef{.name = "crm_customer_settings",
               .columns = {refers("company_id", "companies"), number("expected_lifetime_years")},
               .primary_key = {"company_id"}},
      TableDef{.name = "crm_grade_runs",
               .columns = {refers("company_id", "companies"), day("run_on"), moment("started_at", true)},
               .primary_key = {"company_id", "run_on"}},
      // Other modules' tables: only the columns our indexes name (they exist already).
      TableDef{.name = "sales_orders",
               .columns = {number("customer_id"), number("id")},
               .indexes = {Index{.name = "crm_sales_orders_customer_idx", .columns = {"customer_id", "id"}}}},
      TableDef{.name = "quotations",
               .columns = {number("customer_id"), number("id")},
               .indexes = {Index{.name = "crm_quotations_customer_idx", .columns = {"customer_id", "id"}}}},
      TableDef{.name = "finance_invoices",
               .columns = {number("partner_id"), words("kind"), number("id")},
               .indexes = {Index{.name = "crm_finance_invoices_partner_idx", .columns = {"partner_id", "kind", "id"}}}},
      TableDef{.name = "sales_order_lines",
               .columns = {number("item_id"), number("order_id")},
               .indexes = {Index{.name = "crm_sales_order_lines_item_idx", .columns = {"item_id", "order_id"}}}},
  };
}

}  // namespace verp::crm
