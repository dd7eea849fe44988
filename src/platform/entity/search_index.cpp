// Full-text indexes, which schema sync cannot declare: FTS5 virtual tables on SQLite, pg_trgm
// GIN indexes on PostgreSQL.
#include "platform/base/log.hpp"
#include "platform/entity/store.hpp"
#include "platform/entity/store_internal.hpp"

namespace verp::entity {

using detail::sql_name;
using storage::Connection;

namespace {

Status sqlite_index(Connection& c, const EntitySpec& spec) {
  const std::string fts = spec.table + "_fts";
  auto exists = c.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", {fts});
  if (!exists) return exists.error();
  const std::string t = sql_name(spec.table);
  const std::string f = sql_name(fts);
  // The trigram tokenizer finds any substring of three or more characters, which is what
  // Chinese text needs (it has no spaces between words).
  std::string script = "CREATE VIRTUAL TABLE IF NOT EXISTS " + f + " USING fts5(search_text, content=" + t +
                       ", content_rowid='id', tokenize='trigram');"
                       "CREATE TRIGGER IF NOT EXISTS " + sql_name(fts + "_insert") + " AFTER INSERT ON " + t +
                       " BEGIN INSERT INTO " + f + "(rowid, search_text) VALUES (new.id, new.search_text); END;"
                       "CREATE TRIGGER IF NOT EXISTS " + sql_name(fts + "_delete") + " AFTER DELETE ON " + t +
                       " BEGIN INSERT INTO " + f + "(" + f + ", rowid, search_text) VALUES ('delete', old.id, old.search_text); END;"
                       "CREATE TRIGGER IF NOT EXISTS " + sql_name(fts + "_update") + " AFTER UPDATE OF search_text ON " + t +
                       " BEGIN INSERT INTO " + f + "(" + f + ", rowid, search_text) VALUES ('delete', old.id, old.search_text);"
                       " INSERT INTO " + f + "(rowid, search_text) VALUES (new.id, new.search_text); END;";
  if (!*exists) script += "INSERT INTO " + f + "(" + f + ") VALUES ('rebuild');";
  return c.execute_script(script);
}

}  // namespace

Status ensure_search_indexes(storage::Database& database, const Registry& registry) {
  if (database.dialect() == storage::Dialect::sqlite) {
    return database.write([&](Connection& c) -> Status {
      for (const auto& spec : registry.all()) {
        if (Status made = sqlite_index(c, *spec); !made) return made;
      }
      return {};
    });
  }
  // pg_trgm needs rights to create an extension; without it search still works (LIKE scans).
  // It lives in `public` so that dropping an application schema never drops it, and the
  // operator class is named with its schema, whatever the connection's search_path.
  auto trigram_schema = [&database]() -> Result<std::optional<std::string>> {
    return database.read([](Connection& c) -> Result<std::optional<std::string>> {
      auto row = c.query_row(
          "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
          "WHERE e.extname = 'pg_trgm'");
      if (!row) return row.error();
      if (!*row) return std::optional<std::string>();
      auto name = (*row)->text(0);
      if (!name) return name.error();
      return std::optional<std::string>(*name);
    });
  };
  auto schema = trigram_schema();
  if (!schema) return schema.error();
  if (!*schema) {
    Status created = database.write([&](Connection& c) -> Status {
      if (auto locked = c.query("SELECT pg_advisory_xact_lock(7428001)"); !locked) return locked.error();
      return c.execute_script("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
    });
    if (!created) {
      log::warn("entity.pg_trgm_unavailable", {{"detail", created.error().detail}});
      return {};
    }
    schema = trigram_schema();
    if (!schema) return schema.error();
    if (!*schema) return {};
  }
  const std::string operator_class = sql_name(**schema) + ".gin_trgm_ops";
  return database.write([&](Connection& c) -> Status {
    if (auto locked = c.query("SELECT pg_advisory_xact_lock(7428001)"); !locked) return locked.error();
    for (const auto& spec : registry.all()) {
      Status made = c.execute_script("CREATE INDEX IF NOT EXISTS " + sql_name(spec->table + "_search_trgm") + " ON " +
                                     sql_name(spec->table) + " USING gin (search_text " + operator_class + ")");
      if (!made) return made;
    }
    return {};
  });
}

}  // namespace verp::entity
