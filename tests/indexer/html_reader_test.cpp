// Tests for indexer/html_reader_test.
#include <doctest/doctest.h>
