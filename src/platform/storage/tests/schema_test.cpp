// Schema sync on both backends: declared tables are created, then extended, never dropped.
#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::storage {
namespace {

using testing_support::describe;

class SchemaTest : public testing_support::StorageTest {};

TableDef customer_v1() {
  return TableDef{.name = "customer",
                  .columns = {{.name = "id", .type = ColumnType::int64, .identity = true},
                              {.name = "code", .type = ColumnType::text, .not_null = true},
                              {.name = "name", .type = ColumnType::text, .not_null = true}},
                  .primary_key = {},
                  .indexes = {{.name = "customer_code_key", .columns = {"code"}, .unique = true}}};
}

// Version 2 of the same declaration: two new columns (one NOT NULL with a default) and an index.
TableDef customer_v2() {
  TableDef table = customer_v1();
  table.columns.push_back({.name = "credit_limit",
                           .type = ColumnType::decimal,
                           .not_null = true,
                           .default_value = Value(*Decimal::parse("10000.00"))});
  table.columns.push_back({.name = "grade", .type = ColumnType::text});
  table.indexes.push_back({.name = "customer_grade_idx", .columns = {"grade", "name"}});
  return table;
}

TEST_P(SchemaTest, SyncCreatesATableThenExtendsItIdempotently) {
  auto created = sync_schema(db(), {customer_v1()});
  ASSERT_TRUE(created.ok()) << describe(created);
  EXPECT_EQ(std::vector<std::string>{"customer"}, created->created_tables);
  EXPECT_EQ(std::vector<std::string>{"customer_code_key"}, created->created_indexes);

  auto again = sync_schema(db(), {customer_v1()});
  ASSERT_TRUE(again.ok()) << describe(again);
  EXPECT_FALSE(again->changed());

  VERP_ASSERT_OK(exec("INSERT INTO customer (code, name) VALUES ($1, $2)", {"C1", "华东机电"}));

  auto extended = sync_schema(db(), {customer_v2()});
  ASSERT_TRUE(extended.ok()) << describe(extended);
  EXPECT_TRUE(extended->created_tables.empty());
  EXPECT_EQ((std::vector<std::string>{"customer.credit_limit", "customer.grade"}), extended->added_columns);
  EXPECT_EQ(std::vector<std::string>{"customer_grade_idx"}, extended->created_indexes);

  auto row = db().read([](Connection& c) { return c.query_row("SELECT name, credit_limit, grade FROM customer"); });
  ASSERT_TRUE(row.ok() && row->has_value()) << describe(row);
  EXPECT_EQ("华东机电", *(*row)->text(0));
  EXPECT_EQ("10000.00", (*row)->decimal(1)->to_string());  // the existing row got the default
  EXPECT_TRUE((*row)->is_null(2));

  auto third = sync_schema(db(), {customer_v2()});
  ASSERT_TRUE(third.ok()) << describe(third);
  EXPECT_FALSE(third->changed());
  // An older declaration never drops what a newer one added.
  auto older = sync_schema(db(), {customer_v1()});
  ASSERT_TRUE(older.ok()) << describe(older);
  EXPECT_FALSE(older->changed());
  EXPECT_EQ(1, scalar("SELECT count(*) FROM customer WHERE grade IS NULL"));
}

TEST_P(SchemaTest, SyncRefusesANotNullColumnWithoutADefaultAndChangesNothing) {
  ASSERT_TRUE(sync_schema(db(), {customer_v1()}).ok());
  TableDef table = customer_v1();
  table.columns.push_back({.name = "tax_number", .type = ColumnType::text, .not_null = true});
  TableDef other{.name = "supplier",
                 .columns = {{.name = "id", .type = ColumnType::int64, .identity = true}},
                 .primary_key = {},
                 .indexes = {}};
  auto refused = sync_schema(db(), {other, table});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(ErrorKind::validation, refused.error().kind);
  EXPECT_EQ(std::string(kSchemaInvalid), refused.error().message_id);
  // "supplier" came first in the list but was not created either.
  auto supplier = exec("INSERT INTO supplier DEFAULT VALUES");
  EXPECT_FALSE(supplier.ok());
}

TEST_P(SchemaTest, InvalidDefinitionsAreRefused) {
  auto column = [](std::string name, ColumnType type) { return Column{.name = std::move(name), .type = type}; };
  std::vector<TableDef> bad = {
      {.name = "Customer", .columns = {column("id", ColumnType::int64)}, .primary_key = {}, .indexes = {}},
      {.name = "t", .columns = {}, .primary_key = {}, .indexes = {}},
      {.name = "t",
       .columns = {column("a", ColumnType::text), column("a", ColumnType::text)},
       .primary_key = {},
       .indexes = {}},
      {.name = "t", .columns = {column("a; DROP", ColumnType::text)}, .primary_key = {}, .indexes = {}},
      {.name = "t", .columns = {column("a", ColumnType::text)}, .primary_key = {"b"}, .indexes = {}},
      {.name = "t",
       .columns = {column("a", ColumnType::text)},
       .primary_key = {},
       .indexes = {{.name = "i", .columns = {"b"}}}},
      {.name = "t",
       .columns = {{.name = "a", .type = ColumnType::int64, .default_value = Value("text")}},
       .primary_key = {},
       .indexes = {}},
  };
  for (const TableDef& table : bad) {
    auto result = sync_schema(db(), {table});
    ASSERT_FALSE(result.ok()) << table.name;
    EXPECT_EQ(std::string(kSchemaInvalid), result.error().message_id);
  }
}

TEST_P(SchemaTest, DefaultsOfEveryTypeApply) {
  create_table(TableDef{
      .name = "defaults",
      .columns = {{.name = "id", .type = ColumnType::int64, .identity = true},
                  {.name = "i", .type = ColumnType::int64, .default_value = Value(-7)},
                  {.name = "t", .type = ColumnType::text, .default_value = Value("it's 草稿")},
                  {.name = "b", .type = ColumnType::boolean, .default_value = Value(true)},
                  {.name = "d", .type = ColumnType::decimal, .default_value = Value(*Decimal::parse("-0.50"))},
                  {.name = "day", .type = ColumnType::date, .default_value = Value(Date{2026, 1, 31})},
                  {.name = "at", .type = ColumnType::timestamp, .default_value = Value(Timestamp{1'000'000})},
                  {.name = "bytes", .type = ColumnType::blob, .default_value = Value(Blob{std::string("\0\x7f", 2)})},
                  {.name = "doc", .type = ColumnType::json, .default_value = Value("{}")}},
      .primary_key = {},
      .indexes = {}});
  VERP_ASSERT_OK(exec("INSERT INTO defaults DEFAULT VALUES"));
  auto row =
      db().read([](Connection& c) { return c.query_row("SELECT i, t, b, d, day, at, bytes, doc FROM defaults"); });
  ASSERT_TRUE(row.ok() && row->has_value()) << describe(row);
  const Row& r = **row;
  EXPECT_EQ(-7, *r.int64(0));
  EXPECT_EQ("it's 草稿", *r.text(1));
  EXPECT_TRUE(*r.boolean(2));
  EXPECT_EQ("-0.50", r.decimal(3)->to_string());
  EXPECT_EQ((Date{2026, 1, 31}), *r.date(4));
  EXPECT_EQ(Timestamp{1'000'000}, *r.timestamp(5));
  EXPECT_EQ(Blob{std::string("\0\x7f", 2)}, *r.blob(6));
  EXPECT_EQ("{}", *r.text(7));
}

TEST_P(SchemaTest, KeywordsAreFineAsNames) {
  create_table(TableDef{.name = "order",
                        .columns = {{.name = "id", .type = ColumnType::int64, .identity = true},
                                    {.name = "group", .type = ColumnType::text},
                                    {.name = "user", .type = ColumnType::text}},
                        .primary_key = {},
                        .indexes = {{.name = "order_group_idx", .columns = {"group"}}}});
  VERP_ASSERT_OK(exec(R"(INSERT INTO "order" ("group", "user") VALUES ($1, $2))", {"g", "u"}));
  EXPECT_EQ(1, scalar(R"(SELECT count(*) FROM "order" WHERE "group" = $1)", {"g"}));
}

TEST_P(SchemaTest, CompositePrimaryKeysAreEnforced) {
  create_table(TableDef{.name = "price",
                        .columns = {{.name = "item_id", .type = ColumnType::int64, .not_null = true},
                                    {.name = "currency", .type = ColumnType::text, .not_null = true},
                                    {.name = "amount", .type = ColumnType::decimal, .not_null = true}},
                        .primary_key = {"item_id", "currency"},
                        .indexes = {}});
  VERP_ASSERT_OK(exec("INSERT INTO price VALUES ($1, $2, $3)", {1, "CNY", *Decimal::parse("0.50")}));
  VERP_ASSERT_OK(exec("INSERT INTO price VALUES ($1, $2, $3)", {1, "USD", *Decimal::parse("0.07")}));
  auto duplicate = exec("INSERT INTO price VALUES ($1, $2, $3)", {1, "CNY", *Decimal::parse("0.60")});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(ErrorKind::conflict, duplicate.error().kind);
}

TEST(SchemaRenderTest, RendersEachDialectsDdl) {
  TableDef table{
      .name = "stock_move",
      .columns = {{.name = "id", .type = ColumnType::int64, .identity = true},
                  {.name = "item_id",
                   .type = ColumnType::int64,
                   .not_null = true,
                   .references = Reference{.table = "item", .column = "id", .on_delete = OnDelete::restrict}},
                  {.name = "qty", .type = ColumnType::decimal, .not_null = true, .default_value = Value(0)},
                  {.name = "posted", .type = ColumnType::boolean, .default_value = Value(false)}},
      .primary_key = {},
      .indexes = {{.name = "stock_move_item_idx", .columns = {"item_id"}}}};
  ASSERT_TRUE(validate(table).ok());
  EXPECT_EQ(
      "CREATE TABLE IF NOT EXISTS \"stock_move\" (\n"
      "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  \"item_id\" INTEGER NOT NULL REFERENCES \"item\" (\"id\") ON DELETE RESTRICT,\n"
      "  \"qty\" TEXT NOT NULL DEFAULT 0,\n"
      "  \"posted\" INTEGER DEFAULT FALSE\n"
      ") STRICT",
      render_create_table(table, Dialect::sqlite));
  EXPECT_EQ(
      "CREATE TABLE IF NOT EXISTS \"stock_move\" (\n"
      "  \"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
      "  \"item_id\" BIGINT NOT NULL REFERENCES \"item\" (\"id\") ON DELETE RESTRICT,\n"
      "  \"qty\" NUMERIC NOT NULL DEFAULT 0,\n"
      "  \"posted\" BOOLEAN DEFAULT FALSE\n"
      ")",
      render_create_table(table, Dialect::postgres));
  EXPECT_EQ(
      std::vector<std::string>{"CREATE INDEX IF NOT EXISTS \"stock_move_item_idx\" ON \"stock_move\" (\"item_id\")"},
      render_indexes(table, Dialect::postgres));
}

VERP_STORAGE_BACKENDS(SchemaTest);

}  // namespace
}  // namespace verp::storage
