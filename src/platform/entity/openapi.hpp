// The entities in OpenAPI 3.1: a schema per record and per input, derived from the same
// declarations as everything else, and the operation documentation of the generic routes.
#pragma once

#include <string>

#include "platform/entity/entity_spec.hpp"

namespace verp::entity {

// components.schemas as JSON object text: "<name>" (a record as the API returns it) and
// "<name>_input" (what create and patch accept) for every registered entity.
std::string openapi_schemas(const Registry& registry);

// The OpenAPI members of one generic route (RouteOptions::openapi). `operation` is one of:
// list, create, bulk, import, get, patch, delete, restore, versions, version, restore_version,
// diff, attachments, attach, download, thumbnail, detach.
std::string openapi_operation(const EntitySpec& spec, std::string_view operation);

}  // namespace verp::entity
