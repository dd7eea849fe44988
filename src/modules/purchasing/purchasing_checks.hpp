// What `verp check` proves about purchasing (purchasing_checks.cpp).
#pragma once

#include <vector>

#include "platform/module/module.hpp"

namespace verp::purchasing {

std::vector<Check> purchasing_checks();

}  // namespace verp::purchasing
