/* C tests of the ucifi C API: API edge cases, one loop over every vectors/ case, one over the fuzz-corpus sample.
   Exit status 0 only if all checks pass. */
#include <stdio.h>

#include "test.h"
#include "ucifi.h"

int test_failures = 0;
int test_checks = 0;

int main(void) {
    printf("ucifi %s\n", ucifi_version());
    run_api_tests();
    run_vector_tests();
    run_corpus_sample_tests();
    printf("%d checks, %d failed\n", test_checks, test_failures);
    return test_failures == 0 ? 0 : 1;
}
