// Item labels (物料标签): what a label printed for an item says, and the route that prints them.
//
//   GET /api/v1/items/labels.pdf?ids=1,2,3&symbology=code128|qr&copies=N&layout=sheet|roll
//
// Internal to the module (master_data_module.cpp registers the route).
#pragma once

#include <cstdint>
#include <vector>

#include "platform/entity/store.hpp"
#include "platform/export/labels.hpp"
#include "platform/http/router.hpp"
#include "platform/module/module.hpp"

namespace verp::master_data {

// The label sizes the route offers: the A4 sheet of 3 × 8 labels of 70 × 37 mm, or one label of
// 60 × 40 mm a page for a roll (thermal) printer — the commonest sizes of each.
exporting::LabelSheet item_label_sheet(exporting::Symbology symbology, bool roll);

// One label per id, in the order given, each `copies` times: the data is the item's barcode, or
// its code when it has none; the title its name; the lines its specification (when it has one)
// and its code. Every item is read as `principal` reads it (grant and data scope), inside `c`.
// Errors: not_found "error.not_found" with `field` "ids[i]" for an item the caller may not read
// (another company's, or none); storage errors.
Result<std::vector<exporting::Label>> item_labels(storage::Connection& c, const entity::EntityStore& store,
                                                  const security::Principal& principal,
                                                  const std::vector<std::int64_t>& ids, int copies);

void add_item_label_routes(http::Router& router, ModuleContext& context);

}  // namespace verp::master_data
