// Tests for common/schema_test.
#include <doctest/doctest.h>
