#pragma once

#include <memory>

#include "platform/module/module.hpp"

namespace verp::crm {

std::unique_ptr<Module> make_crm_module();

}  // namespace verp::crm
