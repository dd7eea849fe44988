// Attachments of records: the bytes in the content-addressed file store, the reference in
// entity_attachments, both guarded by the owning record's permissions and data scope.
#include "platform/audit/audit_log.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"
#include "platform/files/content_type.hpp"
#include "platform/files/thumbnail.hpp"

namespace verp::entity {

using storage::Connection;
using storage::Value;

namespace {

constexpr std::string_view kColumns =
    "id, record_id, file_name, content_type, size, sha256, thumbnail_sha256, created_at, created_by";

Attachment read_attachment(const storage::Row& row) {
  Attachment a;
  a.id = row.int64(0).value_or(0);
  a.record_id = row.int64(1).value_or(0);
  a.file_name = row.text(2).value_or("");
  a.content_type = row.text(3).value_or("");
  a.size = row.int64(4).value_or(0);
  a.sha256 = row.text(5).value_or("");
  if (!row.is_null(6)) a.thumbnail_sha256 = row.text(6).value_or("");
  a.created_at = row.timestamp(7).value_or(storage::Timestamp{});
  if (!row.is_null(8)) a.created_by = row.int64(8).value_or(0);
  return a;
}

Error validation(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args = {}) {
  Error error = make_error(ErrorKind::validation, "error.validation");
  error.fields.push_back({std::move(field), std::move(code), std::move(message_id), std::move(args)});
  return error;
}

}  // namespace

Result<Attachment> EntityStore::attach(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                                       std::string_view file_name, std::string_view bytes, const Caller& caller) const {
  if (bytes.empty()) return validation("file", "required", "field.required");
  if (bytes.size() > kMaxAttachmentBytes) {
    Error error = make_error(ErrorKind::too_large, "entity.attachment_too_large");
    error.with_arg("max", std::to_string(kMaxAttachmentBytes >> 20) + " MB");
    return error;
  }
  if (file_name.empty() || file_name.size() > 255) return validation("file", "file_name", "entity.attachment_name");
  auto type = files::sniff_content_type(bytes);
  if (!type) return type.error();
  if (!files::is_allowed_attachment_type(*type)) {
    return validation("file", "type_not_allowed", "entity.attachment_type", {{"type", *type}});
  }
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  // Check access before storing anything, so an outsider cannot fill the disk.
  auto record = database_.read(
      [&](Connection& c) { return detail::load_visible(c, spec, *fields, principal, "update", id, cipher_); });
  if (!record) return record.error();

  auto stored = files_.put(bytes);
  if (!stored) return stored.error();
  std::optional<std::string> thumbnail;
  if (type->starts_with("image/")) {
    // A picture that cannot be shrunk (too big to decode safely, or damaged) is refused.
    auto small = files::make_thumbnail(bytes);
    if (!small) return small.error();
    auto kept = files_.put(*small);
    if (!kept) return kept.error();
    thumbnail = kept->sha256;
  }
  const auto now = storage::Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Result<Attachment> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "update", id, cipher_); !visible) {
      return visible.error();
    }
    auto row = c.query_row(
        "INSERT INTO entity_attachments (company_id, entity, record_id, file_name, content_type, size, sha256, "
        "thumbnail_sha256, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " +
            std::string(kColumns),
        {Value(record->company_id), spec.name, id, std::string(file_name), *type,
         static_cast<std::int64_t>(bytes.size()), stored->sha256, Value(thumbnail), now, principal.user_id});
    if (!row) return row.error();
    Attachment attachment = read_attachment(**row);
    if (Status audited = detail::write_audit(c, spec, principal, caller, now, "attachment.add", id,
                                             audit::detail_json({{"attachment_id", std::to_string(attachment.id)},
                                                                 {"file_name", attachment.file_name},
                                                                 {"content_type", attachment.content_type},
                                                                 {"sha256", attachment.sha256}}));
        !audited) {
      return audited.error();
    }
    return attachment;
  });
}

Result<std::vector<Attachment>> EntityStore::attachments(const EntitySpec& spec, const security::Principal& principal,
                                                         std::int64_t id) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  return database_.read([&](Connection& c) -> Result<std::vector<Attachment>> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "read", id, cipher_); !visible) {
      return visible.error();
    }
    auto rows = c.query("SELECT " + std::string(kColumns) +
                            " FROM entity_attachments WHERE entity = $1 AND record_id = $2 ORDER BY id",
                        {spec.name, id});
    if (!rows) return rows.error();
    std::vector<Attachment> list;
    for (const auto& row : *rows) list.push_back(read_attachment(row));
    return list;
  });
}

Result<std::pair<Attachment, std::string>> EntityStore::attachment_content(const EntitySpec& spec,
                                                                           const security::Principal& principal,
                                                                           std::int64_t id, std::int64_t attachment_id,
                                                                           bool thumbnail) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  auto attachment = database_.read([&](Connection& c) -> Result<Attachment> {
    if (auto visible = detail::load_visible(c, spec, *fields, principal, "read", id, cipher_); !visible) {
      return visible.error();
    }
    auto row = c.query_row("SELECT " + std::string(kColumns) +
                               " FROM entity_attachments WHERE id = $1 AND entity = $2 AND record_id = $3",
                           {attachment_id, spec.name, id});
    if (!row) return row.error();
    if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
    return read_attachment(**row);
  });
  if (!attachment) return attachment.error();
  if (thumbnail && !attachment->thumbnail_sha256) return make_error(ErrorKind::not_found, "error.not_found");
  auto bytes = files_.read(thumbnail ? *attachment->thumbnail_sha256 : attachment->sha256);
  if (!bytes) return bytes.error();
  return std::make_pair(std::move(*attachment), std::move(*bytes));
}

Status EntityStore::detach(const EntitySpec& spec, const security::Principal& principal, std::int64_t id,
                           std::int64_t attachment_id, const Caller& caller) const {
  auto fields = fields_for(spec, principal.company_id);
  if (!fields) return fields.error();
  const auto now = storage::Timestamp::from_system(clock_.now());
  return database_.write([&](Connection& c) -> Status {
    auto record = detail::load_visible(c, spec, *fields, principal, "update", id, cipher_);
    if (!record) return record.error();
    for (const Field& field : *fields) {
      const auto* used = record->get(field.name).get_if<std::int64_t>();
      if (field.kind == FieldKind::attachment && used != nullptr && *used == attachment_id) {
        return validation(field.name, "in_use", "entity.attachment_in_use");
      }
    }
    // The bytes stay in the store: the record's history and other records may share them.
    auto removed = c.execute("DELETE FROM entity_attachments WHERE id = $1 AND entity = $2 AND record_id = $3",
                             {attachment_id, spec.name, id});
    if (!removed) return removed.error();
    if (*removed == 0) return make_error(ErrorKind::not_found, "error.not_found");
    return detail::write_audit(c, spec, principal, caller, now, "attachment.remove", id,
                               audit::detail_json({{"attachment_id", std::to_string(attachment_id)}}));
  });
}

}  // namespace verp::entity
