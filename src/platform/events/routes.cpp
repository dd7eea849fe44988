#include "platform/events/routes.hpp"

#include "platform/events/audience.hpp"
#include "platform/http/problem.hpp"

namespace verp::events {
namespace {

constexpr const char* kOpenApi = R"json({
  "summary": "Live events of the signed-in user (Server-Sent Events)",
  "description": "A text/event-stream: `retry:` first, then one block per event with `id:` (per node, no replay), `event:` (notification, job or record) and `data:` (the event as JSON); a `: keepalive` comment every 15 s; `event: reconnect` last when the client fell behind or the server stops. Notifications and job events reach their own user; record events only for watched records the user may read.",
  "tags": ["Events"],
  "parameters": [{"name": "watch", "in": "query", "required": false,
    "description": "Records to hear about: entity:id pairs or entity:* (every record of the entity the user may read), comma-separated, at most 100.",
    "schema": {"type": "string", "example": "customer:12,item:7"}}],
  "responses": {"200": {"description": "The event stream",
    "content": {"text/event-stream": {"schema": {"type": "string"}}}}}
})json";

}  // namespace

void add_event_routes(http::Router& router, Hub& hub, const entity::Registry& registry, const i18n::Catalog& catalog,
                      StreamOptions options) {
  router.get("/api/v1/events", [&hub, &registry, &catalog, options](http::Request& request) {
    auto principal = request.principal;
    if (!principal) {
      return http::problem_response(make_error(ErrorKind::unauthenticated, "error.unauthenticated"), request, catalog);
    }
    const std::string* watch_text = request.query_param("watch");
    auto watched = parse_watch(watch_text != nullptr ? *watch_text : std::string(), registry, *principal);
    if (!watched) return http::problem_response(watched.error(), request, catalog);
    auto filter = [principal, watched = std::move(*watched), &registry](const Event& event) {
      return may_receive(*principal, watched, registry, event);
    };
    http::Response response;
    response.headers.set("Content-Type", "text/event-stream; charset=utf-8");
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("X-Accel-Buffering", "no");  // nginx: pass each event on at once
    response.stream = std::make_shared<SseStream>(hub, std::move(filter), options);
    return response;
  }, {.access = http::Access::signed_in(), .openapi = kOpenApi});
}

void add_event_metrics(http::Metrics& metrics, const Hub& hub) {
  metrics.add_collector([&hub](std::string& out) {
    const HubStats s = hub.stats();
    out += "# HELP verp_events_subscribers Open live event streams on this node.\n";
    out += "# TYPE verp_events_subscribers gauge\nverp_events_subscribers " + std::to_string(s.subscribers) + "\n";
    out += "# HELP verp_events_published_total Committed events that reached this node.\n";
    out += "# TYPE verp_events_published_total counter\nverp_events_published_total " + std::to_string(s.published) +
           "\n";
    out += "# HELP verp_events_interruptions_total Times every stream was ended because events may have been "
           "missed.\n";
    out += "# TYPE verp_events_interruptions_total counter\nverp_events_interruptions_total " +
           std::to_string(s.interruptions) + "\n";
    out += "# HELP verp_events_overflows_total Streams dropped for falling behind.\n";
    out += "# TYPE verp_events_overflows_total counter\nverp_events_overflows_total " + std::to_string(s.overflows) +
           "\n";
  });
}

}  // namespace verp::events
