// Data scopes in memory (entity::in_scope), which live events use to decide who hears of a
// record: the same reach as the store's SQL condition, case by case.
#include <gtest/gtest.h>

#include "platform/entity/scope.hpp"

namespace verp::entity {
namespace {

using security::DataScope;

EntitySpec customers(bool company_scoped = true) {
  return EntitySpec{.name = "customer", .table = "customers", .path = "customers", .company_scoped = company_scoped};
}

// User 7 of department 3, active in company 1, also member of company 2.
security::Principal reader(DataScope scope) {
  security::Principal principal;
  principal.user_id = 7;
  principal.company_id = 1;
  principal.department_id = 3;
  principal.company_ids = {1, 2};
  principal.grants = {{"customer", "read", scope}};
  return principal;
}

TEST(InScope, OwnReachesOnlyTheCallersRecordsInTheActiveCompany) {
  const auto p = reader(DataScope::own);
  EXPECT_TRUE(in_scope(customers(), p, "read", {.company_id = 1, .owner_id = 7}));
  EXPECT_FALSE(in_scope(customers(), p, "read", {.company_id = 1, .owner_id = 8, .department_id = 3}));
  EXPECT_FALSE(in_scope(customers(), p, "read", {.company_id = 2, .owner_id = 7}));
  EXPECT_FALSE(in_scope(customers(), p, "read", {.company_id = 1}));
}

TEST(InScope, DepartmentAddsTheDepartmentsRecords) {
  const auto p = reader(DataScope::department);
  EXPECT_TRUE(in_scope(customers(), p, "read", {.company_id = 1, .owner_id = 7}));
  EXPECT_TRUE(in_scope(customers(), p, "read", {.company_id = 1, .owner_id = 8, .department_id = 3}));
  EXPECT_FALSE(in_scope(customers(), p, "read", {.company_id = 1, .owner_id = 8, .department_id = 4}));
  EXPECT_FALSE(in_scope(customers(), p, "read", {.company_id = 2, .owner_id = 8, .department_id = 3}));
}

TEST(InScope, CompanyReachesTheActiveCompanyAndAllCompaniesEveryMembership) {
  EXPECT_TRUE(in_scope(customers(), reader(DataScope::company), "read", {.company_id = 1, .owner_id = 99}));
  EXPECT_FALSE(in_scope(customers(), reader(DataScope::company), "read", {.company_id = 2}));
  EXPECT_TRUE(in_scope(customers(), reader(DataScope::all_companies), "read", {.company_id = 2}));
  EXPECT_FALSE(in_scope(customers(), reader(DataScope::all_companies), "read", {.company_id = 5}))
      << "never a company the user does not belong to";
}

TEST(InScope, NoGrantReachesNothingAndConsortiumDataReachesEveryReader) {
  EXPECT_FALSE(in_scope(customers(), reader(DataScope::all_companies), "update", {.company_id = 1}));
  security::Principal nobody;
  nobody.user_id = 7;
  nobody.company_id = 1;
  EXPECT_FALSE(in_scope(customers(false), nobody, "read", {}));
  EXPECT_TRUE(in_scope(customers(false), reader(DataScope::own), "read", {}));
}

}  // namespace
}  // namespace verp::entity
