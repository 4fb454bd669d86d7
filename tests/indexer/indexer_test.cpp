// Tests for indexer/indexer_test.
#include <doctest/doctest.h>
