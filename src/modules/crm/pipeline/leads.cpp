// Leads (线索): numbering, matching against customers, qualification and conversion (pipeline.hpp).
#include <boost/json.hpp>

#include "modules/crm/pipeline/pipeline_internal.hpp"
#include "modules/finance/ledger_internal.hpp"
#include "modules/inventory/inventory_internal.hpp"
#include "modules/inventory/stock_ledger.hpp"

namespace verp::crm {

namespace json = boost::json;
using storage::Connection;
using storage::Value;

namespace {

Status number_lead(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t lead, storage::Date day) {
  auto number = inventory::next_document_number(c, actor.principal.company_id, "LD", day);
  if (!number) return number.error();
  auto done = kit.store->transition_in(c, kit.spec("lead"), actor.principal, lead, {{"code", *number}}, "number",
                                       actor.caller);
  if (!done) return done.error();
  return {};
}

}  // namespace

Result<entity::CreateOutcome> create_lead(Connection& c, const CrmKit& kit, const Actor& actor,
                                          const json::object& body, bool confirm_duplicates) {
  auto made = kit.store->create_in(c, kit.spec("lead"), actor.principal, body, confirm_duplicates, actor.caller);
  if (!made || !made->record) return made;
  if (Status numbered = number_lead(c, kit, actor, made->record->id, local_day(actor.clock.now())); !numbered) {
    return numbered.error();
  }
  auto numbered = record_of(c, kit, "lead", actor.principal, made->record->id, "read");
  if (!numbered) return numbered.error();
  made->record = std::move(*numbered);
  return made;
}

Result<int> number_new_leads(Connection& c, const CrmKit& kit, std::int64_t company) {
  auto rows = c.query(
      "SELECT id, created_at, COALESCE(created_by, owner_id) FROM leads WHERE company_id = $1 AND code IS NULL "
      "ORDER BY created_at, id",
      {company});
  if (!rows) return rows.error();
  int numbered = 0;
  for (const auto& row : *rows) {
    // The number is the importer's act, done later on their behalf.
    const security::Principal importer{.user_id = row.int64(2).value_or(0),
                                       .user_name = "crm.lead_numbers",
                                       .company_id = company,
                                       .company_ids = {company}};
    const SystemClock clock;
    const Actor actor{importer, {"", "job:crm.lead_numbers"}, clock};
    const auto created = row.timestamp(1).value_or(storage::Timestamp{});
    if (Status done =
            number_lead(c, kit, actor, row.int64(0).value_or(0),
                        local_day(std::chrono::system_clock::time_point(std::chrono::microseconds(created.micros))));
        !done) {
      return done.error();
    }
    ++numbered;
  }
  return numbered;
}

Result<int> number_all_new_leads(const CrmKit& kit) {
  auto companies = kit.http.database->read([](Connection& c) {
    return c.query("SELECT DISTINCT company_id FROM leads WHERE code IS NULL ORDER BY company_id");
  });
  if (!companies) return companies.error();
  int numbered = 0;
  for (const auto& row : *companies) {
    auto done = kit.http.database->write(
        [&](Connection& c) { return number_new_leads(c, kit, row.int64(0).value_or(0)); });
    if (!done) return done.error();
    numbered += *done;
  }
  return numbered;
}

Result<json::array> lead_matches(Connection& c, std::int64_t company, std::int64_t lead) {
  // The keys were normalised by the entity layer when each record was saved (entity::duplicate_key),
  // so equal keys are the same name, phone or e-mail however they were typed.
  auto rows = c.query(
      "SELECT cu.id, cu.code, cu.name, cu.phone, cu.email, cu.status, "
      "CASE WHEN cu.dedupe_name = l.dedupe_company_name THEN 1 ELSE 0 END, "
      "CASE WHEN cu.dedupe_phone = l.dedupe_phone THEN 1 ELSE 0 END, "
      "CASE WHEN cu.dedupe_email = l.dedupe_email THEN 1 ELSE 0 END "
      "FROM leads l JOIN customers cu ON cu.company_id = l.company_id AND cu.archived_at IS NULL "
      "AND (cu.dedupe_name = l.dedupe_company_name OR cu.dedupe_phone = l.dedupe_phone "
      "OR cu.dedupe_email = l.dedupe_email) WHERE l.id = $1 AND l.company_id = $2 ORDER BY cu.id LIMIT 20",
      {lead, company});
  if (!rows) return rows.error();
  json::array matches;
  for (const auto& row : *rows) {
    json::array on;
    if (row.int64(6).value_or(0) == 1) on.push_back("name");
    if (row.int64(7).value_or(0) == 1) on.push_back("phone");
    if (row.int64(8).value_or(0) == 1) on.push_back("email");
    auto text_or_null = [&](std::size_t i) { return inventory::text_or_null(row, i); };
    matches.push_back(json::object{{"id", row.int64(0).value_or(0)},
                                   {"code", text_or_null(1)},
                                   {"name", text_or_null(2)},
                                   {"phone", text_or_null(3)},
                                   {"email", text_or_null(4)},
                                   {"status", text_or_null(5)},
                                   {"matched_on", std::move(on)}});
  }
  return matches;
}

Status act_on_lead(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t lead, LeadAction action,
                   std::string_view reason) {
  auto record = record_of(c, kit, "lead", actor.principal, lead, "update");
  if (!record) return record.error();
  const std::string status = text_of(*record, "status");
  std::map<std::string, Value, std::less<>> changes;
  std::string verb;
  if (action == LeadAction::qualify) {
    if (status != "new" && status != "contacted") {
      return make_error(ErrorKind::invalid_transition, "crm.pipeline.lead_not_qualifiable");
    }
    changes = {{"status", "qualified"}};
    verb = "qualify";
  } else {
    if (reason.empty()) return finance::field_error("reason", "required", "field.required");
    if (status == "converted" || status == "disqualified") {
      return make_error(ErrorKind::invalid_transition, "crm.pipeline.lead_not_disqualifiable");
    }
    changes = {{"status", "disqualified"}, {"disqualified_reason", std::string(reason)}};
    verb = "disqualify";
  }
  auto done = kit.store->transition_in(c, kit.spec("lead"), actor.principal, lead, changes, verb, actor.caller);
  if (!done) return done.error();
  json::object entry{{"code", text_of(*record, "code")}};
  if (!reason.empty()) entry["reason"] = std::string(reason);
  return finance::audit_ledger(c, actor, "lead." + verb, "lead", lead, entry);
}

namespace {

// The customer the lead becomes: the chosen one (which the caller must be able to read), or a new
// prospect from the lead's company and person, unless it looks like customers the company has.
Result<std::pair<std::int64_t, bool>> customer_for(Connection& c, const CrmKit& kit, const Actor& actor,
                                                   const entity::Record& lead, const ConversionInput& input) {
  if (input.customer_id) {
    auto existing = record_of(c, kit, "customer", actor.principal, *input.customer_id, "read");
    if (!existing) {
      if (existing.error().kind == ErrorKind::not_found) {
        return finance::field_error("customer_id", "unknown", "crm.pipeline.customer_unknown");
      }
      return existing.error();
    }
    return std::pair{*input.customer_id, false};
  }
  json::object body = input.customer;
  auto fill = [&](const char* field, const std::string& value) {
    if (!body.contains(field) && !value.empty()) body[field] = value;
  };
  const std::string company_name = text_of(lead, "company_name");
  fill("name", company_name.empty() ? text_of(lead, "name") : company_name);
  fill("contact_name", text_of(lead, "name"));
  fill("phone", text_of(lead, "phone"));
  fill("email", text_of(lead, "email"));
  fill("region", text_of(lead, "region"));
  fill("industry", text_of(lead, "industry"));
  if (!body.contains("status")) body["status"] = "prospect";
  if (!body.contains("code")) {
    auto code = inventory::next_document_number(c, actor.principal.company_id, "CU", local_day(actor.clock.now()));
    if (!code) return code.error();
    body["code"] = *code;
  }
  auto made = kit.store->create_in(c, kit.spec("customer"), actor.principal, body, false, actor.caller);
  if (!made) return prefixed(made.error(), "customer.");
  if (!made->record) {
    // It looks like a customer the company has: the salesperson converts onto that one instead.
    Error error = make_error(ErrorKind::conflict, "crm.pipeline.lead_matches_customer");
    error.field = "customer_id";
    std::string names;
    for (const auto& match : made->duplicates) names += (names.empty() ? "" : "、") + match.title;
    error.args = {{"customers", names}};
    return error;
  }
  return std::pair{made->record->id, true};
}

// The lead's person as a contact of the customer, or the contact it already has with the same
// phone or e-mail.
Result<std::int64_t> contact_for(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t lead_id,
                                 const entity::Record& lead, std::int64_t customer, bool primary) {
  auto known = c.query_row(
      "SELECT ct.id FROM contacts ct JOIN leads l ON l.id = $2 WHERE ct.customer_id = $1 AND ct.archived_at IS NULL "
      "AND (ct.dedupe_phone = l.dedupe_phone OR ct.dedupe_email = l.dedupe_email) ORDER BY ct.id LIMIT 1",
      {customer, lead_id});
  if (!known) return known.error();
  if (*known) return (*known)->int64(0).value_or(0);
  json::object body{{"customer_id", customer}, {"name", text_of(lead, "name")}, {"primary_contact", primary}};
  for (const char* field : {"title", "phone", "email"}) {
    if (!text_of(lead, field).empty()) body[field] = text_of(lead, field);
  }
  auto made = kit.store->create_in(c, kit.spec("contact"), actor.principal, body, true, actor.caller);
  if (!made) return prefixed(made.error(), "contact.");
  return made->record ? made->record->id : 0;
}

}  // namespace

Result<Conversion> convert_lead(Connection& c, const CrmKit& kit, const Actor& actor, std::int64_t lead_id,
                                const ConversionInput& input) {
  auto lead = record_of(c, kit, "lead", actor.principal, lead_id, "update");
  if (!lead) return lead.error();
  const std::string status = text_of(*lead, "status");
  if (status == "converted" || status == "disqualified") {
    return make_error(ErrorKind::invalid_transition, "crm.pipeline.lead_not_convertible");
  }
  Conversion done;
  auto customer = customer_for(c, kit, actor, *lead, input);
  if (!customer) return customer.error();
  done.customer_id = customer->first;
  done.new_customer = customer->second;
  auto contact = contact_for(c, kit, actor, lead_id, *lead, done.customer_id, done.new_customer);
  if (!contact) return contact.error();
  done.contact_id = *contact;

  json::object opportunity = input.opportunity;
  if (!opportunity.contains("name")) {
    const std::string company_name = text_of(*lead, "company_name");
    opportunity["name"] = company_name.empty() ? text_of(*lead, "name") : company_name;
  }
  opportunity["customer_id"] = done.customer_id;
  if (done.contact_id != 0) opportunity["contact_id"] = done.contact_id;
  opportunity["lead_id"] = lead_id;
  opportunity["source"] = text_of(*lead, "source").empty() ? "manual" : text_of(*lead, "source");
  if (lead->owner_id) opportunity["owner_id"] = *lead->owner_id;
  auto made = create_opportunity(c, kit, actor, std::move(opportunity));
  if (!made) return prefixed(made.error(), "opportunity.");
  if (!made->record) return make_error(ErrorKind::conflict, "entity.duplicates");
  done.opportunity_id = made->record->id;

  auto converted = kit.store->transition_in(c, kit.spec("lead"), actor.principal, lead_id,
                                            {{"status", "converted"}, {"customer_id", done.customer_id}}, "convert",
                                            actor.caller);
  if (!converted) return converted.error();
  if (Status audited = finance::audit_ledger(c, actor, "lead.convert", "lead", lead_id,
                                             {{"code", text_of(*lead, "code")},
                                              {"customer_id", done.customer_id},
                                              {"new_customer", done.new_customer},
                                              {"opportunity_id", done.opportunity_id}});
      !audited) {
    return audited.error();
  }
  return done;
}

}  // namespace verp::crm
