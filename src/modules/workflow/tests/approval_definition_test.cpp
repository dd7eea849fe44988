// Rule conditions compare amounts as decimals, never as floats or as text.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/workflow/approval_definition.hpp"

namespace verp::workflow {
namespace {

bool holds(std::string_view conditions, std::string_view facts) {
  std::vector<FieldError> errors;
  auto parsed = parse_conditions(boost::json::parse(conditions), "conditions", errors);
  EXPECT_TRUE(errors.empty());
  return conditions_hold(parsed, boost::json::parse(facts).as_object());
}

TEST(ApprovalConditions, AmountsCompareAsDecimals) {
  const auto over_50k = R"([{"field":"amount","op":"gt","value":"50000"}])";
  EXPECT_TRUE(holds(over_50k, R"({"amount":"50000.01"})"));
  EXPECT_FALSE(holds(over_50k, R"({"amount":"50000.00"})"));
  EXPECT_FALSE(holds(over_50k, R"({"amount":"9999.99"})")) << "as text \"9\" > \"5\" would say yes";
  EXPECT_TRUE(holds(R"([{"field":"amount","op":"gte","value":50000}])", R"({"amount":"50000.00"})"));
  EXPECT_TRUE(holds(R"([{"field":"amount","op":"eq","value":"100"}])", R"({"amount":"100.000"})"));
}

TEST(ApprovalConditions, AllMustHoldAndAMissingFieldNeverMatches) {
  const auto both = R"([{"field":"amount","op":"lt","value":"1000"},{"field":"grade","op":"in","value":["A","B"]}])";
  EXPECT_TRUE(holds(both, R"({"amount":"10","grade":"B"})"));
  EXPECT_FALSE(holds(both, R"({"amount":"10","grade":"C"})"));
  EXPECT_FALSE(holds(both, R"({"grade":"A"})"));
  EXPECT_TRUE(holds(R"([{"field":"urgent","op":"eq","value":true}])", R"({"urgent":true})"));
  EXPECT_TRUE(holds("[]", "{}")) << "no conditions: always";
}

TEST(ApprovalConditions, BadConditionsAreNamedAndFloatsRefused) {
  std::vector<FieldError> errors;
  parse_conditions(boost::json::parse(R"([{"field":"amount","op":"gt","value":50000.5},{"field":"x","op":"like","value":"a"}])"),
                   "conditions", errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "conditions[0].value");
  EXPECT_EQ(errors[1].field, "conditions[1].op");
}

}  // namespace
}  // namespace verp::workflow
