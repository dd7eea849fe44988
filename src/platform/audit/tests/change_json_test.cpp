// The `change` text and the chain's arithmetic: what readers of the log see, and what the hash
// covers.
#include "platform/audit/audit_log.hpp"
#include "platform/audit/hash_chain.hpp"

namespace verp::audit {
namespace {

TEST(ChangeJson, AnUpdateShowsBeforeAndAfter) {
  EXPECT_EQ(change_json({{.field = "credit_limit", .before = "10000.00", .after = "20000.00"},
                         {.field = "name", .before = "华东机电", .after = "华东机电有限公司"}}),
            R"({"credit_limit":{"before":"10000.00","after":"20000.00"},)"
            R"("name":{"before":"华东机电","after":"华东机电有限公司"}})");
}

TEST(ChangeJson, ACreateHasOnlyAfterAndADeleteOnlyBefore) {
  EXPECT_EQ(change_json({{.field = "code", .after = "C001"}}), R"({"code":{"after":"C001"}})");
  EXPECT_EQ(change_json({{.field = "code", .before = "C001"}}), R"({"code":{"before":"C001"}})");
  EXPECT_EQ(change_json({}), "{}");
}

TEST(ChangeJson, SensitiveValuesAreRedactedButTheirPresenceIsKept) {
  EXPECT_EQ(
      change_json({{.field = "password_hash", .before = "$argon2id$old", .after = "$argon2id$new", .sensitive = true},
                   {.field = "totp_secret", .after = "JBSWY3DPEHPK3PXP", .sensitive = true}}),
      R"({"password_hash":{"before":"***","after":"***"},"totp_secret":{"after":"***"}})");
  EXPECT_EQ(redact(std::string("hunter2")), std::optional<std::string>("***"));
  EXPECT_EQ(redact(std::nullopt), std::nullopt);
}

TEST(ChangeJson, ValuesAreEscapedAndBadBytesReplaced) {
  EXPECT_EQ(change_json({{.field = "note", .after = "say \"hi\"\n\\"}}), R"({"note":{"after":"say \"hi\"\n\\"}})");
  EXPECT_EQ(change_json({{.field = "note",
                          .after = "a\xff"
                                   "b"}}),
            "{\"note\":{\"after\":\"a\xEF\xBF\xBD"
            "b\"}}");
}

TEST(ChangeJson, ARepeatedFieldKeepsItsLastChange) {
  EXPECT_EQ(change_json({{.field = "qty", .after = "1"}, {.field = "qty", .after = "2"}}), R"({"qty":{"after":"2"}})");
}

TEST(DetailJson, EventDetailsAreAFlatObject) {
  EXPECT_EQ(detail_json({{"reason", "bad_password"}, {"attempt", "3"}}), R"({"reason":"bad_password","attempt":"3"})");
  EXPECT_EQ(detail_json({}), "{}");
}

TEST(HashChain, Sha256IsTheStandardOne) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(kGenesisHash, std::string(64, '0'));
}

TEST(HashChain, NoTwoRecordsShareAnEncoding) {
  Record a;
  a.user_name = "ab";
  a.address = "c";
  Record b;
  b.user_name = "a";
  b.address = "bc";
  EXPECT_NE(canonical_encoding(a), canonical_encoding(b));
  Record no_user;
  Record user_zero;
  user_zero.user_id = 0;
  EXPECT_NE(canonical_encoding(no_user), canonical_encoding(user_zero));
  Record user_one;
  user_one.user_id = 1;
  Record company_one;
  company_one.company_id = 1;
  EXPECT_NE(canonical_encoding(user_one), canonical_encoding(company_one));
}

// Pins the encoding: if this changes, every stored chain stops verifying.
TEST(HashChain, TheEncodingIsStable) {
  Record record;
  record.seq = 1;
  record.at = from_micros(1709283600000001);
  record.user_id = 7;
  record.user_name = "张三";
  record.address = "::1";
  record.action = "update";
  record.target_type = "customer";
  record.target_id = "42";
  record.change = "{}";
  EXPECT_EQ(canonical_encoding(record),
            "verp-audit-11:116:17092836000000011:76:张三0:3:::10:6:update8:customer2:422:{}");
  EXPECT_EQ(record_hash(kGenesisHash, record), sha256_hex(std::string(kGenesisHash) + canonical_encoding(record)));
}

}  // namespace
}  // namespace verp::audit
