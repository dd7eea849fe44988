// Master data (基础资料): the records every business module reads — currencies, tax rates,
// payment terms, units, customers, suppliers, employees, item categories, items, bills of
// materials, warehouses and locations. Each is one entity declaration; the entity framework
// gives it storage, API, validation, search, history, import/export and permissions.
#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::master_data {

std::unique_ptr<Module> make_master_data_module();

// The declarations, in dependency order (link targets first).
std::vector<entity::EntitySpec> entities();

}  // namespace verp::master_data
