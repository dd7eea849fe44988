// The ledger's HTTP routes (finance_routes.cpp lists them).
#pragma once

#include "platform/module/module.hpp"

namespace verp::finance {

void add_ledger_routes(http::Router& router, ModuleContext& context);

}  // namespace verp::finance
