// Business partners and people: customers, suppliers, employees.
#include "modules/master_data/declarations.hpp"

namespace verp::master_data {

using entity::DuplicateKey;
using entity::EntitySpec;
using entity::Field;
using entity::FieldKind;

namespace {

Field tax_id_field() {
  return Field{.name = "tax_id", .kind = FieldKind::text, .label = {"统一社会信用代码", "Tax ID"},
               .help = {"18 位统一社会信用代码或纳税人识别号", "Unified social credit code or taxpayer number"},
               .max_length = 30, .pattern = "[0-9A-Za-z]{8,30}", .searchable = true,
               .duplicate_key = DuplicateKey::tax_id, .section = "basic"};
}

std::vector<Field> contact_fields() {
  return {Field{.name = "contact_name", .kind = FieldKind::text, .label = {"联系人", "Contact"}, .max_length = 50,
                .searchable = true, .section = "contact"},
          Field{.name = "phone", .kind = FieldKind::phone, .label = {"电话", "Phone"}, .searchable = true,
                .duplicate_key = DuplicateKey::phone, .section = "contact"},
          Field{.name = "email", .kind = FieldKind::email, .label = {"电子邮箱", "E-mail"}, .searchable = true,
                .duplicate_key = DuplicateKey::email, .section = "contact"},
          Field{.name = "address", .kind = FieldKind::text, .label = {"地址", "Address"}, .max_length = 200,
                .in_list = false, .section = "contact"},
          Field{.name = "website", .kind = FieldKind::url, .label = {"网站", "Website"}, .in_list = false,
                .section = "contact"}};
}

Field region_field() {
  return Field{.name = "region", .kind = FieldKind::text, .label = {"地区", "Region"},
               .help = {"省/市，如 广东省深圳市", "Province / city"}, .max_length = 50, .searchable = true,
               .section = "classification"};
}

Field bank_account_field() {
  return Field{.name = "bank_account", .kind = FieldKind::text, .label = {"银行账号", "Bank account"},
               .help = {"加密存储", "Stored encrypted"}, .max_length = 60, .sensitive = true, .in_list = false,
               .section = "finance"};
}

// A customer or supplier that is another member company of the enterprise: consolidation
// eliminates the balances kept with it.
Field intercompany_field() {
  return Field{.name = "intercompany", .kind = FieldKind::boolean, .label = {"内部成员公司", "Member company"},
               .help = {"合并报表时抵销与其往来余额", "Balances with it are eliminated on consolidation"},
               .default_value = "false", .in_list = false, .section = "finance"};
}

// Which member company this partner is, for transfers between member companies: the sender
// keeps the receiver as a customer, the receiver the sender as a supplier.
Field member_company_field() {
  return Field{.name = "member_company_id", .kind = FieldKind::integer, .label = {"对应成员公司", "Member company ID"},
               .help = {"成员公司间调拨时，该往来单位即此成员公司（填公司编号 ID）",
                        "For transfers between member companies: the company (its id) this partner is"},
               .minimum = Decimal::from_int(1), .in_list = false, .section = "finance"};
}

void append(std::vector<Field>& to, std::vector<Field> more) {
  for (auto& field : more) to.push_back(std::move(field));
}

}  // namespace

// A group of customers sharing price lists (经销商, 零售, 大客户…).
EntitySpec customer_group() {
  return EntitySpec{.name = "customer_group",
                    .table = "customer_groups",
                    .path = "customer-groups",
                    .label = {"客户分组", "Customer group"},
                    .fields = {code_field(), name_field(), active_field(), notes_field()},
                    .code_field = "code",
                    .default_sort = "code"};
}

EntitySpec customer() {
  std::vector<Field> fields{
      code_field(),
      Field{.name = "name", .kind = FieldKind::text, .label = {"客户名称", "Customer name"}, .required = true,
            .max_length = 100, .searchable = true, .duplicate_key = DuplicateKey::name, .section = "basic"},
      Field{.name = "short_name", .kind = FieldKind::text, .label = {"简称", "Short name"}, .max_length = 30,
            .searchable = true, .section = "basic"},
      tax_id_field(),
      Field{.name = "status", .kind = FieldKind::enumeration, .label = {"合作状态", "Status"}, .required = true,
            .options = {{"prospect", {"潜在", "Prospect"}}, {"active", {"合作中", "Active"}},
                        {"suspended", {"暂停", "Suspended"}}, {"ended", {"终止", "Ended"}}},
            .default_value = "active", .section = "classification"},
      Field{.name = "grade", .kind = FieldKind::enumeration, .label = {"客户等级", "Grade"},
            .options = {{"A", {"A 重点客户", "A key account"}}, {"B", {"B 主要客户", "B major"}},
                        {"C", {"C 普通客户", "C regular"}}, {"D", {"D 低价值客户", "D low value"}}},
            .default_value = "C", .section = "classification"},
      Field{.name = "grade_locked", .kind = FieldKind::boolean, .label = {"手工定级", "Grade set by hand"},
            .help = {"勾选后定级规则不再改变此客户的等级", "Grading rules leave this customer's grade alone"},
            .default_value = "false", .in_list = false, .section = "classification"},
      Field{.name = "lifecycle_stage", .kind = FieldKind::enumeration, .label = {"生命周期阶段", "Lifecycle stage"},
            .help = {"由往来与购买记录推算", "Derived from activity and purchases"},
            .options = {{"prospect", {"潜在客户", "Prospect"}}, {"new", {"新客户", "New"}},
                        {"active", {"活跃客户", "Active"}}, {"at_risk", {"流失风险", "At risk"}},
                        {"lost", {"已流失", "Lost"}}, {"won_back", {"已挽回", "Won back"}}},
            .default_value = "prospect", .read_only = true, .section = "classification"},
      Field{.name = "industry", .kind = FieldKind::enumeration, .label = {"行业", "Industry"},
            .options = {{"manufacturing", {"制造业", "Manufacturing"}}, {"wholesale_retail", {"批发零售", "Wholesale & retail"}},
                        {"construction", {"建筑业", "Construction"}}, {"it", {"信息技术", "Information technology"}},
                        {"logistics", {"交通物流", "Logistics"}}, {"healthcare", {"医疗卫生", "Healthcare"}},
                        {"education", {"教育", "Education"}}, {"government", {"政府机构", "Government"}},
                        {"other", {"其他", "Other"}}},
            .section = "classification"},
      region_field(),
      Field{.name = "customer_group_id", .kind = FieldKind::link, .label = {"客户分组", "Customer group"},
            .help = {"决定适用的价格表", "Decides which price lists apply"}, .link_to = "customer_group",
            .section = "classification"},
      Field{.name = "scale", .kind = FieldKind::enumeration, .label = {"企业规模", "Company size"},
            .options = {{"micro", {"微型", "Micro"}}, {"small", {"小型", "Small"}}, {"medium", {"中型", "Medium"}},
                        {"large", {"大型", "Large"}}},
            .section = "classification"},
      Field{.name = "tags", .kind = FieldKind::tags, .label = {"标签", "Tags"}, .searchable = true,
            .section = "classification"},
      Field{.name = "credit_limit", .kind = FieldKind::money, .label = {"信用额度", "Credit limit"},
            .help = {"应收余额加未发货订单不得超过此额度，超出需审批", "Receivables plus open orders above this need approval"},
            .minimum = Decimal::from_int(0), .default_value = "0.00", .section = "finance"},
      Field{.name = "credit_rating", .kind = FieldKind::enumeration, .label = {"信用评级", "Credit rating"},
            .options = {{"AAA", {"AAA", "AAA"}}, {"AA", {"AA", "AA"}}, {"A", {"A", "A"}}, {"B", {"B", "B"}},
                        {"C", {"C", "C"}}},
            .section = "finance"},
      Field{.name = "payment_term_id", .kind = FieldKind::link, .label = {"付款条件", "Payment term"},
            .link_to = "payment_term", .section = "finance"},
      Field{.name = "currency_id", .kind = FieldKind::link, .label = {"结算币种", "Currency"}, .link_to = "currency",
            .section = "finance"},
      bank_account_field(),
      intercompany_field(),
      member_company_field(),
  };
  append(fields, contact_fields());
  fields.push_back(Field{.name = "opt_out", .kind = FieldKind::boolean, .label = {"拒收营销信息", "Opted out of marketing"},
                         .help = {"营销活动不向该客户及其联系人发送信息", "Campaigns send nothing to the customer or its contacts"},
                         .default_value = "false", .in_list = false, .section = "contact"});
  fields.push_back(Field{.name = "contract", .kind = FieldKind::attachment, .label = {"合同", "Contract"},
                         .in_list = false, .section = "attachments"});
  fields.push_back(notes_field());
  return EntitySpec{.name = "customer",
                    .table = "customers",
                    .path = "customers",
                    .label = {"客户", "Customer"},
                    .fields = std::move(fields),
                    .code_field = "code",
                    .default_sort = "code"};
}

EntitySpec supplier() {
  std::vector<Field> fields{
      code_field(),
      Field{.name = "name", .kind = FieldKind::text, .label = {"供应商名称", "Supplier name"}, .required = true,
            .max_length = 100, .searchable = true, .duplicate_key = DuplicateKey::name, .section = "basic"},
      tax_id_field(),
      Field{.name = "status", .kind = FieldKind::enumeration, .label = {"合作状态", "Status"}, .required = true,
            .options = {{"candidate", {"待审核", "Candidate"}}, {"approved", {"合格", "Approved"}},
                        {"blocked", {"停用", "Blocked"}}},
            .default_value = "approved", .section = "classification"},
      Field{.name = "rating", .kind = FieldKind::enumeration, .label = {"供应商评级", "Rating"},
            .options = {{"A", {"A 优秀", "A excellent"}}, {"B", {"B 良好", "B good"}}, {"C", {"C 合格", "C acceptable"}},
                        {"D", {"D 待改进", "D needs improvement"}}},
            .section = "classification"},
      Field{.name = "category", .kind = FieldKind::text, .label = {"供应类别", "Supplies"}, .max_length = 50,
            .searchable = true, .section = "classification"},
      Field{.name = "item_category_ids", .kind = FieldKind::links, .label = {"供应的物料分类", "Item categories supplied"},
            .link_to = "item_category", .in_list = false, .section = "classification"},
      region_field(),
      Field{.name = "tags", .kind = FieldKind::tags, .label = {"标签", "Tags"}, .searchable = true,
            .section = "classification"},
      Field{.name = "qualification", .kind = FieldKind::text, .label = {"资质证书", "Qualification"},
            .help = {"如 ISO 9001 证书编号", "E.g. the ISO 9001 certificate number"}, .max_length = 100,
            .section = "qualification"},
      Field{.name = "qualification_expires_on", .kind = FieldKind::date, .label = {"资质有效期至", "Qualification expires"},
            .section = "qualification"},
      Field{.name = "contract_terms", .kind = FieldKind::text, .label = {"合同条款", "Contract terms"},
            .max_length = 2000, .in_list = false, .section = "qualification"},
      Field{.name = "lead_time_days", .kind = FieldKind::integer, .label = {"交货周期（天）", "Lead time (days)"},
            .minimum = Decimal::from_int(0), .maximum = Decimal::from_int(365), .section = "finance"},
      Field{.name = "payment_term_id", .kind = FieldKind::link, .label = {"付款条件", "Payment term"},
            .link_to = "payment_term", .section = "finance"},
      Field{.name = "currency_id", .kind = FieldKind::link, .label = {"结算币种", "Currency"}, .link_to = "currency",
            .section = "finance"},
      bank_account_field(),
      intercompany_field(),
      member_company_field(),
  };
  append(fields, contact_fields());
  fields.push_back(notes_field());
  return EntitySpec{.name = "supplier",
                    .table = "suppliers",
                    .path = "suppliers",
                    .label = {"供应商", "Supplier"},
                    .fields = std::move(fields),
                    .code_field = "code",
                    .default_sort = "code"};
}

EntitySpec employee() {
  return EntitySpec{
      .name = "employee",
      .table = "employees",
      .path = "employees",
      .label = {"员工档案", "Employee"},
      .fields = {code_field(),
                 Field{.name = "name", .kind = FieldKind::text, .label = {"姓名", "Name"}, .required = true,
                       .max_length = 50, .searchable = true, .duplicate_key = DuplicateKey::name},
                 Field{.name = "gender", .kind = FieldKind::enumeration, .label = {"性别", "Gender"},
                       .options = {{"female", {"女", "Female"}}, {"male", {"男", "Male"}}}},
                 Field{.name = "position", .kind = FieldKind::text, .label = {"岗位", "Position"}, .max_length = 50,
                       .searchable = true},
                 Field{.name = "department_name", .kind = FieldKind::text, .label = {"所属部门", "Department"},
                       .max_length = 50, .searchable = true},
                 Field{.name = "phone", .kind = FieldKind::phone, .label = {"手机", "Mobile"}, .searchable = true,
                       .duplicate_key = DuplicateKey::phone},
                 Field{.name = "email", .kind = FieldKind::email, .label = {"电子邮箱", "E-mail"}, .searchable = true,
                       .duplicate_key = DuplicateKey::email},
                 Field{.name = "hired_on", .kind = FieldKind::date, .label = {"入职日期", "Hired on"}},
                 Field{.name = "status", .kind = FieldKind::enumeration, .label = {"状态", "Status"}, .required = true,
                       .options = {{"active", {"在职", "Active"}}, {"on_leave", {"休假", "On leave"}},
                                   {"left", {"离职", "Left"}}},
                       .default_value = "active"},
                 Field{.name = "id_number", .kind = FieldKind::text, .label = {"身份证号", "ID number"},
                       .help = {"加密存储", "Stored encrypted"}, .max_length = 18, .pattern = "[0-9]{17}[0-9Xx]",
                       .sensitive = true, .in_list = false},
                 Field{.name = "user_id", .kind = FieldKind::integer, .label = {"系统用户", "User account"},
                       .in_list = false},
                 notes_field()},
      .code_field = "code",
      .default_sort = "code"};
}

}  // namespace verp::master_data
