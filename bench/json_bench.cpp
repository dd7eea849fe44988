// Boost.JSON on the shapes verp's API moves: a 20-field record (a customer) and a list page.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <string>

namespace {

boost::json::object customer(int i) {
  return {{"id", i},
          {"code", "C" + std::to_string(100000 + i)},
          {"name", "华东机电设备有限公司"},
          {"short_name", "华东机电"},
          {"industry", "machinery"},
          {"region", "上海"},
          {"scale", "medium"},
          {"grade", "A"},
          {"credit_limit", "100000.00"},
          {"payment_terms", "NET30"},
          {"tax_id", "91310000MA1FL0XX3N"},
          {"phone", "021-55556666"},
          {"email", "purchase@huadong.example"},
          {"address", "上海市浦东新区张江路 100 号"},
          {"owner_id", 17},
          {"company_id", 1},
          {"tags", boost::json::array{"key-account", "machinery"}},
          {"version", 3},
          {"created_at", "2026-03-01T08:00:00Z"},
          {"updated_at", "2026-11-30T16:45:12Z"}};
}

void SerializeRecord(benchmark::State& state) {
  const auto record = customer(1);
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::serialize(record));
}
BENCHMARK(SerializeRecord);

void ParseRecord(benchmark::State& state) {
  const std::string text = boost::json::serialize(customer(1));
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::parse(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(ParseRecord);

void SerializeListPage(benchmark::State& state) {
  boost::json::array items;
  for (int i = 0; i < 50; ++i) items.push_back(customer(i));
  const boost::json::object page = {{"items", items}, {"next_cursor", "eyJpZCI6NTB9"}};
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::serialize(page));
}
BENCHMARK(SerializeListPage);

}  // namespace
