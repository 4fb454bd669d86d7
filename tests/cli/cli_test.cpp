// Tests for cli/cli_test.
#include <doctest/doctest.h>
