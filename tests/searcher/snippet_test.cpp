// Tests for searcher/snippet_test.
#include <doctest/doctest.h>
