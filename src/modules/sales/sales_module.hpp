#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::sales {

std::unique_ptr<Module> make_sales_module();

}  // namespace verp::sales
