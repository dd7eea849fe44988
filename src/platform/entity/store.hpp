// EntityStore: the generic operations every entity gets from its declaration — list with
// filters, sort, cursor pages and full-text search; get; create with duplicate detection;
// patch with optimistic concurrency; archive, restore and delete; history; bulk actions and
// import — each applying the caller's data scope and field rules, and each mutation one
// database transaction that also writes the record's version history and the audit log.
//
// The save pipeline, in order (STYLE.md): decode (JSON → values, field rules, every bad field
// at once) → authorize and load with the data scope (404 for records the caller may not see)
// → version check (409) → apply → declared constraints → links exist and are visible → unique
// fields → the entity's own rule (EntitySpec::validate) → duplicates (create, unless
// confirmed) → persist → history → audit → commit.
//
// Data scopes (Principal::scope_for(entity, action)): own → the caller's records; department
// → the caller's department's records and their own; company → the active company's;
// all_companies → every company the caller belongs to. Consortium-wide entities
// (company_scoped = false) are readable by every holder of the read grant.
//
// Thread safety: an EntityStore is immutable after construction; every method may run on
// any thread at once (each uses its own transaction).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/entity/entity_spec.hpp"
#include "platform/files/file_store.hpp"
#include "platform/security/field_cipher.hpp"
#include "platform/security/principal.hpp"
#include "platform/storage/database.hpp"

namespace verp::entity {

// Where a request came from, for the audit log.
struct Caller {
  std::string address;
  std::string request_id;
};

enum class FilterOp { eq, ne, gt, gte, lt, lte, in, like, is_null };

struct Filter {
  std::string field;
  FilterOp op = FilterOp::eq;
  std::vector<storage::Value> values;  // one, or several for `in`; is_null: one bool
};

enum class ArchivedFilter { active, archived, all };

struct ListQuery {
  std::vector<Filter> filters;
  std::string q;  // full-text: every whitespace-separated term must occur
  std::string sort_field;
  bool descending = false;
  int limit = 50;  // 1..500 per page (exports: up to kExportLimit)
  std::string cursor;
  ArchivedFilter archived = ArchivedFilter::active;
};

inline constexpr int kExportLimit = 1'000'000;

struct Page {
  std::vector<Record> records;
  std::string next_cursor;  // empty on the last page
};

struct DuplicateMatch {
  std::int64_t id = 0;
  std::string title;
  std::string code;
  std::vector<std::string> matched_on;  // field names
};

// A create either saves the record or, when it looks like existing records and the client
// did not confirm, names them and saves nothing.
struct CreateOutcome {
  std::optional<Record> record;
  std::vector<DuplicateMatch> duplicates;
};

struct VersionInfo {
  std::int64_t version = 0;
  std::string action;  // create, update, archive, restore, import, restore_version, bulk_update
  storage::Timestamp changed_at;
  std::optional<std::int64_t> changed_by;
  std::string changed_by_name;
};

struct FieldDifference {
  std::string field;
  boost::json::value before;
  boost::json::value after;
};

enum class Removal { deleted, archived };

// What a link points at, for people: the target's title and code.
struct LinkTitle {
  std::string title;
  std::string code;
};
// field name → target id → its title and code.
using LinkTitles = std::map<std::string, std::map<std::int64_t, LinkTitle>, std::less<>>;

// A file attached to a record (contracts, images, certificates). The bytes live in the file
// store under their SHA-256; this is the record's reference to them.
struct Attachment {
  std::int64_t id = 0;
  std::int64_t record_id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::optional<std::string> thumbnail_sha256;  // images only
  storage::Timestamp created_at;
  std::optional<std::int64_t> created_by;
};

inline constexpr std::size_t kMaxAttachmentBytes = 10u << 20;

// One row of an import, already split into named cells (column name → text).
struct ImportRow {
  std::int64_t row_number = 0;  // as the user sees it in the file
  std::vector<std::pair<const Field*, std::string>> cells;
};

struct ImportProblem {
  std::int64_t row_number = 0;
  FieldError error;
};

struct ImportReport {
  std::int64_t rows = 0;
  std::int64_t valid_rows = 0;
  std::int64_t created = 0;
  std::vector<ImportProblem> problems;  // at most kMaxImportProblems, then truncated = true
  bool truncated = false;
  bool committed = false;
};

inline constexpr std::size_t kMaxImportProblems = 1000;

enum class ImportMode { dry_run, all_or_nothing, valid_rows_only };

class EntityStore {
 public:
  // `files` holds attachment contents; it must outlive the store.
  EntityStore(storage::Database& database, const Clock& clock, const security::FieldCipher& cipher,
              const Registry& registry, files::FileStore& files);

  // The content-addressed store attachments live in, for modules whose documents are not
  // entities (a voucher's source documents).
  files::FileStore& files() const { return files_; }

  // The entity's fields for the caller's company: the declared ones, then its custom fields.
  Result<std::vector<Field>> fields_for(const EntitySpec& spec, std::optional<std::int64_t> company) const;

  // Parses list parameters (name → value as in the URL: `grade=A`, `credit_limit.gte=1000`,
  // `q`, `sort=-name`, `limit`, `cursor`, `archived=true|all`). Unknown, hidden, sensitive
  // fields and bad values are validation errors naming the parameter.
  Result<ListQuery> parse_list_query(const EntitySpec& spec, const std::vector<Field>& fields,
                                     const security::Principal& principal,
                                     const std::vector<std::pair<std::string, std::string>>& params) const;

  Result<Page> list(const EntitySpec& spec, const std::vector<Field>& fields, const security::Principal& principal,
                    const ListQuery& query) const;
  Result<Record> get(const EntitySpec& spec, const security::Principal& principal, std::int64_t id) const;

  // get() inside the caller's transaction, with the data scope of `action` ("read", "update"…).
  Result<Record> get_in(storage::Connection& connection, const EntitySpec& spec, const security::Principal& principal,
                        std::int64_t id, std::string_view action = "read") const;
  // A state change a module's verb has already authorised (an approval decided, an order
  // shipped): writes `changes` — read-only fields included, no grant or data scope asked of
  // `actor`, no version check — as a new version under `action` in the history and the audit
  // log, inside the caller's transaction. Errors: not_found, storage errors.
  Result<Record> transition_in(storage::Connection& connection, const EntitySpec& spec,
                               const security::Principal& actor, std::int64_t id,
                               const std::map<std::string, storage::Value, std::less<>>& changes,
                               std::string_view action, const Caller& caller) const;
  Result<CreateOutcome> create(const EntitySpec& spec, const security::Principal& principal,
                               const boost::json::object& body, bool confirm_duplicates, const Caller& caller) const;
  // The same inside a transaction the caller runs, so that a module's transition (a task done and
  // its next occurrence, an order and its stock moves) commits or rolls back as one.
  Result<CreateOutcome> create_in(storage::Connection& connection, const EntitySpec& spec,
                                  const security::Principal& principal, const boost::json::object& body,
                                  bool confirm_duplicates, const Caller& caller) const;
  Result<Record> update_in(storage::Connection& connection, const EntitySpec& spec,
                           const security::Principal& principal, std::int64_t id, const boost::json::object& body,
                           const Caller& caller) const;

  // `body` must hold "version" (the version the client read); stale → conflict entity.stale_version.
  Result<Record> update(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                        const boost::json::object& body, const Caller& caller) const;
  // Deletes the record, or archives it when other records still refer to it.
  Result<Removal> remove(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                         const Caller& caller) const;
  Result<Record> unarchive(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                           const Caller& caller) const;

  Result<std::vector<VersionInfo>> versions(const EntitySpec& spec, const security::Principal& principal,
                                            std::int64_t id) const;
  // The record as it was at `version` (fields only), encoded for the caller.
  Result<boost::json::object> version_snapshot(const EntitySpec& spec, const security::Principal& principal,
                                               std::int64_t id, std::int64_t version) const;
  Result<std::vector<FieldDifference>> diff(const EntitySpec& spec, const security::Principal& principal,
                                            std::int64_t id, std::int64_t from, std::int64_t to) const;
  // Makes the fields of `version` current again, as a new version; `current_version` as in update.
  Result<Record> restore_version(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                                 std::int64_t version, std::int64_t current_version, const Caller& caller) const;

  // One action on many records in one transaction; any failure fails all ("ids[3]" names it).
  // action: "archive", "restore", "delete" or "update" (with `values`, as a patch without version).
  Result<std::int64_t> bulk(const EntitySpec& spec, const security::Principal& principal, std::string_view action,
                            const std::vector<std::int64_t>& ids, const boost::json::object& values,
                            const Caller& caller) const;

  // Checks every row; dry_run saves nothing, all_or_nothing saves all rows only when every row
  // is valid, valid_rows_only saves the valid ones. Rows are created in the caller's company.
  // A row that looks like an existing record (duplicate keys) is a problem unless confirmed.
  // The import is one transaction and one audit entry (rows, created, the first and last id);
  // each created record's history starts with an "import" version.
  // `progress`, when given, hears (percent, what) as the import goes and may answer false to
  // stop it: the transaction is then rolled back and the error is entity.import_cancelled.
  using ImportProgress = std::function<bool(int percent, std::string_view stage)>;
  Result<ImportReport> import_rows(const EntitySpec& spec, const security::Principal& principal,
                                   const std::vector<ImportRow>& rows, ImportMode mode, bool confirm_duplicates,
                                   const Caller& caller, const ImportProgress& progress = {}) const;

  // Attachments. Uploading or removing one needs the update grant on the record, reading one
  // the read grant, both within the caller's data scope (404 otherwise). The content type is
  // taken from the bytes, never from the client; types outside the allow list are refused.
  Result<Attachment> attach(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                            std::string_view file_name, std::string_view bytes, const Caller& caller) const;
  Result<std::vector<Attachment>> attachments(const EntitySpec& spec, const security::Principal& principal,
                                              std::int64_t id) const;
  // The attachment and its bytes (or its thumbnail's).
  Result<std::pair<Attachment, std::string>> attachment_content(const EntitySpec& spec,
                                                                const security::Principal& principal, std::int64_t id,
                                                                std::int64_t attachment_id, bool thumbnail) const;
  Status detach(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                std::int64_t attachment_id, const Caller& caller) const;

  // The titles and codes of what the records' link fields point at, one query per link field;
  // only for targets the caller may read, and never a title field hidden from them.
  Result<LinkTitles> link_titles(const EntitySpec& spec, const std::vector<Field>& fields,
                                 const security::Principal& principal, const std::vector<Record>& records) const;

  // The record as API JSON: system fields, then every field the caller may see, then (with
  // `titles`) "_links": {field: {"title","code"}} — or a list of {"id","title","code"} for links.
  boost::json::object to_json(const EntitySpec& spec, const std::vector<Field>& fields,
                              const security::Principal& principal, const Record& record,
                              const LinkTitles* titles = nullptr) const;

  // Records an export in the audit log: what was exported, how many rows, in which format and,
  // when given, the request's target (its path and query: which filters, which records).
  Status audit_export(const EntitySpec& spec, const security::Principal& principal, std::int64_t rows,
                      std::string_view format, const Caller& caller, std::string_view query = {}) const;

  const Registry& registry() const { return registry_; }

 private:
  // update() with the name the history and the audit log give the change; in `within` when given.
  Result<Record> save_patch(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                            const boost::json::object& body, const Caller& caller, std::string_view action,
                            storage::Connection* within = nullptr) const;
  Result<CreateOutcome> create_impl(const EntitySpec& spec, const security::Principal& principal,
                                    const boost::json::object& body, bool confirm_duplicates, const Caller& caller,
                                    storage::Connection* within) const;
  Result<std::vector<Field>> fields_in(storage::Connection* within, const EntitySpec& spec,
                                       std::optional<std::int64_t> company) const;

  storage::Database& database_;
  const Clock& clock_;
  const security::FieldCipher& cipher_;
  const Registry& registry_;
  files::FileStore& files_;  // thread-safe; put() stores new contents
};

// `verp check`: every record's current version is in its history (a record changed behind the
// store's back — by hand in SQL — has a version its history lacks). One problem per entity.
Result<std::vector<std::string>> check_history(storage::Database& database, const Registry& registry);

// Shared tables of the entity framework: entity_versions, entity_custom_fields, entity_attachments.
std::vector<storage::TableDef> framework_tables();

// Creates what schema sync cannot: the full-text index of each entity (SQLite FTS5 trigram
// tables with their triggers; PostgreSQL pg_trgm GIN indexes when the extension can be created).
// Idempotent; safe to run at every start and from several nodes at once.
Status ensure_search_indexes(storage::Database& database, const Registry& registry);

// Custom fields (ARCHITECTURE.md §3): runtime fields stored in the record's JSON column.
// Names start with "x_". Errors: entity.invalid_custom_field (validation, detail), conflict
// when the name exists.
Result<Field> add_custom_field(storage::Database& database, const Clock& clock, const Registry& registry,
                               const EntitySpec& spec, const security::Principal& principal,
                               const boost::json::object& definition, const Caller& caller);
Status remove_custom_field(storage::Database& database, const Clock& clock, const EntitySpec& spec,
                           const security::Principal& principal, std::string_view name, const Caller& caller);

}  // namespace verp::entity
