// EntitySpec: the one declaration of an entity (customer, item, warehouse…) from which verp
// derives its table on both databases, its REST API with validation, filters, full-text search,
// history, duplicate detection, import/export, OpenAPI and UI metadata (ARCHITECTURE.md §3).
//
//   EntitySpec customer{.name = "customer", .table = "customers", .path = "customers",
//                       .label = {"客户", "Customer"}, .fields = {...}};
//
// Every record also carries system columns the spec does not declare: id, company_id (the
// member company that owns it; null for consortium-wide entities), owner_id and department_id
// (for the "own" and "department" data scopes), version (optimistic concurrency), archived_at,
// created_at/by, updated_at/by, custom (runtime custom fields, JSON), search_text (what `q`
// searches) and one dedupe_<field> column per duplicate-detection field.
//
// Permissions use the entity's name as the resource: read, create, update, delete, export,
// import. The audit log's target_type is the name as well.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.hpp"
#include "platform/entity/field.hpp"
#include "platform/security/principal.hpp"
#include "platform/storage/connection.hpp"
#include "platform/storage/schema.hpp"
#include "platform/storage/value.hpp"

namespace verp::entity {

// One record as the entity layer handles it: system columns plus every field's value, the
// declared and the custom ones, by name. Values are in their API form after decoding: text,
// int64, bool, Decimal, Date, Timestamp, or JSON text for tags and json fields; sensitive
// values are plain here and sealed only in the database.
struct Record {
  std::int64_t id = 0;
  std::optional<std::int64_t> company_id;
  std::optional<std::int64_t> owner_id;
  std::optional<std::int64_t> department_id;
  std::int64_t version = 0;
  std::optional<storage::Timestamp> archived_at;
  storage::Timestamp created_at;
  storage::Timestamp updated_at;
  std::optional<std::int64_t> created_by;
  std::optional<std::int64_t> updated_by;
  std::map<std::string, storage::Value, std::less<>> values;

  const storage::Value& get(std::string_view field) const;
};

// What an entity's own rule sees while a record is saved, inside the save's transaction.
struct RuleContext {
  storage::Connection& connection;
  const security::Principal& principal;
  const Record& record;  // as it will be saved
  const Record* before;  // null when the record is being created
  std::vector<FieldError>& errors;

  void reject(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args = {}) {
    errors.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), std::move(args)});
  }
};

// A document that needs approval (审批) before it takes effect. The workflow module's approval
// engine starts a flow when the document is submitted, keeps `status_field` at `pending` while the
// flow runs, and sets it to `approved` or `rejected` (back to `draft` when withdrawn) in the
// transaction that ends the flow. Only a draft or rejected document can be edited through the
// generic API (the status enum may hold further states of the module's own, e.g. received):
// approvers approve what they saw.
struct ApprovalSpec {
  std::string status_field = "status";  // a read-only enum holding the four values below
  std::string draft = "draft";
  std::string pending = "pending";
  std::string approved = "approved";
  std::string rejected = "rejected";
  // Values rules may test besides the fields, computed at submission inside its transaction
  // (e.g. "over_credit_limit" for a sales order); may be empty.
  std::function<Result<boost::json::object>(storage::Connection&, const Record&)> facts;
  std::vector<std::string> fact_names;  // what `facts` answers, so rules naming them can be checked
  // Runs after the status is set, in the same transaction (e.g. an approved order reserves
  // stock); outcome is "approved", "rejected" or "withdrawn". May be empty.
  std::function<Status(storage::Connection&, const Record&, std::string_view outcome)> decided;
};

struct EntitySpec {
  std::string name;   // resource and audit name, snake_case singular: "customer"
  std::string table;  // "customers"
  std::string path;   // URL segment under /api/v1: "customers"
  LocalText label;
  std::vector<Field> fields;
  bool company_scoped = true;  // false: consortium-wide data (currencies), company_id is null
  std::string title_field = "name";  // what names a record in lists, links and duplicates
  std::string code_field;            // the business key, if any ("code")
  std::string default_sort = "id";   // a field name, '-' for descending
  // The entity's own rules, beyond the declared constraints; runs after them, in the save's
  // transaction, for creates, updates, imports and restores. Report problems with reject();
  // return an Error only when the rule itself fails (storage).
  std::function<Status(RuleContext&)> validate;
  std::optional<ApprovalSpec> approval;  // set for documents that go through approval

  const Field* field(std::string_view field_name) const;
};

// The system columns every entity table has, in order.
const std::vector<std::string>& system_columns();
bool is_system_column(std::string_view name);

// The table for one entity: system columns, a column per declared field, foreign keys for
// links, unique indexes for unique fields, indexes for filters that lists use most.
storage::TableDef table_for(const EntitySpec& spec, const std::function<const EntitySpec*(std::string_view)>& find);

// Every entity of the application, filled at start-up and read-only afterwards (thread-safe
// to read then).
class Registry {
 public:
  // Checks the declaration (names, kinds, options, links to registered entities, patterns,
  // defaults) and keeps it. Errors: validation "entity.invalid_spec" with a detail.
  Status add(EntitySpec spec);

  const EntitySpec* find(std::string_view name) const;
  const EntitySpec* find_by_path(std::string_view path) const;
  const std::vector<std::shared_ptr<const EntitySpec>>& all() const { return specs_; }

  // The tables of every registered entity, in registration order (link targets first).
  std::vector<storage::TableDef> tables() const;

 private:
  std::vector<std::shared_ptr<const EntitySpec>> specs_;
};

// Checks one field's declaration (also used for custom fields). Errors as Registry::add.
Status check_field(Field& field, const std::function<const EntitySpec*(std::string_view)>& find);

}  // namespace verp::entity
