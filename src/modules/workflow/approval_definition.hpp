// An approval rule as an administrator writes it (审批规则), parsed from the JSON of an
// approval_rule record, and the conditions rules and steps test against a document.
//
//   conditions: [{"field": "amount", "op": "gt", "value": "50000"}]        all must hold
//   steps: [{"name": "部门负责人审批", "mode": "any",
//            "approvers": [{"type": "department_head"}]},
//           {"name": "财务经理审批", "mode": "all",
//            "approvers": [{"type": "role", "role": "finance_manager"}, {"type": "user", "user_id": 7}],
//            "when": [{"field": "amount", "op": "gte", "value": "50000"}]}]
//
// Values compare as decimals when both sides are numbers ("50000" and "50000.00" are equal), as
// booleans when both are, and as text otherwise; a field the document lacks never matches.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "platform/base/result.hpp"

namespace verp::workflow {

enum class ConditionOp { eq, ne, gt, gte, lt, lte, in };

struct Condition {
  std::string field;
  ConditionOp op = ConditionOp::eq;
  std::vector<boost::json::value> values;  // one, or several for `in`
};

enum class ApproverType { role, department_head, user };

struct ApproverSpec {
  ApproverType type = ApproverType::role;
  std::string role;          // a role code, for ApproverType::role
  std::int64_t user_id = 0;  // for ApproverType::user
};

// any: the first approval decides the step; all: every approver must approve.
enum class StepMode { any, all };

struct StepDefinition {
  std::string name;
  StepMode mode = StepMode::any;
  std::vector<ApproverSpec> approvers;
  std::vector<Condition> when;  // the step applies only when these hold
};

// Parses a rule's conditions and steps. Problems are appended to `errors`, each naming its place
// ("steps[1].approvers[0].role"); the result is meaningful only when none were added.
std::vector<Condition> parse_conditions(const boost::json::value& json, const std::string& path,
                                        std::vector<FieldError>& errors);
std::vector<StepDefinition> parse_steps(const boost::json::value& json, std::vector<FieldError>& errors);

// True when every condition holds for the document's facts (field name → API JSON value).
bool conditions_hold(const std::vector<Condition>& conditions, const boost::json::object& facts);

std::string_view to_string(StepMode mode);

}  // namespace verp::workflow
