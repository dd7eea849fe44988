#include "modules/master_data/item_labels.hpp"

namespace verp::master_data {

exporting::LabelSheet item_label_sheet(exporting::Symbology symbology, bool roll) {
  if (roll) return exporting::LabelSheet::roll(symbology, 60, 40);
  return exporting::LabelSheet{.symbology = symbology};
}

Result<std::vector<exporting::Label>> item_labels(storage::Connection& c, const entity::EntityStore& store,
                                                  const security::Principal& principal,
                                                  const std::vector<std::int64_t>& ids, int copies) {
  const entity::EntitySpec* spec = store.registry().find("item");
  if (spec == nullptr) return make_error(ErrorKind::internal, "error.internal", "no item entity");
  // A field hidden from the caller is never printed, as it is never shown.
  auto text = [&](const entity::Record& item, std::string_view field) {
    if (principal.field_access("item", field) == security::FieldAccess::hidden) return std::string();
    const std::string* value = item.get(field).get_if<std::string>();
    return value != nullptr ? *value : std::string();
  };
  std::vector<exporting::Label> labels;
  labels.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto item = store.get_in(c, *spec, principal, ids[i]);
    if (!item) {
      Error error = item.error();
      if (error.kind == ErrorKind::not_found) error.field = "ids[" + std::to_string(i) + "]";
      return error;
    }
    const std::string code = text(*item, "code");
    const std::string barcode = text(*item, "barcode");
    exporting::Label label{.data = barcode.empty() ? code : barcode, .title = text(*item, "name"), .copies = copies};
    if (std::string specification = text(*item, "specification"); !specification.empty()) {
      label.lines.push_back(std::move(specification));
    }
    label.lines.push_back(code);
    labels.push_back(std::move(label));
  }
  return labels;
}

}  // namespace verp::master_data
