#include "platform/jobs/routes.hpp"

#include <boost/json.hpp>

#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace verp::jobs {
namespace {

std::string iso(Clock::TimePoint at) { return storage::Timestamp::from_system(at).to_string(); }

boost::json::object job_json(const Job& job, const i18n::Catalog& catalog, std::string_view locale) {
  boost::json::object json{{"id", job.id},
                           {"kind", job.kind},
                           {"title", job.title},
                           {"state", to_string(job.state)},
                           {"progress", job.progress},
                           {"message", job.message},
                           {"attempts", job.attempts},
                           {"created_at", iso(job.created_at)},
                           {"started_at", job.started_at ? boost::json::value(iso(*job.started_at)) : nullptr},
                           {"finished_at", job.finished_at ? boost::json::value(iso(*job.finished_at)) : nullptr}};
  boost::system::error_code ec;
  auto result = job.result.empty() ? boost::json::value(nullptr) : boost::json::parse(job.result, ec);
  json["result"] = ec ? boost::json::value(nullptr) : result;
  if (!job.error.empty()) json["error"] = {{"code", job.error}, {"message", catalog.text(locale, job.error)}};
  return json;
}

}  // namespace

void add_job_routes(http::Router& router, JobQueue& queue, const i18n::Catalog& catalog, FileReader read_file) {
  auto mine = [&queue](const http::Request& request) -> Result<Job> {
    auto id = request.id_param("id");
    if (!id) return make_error(ErrorKind::not_found, "error.not_found");
    auto job = queue.get(*id);
    if (!job) return job.error();
    if (job->user_id != request.principal->user_id || job->company_id != request.principal->company_id) {
      return make_error(ErrorKind::not_found, "error.not_found");
    }
    return job;
  };

  router.get("/api/v1/jobs", [&queue, &catalog](http::Request& request) {
    auto list = queue.list_for_user(request.principal->user_id, request.principal->company_id);
    if (!list) return http::problem_response(list.error(), request, catalog);
    boost::json::array items;
    for (const Job& job : *list) items.push_back(job_json(job, catalog, request.locale));
    return http::json_response(200, boost::json::object{{"items", std::move(items)}});
  }, {.access = http::Access::signed_in(), .openapi = R"({"summary":"My background jobs","tags":["Jobs"]})"});

  router.get("/api/v1/jobs/{id}", [mine, &catalog](http::Request& request) {
    auto job = mine(request);
    if (!job) return http::problem_response(job.error(), request, catalog);
    return http::json_response(200, job_json(*job, catalog, request.locale));
  }, {.access = http::Access::signed_in(),
      .openapi = R"({"summary":"A job's state, progress and result","tags":["Jobs"]})"});

  if (read_file) {
    router.get("/api/v1/jobs/{id}/file", [mine, read_file, &catalog](http::Request& request) {
      auto job = mine(request);
      if (!job) return http::problem_response(job.error(), request, catalog);
      boost::system::error_code ec;
      auto result = job->result.empty() ? boost::json::value(nullptr) : boost::json::parse(job->result, ec);
      const auto* file = !ec && result.is_object() ? result.as_object().if_contains("file") : nullptr;
      if (job->state != State::succeeded || file == nullptr || !file->is_object()) {
        return http::problem_response(make_error(ErrorKind::not_found, "jobs.no_file"), request, catalog);
      }
      auto text = [&](std::string_view key) {
        const auto* v = file->as_object().if_contains(key);
        return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      auto bytes = read_file(text("sha256"));
      if (!bytes) return http::problem_response(bytes.error(), request, catalog);
      http::Response response = http::Response::text(200, std::move(*bytes), text("content_type"));
      // The name is ours (entity path and format), ASCII only; still, never let a quote through.
      std::string name = text("name");
      std::erase_if(name, [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
      response.headers.add("Content-Disposition", "attachment; filename=\"" + name + "\"");
      return response;
    }, {.access = http::Access::signed_in(),
        .openapi = R"({"summary":"Download the file a finished job produced","tags":["Jobs"]})"});
  }

  router.post("/api/v1/jobs/{id}/cancel", [mine, &queue, &catalog](http::Request& request) {
    auto job = mine(request);
    if (!job) return http::problem_response(job.error(), request, catalog);
    if (Status cancelled = queue.cancel(job->id); !cancelled) {
      return http::problem_response(cancelled.error(), request, catalog);
    }
    auto now = queue.get(job->id);
    if (!now) return http::problem_response(now.error(), request, catalog);
    return http::json_response(200, job_json(*now, catalog, request.locale));
  }, {.access = http::Access::signed_in(), .openapi = R"({"summary":"Cancel a job","tags":["Jobs"]})"});
}

}  // namespace verp::jobs
