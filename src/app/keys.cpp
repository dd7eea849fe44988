// `verp keys rotate`: a new field-encryption key becomes current and every sealed value is
// re-sealed with it in one transaction, so no value is left under a key that may be retired.
#include <cstdio>
#include <cstdlib>

#include "app/commands.hpp"
#include "app/database_setup.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/base/try.hpp"

namespace verp::app {
namespace {

Result<std::int64_t> reseal(storage::Database& database, const security::FieldCipher& cipher,
                            const std::vector<SealedColumn>& columns) {
  return database.write([&](storage::Connection& c) -> Result<std::int64_t> {
    std::int64_t count = 0;
    for (const auto& column : columns) {
      // Table and column names come from module declarations, never from input.
      VERP_TRY(auto rows, c.query("SELECT id, " + column.column + " FROM " + column.table + " WHERE " + column.column +
                                      " IS NOT NULL",
                                  {}));
      for (const auto& row : rows) {
        VERP_TRY(auto id, row.int64(0));
        VERP_TRY(auto sealed, row.text(1));
        if (cipher.sealed_with_current_key(sealed)) continue;
        VERP_TRY(auto plain, cipher.open(sealed));
        VERP_TRY(auto resealed, cipher.seal(plain));
        VERP_CHECK(c.execute("UPDATE " + column.table + " SET " + column.column + " = $1 WHERE id = $2", {resealed, id}));
        ++count;
      }
    }
    audit::Entry entry;
    entry.at = std::chrono::system_clock::now();
    entry.user_name = "system";
    entry.address = "local";
    entry.request_id = "keys-rotate";
    entry.action = "keys.rotate";
    entry.target_type = "field_keys";
    entry.target_id = std::to_string(cipher.current_key_id());
    entry.change = audit::detail_json({{"resealed", std::to_string(count)}});
    VERP_CHECK(audit::append(c, entry));
    return count;
  });
}

}  // namespace

int run_keys_rotate(const Settings& settings) {
  if (const char* spec = std::getenv("VERP_FIELD_KEYS"); spec != nullptr && *spec != '\0') {
    print_error("keys come from VERP_FIELD_KEYS: add a key to that variable instead; rotate works on the key file");
    return 2;
  }
  auto app = open_application(settings, /*start_modules=*/false);
  if (!app) {
    print_error(app.error().detail);
    return 1;
  }
  if (Status rotated = app->cipher->rotate(field_key_file(settings)); !rotated) {
    print_error("key file: " + rotated.error().detail);
    return 1;
  }
  std::vector<SealedColumn> columns;
  for (const auto& module : app->modules) {
    auto owned = module->sealed_columns();
    columns.insert(columns.end(), owned.begin(), owned.end());
  }
  // Every sensitive field of every entity is a sealed column too. (History snapshots keep the
  // values sealed with the key of their day; old keys stay in the file, so they still open.)
  for (const auto& spec : app->entities->all()) {
    for (const auto& field : spec->fields) {
      if (field.sensitive) columns.push_back({spec->table, field.name});
    }
  }
  auto count = reseal(*app->database, *app->cipher, columns);
  if (!count) {
    print_error("re-sealing failed, nothing changed in the database (the new key stays in the file): " +
                count.error().detail);
    return 1;
  }
  std::printf("verp keys rotate: key %d is current; %lld values re-encrypted\n", app->cipher->current_key_id(),
              static_cast<long long>(*count));
  return 0;
}

}  // namespace verp::app
