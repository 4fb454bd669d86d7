// Tests for common/text_test.
#include <doctest/doctest.h>
