#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::purchasing {

std::unique_ptr<Module> make_purchasing_module();

}  // namespace verp::purchasing
