// Items (物料), their categories, and bills of materials (物料清单).
#include <set>

#include "modules/master_data/declarations.hpp"

namespace verp::master_data {

using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;
using entity::RuleContext;

namespace {

Field quantity_field(std::string name, entity::LocalText label, entity::LocalText help = {}) {
  return Field{.name = std::move(name), .kind = FieldKind::quantity, .label = std::move(label), .help = std::move(help),
               .minimum = Decimal::from_int(0), .section = "planning"};
}

// MD-001: a bill of materials never contains, at any depth, the item it makes. Walks down from
// the new component through the components of every active BOM of each item met.
Status reject_cycles(RuleContext& context) {
  const auto& bom = context.record.get("bom_id");
  const auto& component = context.record.get("component_id");
  if (bom.is_null() || component.is_null()) return {};
  auto made = context.connection.query_row("SELECT item_id FROM bills_of_materials WHERE id = $1", {bom});
  if (!made) return made.error();
  if (!*made) return {};  // the link check reports a missing BOM
  auto product = (*made)->int64(0);
  if (!product) return product.error();
  std::set<std::int64_t> seen;
  std::vector<std::int64_t> pending{*component.get_if<std::int64_t>()};
  while (!pending.empty()) {
    const std::int64_t item = pending.back();
    pending.pop_back();
    if (item == *product) {
      context.reject("component_id", "bom_cycle", "master_data.bom_cycle");
      return {};
    }
    if (!seen.insert(item).second) continue;
    auto children = context.connection.query(
        "SELECT l.component_id FROM bom_lines l JOIN bills_of_materials b ON b.id = l.bom_id "
        "WHERE b.item_id = $1 AND b.archived_at IS NULL AND l.archived_at IS NULL",
        {item});
    if (!children) return children.error();
    for (const auto& row : *children) {
      if (auto child = row.int64(0)) pending.push_back(*child);
    }
  }
  return {};
}

// MD-003: a BOM line's sequence is unique within its BOM.
Status unique_sequence(RuleContext& context) {
  const auto& bom = context.record.get("bom_id");
  const auto& sequence = context.record.get("sequence");
  if (bom.is_null() || sequence.is_null()) return {};
  auto taken = context.connection.query_row(
      "SELECT 1 FROM bom_lines WHERE bom_id = $1 AND sequence = $2 AND id <> $3 AND archived_at IS NULL",
      {bom, sequence, context.record.id});
  if (!taken) return taken.error();
  if (*taken) context.reject("sequence", "not_unique", "entity.not_unique");
  return {};
}

// MD-004: a conversion names a unit other than the item's own, once per item.
Status check_conversion(RuleContext& context) {
  const auto& item = context.record.get("item_id");
  const auto& unit = context.record.get("uom_id");
  if (item.is_null() || unit.is_null()) return {};
  auto base = context.connection.query_row("SELECT uom_id FROM items WHERE id = $1", {item});
  if (!base) return base.error();
  if (*base && !(*base)->is_null(0) && (*base)->int64(0).value_or(0) == *unit.get_if<std::int64_t>()) {
    context.reject("uom_id", "same_as_stock_unit", "master_data.conversion_same_unit");
  }
  auto taken = context.connection.query_row(
      "SELECT 1 FROM item_unit_conversions WHERE item_id = $1 AND uom_id = $2 AND id <> $3 AND archived_at IS NULL",
      {item, unit, context.record.id});
  if (!taken) return taken.error();
  if (*taken) context.reject("uom_id", "not_unique", "entity.not_unique");
  return {};
}

}  // namespace

EntitySpec item_category() {
  return EntitySpec{.name = "item_category",
                    .table = "item_categories",
                    .path = "item-categories",
                    .label = {"物料分类", "Item category"},
                    .fields = {code_field(), name_field(),
                               Field{.name = "parent_id", .kind = FieldKind::link, .label = {"上级分类", "Parent"},
                                     .link_to = "item_category"}},
                    .code_field = "code",
                    .default_sort = "code"};
}

EntitySpec item() {
  return EntitySpec{
      .name = "item",
      .table = "items",
      .path = "items",
      .label = {"物料", "Item"},
      .fields =
          {code_field(),
           Field{.name = "name", .kind = FieldKind::text, .label = {"物料名称", "Item name"}, .required = true,
                 .max_length = 100, .searchable = true, .duplicate_key = entity::DuplicateKey::name, .section = "basic"},
           Field{.name = "specification", .kind = FieldKind::text, .label = {"规格型号", "Specification"},
                 .max_length = 200, .searchable = true, .section = "basic"},
           Field{.name = "category_id", .kind = FieldKind::link, .label = {"物料分类", "Category"},
                 .link_to = "item_category", .section = "basic"},
           Field{.name = "item_type", .kind = FieldKind::enumeration, .label = {"物料类型", "Type"}, .required = true,
                 .options = {{"raw_material", {"原材料", "Raw material"}}, {"semi_finished", {"半成品", "Semi-finished"}},
                             {"finished", {"产成品", "Finished good"}}, {"merchandise", {"商品", "Merchandise"}},
                             {"consumable", {"低值易耗品", "Consumable"}}, {"service", {"服务", "Service"}}},
                 .default_value = "raw_material", .section = "basic"},
           Field{.name = "uom_id", .kind = FieldKind::link, .label = {"计量单位", "Unit"}, .required = true,
                 .link_to = "unit_of_measure", .section = "basic"},
           Field{.name = "barcode", .kind = FieldKind::text, .label = {"条码", "Barcode"},
                 .unique = entity::Uniqueness::company, .max_length = 64, .pattern = "[0-9A-Za-z-]+",
                 .searchable = true, .section = "basic"},
           Field{.name = "source", .kind = FieldKind::enumeration, .label = {"来源", "Make or buy"}, .required = true,
                 .options = {{"buy", {"外购", "Buy"}}, {"make", {"自制", "Make"}}, {"subcontract", {"委外", "Subcontract"}}},
                 .default_value = "buy", .section = "planning"},
           Field{.name = "list_price", .kind = FieldKind::money, .label = {"标准售价", "List price"},
                 .minimum = Decimal::from_int(0), .section = "price"},
           Field{.name = "standard_cost", .kind = FieldKind::money, .label = {"标准成本", "Standard cost"},
                 .minimum = Decimal::from_int(0), .scale = 4, .section = "price"},
           Field{.name = "tax_rate_id", .kind = FieldKind::link, .label = {"税率", "Tax rate"}, .link_to = "tax_rate",
                 .section = "price"},
           quantity_field("min_stock", {"最低库存", "Minimum stock"}),
           quantity_field("max_stock", {"最高库存", "Maximum stock"}),
           quantity_field("safety_stock", {"安全库存", "Safety stock"},
                          {"低于此数量时发出预警", "An alert is raised below this quantity"}),
           Field{.name = "lead_time_days", .kind = FieldKind::integer, .label = {"提前期（天）", "Lead time (days)"},
                 .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(365), .section = "planning"},
           Field{.name = "lot_tracked", .kind = FieldKind::boolean, .label = {"批次管理", "Lot tracked"},
                 .default_value = "false", .section = "planning"},
           Field{.name = "shelf_life_days", .kind = FieldKind::integer, .label = {"保质期（天）", "Shelf life (days)"},
                 .minimum = Decimal::from_int(1), .section = "planning"},
           Field{.name = "attributes", .kind = FieldKind::json, .label = {"属性", "Attributes"},
                 .help = {"如 {\"颜色\":\"红\",\"尺码\":\"L\"}", "E.g. {\"colour\":\"red\",\"size\":\"L\"}"},
                 .in_list = false, .section = "variants"},
           Field{.name = "variant_of_id", .kind = FieldKind::link, .label = {"变体所属物料", "Variant of"},
                 .link_to = "item", .in_list = false, .section = "variants"},
           Field{.name = "image", .kind = FieldKind::attachment, .label = {"图片", "Image"}, .in_list = false,
                 .section = "attachments"},
           active_field(), notes_field()},
      .code_field = "code",
      .default_sort = "code",
      .validate = [](RuleContext& context) -> Status {
        // MD-002: maximum stock, when set, is not below the minimum or the safety stock.
        const auto* max = context.record.get("max_stock").get_if<Decimal>();
        for (const char* lower : {"min_stock", "safety_stock"}) {
          const auto* low = context.record.get(lower).get_if<Decimal>();
          if (max != nullptr && low != nullptr && *max < *low) {
            context.reject("max_stock", "below_minimum", "master_data.max_below_min");
          }
        }
        return {};
      }};
}

EntitySpec bill_of_materials() {
  return EntitySpec{
      .name = "bill_of_materials",
      .table = "bills_of_materials",
      .path = "bills-of-materials",
      .label = {"物料清单", "Bill of materials"},
      .fields = {code_field(),
                 Field{.name = "item_id", .kind = FieldKind::link, .label = {"产品", "Product"}, .required = true,
                       .link_to = "item"},
                 Field{.name = "revision", .kind = FieldKind::text, .label = {"版本", "Revision"}, .max_length = 20,
                       .default_value = "A"},
                 Field{.name = "output_quantity", .kind = FieldKind::quantity, .label = {"产出数量", "Output quantity"},
                       .help = {"本清单用量对应的产品数量", "The product quantity the lines are for"}, .required = true,
                       .minimum = *Decimal::parse("0.0001"), .default_value = "1"},
                 active_field(), notes_field()},
      .title_field = "code",
      .code_field = "code",
      .default_sort = "code"};
}

EntitySpec bom_line() {
  return EntitySpec{
      .name = "bom_line",
      .table = "bom_lines",
      .path = "bom-lines",
      .label = {"物料清单明细", "BOM line"},
      .fields = {Field{.name = "bom_id", .kind = FieldKind::link, .label = {"物料清单", "Bill of materials"},
                       .required = true, .link_to = "bill_of_materials"},
                 Field{.name = "sequence", .kind = FieldKind::integer, .label = {"序号", "Line"},
                       .minimum = Decimal::from_int(1), .default_value = "10"},
                 Field{.name = "component_id", .kind = FieldKind::link, .label = {"子件", "Component"},
                       .required = true, .link_to = "item"},
                 Field{.name = "quantity", .kind = FieldKind::quantity, .label = {"用量", "Quantity"}, .required = true,
                       .minimum = *Decimal::parse("0.0001")},
                 Field{.name = "scrap_rate", .kind = FieldKind::decimal, .label = {"损耗率", "Scrap rate"},
                       .help = {"小数，如 0.02 表示 2%", "A fraction: 0.02 means 2 %"}, .minimum = Decimal::from_int(0),
                       .maximum = *Decimal::parse("0.9999"), .scale = 4, .default_value = "0"}},
      .title_field = "",
      .default_sort = "sequence",
      .validate = [](RuleContext& context) -> Status {
        if (Status cycles = reject_cycles(context); !cycles) return cycles;
        return unique_sequence(context);
      }};
}

EntitySpec item_unit_conversion() {
  return EntitySpec{
      .name = "item_unit_conversion",
      .table = "item_unit_conversions",
      .path = "item-unit-conversions",
      .label = {"物料单位换算", "Item unit conversion"},
      .fields = {Field{.name = "item_id", .kind = FieldKind::link, .label = {"物料", "Item"}, .required = true,
                       .link_to = "item"},
                 Field{.name = "uom_id", .kind = FieldKind::link, .label = {"单位", "Unit"}, .required = true,
                       .link_to = "unit_of_measure"},
                 Field{.name = "factor", .kind = FieldKind::decimal, .label = {"换算系数", "Factor"},
                       .help = {"1 个该单位等于多少库存单位，如 1 箱 = 24 个", "Stock units in one of this unit, e.g. 1 box = 24 pcs"},
                       .required = true, .minimum = *Decimal::parse("0.000001"), .scale = 6},
                 Field{.name = "barcode", .kind = FieldKind::text, .label = {"条码", "Barcode"},
                       .unique = entity::Uniqueness::company, .max_length = 64, .pattern = "[0-9A-Za-z-]+",
                       .searchable = true}},
      .title_field = "",
      .default_sort = "item_id",
      .validate = check_conversion};
}

}  // namespace verp::master_data
