// The module list: the one place that knows every module. Order matters — it is the order of
// schema sync, migrations, start-up and middleware (outermost first).
#pragma once

#include <memory>
#include <vector>

#include "platform/module/module.hpp"

namespace verp::app {

std::vector<std::unique_ptr<Module>> all_modules();

}  // namespace verp::app
