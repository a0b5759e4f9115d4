/* A tiny check framework shared by the C tests: failures are counted and printed, never abort. */
#ifndef UCIFI_TEST_H
#define UCIFI_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ucifi.h"

extern int test_failures;
extern int test_checks;
/* Every format the library names is in the build under test (ucifi_format_enabled; test_main.c). */
extern int test_all_formats;

#define CHECK(cond, ...)                                                         \
    do {                                                                         \
        test_checks++;                                                           \
        if (!(cond)) {                                                           \
            test_failures++;                                                     \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);     \
            fprintf(stderr, __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                 \
        }                                                                        \
    } while (0)

/* Checks a result code, naming both sides on failure. */
#define CHECK_RC(rc, expected, what)                                             \
    CHECK((rc) == (expected), "%s: got %s (%d), want %s (%d)", (what),          \
          ucifi_result_name(rc), (int)(rc), ucifi_result_name(expected), (int)(expected))

/* One input of the fuzz-corpus sample (corpus_sample_gen.h; test_corpus_sample.c, differential.c). */
typedef struct {
    const char *target;
    const char *format;   /* format name (decode_<format> targets) */
    const char *path;     /* request path text, or NULL */
    int is_uplink;        /* decode_fport: by fPort */
    int fport;
    const uint8_t *frame;
    size_t frame_len;
    ucifi_result error;   /* 0: decodes */
    const char *error_name;
    long long error_offset;
    size_t records;       /* the record count when it decodes */
} sample_case;

void run_api_tests(void);
void run_vector_tests(void);
void run_corpus_sample_tests(void);

#endif
