// Early return on errors, for code that strings several fallible steps together.
//
//   VERP_TRY(auto row, connection.query_row(sql, params));   // declares `row` or returns the error
//   VERP_CHECK(connection.execute(sql, params));              // returns the error, drops the value
//
// Both work in any function returning Status or Result<U>: the Error converts to either.
#pragma once

#include <utility>

#define VERP_CONCAT_INNER(a, b) a##b
#define VERP_CONCAT(a, b) VERP_CONCAT_INNER(a, b)

#define VERP_TRY(declaration, expression)                                  \
  auto VERP_CONCAT(verp_try_, __LINE__) = (expression);                    \
  if (!VERP_CONCAT(verp_try_, __LINE__)) return std::move(VERP_CONCAT(verp_try_, __LINE__)).error(); \
  declaration = std::move(VERP_CONCAT(verp_try_, __LINE__)).value()

#define VERP_CHECK(expression)                                             \
  do {                                                                     \
    if (auto verp_check_result = (expression); !verp_check_result) {       \
      return std::move(verp_check_result).error();                         \
    }                                                                      \
  } while (false)
