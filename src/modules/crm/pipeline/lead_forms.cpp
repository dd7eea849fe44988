// The public lead form (网站表单): a company's form, opened by its key from a web page, hands out a
// signed token with the time it was issued; a submission becomes a lead (source web_form) for the
// form's owner when it passes the spam checks:
//   - the honeypot field `website` (hidden from people by the page) is empty;
//   - the token's signature is the form's (HMAC-SHA-256 under the form's own secret);
//   - the form was filled in no faster than 3 s and the token is under a day old;
//   - the address has made fewer than kPerAddressPerHour submissions in the last hour (else 429).
// A refused submission is answered like an accepted one (202) so that a robot learns nothing;
// every submission is logged with its outcome in lead_form_submissions.
#include <sodium.h>

#include <boost/json.hpp>
#include <charconv>

#include "modules/crm/pipeline/pipeline_internal.hpp"
#include "modules/notify/api.hpp"
#include "platform/i18n/catalog.hpp"
#include "platform/http/json_body.hpp"
#include "platform/security/crypto.hpp"
#include "platform/security/tokens.hpp"

namespace verp::crm {

namespace json = boost::json;
using finance::openapi;
using http::Access;
using http::Request;
using storage::Connection;
using storage::Timestamp;

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kFastestFillMicros = 3 * kMicrosPerSecond;
constexpr std::int64_t kTokenLifetimeMicros = 24LL * 3600 * kMicrosPerSecond;
constexpr std::int64_t kPerAddressPerHour = 5;

// What the form asks; the page shows them in this order.
constexpr const char* kFormFields[] = {"name", "company_name", "phone", "email", "title", "region", "notes"};

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xF];
  }
  return out;
}

// The signature of `issued` under the form's secret, as hex.
std::string signature(std::string_view secret, std::int64_t issued) {
  security::ensure_crypto_initialised();
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
  crypto_hash_sha256(key, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  const std::string message = std::to_string(issued);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key);
  return hex(mac, sizeof mac);
}

std::string token_for(std::string_view secret, std::int64_t issued) {
  return std::to_string(issued) + "." + signature(secret, issued);
}

// The issue time of a token this form signed, or none.
std::optional<std::int64_t> issued_at(std::string_view secret, std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::int64_t issued = 0;
  const auto [end, problem] = std::from_chars(token.data(), token.data() + dot, issued);
  if (problem != std::errc() || end != token.data() + dot) return std::nullopt;
  if (!security::constant_time_equal(token.substr(dot + 1), signature(secret, issued))) return std::nullopt;
  return issued;
}

struct Form {
  std::int64_t id = 0;
  std::int64_t company = 0;
  std::int64_t owner = 0;
  std::string name;
  std::string intro;
  std::string secret;
};

Result<std::optional<Form>> form_by_key(Connection& c, std::string_view key) {
  auto row = c.query_row(
      "SELECT f.id, f.company_id, f.owner_id, f.name, f.intro, k.secret FROM lead_forms f "
      "JOIN lead_form_keys k ON k.form_id = f.id JOIN companies co ON co.id = f.company_id AND co.is_active "
      "WHERE f.form_key = $1 AND f.active AND f.archived_at IS NULL",
      {std::string(key)});
  if (!row) return row.error();
  if (!*row) return std::optional<Form>();
  const auto& r = **row;
  return std::optional(Form{.id = r.int64(0).value_or(0),
                            .company = r.int64(1).value_or(0),
                            .owner = r.int64(2).value_or(0),
                            .name = r.text(3).value_or(""),
                            .intro = r.is_null(4) ? "" : r.text(4).value_or(""),
                            .secret = r.text(5).value_or("")});
}

Status log_submission(Connection& c, const Form& form, const Request& request, Timestamp now, std::string_view outcome,
                      std::optional<std::int64_t> lead) {
  auto logged = c.execute(
      "INSERT INTO lead_form_submissions (form_id, address, submitted_at, outcome, lead_id) "
      "VALUES ($1, $2, $3, $4, $5)",
      {form.id, request.remote_address, now, std::string(outcome), storage::Value(lead)});
  if (!logged) return logged.error();
  return {};
}

// The form's owner hears of the new lead at once: a web enquiry goes cold within the day.
Status tell_owner(Connection& c, const Clock& clock, const Form& form, const entity::Record& lead) {
  const auto& catalog = i18n::Catalog::built_in();
  const std::string company = text_of(lead, "company_name");
  const std::vector<MessageArg> args{{"form", form.name},
                                     {"name", text_of(lead, "name")},
                                     {"company", company.empty() ? text_of(lead, "name") : company},
                                     {"code", text_of(lead, "code")}};
  auto told = notify::notify(c, clock,
                             {.user_id = form.owner,
                              .company_id = form.company,
                              .kind = "crm.web_lead",
                              .title = catalog.text("zh-CN", "crm.pipeline.web_lead_title", args),
                              .body = catalog.text("zh-CN", "crm.pipeline.web_lead_body", args),
                              .entity = "lead",
                              .record_id = lead.id,
                              .title_id = "crm.pipeline.web_lead_title",
                              .args = args});
  if (!told) return told.error();
  return {};
}

// Why a submission is spam, or "" when it is not.
std::string spam_reason(const Form& form, std::string_view honeypot, std::string_view token, std::int64_t now) {
  if (!honeypot.empty()) return "honeypot";
  const auto issued = issued_at(form.secret, token);
  if (!issued) return "bad_token";
  if (now - *issued < kFastestFillMicros) return "too_fast";
  if (now - *issued > kTokenLifetimeMicros) return "token_expired";
  return "";
}

}  // namespace

void add_lead_form_routes(http::Router& router, const CrmKit& kit) {
  auto problem = [kit](const Error& error, const Request& request) { return kit.http.problem(error, request); };

  // The form with its key and secret: the generic create cannot make either.
  router.post("/api/v1/lead-forms", [=](Request& request) {
    http::JsonBody body(request);
    if (!body.ok() || !body.raw_root()->is_object()) return problem(body.error(), request);
    const Actor actor = kit.http.actor_of(request);
    auto made = kit.http.database->write([&](Connection& c) -> Result<json::object> {
      auto form = kit.store->create_in(c, kit.spec("lead_form"), actor.principal, body.raw_root()->as_object(), true,
                                       actor.caller);
      if (!form) return form.error();
      const std::int64_t id = form->record->id;
      auto keyed = kit.store->transition_in(c, kit.spec("lead_form"), actor.principal, id,
                                            {{"form_key", security::random_token(16)}}, "key", actor.caller);
      if (!keyed) return keyed.error();
      auto secret = c.execute("INSERT INTO lead_form_keys (form_id, secret) VALUES ($1, $2)",
                              {id, security::random_token(32)});
      if (!secret) return secret.error();
      auto fields = kit.store->fields_for(kit.spec("lead_form"), actor.principal.company_id);
      if (!fields) return fields.error();
      return kit.store->to_json(kit.spec("lead_form"), *fields, actor.principal, *keyed);
    });
    if (!made) return problem(made.error(), request);
    return http::json_response(201, *made);
  }, {.access = Access::permission("lead_form", "create"),
      .openapi = openapi("Make a public lead form (its key is generated)", "Lead form")});

  router.get("/api/v1/public/lead-forms/{key}", [=](Request& request) {
    const std::string key(request.param("key"));
    auto found = kit.http.database->read([&](Connection& c) { return form_by_key(c, key); });
    if (!found) return problem(found.error(), request);
    if (!*found) return problem(make_error(ErrorKind::not_found, "error.not_found"), request);
    const Form& form = **found;
    const std::int64_t now = Timestamp::from_system(kit.http.clock->now()).micros;
    json::array fields;
    for (const char* field : kFormFields) {
      const entity::Field* declared = kit.spec("lead").field(field);
      fields.push_back(json::object{{"name", field},
                                    {"label", declared->label.in(request.locale)},
                                    {"required", std::string_view(field) == "name"}});
    }
    return http::json_response(200, json::object{{"name", form.name},
                                                  {"intro", form.intro},
                                                  {"fields", std::move(fields)},
                                                  {"token", token_for(form.secret, now)}});
  }, {.access = Access::anyone(),
      .openapi = openapi("A public lead form: its fields and a signed token", "Lead form")});

  router.post("/api/v1/public/leads", [=](Request& request) {
    http::JsonBody body(request);
    body.allow_only(
        {"form_key", "token", "website", "name", "company_name", "phone", "email", "title", "region", "notes"});
    const std::string key = body.text("form_key", {.required = true, .max_length = 100});
    const std::string token = body.text("token", {.max_length = 200});
    const std::string honeypot = body.text("website", {.max_length = 500});
    json::object lead{{"source", "web_form"}};
    for (const char* field : kFormFields) {
      auto value = body.optional_text(field, {.required = std::string_view(field) == "name", .max_length = 2000});
      if (value && !value->empty()) lead[field] = *value;
    }
    if (!lead.contains("phone") && !lead.contains("email")) {
      body.add_error("phone", "required", "crm.pipeline.phone_or_email_required");
    }
    if (!body.ok()) return problem(body.error(), request);
    const Timestamp now = Timestamp::from_system(kit.http.clock->now());
    auto answered = kit.http.database->write([&](Connection& c) -> Result<int> {
      auto found = form_by_key(c, key);
      if (!found) return found.error();
      if (!*found) return make_error(ErrorKind::not_found, "error.not_found");
      const Form& form = **found;
      auto recent = c.query_row(
          "SELECT COUNT(*) FROM lead_form_submissions WHERE address = $1 AND submitted_at > $2",
          {request.remote_address, Timestamp::from_micros(now.micros - 3600 * kMicrosPerSecond)});
      if (!recent) return recent.error();
      if (*recent && (*recent)->int64(0).value_or(0) >= kPerAddressPerHour) {
        if (Status logged = log_submission(c, form, request, now, "rate_limited", std::nullopt); !logged) {
          return logged.error();
        }
        return 429;
      }
      if (const std::string spam = spam_reason(form, honeypot, token, now.micros); !spam.empty()) {
        if (Status logged = log_submission(c, form, request, now, spam, std::nullopt); !logged) return logged.error();
        return 202;
      }
      // The lead is the form owner's, entered on their behalf by the form.
      const security::Principal owner{.user_id = form.owner,
                                      .user_name = "crm.lead_form",
                                      .company_id = form.company,
                                      .company_ids = {form.company},
                                      .grants = {{"lead", "create", security::DataScope::company},
                                                 {"lead", "read", security::DataScope::company}}};
      const Actor actor{owner, {request.remote_address, request.request_id}, *kit.http.clock};
      auto made = create_lead(c, kit, actor, lead, true);
      if (!made) return made.error();
      if (Status told = tell_owner(c, *kit.http.clock, form, *made->record); !told) return told.error();
      if (Status logged = log_submission(c, form, request, now, "accepted", made->record->id); !logged) {
        return logged.error();
      }
      return 202;
    });
    if (!answered) return problem(answered.error(), request);
    if (*answered == 429) {
      return problem(make_error(ErrorKind::rate_limited, "crm.pipeline.lead_form_rate_limited"), request);
    }
    return http::json_response(202, json::object{{"received", true}});
  }, {.access = Access::anyone(),
      .openapi = openapi("Submit a public lead form (202 whether or not it was taken as spam)", "Lead form")});
}

}  // namespace verp::crm
