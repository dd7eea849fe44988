// /api/v1/departments and a member's department (PUT /api/v1/users/{id}/department). Thin
// wrappers around Departments (departments.hpp); internal to the identity module.
#pragma once

#include "modules/identity/identity_service.hpp"
#include "platform/http/router.hpp"

namespace verp::identity {

void add_department_routes(http::Router& router, IdentityService& service);

}  // namespace verp::identity
