/* Shapes of the vector data gen_vectors.py writes into vectors_gen.h. */
#ifndef UCIFI_TEST_VECTORS_H
#define UCIFI_TEST_VECTORS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ucifi.h"

/* One expected (decode) or input (encode) record. */
typedef struct {
    uint16_t ids[4];
    uint8_t len;
    ucifi_type type;
    int unknown;
    int has_time;
    double time;
    int64_t i;                /* integer, time */
    uint64_t u;               /* unsigned */
    double f;                 /* float */
    int b;                    /* boolean */
    const uint8_t *bytes;     /* string, corelnk, opaque */
    size_t bytes_len;
    uint16_t link_object;     /* objlnk */
    uint16_t link_instance;
} vec_record;

/* One case of a vectors/ file. */
typedef struct {
    const char *id;
    const char *file;
    const char *format;       /* format name, as in the JSON */
    const char *path;         /* request path text, or NULL */
    int is_uplink;            /* an fPort case: format and path come from the port convention */
    int fport;
    int is_decode;            /* has "hex" */
    const uint8_t *frame;
    size_t frame_len;
    int roundtrip;
    ucifi_result error;       /* 0: no error expected */
    const char *error_name;
    long long error_offset;   /* -1: not given */
    int has_buffer;
    size_t buffer;
    const vec_record *records;
    size_t record_count;
} vec_case;

/* A case the C API cannot express, with the reason. */
typedef struct {
    const char *id;
    const char *reason;
} vec_skip;

#endif
