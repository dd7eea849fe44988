// The HTTP side of a running application: router with the platform's and every module's
// routes, the web UI fallback, and the dispatcher with every module's middleware. `verp serve`
// puts a Server in front of it; tests call dispatcher->dispatch() directly.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "app/database_setup.hpp"
#include "platform/http/dispatcher.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"
#include "platform/entity/routes.hpp"
#include "platform/events/hub.hpp"
#include "platform/jobs/job_queue.hpp"
#include "platform/jobs/schedule.hpp"

namespace verp::app {

struct HttpStack {
  http::Router router;
  std::unique_ptr<http::StaticFiles> web_ui;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::shared_ptr<const entity::EntityServices> entity_services;  // ModuleContext::entity_store points into it
  // Live events: committed events reach the hub through the feed (dropped before the hub).
  std::unique_ptr<events::Hub> events;
  std::unique_ptr<storage::Listener> events_feed;
  // Last, so they are destroyed first: the scheduler (which enqueues) before the queue, and the
  // queue's workers before what their handlers use goes away.
  std::unique_ptr<jobs::JobQueue> jobs;
  std::unique_ptr<jobs::Scheduler> scheduler;
};

// Also starts the background job workers (stopped when the stack is destroyed); a running job
// whose heartbeat is older than `job_stale_after` is taken for one whose process died.
std::unique_ptr<HttpStack> build_http_stack(Application& app, const std::string& web_root, bool access_log,
                                            std::chrono::seconds job_stale_after = std::chrono::seconds(60));

}  // namespace verp::app
