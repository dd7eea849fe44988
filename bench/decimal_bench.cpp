// Micro-benchmarks of the values layer: the costs every amount in a request pays (parse,
// to_string, arithmetic) and a tax allocation across invoice lines.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "platform/values/decimal.hpp"
#include "platform/values/money.hpp"

namespace {

using verp::Decimal;
using verp::Money;

Decimal dec(const char* text) { return *Decimal::parse(text); }

void decimal_parse(benchmark::State& state) {
  const std::vector<std::string> inputs{"1234.50", "-0.0001", "98765432109876543210.12345678", "7"};
  std::size_t i = 0;
  for (auto _ : state) {
    auto parsed = Decimal::parse(inputs[i++ % inputs.size()]);
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(decimal_parse);

void decimal_to_string(benchmark::State& state) {
  const std::vector<Decimal> values{dec("1234.50"), dec("-0.0001"), dec("98765432109876543210.12345678"), dec("7")};
  std::size_t i = 0;
  for (auto _ : state) {
    std::string text = values[i++ % values.size()].to_string();
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(decimal_to_string);

void decimal_add_across_scales(benchmark::State& state) {
  const Decimal a = dec("1234.50"), b = dec("0.1234");
  for (auto _ : state) {
    auto sum = a.add(b);
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(decimal_add_across_scales);

void decimal_mul_exact(benchmark::State& state) {  // price × quantity, no rounding needed
  const Decimal price = dec("12.3456"), quantity = dec("250.5");
  for (auto _ : state) {
    auto product = price.mul(quantity);
    benchmark::DoNotOptimize(product);
  }
}
BENCHMARK(decimal_mul_exact);

void decimal_mul_rounded_to_cents(benchmark::State& state) {
  const Decimal price = dec("12.3456"), quantity = dec("250.5");
  for (auto _ : state) {
    auto product = price.mul(quantity, 2);
    benchmark::DoNotOptimize(product);
  }
}
BENCHMARK(decimal_mul_rounded_to_cents);

void decimal_mul_wide(benchmark::State& state) {  // product past 128 bits, rounded to 18
  const Decimal a = dec("12345678901.123456789012345678"), b = dec("98765432.987654321098765432");
  for (auto _ : state) {
    auto product = a.mul(b);
    benchmark::DoNotOptimize(product);
  }
}
BENCHMARK(decimal_mul_wide);

void decimal_div(benchmark::State& state) {
  const Decimal a = dec("1000.00"), b = dec("3");
  for (auto _ : state) {
    auto quotient = a.div(b, 6);
    benchmark::DoNotOptimize(quotient);
  }
}
BENCHMARK(decimal_div);

void decimal_div_wide(benchmark::State& state) {  // numerator scaled past 128 bits
  const Decimal a = dec("123456789012345678901234.5678"), b = dec("7.000000000000000001");
  for (auto _ : state) {
    auto quotient = a.div(b, 18);
    benchmark::DoNotOptimize(quotient);
  }
}
BENCHMARK(decimal_div_wide);

void money_allocate_evenly(benchmark::State& state) {
  const Money total = *Money::parse("100.00", "CNY");
  for (auto _ : state) {
    auto parts = total.allocate(static_cast<std::size_t>(state.range(0)));
    benchmark::DoNotOptimize(parts);
  }
}
BENCHMARK(money_allocate_evenly)->Arg(3)->Arg(100);

// A rounded invoice tax spread over N lines by their net amounts.
void money_allocate_by_ratios(benchmark::State& state) {
  const Money tax = *Money::parse("13013.13", "CNY");
  std::vector<Decimal> nets;
  nets.reserve(static_cast<std::size_t>(state.range(0)));
  for (int i = 0; i < state.range(0); ++i) nets.push_back(Decimal::from_units(10'000 + 37 * i, 2));
  for (auto _ : state) {
    auto parts = tax.allocate(nets);
    benchmark::DoNotOptimize(parts);
  }
}
BENCHMARK(money_allocate_by_ratios)->Arg(3)->Arg(100);

}  // namespace
