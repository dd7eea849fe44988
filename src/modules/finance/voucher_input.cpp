// A voucher's JSON form, read with every shape problem named at once:
//   {"date":"2026-03-05","word":"general","attachments":2,
//    "lines":[{"summary":"销售商品","account":"1122","debit":"11300.00","customer_id":7}, …]}
// A line names its account by id ("account_id") or by code ("account"), as people type it.
#include <algorithm>
#include <boost/json.hpp>

#include "modules/finance/ledger.hpp"
#include "modules/finance/ledger_internal.hpp"

namespace verp::finance {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxLines = 500;

class Reader {
 public:
  void fail(std::string field, std::string code, std::string message_id, std::vector<MessageArg> args = {}) {
    errors_.push_back(FieldError{std::move(field), std::move(code), std::move(message_id), std::move(args)});
  }
  bool ok() const { return errors_.empty(); }
  std::vector<FieldError> take() { return std::move(errors_); }
  Error error() const {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = errors_;
    return error;
  }

  std::string text(const json::object& object, std::string_view key, const std::string& path, std::size_t max,
                   bool required) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
      if (required) fail(path, "required", "field.required");
      return {};
    }
    if (!value->is_string()) {
      fail(path, "not_text", "field.not_text");
      return {};
    }
    std::string text(value->as_string());
    if (required && text.empty()) fail(path, "required", "field.required");
    if (text.size() > max * 4) fail(path, "too_long", "field.too_long", {{"max", std::to_string(max)}});
    return text;
  }

  std::optional<std::int64_t> id(const json::object& object, std::string_view key, const std::string& path) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (value->is_int64() && value->as_int64() > 0) return value->as_int64();
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX) && value->as_uint64() > 0) {
      return static_cast<std::int64_t>(value->as_uint64());
    }
    fail(path, "not_an_id", "finance.not_an_id");
    return std::nullopt;
  }

  Cents amount(const json::object& object, std::string_view key, const std::string& path) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) return 0;
    if (!value->is_string()) {
      fail(path, "not_decimal_text", "finance.amount_as_text");
      return 0;
    }
    if (value->as_string().empty()) return 0;
    auto cents = parse_amount(std::string_view(value->as_string()));
    if (!cents) {
      fail(path, "invalid", cents.error().message_id);
      return 0;
    }
    return *cents;
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace

Result<VoucherInput> voucher_from_json(const json::value& body) {
  Reader reader;
  VoucherInput input;
  if (!body.is_object()) {
    reader.fail("", "not_object", "http.body_not_json_object");
    return reader.error();
  }
  const json::object& object = body.as_object();
  for (const auto& member : object) {
    const std::string_view key = member.key();
    if (key != "date" && key != "word" && key != "attachments" && key != "lines" && key != "version") {
      reader.fail(std::string(key), "unknown", "finance.field_unknown");
    }
  }
  const std::string date = reader.text(object, "date", "date", 10, true);
  if (!date.empty()) {
    auto parsed = storage::Date::parse(date);
    if (parsed) {
      input.date = *parsed;
    } else {
      reader.fail("date", "invalid", "finance.date_invalid");
    }
  }
  input.word = reader.text(object, "word", "word", 20, false);
  if (const json::value* attachments = object.if_contains("attachments"); attachments && !attachments->is_null()) {
    if (attachments->is_int64() && attachments->as_int64() >= 0 && attachments->as_int64() <= 9999) {
      input.attachments = attachments->as_int64();
    } else {
      reader.fail("attachments", "invalid", "finance.attachments_invalid");
    }
  }
  const json::value* lines = object.if_contains("lines");
  if (lines == nullptr || !lines->is_array()) {
    reader.fail("lines", "required", "finance.lines_required");
    return reader.error();
  }
  if (lines->as_array().size() > kMaxLines) {
    reader.fail("lines", "too_many", "finance.too_many_lines", {{"max", std::to_string(kMaxLines)}});
    return reader.error();
  }
  std::size_t index = 0;
  for (const json::value& value : lines->as_array()) {
    const std::string at = "lines[" + std::to_string(index++) + "]";
    if (!value.is_object()) {
      reader.fail(at, "not_object", "http.body_not_json_object");
      continue;
    }
    const json::object& line = value.as_object();
    for (const auto& member : line) {
      static constexpr std::string_view kKnown[] = {"summary",     "account_id",  "account",       "debit",
                                                    "credit",      "customer_id", "supplier_id",   "department_id",
                                                    "employee_id", "project_id",  "item_id",       "cash_flow_item",
                                                    "seq",         "account_name"};
      if (std::find(std::begin(kKnown), std::end(kKnown), member.key()) == std::end(kKnown)) {
        reader.fail(at + "." + std::string(member.key()), "unknown", "finance.field_unknown");
      }
    }
    LineInput parsed;
    parsed.summary = reader.text(line, "summary", at + ".summary", 200, false);
    parsed.account_id = reader.id(line, "account_id", at + ".account").value_or(0);
    if (parsed.account_id == 0) parsed.account_code = reader.text(line, "account", at + ".account", 12, false);
    parsed.debit = reader.amount(line, "debit", at + ".debit");
    parsed.credit = reader.amount(line, "credit", at + ".credit");
    parsed.customer_id = reader.id(line, "customer_id", at + ".customer_id");
    parsed.supplier_id = reader.id(line, "supplier_id", at + ".supplier_id");
    parsed.department_id = reader.id(line, "department_id", at + ".department_id");
    parsed.employee_id = reader.id(line, "employee_id", at + ".employee_id");
    parsed.project_id = reader.id(line, "project_id", at + ".project_id");
    parsed.item_id = reader.id(line, "item_id", at + ".item_id");
    parsed.cash_flow_item = reader.text(line, "cash_flow_item", at + ".cash_flow_item", 20, false);
    input.lines.push_back(std::move(parsed));
  }
  input.unreadable = reader.take();
  return input;
}

}  // namespace verp::finance
