// The CSV download: opens in Excel with Chinese intact, and cannot smuggle in a formula.
#include "platform/audit/audit_log.hpp"
#include "platform/audit/hash_chain.hpp"

namespace verp::audit {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Record sample() {
  Record record;
  record.seq = 12;
  record.at = from_micros(1709283600123456);
  record.user_id = 7;
  record.user_name = "sales01";
  record.company_id = 1;
  record.address = "10.0.0.8";
  record.request_id = "req-1";
  record.action = "update";
  record.target_type = "customer";
  record.target_id = "42";
  record.change = "{}";
  record.hash = std::string(64, 'a');
  return record;
}

// The cells of the first data row (line 2), split naively: for tests without commas in cells.
std::string data_line(const std::string& csv) {
  auto first = csv.find("\r\n");
  auto second = csv.find("\r\n", first + 2);
  return csv.substr(first + 2, second - first - 2);
}

TEST(Csv, StartsWithABomAndAnEnglishHeader) {
  std::string csv = to_csv({sample()}, "en");
  ASSERT_TRUE(csv.starts_with(kBom));
  EXPECT_EQ(csv.substr(kBom.size(), csv.find("\r\n") - kBom.size()),
            "No.,Time (UTC),User ID,User,Company ID,Address,Request ID,Action,Record type,Record ID,Change,Hash");
  EXPECT_EQ(data_line(csv),
            "12,2024-03-01T09:00:00.123456Z,7,sales01,1,10.0.0.8,req-1,update,customer,42,{}," + std::string(64, 'a'));
  EXPECT_TRUE(csv.ends_with("\r\n"));
}

TEST(Csv, TheChineseHeaderIsTheDefault) {
  std::string expected =
      std::string(kBom) + "序号,时间 (UTC),用户 ID,用户,公司 ID,地址,请求 ID,操作,对象类型,对象 ID,变更内容,哈希\r\n";
  EXPECT_EQ(to_csv({}, "zh-CN"), expected);
  EXPECT_EQ(to_csv({}, "fr"), expected);
}

TEST(Csv, CommasQuotesAndLineBreaksAreQuoted) {
  Record record = sample();
  record.user_name = "Li, Wei";
  record.target_id = "say \"hi\"";
  record.request_id = "two\nlines";
  record.change = R"({"a":{"after":"1"},"b":{"after":"2"}})";
  std::string csv = to_csv({record}, "en");
  EXPECT_NE(csv.find(",\"Li, Wei\","), std::string::npos);
  EXPECT_NE(csv.find(",\"say \"\"hi\"\"\","), std::string::npos);
  EXPECT_NE(csv.find(",\"two\nlines\","), std::string::npos);
  EXPECT_NE(csv.find(R"(,"{""a"":{""after"":""1""},""b"":{""after"":""2""}}",)"), std::string::npos);
}

TEST(Csv, CellsThatWouldBeFormulasAreNeutralised) {
  Record record = sample();
  record.user_name = "=HYPERLINK(\"http://evil\",\"x\")";
  record.address = "+1";
  record.request_id = "-2+3";
  record.action = "@SUM(A1)";
  record.target_type = "\tcmd";
  record.target_id = "\r=1";
  record.user_id = -5;
  std::string line = data_line(to_csv({record}, "en"));
  EXPECT_NE(line.find(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), std::string::npos) << line;
  EXPECT_NE(line.find(",'+1,'-2+3,'@SUM(A1),'\tcmd,\"'\r=1\","), std::string::npos) << line;
  EXPECT_NE(line.find(",'-5,"), std::string::npos) << line;
  EXPECT_EQ(line.find(",="), std::string::npos) << line;
}

TEST(Csv, ChineseTextPassesThroughUnchanged) {
  Record record = sample();
  record.user_name = "张三";
  record.change = R"({"name":{"before":"华东机电","after":"华东机电有限公司"}})";
  std::string line = data_line(to_csv({record}, "zh-CN"));
  EXPECT_NE(line.find(",张三,"), std::string::npos);
  EXPECT_NE(line.find("华东机电有限公司"), std::string::npos);
}

}  // namespace
}  // namespace verp::audit
