#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::inventory {

std::unique_ptr<Module> make_inventory_module();

}  // namespace verp::inventory
