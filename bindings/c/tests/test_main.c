/* C tests of the ucifi C API: the formats of the build under test, API edge cases, one loop over every vectors/
   case, one over the fuzz-corpus sample. Exit status 0 only if all checks pass.

   The library says which formats it was built with (ucifi_format_enabled); the tests expect every call with a
   format it leaves out, or with an fPort whose format it leaves out, to answer UCIFI_RESULT_UNKNOWN_FORMAT at
   offset 0. UCIFI_TEST_FORMATS (format names separated by commas) names the formats the build under test was made
   with, and the library's answer must match it; unset, every format the library names must be there, and then
   every case runs. */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "ucifi.h"

int test_failures = 0;
int test_checks = 0;
int test_all_formats = 0;

/* True if `name` is one of the comma-separated names of `list`. */
static int listed(const char *list, const char *name) {
    size_t n = strlen(name);
    for (const char *p = list; *p != '\0';) {
        size_t len = strcspn(p, ",");
        if (len == n && memcmp(p, name, n) == 0) return 1;
        p += len;
        if (*p == ',') p++;
    }
    return 0;
}

/* Every code the library names a format: enabled exactly when UCIFI_TEST_FORMATS lists it (or always, unset);
   a code that is no format never is. Sets test_all_formats and prints the build's formats. */
static void check_build_formats(void) {
    const char *expected = getenv("UCIFI_TEST_FORMATS");
    size_t known = 0, enabled = 0, stray = 0;
    printf("formats:");
    for (unsigned code = 0; code <= 0xffff; code++) {
        const char *name = ucifi_format_name((ucifi_format)code);
        int on = ucifi_format_enabled((ucifi_format)code);
        if (name == NULL) {
            stray += on != 0;
            continue;
        }
        known++;
        enabled += on != 0;
        int want = expected == NULL || listed(expected, name);
        CHECK(on == want, "format %s: enabled %d, want %d (UCIFI_TEST_FORMATS=%s)", name, on, want,
              expected ? expected : "(unset: every format)");
        printf(" %s%s", name, on ? "" : " (left out)");
    }
    if (expected != NULL) {
        /* Every name the list gives is a format. */
        for (const char *p = expected; *p != '\0';) {
            size_t len = strcspn(p, ",");
            ucifi_format f;
            CHECK(ucifi_format_from_name(p, len, &f) == UCIFI_RESULT_OK, "UCIFI_TEST_FORMATS names %.*s", (int)len,
                  p);
            p += len;
            if (*p == ',') p++;
        }
    }
    printf("\n");
    CHECK(stray == 0, "%zu codes that are no format enabled", stray);
    CHECK(known > 0 && enabled > 0, "%zu formats, %zu enabled", known, enabled);
    test_all_formats = enabled == known;
}

int main(void) {
    printf("ucifi %s\n", ucifi_version());
    check_build_formats();
    run_api_tests();
    run_vector_tests();
    run_corpus_sample_tests();
    printf("%d checks, %d failed\n", test_checks, test_failures);
    return test_failures == 0 ? 0 : 1;
}
