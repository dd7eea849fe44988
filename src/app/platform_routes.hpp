// The routes every verp server has, whatever modules it runs: health, readiness, metrics,
// version and the OpenAPI description.
#pragma once

#include <functional>
#include <string>

#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/storage/database.hpp"

namespace verp::app {

// GET /healthz   200 while the process serves (no database call: a liveness probe)
// GET /readyz    200 when the database answers, else 503 problem
// GET /metrics   Prometheus text
// GET /api/v1/version
// GET /api/v1/openapi.json
// `metrics_text` renders /metrics; it is called only while the server runs.
// `schemas` adds components.schemas to the OpenAPI document (JSON object text), e.g. the
// entities' record and input schemas that their routes refer to.
void add_platform_routes(http::Router& router, storage::Database& database,
                         std::function<std::string()> metrics_text, std::string schemas = "{}");

// verp_db_pool_* gauges and counters on /metrics.
void add_database_metrics(http::Metrics& metrics, storage::Database& database);

}  // namespace verp::app
