#include "modules/finance/voucher_files.hpp"

#include <boost/json.hpp>

#include "modules/finance/ledger_columns.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "platform/entity/store.hpp"
#include "platform/files/content_type.hpp"

namespace verp::finance {

namespace json = boost::json;
using storage::Column;
using storage::ColumnType;
using storage::Connection;
using storage::Reference;
using storage::Row;
using storage::TableDef;
using storage::Timestamp;

std::vector<TableDef> voucher_file_tables() {
  using namespace columns;
  return {TableDef{
      .name = "voucher_files",
      .columns = {key(), refers("voucher_id", "vouchers"), refers("company_id", "companies"), words("file_name"),
                  words("content_type"), number("size"), words("sha256"), refers("created_by", "users"),
                  moment("created_at", true)},
      .indexes = {storage::Index{.name = "voucher_files_voucher_idx", .columns = {"voucher_id", "id"}}}}};
}

namespace {

Result<std::optional<std::string>> voucher_state(Connection& c, std::int64_t company, std::int64_t voucher) {
  auto row = c.query_row("SELECT state FROM vouchers WHERE id = $1 AND company_id = $2", {voucher, company});
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>((*row)->text(0).value_or(""));
}

VoucherFile file_from(const Row& row) {
  return VoucherFile{.id = row.int64(0).value_or(0), .file_name = row.text(1).value_or(""),
                     .content_type = row.text(2).value_or(""), .size = row.int64(3).value_or(0),
                     .sha256 = row.text(4).value_or("")};
}

}  // namespace

Result<VoucherFile> attach_voucher_file(storage::Database& database, files::FileStore& files, const Actor& actor,
                                        std::int64_t voucher_id, std::string_view file_name, std::string_view bytes) {
  const std::int64_t company = actor.principal.company_id;
  if (bytes.empty()) return field_error("file", "required", "field.required");
  if (bytes.size() > entity::kMaxAttachmentBytes) {
    Error error = make_error(ErrorKind::too_large, "entity.attachment_too_large");
    error.args = {{"max", std::to_string(entity::kMaxAttachmentBytes >> 20) + " MB"}};
    return error;
  }
  if (file_name.empty() || file_name.size() > 255) return field_error("file", "file_name", "entity.attachment_name");
  auto type = files::sniff_content_type(bytes);
  if (!type) return type.error();
  if (!files::is_allowed_attachment_type(*type)) {
    return field_error("file", "type_not_allowed", "entity.attachment_type", {{"type", *type}});
  }
  // Whose voucher it is, before anything is stored: an outsider cannot fill the disk.
  auto state = database.read([&](Connection& c) { return voucher_state(c, company, voucher_id); });
  if (!state) return state.error();
  if (!*state) return make_error(ErrorKind::not_found, "error.not_found");
  auto stored = files.put(bytes);
  if (!stored) return stored.error();
  return database.write([&](Connection& c) -> Result<VoucherFile> {
    auto now_state = voucher_state(c, company, voucher_id);
    if (!now_state) return now_state.error();
    if (!*now_state) return make_error(ErrorKind::not_found, "error.not_found");
    if (**now_state == "void") return make_error(ErrorKind::invalid_transition, "finance.voucher_void");
    auto row = c.query_row(
        "INSERT INTO voucher_files (voucher_id, company_id, file_name, content_type, size, sha256, created_by, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, file_name, content_type, size, sha256",
        {voucher_id, company, std::string(file_name), *type, static_cast<std::int64_t>(bytes.size()), stored->sha256,
         actor.principal.user_id, Timestamp::from_system(actor.clock.now())});
    if (!row) return row.error();
    const VoucherFile file = file_from(**row);
    if (Status audited = audit_ledger(c, actor, "voucher.attach", "voucher", voucher_id,
                                      {{"file", file.file_name}, {"size", file.size}, {"sha256", file.sha256}});
        !audited) {
      return audited.error();
    }
    return file;
  });
}

Result<json::object> voucher_files(Connection& c, std::int64_t company, std::int64_t voucher_id) {
  auto state = voucher_state(c, company, voucher_id);
  if (!state) return state.error();
  if (!*state) return make_error(ErrorKind::not_found, "error.not_found");
  auto rows = c.query("SELECT id, file_name, content_type, size, sha256 FROM voucher_files WHERE voucher_id = $1 "
                      "ORDER BY id",
                      {voucher_id});
  if (!rows) return rows.error();
  json::array items;
  for (const Row& row : *rows) {
    const VoucherFile file = file_from(row);
    items.push_back(json::object{{"id", file.id},
                                 {"file_name", file.file_name},
                                 {"content_type", file.content_type},
                                 {"size", file.size}});
  }
  return json::object{{"items", std::move(items)}};
}

Result<std::pair<VoucherFile, std::string>> voucher_file_content(storage::Database& database,
                                                                 const files::FileStore& files, std::int64_t company,
                                                                 std::int64_t voucher_id, std::int64_t file_id) {
  auto row = database.read([&](Connection& c) {
    return c.query_row("SELECT id, file_name, content_type, size, sha256 FROM voucher_files "
                       "WHERE id = $1 AND voucher_id = $2 AND company_id = $3",
                       {file_id, voucher_id, company});
  });
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  const VoucherFile file = file_from(**row);
  auto bytes = files.read(file.sha256);
  if (!bytes) return bytes.error();
  return std::pair<VoucherFile, std::string>{file, std::move(*bytes)};
}

Status remove_voucher_file(Connection& c, const Actor& actor, std::int64_t voucher_id, std::int64_t file_id) {
  auto state = voucher_state(c, actor.principal.company_id, voucher_id);
  if (!state) return state.error();
  if (!*state) return make_error(ErrorKind::not_found, "error.not_found");
  if (**state != "draft") return make_error(ErrorKind::invalid_transition, "finance.voucher_not_draft");
  auto row = c.query_row("DELETE FROM voucher_files WHERE id = $1 AND voucher_id = $2 RETURNING file_name",
                         {file_id, voucher_id});
  if (!row) return row.error();
  if (!*row) return make_error(ErrorKind::not_found, "error.not_found");
  return audit_ledger(c, actor, "voucher.detach", "voucher", voucher_id, {{"file", (*row)->text(0).value_or("")}});
}

}  // namespace verp::finance
