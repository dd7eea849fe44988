#include "modules/workflow/approval_definition.hpp"

#include <boost/json.hpp>
#include <optional>
#include <regex>

#include "platform/values/decimal.hpp"

namespace verp::workflow {
namespace {

constexpr std::size_t kMaxSteps = 10;
constexpr std::size_t kMaxApprovers = 20;
constexpr std::size_t kMaxConditions = 20;

void problem(std::vector<FieldError>& errors, std::string field, std::string code, std::string message_id) {
  errors.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), {}});
}

std::optional<ConditionOp> parse_op(std::string_view text) {
  static constexpr std::pair<std::string_view, ConditionOp> kOps[] = {
      {"eq", ConditionOp::eq}, {"ne", ConditionOp::ne},   {"gt", ConditionOp::gt}, {"gte", ConditionOp::gte},
      {"lt", ConditionOp::lt}, {"lte", ConditionOp::lte}, {"in", ConditionOp::in}};
  for (const auto& [name, op] : kOps) {
    if (name == text) return op;
  }
  return std::nullopt;
}

bool is_scalar(const boost::json::value& value) {
  return value.is_string() || value.is_int64() || value.is_uint64() || value.is_bool() || value.is_double();
}

std::optional<Decimal> as_decimal(const boost::json::value& value) {
  if (value.is_int64()) return Decimal::from_int(value.as_int64());
  if (!value.is_string()) return std::nullopt;
  auto parsed = Decimal::parse(value.as_string());
  return parsed ? std::optional<Decimal>(*parsed) : std::nullopt;
}

std::string as_text(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  return boost::json::serialize(value);
}

// <0, 0, >0 as for <=>; nullopt when the two cannot be ordered (a boolean against a number).
std::optional<int> compare(const boost::json::value& left, const boost::json::value& right) {
  if (left.is_bool() || right.is_bool()) {
    if (!left.is_bool() || !right.is_bool()) return std::nullopt;
    return static_cast<int>(left.as_bool()) - static_cast<int>(right.as_bool());
  }
  const auto a = as_decimal(left);
  const auto b = as_decimal(right);
  if (a && b) {
    const auto order = *a <=> *b;
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
  }
  const int order = as_text(left).compare(as_text(right));
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

bool holds(const Condition& condition, const boost::json::object& facts) {
  const auto* actual = facts.if_contains(condition.field);
  if (actual == nullptr || actual->is_null()) return condition.op == ConditionOp::ne;
  if (condition.op == ConditionOp::in) {
    for (const auto& value : condition.values) {
      if (compare(*actual, value) == 0) return true;
    }
    return false;
  }
  const auto order = compare(*actual, condition.values.front());
  if (!order) return condition.op == ConditionOp::ne;
  switch (condition.op) {
    case ConditionOp::eq: return *order == 0;
    case ConditionOp::ne: return *order != 0;
    case ConditionOp::gt: return *order > 0;
    case ConditionOp::gte: return *order >= 0;
    case ConditionOp::lt: return *order < 0;
    case ConditionOp::lte: return *order <= 0;
    case ConditionOp::in: break;
  }
  return false;
}

ApproverSpec parse_approver(const boost::json::value& json, const std::string& path, std::vector<FieldError>& errors) {
  ApproverSpec approver;
  const auto* object = json.if_object();
  const auto* type = object != nullptr ? object->if_contains("type") : nullptr;
  if (type == nullptr || !type->is_string()) {
    problem(errors, path + ".type", "required", "approval.approver_type");
    return approver;
  }
  if (type->as_string() == "role") {
    approver.type = ApproverType::role;
    const auto* role = object->if_contains("role");
    static const std::regex kCode("[a-z][a-z0-9_]{0,49}");
    if (role == nullptr || !role->is_string() || !std::regex_match(std::string(role->as_string()), kCode)) {
      problem(errors, path + ".role", "invalid", "approval.approver_role");
    } else {
      approver.role = std::string(role->as_string());
    }
  } else if (type->as_string() == "user") {
    approver.type = ApproverType::user;
    const auto* user = object->if_contains("user_id");
    if (user == nullptr || !user->is_int64() || user->as_int64() <= 0) {
      problem(errors, path + ".user_id", "invalid", "approval.approver_user");
    } else {
      approver.user_id = user->as_int64();
    }
  } else if (type->as_string() == "department_head") {
    approver.type = ApproverType::department_head;
  } else {
    problem(errors, path + ".type", "invalid", "approval.approver_type");
  }
  return approver;
}

}  // namespace

std::string_view to_string(StepMode mode) { return mode == StepMode::all ? "all" : "any"; }

std::vector<Condition> parse_conditions(const boost::json::value& json, const std::string& path,
                                        std::vector<FieldError>& errors) {
  std::vector<Condition> conditions;
  if (json.is_null()) return conditions;
  const auto* list = json.if_array();
  if (list == nullptr || list->size() > kMaxConditions) {
    problem(errors, path, "invalid", "approval.conditions");
    return conditions;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    const auto* object = (*list)[i].if_object();
    const auto* field = object != nullptr ? object->if_contains("field") : nullptr;
    const auto* op = object != nullptr ? object->if_contains("op") : nullptr;
    const auto* value = object != nullptr ? object->if_contains("value") : nullptr;
    Condition condition;
    static const std::regex kField("[a-z][a-z0-9_]{0,62}");
    if (field == nullptr || !field->is_string() || !std::regex_match(std::string(field->as_string()), kField)) {
      problem(errors, at + ".field", "invalid", "approval.condition_field");
      continue;
    }
    condition.field = std::string(field->as_string());
    const auto parsed_op = op != nullptr && op->is_string() ? parse_op(op->as_string()) : std::nullopt;
    if (!parsed_op) {
      problem(errors, at + ".op", "invalid", "approval.condition_op");
      continue;
    }
    condition.op = *parsed_op;
    if (value != nullptr && condition.op == ConditionOp::in && value->is_array() && !value->as_array().empty() &&
        std::all_of(value->as_array().begin(), value->as_array().end(), is_scalar)) {
      condition.values.assign(value->as_array().begin(), value->as_array().end());
    } else if (value != nullptr && condition.op != ConditionOp::in && is_scalar(*value) && !value->is_double()) {
      condition.values.push_back(*value);
    } else {
      // Doubles are refused: "50000.10" as text compares exactly, 50000.1 as a float does not.
      problem(errors, at + ".value", "invalid", "approval.condition_value");
      continue;
    }
    conditions.push_back(std::move(condition));
  }
  return conditions;
}

std::vector<StepDefinition> parse_steps(const boost::json::value& json, std::vector<FieldError>& errors) {
  std::vector<StepDefinition> steps;
  const auto* list = json.if_array();
  if (list == nullptr || list->empty() || list->size() > kMaxSteps) {
    problem(errors, "steps", "invalid", "approval.steps");
    return steps;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = "steps[" + std::to_string(i) + "]";
    const auto* object = (*list)[i].if_object();
    if (object == nullptr) {
      problem(errors, at, "invalid", "approval.steps");
      continue;
    }
    StepDefinition step;
    const auto* name = object->if_contains("name");
    if (name == nullptr || !name->is_string() || name->as_string().empty() || name->as_string().size() > 200) {
      problem(errors, at + ".name", "required", "approval.step_name");
    } else {
      step.name = std::string(name->as_string());
    }
    if (const auto* mode = object->if_contains("mode"); mode != nullptr) {
      if (mode->is_string() && mode->as_string() == "all") {
        step.mode = StepMode::all;
      } else if (!mode->is_string() || mode->as_string() != "any") {
        problem(errors, at + ".mode", "invalid", "approval.step_mode");
      }
    }
    const auto* approvers = object->if_contains("approvers");
    if (approvers == nullptr || !approvers->is_array() || approvers->as_array().empty() ||
        approvers->as_array().size() > kMaxApprovers) {
      problem(errors, at + ".approvers", "required", "approval.step_approvers");
    } else {
      for (std::size_t j = 0; j < approvers->as_array().size(); ++j) {
        step.approvers.push_back(
            parse_approver(approvers->as_array()[j], at + ".approvers[" + std::to_string(j) + "]", errors));
      }
    }
    if (const auto* when = object->if_contains("when"); when != nullptr) {
      step.when = parse_conditions(*when, at + ".when", errors);
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

bool conditions_hold(const std::vector<Condition>& conditions, const boost::json::object& facts) {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const Condition& condition) { return holds(condition, facts); });
}

}  // namespace verp::workflow
