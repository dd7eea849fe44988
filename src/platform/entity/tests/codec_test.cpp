// The codec: what a client may send for each kind of field, and what it gets back.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "platform/entity/codec.hpp"

namespace verp::entity {
namespace {

using storage::Value;

boost::json::value json(std::string_view text) { return boost::json::parse(text); }

struct Decoded {
  std::optional<Value> value;
  std::vector<FieldError> errors;
};

Decoded decode(const Field& field, std::string_view text) {
  Decoded d;
  d.value = decode_json(field, json(text), field.name, d.errors);
  return d;
}

Field money() { return Field{.name = "credit_limit", .kind = FieldKind::money, .label = {"信用额度", "Credit limit"}}; }

TEST(Codec, MoneyIsADecimalStringAtTheCurrencyScale) {
  auto d = decode(money(), R"("1234.5")");
  ASSERT_TRUE(d.value.has_value());
  EXPECT_EQ("1234.50", d.value->get_if<Decimal>()->to_string());
  EXPECT_EQ(R"("1234.50")", boost::json::serialize(encode_json(money(), *d.value)));
}

TEST(Codec, MoneyAsAJsonNumberIsRefusedSoNoAmountPassesThroughADouble) {
  auto d = decode(money(), "1234.5");
  EXPECT_FALSE(d.value.has_value());
  ASSERT_EQ(1u, d.errors.size());
  EXPECT_EQ("decimal_as_string", d.errors[0].code);
  EXPECT_EQ("credit_limit", d.errors[0].field);
}

TEST(Codec, MoreDecimalPlacesThanTheScaleAreRefusedNotRounded) {
  auto d = decode(money(), R"("0.005")");
  EXPECT_FALSE(d.value.has_value());
  ASSERT_EQ(1u, d.errors.size());
  EXPECT_EQ("too_precise", d.errors[0].code);
}

TEST(Codec, TextIsTrimmedIncludingIdeographicSpaces) {
  Field name{.name = "name", .kind = FieldKind::text, .label = {"名称", "Name"}};
  auto d = decode(name, "\"\xE3\x80\x80 华为技术 \"");
  ASSERT_TRUE(d.value.has_value());
  EXPECT_EQ("华为技术", *d.value->get_if<std::string>());
}

TEST(Codec, EmailIsCheckedAndLowerCased) {
  Field email{.name = "email", .kind = FieldKind::email, .label = {"邮箱", "E-mail"}};
  EXPECT_EQ("li.lei@example.cn", *decode(email, R"("Li.Lei@Example.CN")").value->get_if<std::string>());
  EXPECT_EQ("invalid_email", decode(email, R"("li.lei@")").errors.at(0).code);
}

TEST(Codec, EnumAcceptsItsValuesAndImportAlsoItsLabels) {
  Field grade{.name = "grade", .kind = FieldKind::enumeration, .label = {"等级", "Grade"},
              .options = {{"A", {"重点客户", "Key account"}}, {"B", {"普通客户", "Regular"}}}};
  EXPECT_EQ("A", *decode(grade, R"("A")").value->get_if<std::string>());
  EXPECT_EQ("not_an_option", decode(grade, R"("重点客户")").errors.at(0).code);
  std::vector<FieldError> errors;
  EXPECT_EQ("A", *decode_cell(grade, "重点客户", "grade", errors)->get_if<std::string>());
  EXPECT_EQ("B", *decode_cell(grade, "Regular", "grade", errors)->get_if<std::string>());
  EXPECT_TRUE(errors.empty());
}

TEST(Codec, TagsAreDeduplicatedAndSplitOnChineseCommasOnImport) {
  Field tags{.name = "tags", .kind = FieldKind::tags, .label = {"标签", "Tags"}};
  auto d = decode(tags, R"(["VIP", "华东", "VIP"])");
  EXPECT_EQ(R"(["VIP","华东"])", *d.value->get_if<std::string>());
  std::vector<FieldError> errors;
  auto cell = decode_cell(tags, "VIP，华东; 老客户", "tags", errors);
  EXPECT_EQ(R"(["VIP","华东","老客户"])", *cell->get_if<std::string>());
  EXPECT_EQ("VIP, 华东, 老客户", encode_cell(tags, *cell));
}

TEST(Codec, ConstraintsNameEveryProblem) {
  Field code{.name = "code", .kind = FieldKind::text, .label = {"编码", "Code"}, .required = true, .max_length = 5,
             .pattern = "[A-Z0-9-]+"};
  code.compiled_pattern = std::make_shared<const std::regex>(code.pattern);
  std::vector<FieldError> errors;
  check_constraints(code, Value(), "code", errors);
  check_constraints(code, Value("TOO-LONG"), "code", errors);
  check_constraints(code, Value("ab"), "code", errors);
  check_constraints(code, Value("C-01"), "code", errors);
  ASSERT_EQ(3u, errors.size());
  EXPECT_EQ("required", errors[0].code);
  EXPECT_EQ("too_long", errors[1].code);
  EXPECT_EQ("pattern", errors[2].code);
}

TEST(Codec, RangesCompareDecimalsExactly) {
  Field rate{.name = "rate", .kind = FieldKind::decimal, .label = {"税率", "Rate"}, .minimum = *Decimal::parse("0"),
             .maximum = *Decimal::parse("1"), .scale = 4};
  std::vector<FieldError> errors;
  check_constraints(rate, Value(*Decimal::parse("1.0000")), "rate", errors);
  EXPECT_TRUE(errors.empty());
  check_constraints(rate, Value(*Decimal::parse("1.0001")), "rate", errors);
  ASSERT_EQ(1u, errors.size());
  EXPECT_EQ("above_maximum", errors[0].code);
}

TEST(Codec, DuplicateKeysIgnoreLegalFormsPunctuationAndCountryCodes) {
  EXPECT_EQ(duplicate_key(DuplicateKey::name, Value("华为技术有限公司")), duplicate_key(DuplicateKey::name, Value("华为技术")));
  EXPECT_EQ(duplicate_key(DuplicateKey::name, Value("Acme Co., Ltd.")), duplicate_key(DuplicateKey::name, Value("ACME")));
  EXPECT_EQ(duplicate_key(DuplicateKey::phone, Value("+86 138-0013-8000")),
            duplicate_key(DuplicateKey::phone, Value("13800138000")));
  EXPECT_EQ(duplicate_key(DuplicateKey::tax_id, Value("91440300 708461136t")),
            duplicate_key(DuplicateKey::tax_id, Value("91440300708461136T")));
  EXPECT_NE(duplicate_key(DuplicateKey::name, Value("华为技术")), duplicate_key(DuplicateKey::name, Value("华为终端")));
}

TEST(Codec, ImportCellsRoundTripThroughExportText) {
  const std::vector<std::pair<Field, std::string>> samples{
      {Field{.name = "d", .kind = FieldKind::date, .label = {"日", "D"}}, "2026-12-04"},
      {Field{.name = "b", .kind = FieldKind::boolean, .label = {"是否", "B"}}, "true"},
      {Field{.name = "q", .kind = FieldKind::quantity, .label = {"数量", "Q"}}, "12.5000"},
      {Field{.name = "i", .kind = FieldKind::integer, .label = {"整数", "I"}}, "-42"},
  };
  for (const auto& [field, text] : samples) {
    std::vector<FieldError> errors;
    auto value = decode_cell(field, text, field.name, errors);
    ASSERT_TRUE(value.has_value()) << field.name;
    EXPECT_EQ(text, encode_cell(field, *value));
  }
}

}  // namespace
}  // namespace verp::entity
