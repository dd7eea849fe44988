// A voucher's source documents as files (原始凭证: invoices, receipts, contracts — scans or PDFs),
// in the content-addressed store entity attachments use. `attachments` on the voucher stays the
// count of paper documents the preparer declares (附单据数); files are what the system keeps.
//
// Files may be added while the voucher is not void (archives scan paper after posting, too) and
// removed only from a draft. Every change is audited.
#pragma once

#include <boost/json/object.hpp>

#include "modules/finance/ledger.hpp"
#include "platform/files/file_store.hpp"

namespace verp::finance {

std::vector<storage::TableDef> voucher_file_tables();

struct VoucherFile {
  std::int64_t id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
};

// Errors: not_found; validation "file" (empty, name, type not allowed); too_large (over 10 MB);
// invalid_transition "finance.voucher_void".
Result<VoucherFile> attach_voucher_file(storage::Database& database, files::FileStore& files, const Actor& actor,
                                        std::int64_t voucher_id, std::string_view file_name, std::string_view bytes);
Result<boost::json::object> voucher_files(storage::Connection& c, std::int64_t company, std::int64_t voucher_id);
// The file's description and bytes. Errors: not_found.
Result<std::pair<VoucherFile, std::string>> voucher_file_content(storage::Database& database,
                                                                 const files::FileStore& files, std::int64_t company,
                                                                 std::int64_t voucher_id, std::int64_t file_id);
// Errors: not_found; invalid_transition "finance.voucher_not_draft".
Status remove_voucher_file(storage::Connection& c, const Actor& actor, std::int64_t voucher_id, std::int64_t file_id);

}  // namespace verp::finance
