// The caller's own background jobs over HTTP:
//   GET  /api/v1/jobs                 my jobs in the active company, newest first
//   GET  /api/v1/jobs/{id}            one of them: state, progress, message, result
//   POST /api/v1/jobs/{id}/cancel     stop it
// Other users' jobs are 404.
#pragma once

#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/jobs/job_queue.hpp"

namespace verp::jobs {

void add_job_routes(http::Router& router, JobQueue& queue, const i18n::Catalog& catalog);

}  // namespace verp::jobs
