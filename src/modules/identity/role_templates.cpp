#include "modules/identity/role_templates.hpp"

namespace verp::identity {
namespace {

using security::DataScope;
using security::FieldAccess;
using security::Grant;

std::vector<Grant> all_actions(std::initializer_list<const char*> resources, DataScope scope) {
  std::vector<Grant> grants;
  for (const char* resource : resources) grants.push_back({resource, "*", scope});
  return grants;
}

std::vector<Grant> reading(std::initializer_list<const char*> resources, DataScope scope = DataScope::company) {
  std::vector<Grant> grants;
  for (const char* resource : resources) grants.push_back({resource, "read", scope});
  return grants;
}

std::vector<Grant> join(std::initializer_list<std::vector<Grant>> parts) {
  std::vector<Grant> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

}  // namespace

std::string_view to_string(security::DataScope scope) {
  switch (scope) {
    case DataScope::own: return "own";
    case DataScope::department: return "department";
    case DataScope::company: return "company";
    case DataScope::all_companies: return "all_companies";
  }
  return "company";
}

std::string_view to_string(security::FieldAccess access) {
  switch (access) {
    case FieldAccess::editable: return "editable";
    case FieldAccess::read_only: return "read_only";
    case FieldAccess::hidden: return "hidden";
  }
  return "hidden";
}

std::optional<security::DataScope> parse_data_scope(std::string_view text) {
  for (auto scope : {DataScope::own, DataScope::department, DataScope::company, DataScope::all_companies}) {
    if (to_string(scope) == text) return scope;
  }
  return std::nullopt;
}

std::optional<security::FieldAccess> parse_field_access(std::string_view text) {
  for (auto access : {FieldAccess::editable, FieldAccess::read_only, FieldAccess::hidden}) {
    if (to_string(access) == text) return access;
  }
  return std::nullopt;
}

const std::vector<RoleTemplate>& role_templates() {
  // Resources name the entities of the modules (some arrive with later modules); a grant on a
  // resource that does not exist yet simply matches nothing.
  static const std::vector<RoleTemplate> templates = {
      {"administrator", "系统管理员", "Administrator", false, {{"*", "*", DataScope::all_companies}}, {}},
      {"auditor", "审计员", "Auditor", false,
       join({{{"audit_log", "read", DataScope::all_companies}, {"audit_log", "export", DataScope::all_companies},
              {"access_review", "read", DataScope::all_companies}},
             reading({"*"})}),
       {}},
      {"sales", "销售", "Sales", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"customer", "contact", "customer_address", "quotation", "sales_order", "sales_return", "lead",
                          "opportunity", "follow_up"},
                         DataScope::own),
             reading({"item", "price_list", "price_list_item", "customer_group", "stock", "warehouse", "currency",
                      "tax_rate", "payment_term", "unit_of_measure", "item_unit_conversion", "item_category", "delivery",
                      "customer_invoice", "employee", "opportunity_stage", "segment", "campaign", "ticket"})}),
       {{"item", "standard_cost", FieldAccess::hidden}}},
      {"purchasing", "采购", "Purchasing", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"supplier", "purchase_requisition", "purchase_order", "supplier_invoice"}, DataScope::company),
             reading({"item", "stock", "warehouse", "reorder_rule", "payment_term", "tax_rate", "unit_of_measure",
                      "item_unit_conversion", "item_category", "location", "currency"})}),
       {}},
      {"warehouse", "仓库", "Warehouse", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"stock", "stock_move", "stocktake", "goods_receipt", "delivery", "lot", "reorder_rule"}, DataScope::company),
             reading({"item", "warehouse", "location", "purchase_order", "sales_order", "supplier", "unit_of_measure",
                      "item_unit_conversion", "item_category"})}),
       {{"customer", "credit_limit", FieldAccess::hidden}, {"item", "standard_cost", FieldAccess::hidden}}},
      {"production", "生产", "Production", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"production_order", "operation_report", "quality_inspection", "mrp_run"}, DataScope::company),
             reading({"item", "bill_of_materials", "bom_line", "stock", "warehouse", "location"})}),
       {}},
      {"finance", "财务", "Finance", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"voucher", "account", "customer_invoice", "supplier_invoice", "receipt", "payment",
                          "budget", "fiscal_period", "ledger", "project", "posting_rule", "open_item"},
                         DataScope::company),
             reading({"customer", "supplier", "sales_order", "purchase_order", "item", "item_category", "employee",
                      "department", "warehouse", "stock_valuation"})}),
       {}},
      {"master_data", "基础资料管理员", "Master data steward", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"customer", "supplier", "employee", "item", "item_category", "item_unit_conversion",
                          "bill_of_materials", "bom_line",
                          "warehouse", "location", "tax_rate", "payment_term", "unit_of_measure"},
                         DataScope::company),
             reading({"currency"})}),
       {}},
      {"customer_service", "客服", "Customer service", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own), all_actions({"ticket", "return_visit", "care_plan", "feedback", "survey_response", "follow_up"},
                         DataScope::company),
             reading({"customer", "contact", "customer_address", "sales_order", "item", "survey", "sla_policy",
                      "ticket_assignment_rule", "delivery", "customer_invoice"})}),
       {{"customer", "credit_limit", FieldAccess::hidden}}},
      {"marketing", "市场", "Marketing", false,
       join({all_actions({"task", "approval_delegation"}, DataScope::own),
             all_actions({"segment", "campaign", "survey", "survey_question", "lead"}, DataScope::company),
             reading({"customer", "contact", "sales_order", "opportunity", "opportunity_stage", "item", "survey_response"})}),
       {{"customer", "credit_limit", FieldAccess::hidden}}},
  };
  return templates;
}

}  // namespace verp::identity
