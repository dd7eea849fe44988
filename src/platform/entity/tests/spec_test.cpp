// Declarations: what the registry accepts, and the table it derives.
#include <gtest/gtest.h>

#include "platform/entity/entity_spec.hpp"

namespace verp::entity {
namespace {

EntitySpec customer() {
  return EntitySpec{.name = "customer",
                    .table = "customers",
                    .path = "customers",
                    .label = {"客户", "Customer"},
                    .fields = {Field{.name = "code", .kind = FieldKind::text, .label = {"编码", "Code"},
                                     .required = true, .unique = Uniqueness::company},
                               Field{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"},
                                     .duplicate_key = DuplicateKey::name}},
                    .code_field = "code"};
}

TEST(Registry, DerivesTheTableWithSystemColumnsUniqueIndexesAndDedupeKeys) {
  Registry registry;
  ASSERT_TRUE(registry.add(customer()).ok());
  auto tables = registry.tables();
  ASSERT_EQ(1u, tables.size());
  std::vector<std::string> columns;
  for (const auto& column : tables[0].columns) columns.push_back(column.name);
  for (const char* expected : {"id", "company_id", "owner_id", "version", "archived_at", "custom", "search_text", "code",
                               "name", "dedupe_name"}) {
    EXPECT_NE(columns.end(), std::find(columns.begin(), columns.end(), expected)) << expected;
  }
  bool unique_code = false;
  for (const auto& index : tables[0].indexes) {
    if (index.unique && index.columns == std::vector<std::string>{"company_id", "code"}) unique_code = true;
  }
  EXPECT_TRUE(unique_code);
}

TEST(Registry, RefusesLinksToUnregisteredEntitiesAndCustomNamesInDeclarations) {
  Registry registry;
  EntitySpec broken = customer();
  broken.fields.push_back(Field{.name = "term_id", .kind = FieldKind::link, .label = {"条款", "Term"}, .link_to = "payment_term"});
  EXPECT_EQ("entity.invalid_spec", registry.add(broken).error().message_id);
  EntitySpec custom_name = customer();
  custom_name.fields.push_back(Field{.name = "x_color", .label = {"颜色", "Colour"}});
  EXPECT_FALSE(registry.add(custom_name).ok());
}

TEST(Registry, RefusesSensitiveFieldsThatWouldLeakThroughSearchOrUniqueness) {
  Registry registry;
  EntitySpec spec = customer();
  spec.fields.push_back(Field{.name = "bank_account", .label = {"银行账号", "Bank account"}, .searchable = true,
                              .sensitive = true});
  EXPECT_FALSE(registry.add(spec).ok());
}

TEST(Registry, RefusesASecondEntityOfTheSameNameOrPath) {
  Registry registry;
  ASSERT_TRUE(registry.add(customer()).ok());
  EXPECT_FALSE(registry.add(customer()).ok());
}

}  // namespace
}  // namespace verp::entity
