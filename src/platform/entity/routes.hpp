// The HTTP side of the entity framework: for every registered entity, the generic REST routes
// (ARCHITECTURE.md §4), its history, bulk actions, import and export; and the metadata the UI
// builds its pages from (/api/v1/meta/entities), including custom fields.
//
//   GET    /api/v1/{path}                    list (filters, q, sort, cursor); ?format=csv|xlsx exports
//   POST   /api/v1/{path}                    create; 409 with `duplicates` unless ?confirm_duplicates=true
//   POST   /api/v1/{path}/bulk               {"action","ids",["values"]}, all or nothing
//   POST   /api/v1/{path}/import             CSV or XLSX body; ?mode=dry_run|all|valid; &async=true → 202 + job
//   GET    /api/v1/{path}/{id}               one record
//   PATCH  /api/v1/{path}/{id}               with "version"; stale → 409
//   DELETE /api/v1/{path}/{id}               deletes, or archives when referenced
//   POST   /api/v1/{path}/{id}/restore       un-archives
//   GET    /api/v1/{path}/{id}/versions[/{v}]  history; POST …/versions/{v}/restore
//   GET    /api/v1/{path}/{id}/diff?from=&to=
//   POST   /api/v1/{path}/{id}/attachments   multipart/form-data, part "file"
//   GET    /api/v1/{path}/{id}/attachments[/{a}[/thumbnail]]   list, download, thumbnail
//   DELETE /api/v1/{path}/{id}/attachments/{a}
//
// Every route names its permission (entity name × read/create/update/delete/export/import);
// the store applies data scopes and field rules.
#pragma once

#include <filesystem>
#include <memory>

#include "platform/base/clock.hpp"
#include "platform/entity/store.hpp"
#include "platform/http/router.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/jobs/job_queue.hpp"

namespace verp::entity {

// What the entity routes share. Attachments are stored under `attachments_root`.
struct EntityServices {
  EntityServices(storage::Database& database, const Clock& clock, const i18n::Catalog& catalog,
                 const Registry& registry, const security::FieldCipher& cipher, std::filesystem::path attachments_root,
                 jobs::JobQueue* jobs = nullptr)
      : database(database),
        clock(clock),
        catalog(catalog),
        registry(registry),
        jobs(jobs),
        files(std::move(attachments_root)),
        store(database, clock, cipher, registry, files) {}
  EntityServices(const EntityServices&) = delete;
  EntityServices& operator=(const EntityServices&) = delete;

  storage::Database& database;
  const Clock& clock;
  const i18n::Catalog& catalog;
  const Registry& registry;
  jobs::JobQueue* jobs;  // runs imports in the background (?async=true); none: imports run in the request
  // Thread-safe (atomic, content-addressed writes), so the shared const services may store.
  mutable files::FileStore files;
  EntityStore store;  // refers to `files`: declared after it
};

void add_entity_routes(http::Router& router, std::shared_ptr<const EntityServices> services);

// Who a background job acts for: the user's principal in the company, loaded when the job runs
// (so grants revoked meanwhile apply).
using PrincipalLoader = std::function<Result<security::Principal>(std::int64_t user_id, std::int64_t company_id)>;

// The "entity.import" job: an uploaded file imported in the background with progress.
void register_import_job(jobs::JobQueue& queue, std::shared_ptr<const EntityServices> services,
                         PrincipalLoader principal_of);
// The "entity.export" job: GET /api/v1/{path}?format=xlsx|csv&async=true (with any list filters)
// answers 202 with the job; the job makes the file with the caller's rights at that time and its
// result names it for GET /api/v1/jobs/{id}/file.
void register_export_job(jobs::JobQueue& queue, std::shared_ptr<const EntityServices> services,
                         PrincipalLoader principal_of);
void add_meta_routes(http::Router& router, std::shared_ptr<const EntityServices> services);
void add_transfer_routes(http::Router& router, std::shared_ptr<const EntityServices> services);

// Helpers the route files share.
namespace web {
Caller caller_of(const http::Request& request);
http::Response problem(const EntityServices& services, const Error& error, const http::Request& request);
}  // namespace web

}  // namespace verp::entity
