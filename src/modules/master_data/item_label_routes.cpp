// HTTP for item labels: the query read into ids, symbology, copies and layout (every bad
// parameter named at once), the labels made and audited as an export, the PDF sent.
#include <charconv>

#include "modules/master_data/item_labels.hpp"
#include "platform/http/content_disposition.hpp"
#include "platform/http/problem.hpp"

namespace verp::master_data {

namespace {

constexpr const char* kOpenApi = R"json({
  "summary": "Barcode labels of items as a PDF to print (物料标签)",
  "description": "One label per id in the order given, each `copies` times: the item's barcode (its code when it has none) as Code 128 or QR, its name, its specification and its code. `layout=sheet` fills A4 sheets of 3 × 8 labels of 70 × 37 mm; `layout=roll` prints one 60 × 40 mm label a page for a roll printer. An id the caller may not read (another company's) answers 404 naming it. Audited as an export of items.",
  "tags": ["Item"],
  "parameters": [
    {"name": "ids", "in": "query", "required": true, "description": "Item ids, comma-separated.",
     "schema": {"type": "string", "example": "12,7,31"}},
    {"name": "symbology", "in": "query", "required": false,
     "schema": {"type": "string", "enum": ["code128", "qr"], "default": "code128"}},
    {"name": "copies", "in": "query", "required": false, "description": "Labels per item; at most 10,000 labels in all.",
     "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1}},
    {"name": "layout", "in": "query", "required": false,
     "schema": {"type": "string", "enum": ["sheet", "roll"], "default": "sheet"}}],
  "responses": {"200": {"description": "The labels",
    "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}
})json";

struct LabelQuery {
  std::vector<std::int64_t> ids;
  exporting::Symbology symbology = exporting::Symbology::code128;
  int copies = 1;
  bool roll = false;
};

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Result<LabelQuery> read_query(const http::Request& request) {
  LabelQuery query;
  std::vector<FieldError> problems;
  auto bad = [&](const std::string& name, std::string code) {
    problems.push_back({name, std::move(code), "master_data.label_" + name, {}});
  };
  const std::string* ids = request.query_param("ids");
  if (ids == nullptr || ids->empty()) {
    bad("ids", "required");
  } else {
    const std::string_view list = *ids;
    for (std::size_t start = 0;;) {
      const std::size_t comma = list.find(',', start);
      const auto id = whole_number(list.substr(start, comma - start));  // "1,,2" and "1," hold an empty one
      if (!id || *id < 1) {
        bad("ids", "invalid");
        break;
      }
      query.ids.push_back(*id);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  if (const std::string* symbology = request.query_param("symbology"); symbology != nullptr) {
    if (*symbology == "qr") {
      query.symbology = exporting::Symbology::qr;
    } else if (*symbology != "code128") {
      bad("symbology", "not_an_option");
    }
  }
  if (const std::string* copies = request.query_param("copies"); copies != nullptr) {
    const auto number = whole_number(*copies);
    if (!number || *number < 1 || *number > static_cast<std::int64_t>(exporting::kMaxLabels)) {
      bad("copies", "invalid");
    } else {
      query.copies = static_cast<int>(*number);
    }
  }
  if (const std::string* layout = request.query_param("layout"); layout != nullptr) {
    if (*layout == "roll") {
      query.roll = true;
    } else if (*layout != "sheet") {
      bad("layout", "not_an_option");
    }
  }
  if (!problems.empty()) {
    Error error = make_error(ErrorKind::validation, "error.validation");
    error.fields = std::move(problems);
    return error;
  }
  // Refused before reading thousands of items; labels_pdf counts the same way.
  if (query.ids.size() * static_cast<std::size_t>(query.copies) > exporting::kMaxLabels) {
    return make_error(ErrorKind::too_large, "export.labels_too_many");
  }
  return query;
}

}  // namespace

void add_item_label_routes(http::Router& router, ModuleContext& context) {
  const entity::EntityStore* store = context.entity_store;
  storage::Database* database = &context.database;
  const i18n::Catalog* catalog = &context.catalog;
  if (store == nullptr) return;
  const entity::EntitySpec* item = store->registry().find("item");
  if (item == nullptr) return;
  router.get("/api/v1/items/labels.pdf", [=](http::Request& request) {
    auto problem = [&](const Error& error) { return http::problem_response(error, request, *catalog); };
    auto query = read_query(request);
    if (!query) return problem(query.error());
    const security::Principal& principal = *request.principal;
    auto labels = database->read(
        [&](storage::Connection& c) { return item_labels(c, *store, principal, query->ids, query->copies); });
    if (!labels) return problem(labels.error());
    auto pdf = exporting::labels_pdf(*labels, item_label_sheet(query->symbology, query->roll));
    if (!pdf) {
      // The labels are the ids in order: the label a problem names is the id the caller sent.
      Error error = pdf.error();
      if (error.field.starts_with("labels[")) error.field = "ids" + error.field.substr(6);
      return problem(error);
    }
    const std::int64_t count = static_cast<std::int64_t>(query->ids.size()) * query->copies;
    const entity::Caller caller{request.remote_address, request.request_id};
    if (Status audited = store->audit_export(*item, principal, count, "pdf", caller, request.target); !audited) {
      return problem(audited.error());
    }
    http::Response response = http::Response::text(200, std::move(*pdf), "application/pdf");
    response.headers.set("Content-Disposition", http::content_disposition("item-labels.pdf"));
    return response;
  }, {.access = http::Access::permission("item", "read"), .openapi = kOpenApi});
}

}  // namespace verp::master_data
