// Tests for searcher/searcher_test.
#include <doctest/doctest.h>
