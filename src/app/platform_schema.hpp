// The tables and migrations of the platform itself; modules add theirs through their
// manifests once they exist. The order of `platform_tables()` is creation order.
#pragma once

#include <vector>

#include "platform/storage/migrations.hpp"
#include "platform/storage/schema.hpp"

namespace verp::app {

std::vector<storage::TableDef> platform_tables();
std::vector<storage::Migration> platform_migrations();

}  // namespace verp::app
