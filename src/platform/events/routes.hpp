// GET /api/v1/events — the signed-in user's live events as Server-Sent Events (sse_stream.hpp).
//
//   GET /api/v1/events                          my notifications and my jobs' progress
//   GET /api/v1/events?watch=customer:12,item:7  …and changes to these records
//   GET /api/v1/events?watch=customer:*          …and to every customer I may read
//
// Who receives what: audience.hpp. The handler runs on the worker pool (authentication reads the
// database), subscribes, and returns; the stream then lives on the I/O thread.
#pragma once

#include "platform/entity/entity_spec.hpp"
#include "platform/events/hub.hpp"
#include "platform/events/sse_stream.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::events {

// `hub` and `registry` must outlive the router's use.
void add_event_routes(http::Router& router, Hub& hub, const entity::Registry& registry, const i18n::Catalog& catalog,
                      StreamOptions options = {});

// Prometheus figures of the hub for /metrics: open streams, events published, streams dropped.
void add_event_metrics(http::Metrics& metrics, const Hub& hub);

}  // namespace verp::events
