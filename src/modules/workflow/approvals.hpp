// The approval engine (审批流程): documents whose EntitySpec declares `approval` are submitted,
// matched against the company's approval rules for their type, and go through the rule's steps
// until approved, rejected or withdrawn.
//
// The rules of the game:
//   - The first active rule (lowest priority, then oldest) whose conditions hold decides the
//     steps; a step whose `when` does not hold is skipped. No matching rule, or every step
//     skipped: the document is approved at once, and the flow records that.
//   - A step's approvers are found when it becomes current: users holding the role in the
//     company, the head of the document's (else the submitter's) department, or named users.
//     Whoever submitted, owns or created the document is never among them (segregation of
//     duties); a department head who is the submitter hands over to the parent department's
//     head. An approver with an active delegation for the document type is replaced by the
//     delegate, who acts on their behalf.
//   - `any`: the first approval completes the step; `all`: every approver must approve. One
//     rejection (comment mandatory) rejects the document; the submitter may withdraw while
//     pending and resubmit after a rejection or withdrawal, which starts a new flow.
//   - Every transition is one transaction with the document's status change (through
//     EntityStore::transition_in, so it is in the document's history), the flow's action log,
//     the audit log and the notifications of the people concerned.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/base/clock.hpp"
#include "platform/base/result.hpp"
#include "platform/entity/store.hpp"
#include "platform/security/principal.hpp"
#include "platform/storage/connection.hpp"

namespace verp::workflow {

// The entities that go through approval, known once every module has declared its entities.
class ApprovableTypes {
 public:
  void fill_from(const entity::Registry& registry);
  const entity::EntitySpec* find(std::string_view document_type) const;
  const std::vector<const entity::EntitySpec*>& all() const { return specs_; }

 private:
  std::vector<const entity::EntitySpec*> specs_;
};

struct ApprovalServices {
  const entity::EntityStore& store;
  const ApprovableTypes& types;
  const Clock& clock;
};

struct FlowState {
  std::int64_t flow_id = 0;
  std::string state;  // pending, approved, rejected, withdrawn
};

enum class Decision { approve, reject };

// Starts the approval of a document the submitter may update. Errors: validation
// "approval.not_approvable" (document_type), not_found (no such document or not the caller's to
// update), invalid_transition "approval.not_submittable" (not draft or rejected), validation
// "approval.no_approver" (a step nobody may approve; names the step).
Result<FlowState> submit(storage::Connection& connection, const ApprovalServices& services,
                         const security::Principal& submitter, std::string_view document_type,
                         std::int64_t document_id, std::string_view comment, const entity::Caller& caller);

// An approver's decision on the current step. Errors: not_found (no such flow in the caller's
// company, or nothing of theirs in it), forbidden "approval.self_approval" (their own document),
// invalid_transition "approval.not_your_turn", validation "field.required" on comment (reject).
Result<FlowState> decide(storage::Connection& connection, const ApprovalServices& services,
                         const security::Principal& approver, std::int64_t flow_id, Decision decision,
                         std::string_view comment, const entity::Caller& caller);

// The submitter takes a pending flow back; the document returns to draft.
Result<FlowState> withdraw(storage::Connection& connection, const ApprovalServices& services,
                           const security::Principal& submitter, std::int64_t flow_id, std::string_view comment,
                           const entity::Caller& caller);

// The inbox: "pending" (waiting for the caller), "decided" (approved or rejected by them),
// "submitted" (by them); newest first, `before` an id for the next page.
Result<boost::json::object> inbox(storage::Connection& connection, const security::Principal& user, std::string_view box,
                                  std::int64_t before, int limit);

// One flow with its steps, approvers and action timeline, for the submitter, its approvers and
// holders of approval_flow:read in its company. not_found otherwise.
Result<boost::json::object> flow_detail(storage::Connection& connection, const security::Principal& user,
                                        std::int64_t flow_id);

entity::EntitySpec approval_rule_entity(std::shared_ptr<const ApprovableTypes> types);
entity::EntitySpec approval_delegation_entity();
std::vector<storage::TableDef> approval_tables();

}  // namespace verp::workflow
