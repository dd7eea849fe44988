// Warehouses (仓库) and their storage locations (库位).
#include "modules/master_data/declarations.hpp"

namespace verp::master_data {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

EntitySpec warehouse() {
  return EntitySpec{
      .name = "warehouse",
      .table = "warehouses",
      .path = "warehouses",
      .label = {"仓库", "Warehouse"},
      .fields = {code_field(), name_field(),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"仓库类型", "Kind"}, .required = true,
                       .options = {{"raw_material", {"原料仓", "Raw materials"}}, {"finished", {"成品仓", "Finished goods"}},
                                   {"general", {"综合仓", "General"}}, {"transit", {"在途仓", "In transit"}},
                                   {"quarantine", {"待检仓", "Quarantine"}}},
                       .default_value = "general"},
                 Field{.name = "address", .kind = FieldKind::text, .label = {"地址", "Address"}, .max_length = 200,
                       .searchable = true},
                 Field{.name = "keeper", .kind = FieldKind::text, .label = {"仓管员", "Keeper"}, .max_length = 50},
                 Field{.name = "allow_negative", .kind = FieldKind::boolean, .label = {"允许负库存", "Allow negative stock"},
                       .default_value = "false"},
                 active_field()},
      .code_field = "code",
      .default_sort = "code"};
}

EntitySpec location() {
  return EntitySpec{
      .name = "location",
      .table = "locations",
      .path = "locations",
      .label = {"库位", "Location"},
      .fields = {Field{.name = "warehouse_id", .kind = FieldKind::link, .label = {"仓库", "Warehouse"}, .required = true,
                       .link_to = "warehouse"},
                 code_field(), name_field(),
                 Field{.name = "kind", .kind = FieldKind::enumeration, .label = {"库位类型", "Kind"}, .required = true,
                       .options = {{"storage", {"存储", "Storage"}}, {"receiving", {"收货", "Receiving"}},
                                   {"shipping", {"发货", "Shipping"}}, {"quarantine", {"待检", "Quarantine"}}},
                       .default_value = "storage"},
                 active_field()},
      .code_field = "code",
      .default_sort = "code"};
}

}  // namespace verp::master_data
