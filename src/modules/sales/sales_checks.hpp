// What `verp check` proves about sales.
#pragma once

#include "platform/module/module.hpp"

namespace verp::sales {

std::vector<Check> sales_checks();

}  // namespace verp::sales
