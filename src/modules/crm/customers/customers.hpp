// The customers area: contacts, addresses, grading rules and scores, lifecycle stages, the 360°
// view, high-value and churn-risk lists and product recommendations.
#pragma once

#include "modules/crm/area.hpp"

namespace verp::crm {

std::vector<entity::EntitySpec> customer_entities();
std::vector<storage::TableDef> customer_tables();
void add_customer_routes(http::Router& router, const CrmKit& kit);

}  // namespace verp::crm
