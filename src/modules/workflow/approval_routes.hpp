// The approval engine's HTTP routes (see approval_routes.cpp for the list).
#pragma once

#include <memory>

#include "modules/workflow/approvals.hpp"
#include "platform/http/router.hpp"
#include "platform/module/module.hpp"

namespace verp::workflow {

void add_approval_routes(http::Router& router, ModuleContext& context, std::shared_ptr<const ApprovableTypes> types);

}  // namespace verp::workflow
