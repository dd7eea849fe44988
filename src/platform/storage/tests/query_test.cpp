// Statements and values, on both backends: what goes in comes back out, exactly.
#include <climits>

#include "platform/storage/tests/storage_test_support.hpp"

namespace verp::storage {
namespace {

using testing_support::Backend;
using testing_support::describe;

class QueryTest : public testing_support::StorageTest {
 protected:
  static TableDef every_type_table() {
    return TableDef{.name = "every_type",
                    .columns = {{.name = "id", .type = ColumnType::int64, .identity = true},
                                {.name = "i", .type = ColumnType::int64},
                                {.name = "t", .type = ColumnType::text},
                                {.name = "b", .type = ColumnType::boolean},
                                {.name = "d", .type = ColumnType::decimal},
                                {.name = "day", .type = ColumnType::date},
                                {.name = "at", .type = ColumnType::timestamp},
                                {.name = "bytes", .type = ColumnType::blob}},
                    .primary_key = {},
                    .indexes = {}};
  }
  static TableDef items_table() {
    return TableDef{.name = "items",
                    .columns = {{.name = "id", .type = ColumnType::int64, .identity = true},
                                {.name = "code", .type = ColumnType::text, .not_null = true},
                                {.name = "qty", .type = ColumnType::int64}},
                    .primary_key = {},
                    .indexes = {{.name = "items_code_key", .columns = {"code"}, .unique = true}}};
  }
};

struct Sample {
  std::int64_t i;
  std::string t;
  bool b;
  std::string d;
  Date day;
  Timestamp at;
  Blob bytes;
};

std::string all_byte_values() {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  return bytes;
}

TEST_P(QueryTest, RoundTripsEveryValueTypeExactly) {
  create_table(every_type_table());
  const std::vector<Sample> samples = {
      {INT64_MIN,
       "plain",
       true,
       "1234.50",
       {2024, 2, 29},
       Timestamp{1'709'164'800'123'456},
       Blob{std::string("\0\1\xff\0", 4)}},
      {INT64_MAX,
       "华东机电 螺丝 M6 — ünïcode ✓ 𠮷",
       false,
       "-98765432109876543210.123456789",
       {1, 1, 1},
       Timestamp{-1},
       Blob{}},
      {0, "", false, "0.000", {9999, 12, 31}, Timestamp{0}, Blob{all_byte_values()}},
      {-1,
       "it's \"quoted\" \\ and $1 and ?",
       true,
       "-0.01",
       {1970, 1, 1},
       Timestamp{253'402'300'799'999'999},
       Blob{std::string(1, '\0')}},
  };
  for (const Sample& s : samples) {
    VERP_ASSERT_OK(exec("INSERT INTO every_type (i, t, b, d, day, at, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        {s.i, s.t, s.b, *Decimal::parse(s.d), s.day, s.at, s.bytes}));
  }
  auto rows = db().read(
      [](Connection& c) { return c.query("SELECT i, t, b, d, day, at, bytes FROM every_type ORDER BY id", {}); });
  ASSERT_TRUE(rows.ok()) << describe(rows);
  ASSERT_EQ(samples.size(), rows->size());
  for (std::size_t n = 0; n < samples.size(); ++n) {
    const Sample& s = samples[n];
    const Row& row = (*rows)[n];
    SCOPED_TRACE("sample " + std::to_string(n));
    EXPECT_EQ(s.i, *row.int64(0));
    EXPECT_EQ(s.t, *row.text(1));
    EXPECT_EQ(s.b, *row.boolean(2));
    auto d = row.decimal(3);
    ASSERT_TRUE(d.ok()) << describe(d);
    EXPECT_EQ(s.d, d->to_string());  // the scale is kept, never via a double
    EXPECT_EQ(s.day, *row.date(4));
    EXPECT_EQ(s.at, *row.timestamp(5));
    EXPECT_EQ(s.bytes, *row.blob(6));
    EXPECT_EQ(s.d, row.get<Decimal>("d")->to_string());
  }
}

TEST_P(QueryTest, NullsRoundTripInEveryColumnType) {
  create_table(every_type_table());
  VERP_ASSERT_OK(exec("INSERT INTO every_type (i, t, b, d, day, at, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {Value(), Value(), Value(), Value(), Value(), Value(), std::optional<Blob>()}));
  auto row = db().read([](Connection& c) { return c.query_row("SELECT i, t, b, d, day, at, bytes FROM every_type"); });
  ASSERT_TRUE(row.ok() && row->has_value()) << describe(row);
  const Row& r = **row;
  for (std::size_t i = 0; i < r.size(); ++i) EXPECT_TRUE(r.is_null(i)) << r.column_name(i);
  EXPECT_EQ(std::nullopt, *r.get<std::optional<std::int64_t>>(0));
  EXPECT_EQ(std::nullopt, *r.get<std::optional<std::string>>(1));
  EXPECT_EQ(std::nullopt, *r.get<std::optional<bool>>(2));
  EXPECT_FALSE(r.get<std::optional<Decimal>>(3)->has_value());
  EXPECT_EQ(std::nullopt, *r.get<std::optional<Date>>(4));
  EXPECT_EQ(std::nullopt, *r.get<std::optional<Timestamp>>(5));
  EXPECT_EQ(std::nullopt, *r.get<std::optional<Blob>>(6));
  auto strict = r.int64(0);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ("storage.unexpected_null", strict.error().message_id);
}

TEST_P(QueryTest, ParametersCannotInjectSql) {
  create_table(items_table());
  const std::string hostile = "x'); DROP TABLE items; --";
  VERP_ASSERT_OK(exec("INSERT INTO items (code) VALUES ($1)", {hostile}));
  EXPECT_EQ(1, scalar("SELECT count(*) FROM items WHERE code = $1", {hostile}));
  EXPECT_EQ(0, scalar("SELECT count(*) FROM items WHERE code = $1", {"' OR '1'='1"}));
  EXPECT_EQ(1, scalar("SELECT count(*) FROM items"));
}

TEST_P(QueryTest, PlaceholdersMayRepeatAndComeInAnyOrder) {
  create_table(items_table());
  VERP_ASSERT_OK(exec("INSERT INTO items (code, qty) VALUES ($2, $1), ($2 || '-copy', $1 + $1)", {21, "bolt"}));
  EXPECT_EQ(21, scalar("SELECT qty FROM items WHERE code = $1", {"bolt"}));
  EXPECT_EQ(42, scalar("SELECT qty FROM items WHERE code = $1", {"bolt-copy"}));
}

TEST_P(QueryTest, OtherPlaceholderStylesAreRejected) {
  create_table(items_table());
  for (const char* sql : {"INSERT INTO items (code) VALUES (?)", "INSERT INTO items (code) VALUES (:code)"}) {
    auto result = exec(sql, {"x"});
    ASSERT_FALSE(result.ok()) << sql;
    if (!is_postgres()) {
      EXPECT_EQ(std::string(kBadPlaceholder), result.error().message_id);
    }
  }
  auto too_few = exec("INSERT INTO items (code, qty) VALUES ($1, $2)", {"x"});
  EXPECT_FALSE(too_few.ok());
  EXPECT_EQ(0, scalar("SELECT count(*) FROM items"));
}

TEST_P(QueryTest, TextWithANulByteIsRefusedOnBothBackends) {
  create_table(items_table());
  auto result = exec("INSERT INTO items (code) VALUES ($1)", {std::string("a\0b", 3)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(ErrorKind::validation, result.error().kind);
  EXPECT_EQ("storage.nul_in_text", result.error().message_id);
}

TEST_P(QueryTest, ReadingACellAsTheWrongTypeIsAnErrorNotACrash) {
  create_table(items_table());
  VERP_ASSERT_OK(exec("INSERT INTO items (code, qty) VALUES ($1, $2)", {"abc", 5}));
  auto row = db().read([](Connection& c) { return c.query_row("SELECT code, qty FROM items"); });
  ASSERT_TRUE(row.ok() && row->has_value());
  const Row& r = **row;
  EXPECT_EQ("storage.type_mismatch", r.int64(0).error().message_id);
  EXPECT_EQ("storage.type_mismatch", r.decimal(0).error().message_id);
  EXPECT_EQ("storage.type_mismatch", r.date(0).error().message_id);
  EXPECT_EQ("storage.no_such_column", r.text(7).error().message_id);
  EXPECT_EQ("storage.no_such_column", r.get<std::string>("missing").error().message_id);
  EXPECT_EQ(5, *r.get<std::int64_t>("qty"));
  EXPECT_EQ("5", *r.text(1));
}

TEST_P(QueryTest, MultiRowInsertReturnsGeneratedIdsInOrder) {
  create_table(items_table());
  auto ids = db().write([](Connection& c) {
    return c.query("INSERT INTO items (code) VALUES ($1), ($2), ($3) RETURNING id", {"a", "b", "c"});
  });
  ASSERT_TRUE(ids.ok()) << describe(ids);
  ASSERT_EQ(3u, ids->size());
  EXPECT_EQ(3, ids->affected_rows());
  EXPECT_LT(*(*ids)[0].int64(0), *(*ids)[1].int64(0));
  EXPECT_LT(*(*ids)[1].int64(0), *(*ids)[2].int64(0));
}

TEST_P(QueryTest, BatchRunsOneStatementForEveryParameterSet) {
  create_table(items_table());
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 1000; ++i) {
    rows.push_back({"item-" + std::to_string(i), i % 7 == 0 ? Value() : Value(i)});
  }
  auto inserted = db().write(
      [&](Connection& c) { return Statement(c, "INSERT INTO items (code, qty) VALUES ($1, $2)").execute_batch(rows); });
  ASSERT_TRUE(inserted.ok()) << describe(inserted);
  EXPECT_EQ(1000, *inserted);
  EXPECT_EQ(1000, scalar("SELECT count(*) FROM items"));
  EXPECT_EQ(143, scalar("SELECT count(*) FROM items WHERE qty IS NULL"));
  EXPECT_EQ(999, scalar("SELECT qty FROM items WHERE code = $1", {"item-999"}));
}

TEST_P(QueryTest, FailingBatchReportsTheErrorAndCommitsNothing) {
  create_table(items_table());
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 600; ++i) rows.push_back({"item-" + std::to_string(i == 500 ? 3 : i), i});
  auto inserted =
      db().write([&](Connection& c) { return c.execute_batch("INSERT INTO items (code, qty) VALUES ($1, $2)", rows); });
  ASSERT_FALSE(inserted.ok());
  EXPECT_EQ(ErrorKind::conflict, inserted.error().kind);
  EXPECT_EQ(0, scalar("SELECT count(*) FROM items"));
  VERP_EXPECT_OK(exec("INSERT INTO items (code) VALUES ($1)", {"after"}));  // the connection is fine
}

TEST_P(QueryTest, WritesInsideAReadTransactionFail) {
  create_table(items_table());
  auto result = db().read([](Connection& c) { return c.execute("INSERT INTO items (code) VALUES ($1)", {"x"}); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(0, scalar("SELECT count(*) FROM items"));
}

TEST_P(QueryTest, SavepointRollsBackOnlyItsOwnWork) {
  create_table(items_table());
  Status status = db().write([](Connection& c) -> Status {
    if (auto r = c.execute("INSERT INTO items (code) VALUES ($1)", {"first"}); !r) return r.error();
    Status inner = c.savepoint([](Connection& s) -> Status {
      if (auto r = s.execute("INSERT INTO items (code) VALUES ($1)", {"inner"}); !r) return r.error();
      auto duplicate = s.execute("INSERT INTO items (code) VALUES ($1)", {"first"});
      if (!duplicate) return duplicate.error();
      return {};
    });
    EXPECT_EQ(std::string(kUniqueViolation), inner.ok() ? "" : inner.error().message_id);
    if (auto r = c.execute("INSERT INTO items (code) VALUES ($1)", {"second"}); !r) return r.error();
    return {};
  });
  VERP_ASSERT_OK(status);
  EXPECT_EQ(2, scalar("SELECT count(*) FROM items"));
  EXPECT_EQ(0, scalar("SELECT count(*) FROM items WHERE code = $1", {"inner"}));
}

TEST_P(QueryTest, MoreThanOneStatementInAQueryIsRefused) {
  create_table(items_table());
  auto result = exec("INSERT INTO items (code) VALUES ($1); DELETE FROM items", {"x"});
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(0, scalar("SELECT count(*) FROM items"));
}

TEST_P(QueryTest, DecimalColumnsCompareAndSortByValueWithTheDecimalCollation) {
  create_table(every_type_table());
  for (const char* amount : {"10.00", "9.5", "-2.25", "100", "0.75", "-10"}) {
    auto parsed = Decimal::parse(amount);
    ASSERT_TRUE(parsed.ok());
    ASSERT_TRUE(exec("INSERT INTO every_type (d) VALUES ($1)", {*parsed}).ok());
  }
  // PostgreSQL compares NUMERIC natively; SQLite stores text and needs the collation.
  const std::string by_value = db().dialect() == Dialect::sqlite ? "d COLLATE verp_decimal" : "d";
  auto rows = db().read([&](Connection& c) {
    return c.query("SELECT d FROM every_type WHERE " + by_value + " > $1 ORDER BY " + by_value,
                   {*Decimal::parse("-2.5")});
  });
  ASSERT_TRUE(rows.ok()) << describe(rows);
  std::vector<std::string> seen;
  for (const auto& row : *rows) seen.push_back(row.decimal(0)->to_string());
  EXPECT_EQ((std::vector<std::string>{"-2.25", "0.75", "9.5", "10.00", "100"}), seen);
}

VERP_STORAGE_BACKENDS(QueryTest);

}  // namespace
}  // namespace verp::storage
