// The caller's own background jobs over HTTP:
//   GET  /api/v1/jobs                 my jobs in the active company, newest first
//   GET  /api/v1/jobs/{id}            one of them: state, progress, message, result
//   POST /api/v1/jobs/{id}/cancel     stop it
// Other users' jobs are 404.
#pragma once

#include <functional>
#include <string>

#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/jobs/job_queue.hpp"

namespace verp::jobs {

// A job whose result names a file — {"file": {"sha256", "name", "content_type", "size"}, …} — is
// downloaded at GET /api/v1/jobs/{id}/file by the user who started it; `read_file` gives the
// stored bytes for a sha256 (the application's file store).
using FileReader = std::function<Result<std::string>(const std::string& sha256)>;

void add_job_routes(http::Router& router, JobQueue& queue, const i18n::Catalog& catalog, FileReader read_file = {});

}  // namespace verp::jobs
