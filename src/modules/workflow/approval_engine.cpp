// Submitting, deciding and withdrawing: the approval engine's transitions (approvals.hpp).
#include <boost/json.hpp>
#include <set>

#include "modules/notify/api.hpp"
#include "modules/workflow/approval_definition.hpp"
#include "modules/workflow/approvals.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/entity/codec.hpp"
#include "platform/i18n/catalog.hpp"

namespace verp::workflow {

using storage::Connection;
using storage::Timestamp;
using storage::Value;

void ApprovableTypes::fill_from(const entity::Registry& registry) {
  specs_.clear();
  for (const auto& spec : registry.all()) {
    if (spec->approval) specs_.push_back(spec.get());
  }
}

const entity::EntitySpec* ApprovableTypes::find(std::string_view document_type) const {
  for (const auto* spec : specs_) {
    if (spec->name == document_type) return spec;
  }
  return nullptr;
}

namespace {

struct Flow {
  std::int64_t id = 0;
  std::int64_t company_id = 0;
  std::string document_type;
  std::int64_t document_id = 0;
  std::string title;
  std::int64_t submitted_by = 0;
  std::string state;
  std::int64_t current_step = 0;
};

struct Assignee {
  std::int64_t user_id = 0;
  std::optional<std::int64_t> on_behalf_of;
};

// Who a step's approvers are for one document.
struct Circumstances {
  std::int64_t company_id = 0;
  std::string document_type;
  std::optional<std::int64_t> department_id;  // the document's, else the submitter's
  std::set<std::int64_t> excluded;            // submitter, owner, creator: never their own approver
  Timestamp now;
};

Error no_approver(const std::string& step) {
  Error error = make_error(ErrorKind::validation, "approval.no_approver");
  error.field = "steps";
  return error.with_arg("step", step);
}

std::string text_or(const storage::Row& row, std::size_t index) { return row.text(index).value_or(""); }

Result<std::optional<Flow>> load_flow(Connection& c, std::int64_t id) {
  auto row = c.query_row(
      "SELECT id, company_id, document_type, document_id, title, submitted_by, state, current_step "
      "FROM approval_flows WHERE id = $1",
      {id});
  if (!row) return row.error();
  if (!*row) return std::optional<Flow>();
  const auto& r = **row;
  return std::optional<Flow>(Flow{r.int64(0).value_or(0), r.int64(1).value_or(0), text_or(r, 2), r.int64(3).value_or(0),
                                  text_or(r, 4), r.int64(5).value_or(0), text_or(r, 6), r.int64(7).value_or(0)});
}

Result<std::vector<std::int64_t>> active_members(Connection& c, std::string_view sql, std::vector<Value> params) {
  auto rows = c.query(sql, params);
  if (!rows) return rows.error();
  std::vector<std::int64_t> users;
  for (const auto& row : *rows) users.push_back(row.int64(0).value_or(0));
  return users;
}

// The delegate standing in for `user` now, if any; a delegate who is excluded does not count.
Result<Assignee> with_delegation(Connection& c, const Circumstances& circumstances, std::int64_t user) {
  auto row = c.query_row(
      "SELECT d.delegate_id FROM approval_delegations d "
      "JOIN memberships m ON m.user_id = d.delegate_id AND m.company_id = d.company_id "
      "JOIN users u ON u.id = d.delegate_id AND u.is_active "
      "WHERE d.owner_id = $1 AND d.company_id = $2 AND d.archived_at IS NULL AND d.starts_at <= $3 AND d.ends_at > $3 "
      "AND (d.document_type IS NULL OR d.document_type = '' OR d.document_type = $4) ORDER BY d.id DESC",
      {user, circumstances.company_id, circumstances.now, circumstances.document_type});
  if (!row) return row.error();
  if (*row) {
    const std::int64_t delegate = (*row)->int64(0).value_or(0);
    if (!circumstances.excluded.contains(delegate)) return Assignee{delegate, user};
  }
  return Assignee{user, std::nullopt};
}

// The head of the department, or of the nearest parent department whose head is not excluded.
Result<std::optional<std::int64_t>> department_head(Connection& c, const Circumstances& circumstances) {
  std::optional<std::int64_t> department = circumstances.department_id;
  for (int depth = 0; department && depth < 20; ++depth) {
    auto row = c.query_row(
        "SELECT d.head_user_id, d.parent_id, u.is_active FROM departments d LEFT JOIN users u ON u.id = d.head_user_id "
        "WHERE d.id = $1 AND d.company_id = $2",
        {*department, circumstances.company_id});
    if (!row) return row.error();
    if (!*row) break;
    const auto& r = **row;
    if (!r.is_null(0) && r.boolean(2).value_or(false) && !circumstances.excluded.contains(r.int64(0).value_or(0))) {
      return std::optional<std::int64_t>(r.int64(0).value_or(0));
    }
    department = r.is_null(1) ? std::nullopt : std::optional<std::int64_t>(r.int64(1).value_or(0));
  }
  return std::optional<std::int64_t>();
}

Result<std::vector<Assignee>> resolve(Connection& c, const Circumstances& circumstances,
                                      const std::vector<ApproverSpec>& approvers) {
  std::vector<std::int64_t> users;
  for (const ApproverSpec& approver : approvers) {
    Result<std::vector<std::int64_t>> found = std::vector<std::int64_t>{};
    switch (approver.type) {
      case ApproverType::role:
        found = active_members(
            c,
            "SELECT DISTINCT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
            "JOIN users u ON u.id = ur.user_id AND u.is_active "
            "JOIN memberships m ON m.user_id = ur.user_id AND m.company_id = ur.company_id "
            "WHERE ur.company_id = $1 AND r.code = $2 ORDER BY ur.user_id",
            {circumstances.company_id, approver.role});
        break;
      case ApproverType::user:
        found = active_members(c,
                               "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.company_id = $2 "
                               "WHERE u.id = $1 AND u.is_active",
                               {approver.user_id, circumstances.company_id});
        break;
      case ApproverType::department_head: {
        auto head = department_head(c, circumstances);
        if (!head) return head.error();
        if (*head) found = std::vector<std::int64_t>{**head};
        break;
      }
    }
    if (!found) return found.error();
    for (std::int64_t user : *found) {
      if (!circumstances.excluded.contains(user)) users.push_back(user);
    }
  }
  std::vector<Assignee> assignees;
  std::set<std::int64_t> seen;
  for (std::int64_t user : users) {
    auto assignee = with_delegation(c, circumstances, user);
    if (!assignee) return assignee.error();
    if (seen.insert(assignee->user_id).second) assignees.push_back(*assignee);
  }
  return assignees;
}

std::vector<ApproverSpec> stored_approvers(const std::string& json) {
  std::vector<FieldError> ignored;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(json, ec);
  if (ec) return {};
  auto steps = parse_steps(boost::json::array{boost::json::object{{"name", "-"}, {"approvers", parsed}}}, ignored);
  return steps.empty() ? std::vector<ApproverSpec>{} : steps.front().approvers;
}

Result<Circumstances> circumstances_of(Connection& c, const Flow& flow, const entity::Record& document,
                                       const Clock& clock) {
  Circumstances circumstances{.company_id = flow.company_id, .document_type = flow.document_type,
                              .now = Timestamp::from_system(clock.now())};
  circumstances.excluded.insert(flow.submitted_by);
  if (document.owner_id) circumstances.excluded.insert(*document.owner_id);
  if (document.created_by) circumstances.excluded.insert(*document.created_by);
  circumstances.department_id = document.department_id;
  if (!circumstances.department_id) {
    auto row = c.query_row("SELECT department_id FROM memberships WHERE user_id = $1 AND company_id = $2",
                           {flow.submitted_by, flow.company_id});
    if (!row) return row.error();
    if (*row && !(*row)->is_null(0)) circumstances.department_id = (*row)->int64(0).value_or(0);
  }
  return circumstances;
}

Status log_action(Connection& c, const Clock& clock, std::int64_t flow, std::optional<std::int64_t> step_seq,
                  std::int64_t actor, std::optional<std::int64_t> on_behalf_of, std::string_view action,
                  std::string_view comment) {
  auto logged = c.execute(
      "INSERT INTO approval_actions (flow_id, step_seq, actor_id, on_behalf_of, action, comment, at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {flow, Value(step_seq), actor, Value(on_behalf_of), std::string(action), std::string(comment),
       Timestamp::from_system(clock.now())});
  if (!logged) return logged.error();
  return {};
}

Status audit_action(Connection& c, const Clock& clock, const security::Principal& actor, const entity::Caller& caller,
                    const Flow& flow, std::string_view action, std::string_view comment) {
  const boost::json::object change{{"document_type", flow.document_type},
                                   {"document_id", flow.document_id},
                                   {"step", flow.current_step},
                                   {"comment", comment}};
  auto seq = audit::append(c, audit::Entry{.at = clock.now(),
                                           .user_id = actor.user_id,
                                           .user_name = actor.user_name,
                                           .company_id = flow.company_id,
                                           .address = caller.address,
                                           .request_id = caller.request_id,
                                           .action = "approval." + std::string(action),
                                           .target_type = "approval_flow",
                                           .target_id = std::to_string(flow.id),
                                           .change = boost::json::serialize(change)});
  if (!seq) return seq.error();
  return {};
}

Status tell(Connection& c, const Clock& clock, const Flow& flow, std::int64_t user, std::string kind,
            std::string_view message_id) {
  const auto& catalog = i18n::Catalog::built_in();
  auto stored = notify::notify(c, clock,
                               notify::Notification{.user_id = user,
                                                    .company_id = flow.company_id,
                                                    .kind = std::move(kind),
                                                    .title = catalog.text("zh-CN", message_id, {{"title", flow.title}}),
                                                    .entity = "approval_flow",
                                                    .record_id = flow.id,
                                                    .title_id = std::string(message_id),
                                                    .args = {{"title", flow.title}}});
  if (!stored) return stored.error();
  return {};
}

// Makes step `seq` current: finds its approvers, assigns and tells them.
Status activate_step(Connection& c, const ApprovalServices& services, Flow& flow, const Circumstances& circumstances,
                     std::int64_t step_id, std::int64_t seq, const std::string& name, const std::string& approvers) {
  auto assignees = resolve(c, circumstances, stored_approvers(approvers));
  if (!assignees) return assignees.error();
  if (assignees->empty()) return no_approver(name);
  for (const Assignee& assignee : *assignees) {
    auto assigned = c.execute(
        "INSERT INTO approval_assignments (flow_id, step_id, approver_id, on_behalf_of, state, comment) "
        "VALUES ($1, $2, $3, $4, 'pending', '')",
        {flow.id, step_id, assignee.user_id, Value(assignee.on_behalf_of)});
    if (!assigned) return assigned.error();
    if (Status told = tell(c, services.clock, flow, assignee.user_id, "approval.requested", "approval.requested_title");
        !told) {
      return told;
    }
  }
  auto moved = c.execute("UPDATE approval_steps SET state = 'active' WHERE id = $1", {step_id});
  if (!moved) return moved.error();
  flow.current_step = seq;
  auto current = c.execute("UPDATE approval_flows SET current_step = $1 WHERE id = $2", {seq, flow.id});
  if (!current) return current.error();
  return {};
}

// The next waiting step becomes current; false when there is none (the flow is approved).
Result<bool> advance(Connection& c, const ApprovalServices& services, Flow& flow, const Circumstances& circumstances) {
  auto next = c.query_row(
      "SELECT id, seq, name, approvers FROM approval_steps WHERE flow_id = $1 AND state = 'waiting' ORDER BY seq",
      {flow.id});
  if (!next) return next.error();
  if (!*next) return false;
  const auto& r = **next;
  if (Status activated = activate_step(c, services, flow, circumstances, r.int64(0).value_or(0), r.int64(1).value_or(0),
                                       text_or(r, 2), text_or(r, 3));
      !activated) {
    return activated.error();
  }
  return true;
}

// Ends the flow: its state, the document's status (and its module's reaction), the submitter told.
Status finish(Connection& c, const ApprovalServices& services, Flow& flow, const security::Principal& actor,
              std::string_view outcome, const entity::Caller& caller) {
  const entity::EntitySpec* spec = services.types.find(flow.document_type);
  if (spec == nullptr) return make_error(ErrorKind::internal, "approval.not_approvable", flow.document_type);
  const auto& approval = *spec->approval;
  flow.state = std::string(outcome);
  auto ended = c.execute("UPDATE approval_flows SET state = $1, finished_at = $2 WHERE id = $3",
                         {flow.state, Timestamp::from_system(services.clock.now()), flow.id});
  if (!ended) return ended.error();
  const std::string& status = outcome == "approved"   ? approval.approved
                              : outcome == "rejected" ? approval.rejected
                                                      : approval.draft;
  const std::string verb = outcome == "approved" ? "approve" : outcome == "rejected" ? "reject" : "withdraw";
  auto document = services.store.transition_in(c, *spec, actor, flow.document_id,
                                               {{approval.status_field, Value(status)}}, verb, caller);
  if (!document) return document.error();
  if (approval.decided) {
    if (Status reacted = approval.decided(c, *document, outcome); !reacted) return reacted;
  }
  if (outcome == "withdrawn") return {};
  return tell(c, services.clock, flow, flow.submitted_by, "approval." + std::string(outcome),
              outcome == "approved" ? "approval.approved_title" : "approval.rejected_title");
}

boost::json::object facts_of(const entity::EntitySpec& spec, const entity::Record& record) {
  boost::json::object facts;
  for (const auto& field : spec.fields) facts[field.name] = entity::encode_json(field, record.get(field.name));
  facts["company_id"] = record.company_id ? boost::json::value(*record.company_id) : nullptr;
  facts["owner_id"] = record.owner_id ? boost::json::value(*record.owner_id) : nullptr;
  facts["department_id"] = record.department_id ? boost::json::value(*record.department_id) : nullptr;
  return facts;
}

boost::json::value json_of(const storage::Value& value) {
  const auto* text = value.get_if<std::string>();
  if (text == nullptr) return nullptr;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(*text, ec);
  return ec ? boost::json::value(nullptr) : parsed;
}

struct MatchedRule {
  std::int64_t id = 0;
  std::string name;
  std::vector<StepDefinition> steps;
  boost::json::array step_json;
};

// The first active rule of the company for the type whose conditions hold.
Result<std::optional<MatchedRule>> matching_rule(Connection& c, std::int64_t company, std::string_view type,
                                                 const boost::json::object& facts) {
  auto rows = c.query(
      "SELECT id, name, conditions, steps FROM approval_rules WHERE company_id = $1 AND document_type = $2 "
      "AND active = $3 AND archived_at IS NULL ORDER BY priority, id",
      {company, std::string(type), true});
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    std::vector<FieldError> problems;
    const auto conditions = parse_conditions(json_of(row.text(2).value_or("")), "conditions", problems);
    const boost::json::value step_json = json_of(row.text(3).value_or(""));
    auto steps = parse_steps(step_json, problems);
    if (!problems.empty() || !conditions_hold(conditions, facts)) continue;
    return std::optional<MatchedRule>(
        MatchedRule{row.int64(0).value_or(0), text_or(row, 1), std::move(steps), step_json.as_array()});
  }
  return std::optional<MatchedRule>();
}

Result<entity::Record> document_of(Connection& c, const ApprovalServices& services, const Flow& flow) {
  const entity::EntitySpec* spec = services.types.find(flow.document_type);
  if (spec == nullptr) return make_error(ErrorKind::internal, "approval.not_approvable", flow.document_type);
  // The engine reads the document as the system does; who may act was decided by the flow.
  security::Principal system{.company_id = flow.company_id,
                             .grants = {{spec->name, "read", security::DataScope::company}}};
  return services.store.get_in(c, *spec, system, flow.document_id);
}

}  // namespace

Result<FlowState> submit(Connection& c, const ApprovalServices& services, const security::Principal& submitter,
                         std::string_view document_type, std::int64_t document_id, std::string_view comment,
                         const entity::Caller& caller) {
  const entity::EntitySpec* spec = services.types.find(document_type);
  if (spec == nullptr) {
    Error error = make_error(ErrorKind::validation, "approval.not_approvable");
    error.field = "document_type";
    return error;
  }
  const auto& approval = *spec->approval;
  auto document = services.store.get_in(c, *spec, submitter, document_id, "update");
  if (!document) return document.error();
  const auto* status = document->get(approval.status_field).get_if<std::string>();
  if (status == nullptr || (*status != approval.draft && *status != approval.rejected)) {
    return make_error(ErrorKind::invalid_transition, "approval.not_submittable");
  }
  boost::json::object facts = facts_of(*spec, *document);
  if (approval.facts) {
    auto extra = approval.facts(c, *document);
    if (!extra) return extra.error();
    for (const auto& [name, value] : *extra) facts[name] = value;
  }
  auto rule = matching_rule(c, submitter.company_id, document_type, facts);
  if (!rule) return rule.error();

  const auto now = Timestamp::from_system(services.clock.now());
  std::string title = document->get(spec->title_field).get_if<std::string>() != nullptr
                          ? *document->get(spec->title_field).get_if<std::string>()
                          : "#" + std::to_string(document_id);
  auto inserted = c.query_row(
      "INSERT INTO approval_flows (company_id, document_type, document_id, title, rule_id, rule_name, submitted_by, "
      "submitted_at, state, current_step, facts, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, 1) "
      "RETURNING id",
      {submitter.company_id, std::string(document_type), document_id, title,
       *rule ? Value((*rule)->id) : Value(), *rule ? (*rule)->name : std::string(), submitter.user_id, now,
       boost::json::serialize(facts)});
  if (!inserted) return inserted.error();
  Flow flow{.id = (**inserted).int64(0).value_or(0), .company_id = submitter.company_id,
            .document_type = std::string(document_type), .document_id = document_id, .title = title,
            .submitted_by = submitter.user_id, .state = "pending"};
  if (Status logged = log_action(c, services.clock, flow.id, std::nullopt, submitter.user_id, std::nullopt, "submit",
                                 comment);
      !logged) {
    return logged.error();
  }
  if (Status audited = audit_action(c, services.clock, submitter, caller, flow, "submit", comment); !audited) {
    return audited.error();
  }
  auto pending = services.store.transition_in(c, *spec, submitter, document_id,
                                              {{approval.status_field, Value(approval.pending)}}, "submit", caller);
  if (!pending) return pending.error();

  auto circumstances = circumstances_of(c, flow, *document, services.clock);
  if (!circumstances) return circumstances.error();
  if (*rule) {
    for (std::size_t i = 0; i < (*rule)->steps.size(); ++i) {
      const StepDefinition& step = (*rule)->steps[i];
      const bool applies = conditions_hold(step.when, facts);
      if (applies) {
        // Every step must have someone to approve it, known now rather than halfway through.
        auto assignees = resolve(c, *circumstances, step.approvers);
        if (!assignees) return assignees.error();
        if (assignees->empty()) return no_approver(step.name);
      }
      const auto& approvers = (*rule)->step_json[i].as_object().at("approvers");
      auto stored = c.execute(
          "INSERT INTO approval_steps (flow_id, seq, name, mode, approvers, state) VALUES ($1, $2, $3, $4, $5, $6)",
          {flow.id, static_cast<std::int64_t>(i + 1), step.name, std::string(to_string(step.mode)),
           boost::json::serialize(approvers), std::string(applies ? "waiting" : "skipped")});
      if (!stored) return stored.error();
    }
  }
  auto started = advance(c, services, flow, *circumstances);
  if (!started) return started.error();
  if (!*started) {
    // Nothing to approve: no rule for this document, or every step skipped.
    if (Status logged = log_action(c, services.clock, flow.id, std::nullopt, submitter.user_id, std::nullopt,
                                   "auto_approve", "");
        !logged) {
      return logged.error();
    }
    if (Status done = finish(c, services, flow, submitter, "approved", caller); !done) return done.error();
  }
  return FlowState{flow.id, flow.state};
}

Result<FlowState> decide(Connection& c, const ApprovalServices& services, const security::Principal& approver,
                         std::int64_t flow_id, Decision decision, std::string_view comment,
                         const entity::Caller& caller) {
  if (decision == Decision::reject && comment.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields.push_back(FieldError{"comment", "required", "approval.reject_needs_comment", {}});
    return error;
  }
  // Taking the flow's row first serialises two approvers deciding at the same moment.
  auto locked = c.execute("UPDATE approval_flows SET version = version + 1 WHERE id = $1 AND company_id = $2",
                          {flow_id, approver.company_id});
  if (!locked) return locked.error();
  auto loaded = load_flow(c, flow_id);
  if (!loaded) return loaded.error();
  if (!*loaded || (*loaded)->company_id != approver.company_id) return make_error(ErrorKind::not_found, "error.not_found");
  Flow flow = **loaded;

  auto mine = c.query_row(
      "SELECT a.id, a.on_behalf_of, s.id, s.mode FROM approval_assignments a JOIN approval_steps s ON s.id = a.step_id "
      "WHERE a.flow_id = $1 AND s.seq = $2 AND s.state = 'active' AND a.approver_id = $3 AND a.state = 'pending'",
      {flow.id, flow.current_step, approver.user_id});
  if (!mine) return mine.error();
  if (!*mine || flow.state != "pending") {
    if (flow.submitted_by == approver.user_id) return make_error(ErrorKind::forbidden, "approval.self_approval");
    auto involved = c.query_row("SELECT 1 FROM approval_assignments WHERE flow_id = $1 AND approver_id = $2",
                                {flow.id, approver.user_id});
    if (!involved) return involved.error();
    if (!*involved) return make_error(ErrorKind::not_found, "error.not_found");
    return make_error(ErrorKind::invalid_transition, "approval.not_your_turn");
  }
  const std::int64_t assignment = (*mine)->int64(0).value_or(0);
  const std::optional<std::int64_t> on_behalf_of =
      (*mine)->is_null(1) ? std::nullopt : std::optional<std::int64_t>((*mine)->int64(1).value_or(0));
  const std::int64_t step = (*mine)->int64(2).value_or(0);
  const bool every_approver = text_or(**mine, 3) == "all";
  const auto now = Timestamp::from_system(services.clock.now());
  const std::string verdict = decision == Decision::approve ? "approved" : "rejected";

  auto acted = c.execute("UPDATE approval_assignments SET state = $1, comment = $2, acted_at = $3 WHERE id = $4",
                         {verdict, std::string(comment), now, assignment});
  if (!acted) return acted.error();
  const std::string verb = decision == Decision::approve ? "approve" : "reject";
  if (Status logged = log_action(c, services.clock, flow.id, flow.current_step, approver.user_id, on_behalf_of, verb,
                                 comment);
      !logged) {
    return logged.error();
  }
  if (Status audited = audit_action(c, services.clock, approver, caller, flow, verb, comment); !audited) {
    return audited.error();
  }

  bool step_done = decision == Decision::reject || !every_approver;
  if (!step_done) {
    auto open = c.query_row("SELECT count(*) FROM approval_assignments WHERE step_id = $1 AND state = 'pending'", {step});
    if (!open) return open.error();
    step_done = (*open)->int64(0).value_or(0) == 0;
  }
  if (!step_done) return FlowState{flow.id, flow.state};

  // Whoever else was asked on this step no longer needs to act.
  auto others = c.execute("UPDATE approval_assignments SET state = 'not_needed' WHERE step_id = $1 AND state = 'pending'",
                          {step});
  if (!others) return others.error();
  auto closed = c.execute("UPDATE approval_steps SET state = $1, decided_at = $2 WHERE id = $3", {verdict, now, step});
  if (!closed) return closed.error();
  if (decision == Decision::reject) {
    if (Status done = finish(c, services, flow, approver, "rejected", caller); !done) return done.error();
    return FlowState{flow.id, flow.state};
  }
  auto document = document_of(c, services, flow);
  if (!document) return document.error();
  auto circumstances = circumstances_of(c, flow, *document, services.clock);
  if (!circumstances) return circumstances.error();
  auto next = advance(c, services, flow, *circumstances);
  if (!next) return next.error();
  if (!*next) {
    if (Status done = finish(c, services, flow, approver, "approved", caller); !done) return done.error();
  }
  return FlowState{flow.id, flow.state};
}

Result<FlowState> withdraw(Connection& c, const ApprovalServices& services, const security::Principal& submitter,
                           std::int64_t flow_id, std::string_view comment, const entity::Caller& caller) {
  auto locked = c.execute("UPDATE approval_flows SET version = version + 1 WHERE id = $1 AND company_id = $2",
                          {flow_id, submitter.company_id});
  if (!locked) return locked.error();
  auto loaded = load_flow(c, flow_id);
  if (!loaded) return loaded.error();
  if (!*loaded || (*loaded)->submitted_by != submitter.user_id || (*loaded)->company_id != submitter.company_id) {
    return make_error(ErrorKind::not_found, "error.not_found");
  }
  Flow flow = **loaded;
  if (flow.state != "pending") return make_error(ErrorKind::invalid_transition, "approval.not_pending");
  auto cancelled = c.execute(
      "UPDATE approval_assignments SET state = 'cancelled' WHERE flow_id = $1 AND state = 'pending'", {flow.id});
  if (!cancelled) return cancelled.error();
  auto steps = c.execute(
      "UPDATE approval_steps SET state = 'cancelled' WHERE flow_id = $1 AND state IN ('waiting', 'active')", {flow.id});
  if (!steps) return steps.error();
  if (Status logged = log_action(c, services.clock, flow.id, flow.current_step, submitter.user_id, std::nullopt,
                                 "withdraw", comment);
      !logged) {
    return logged.error();
  }
  if (Status audited = audit_action(c, services.clock, submitter, caller, flow, "withdraw", comment); !audited) {
    return audited.error();
  }
  if (Status done = finish(c, services, flow, submitter, "withdrawn", caller); !done) return done.error();
  return FlowState{flow.id, flow.state};
}

}  // namespace verp::workflow
