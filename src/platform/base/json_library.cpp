// The one translation unit that compiles Boost.JSON's implementation; every other file
// includes only the Boost.JSON headers it needs.
#include <boost/json/src.hpp>
