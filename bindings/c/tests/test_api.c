/* API edge cases: result codes and names, formats, registry lookups, NULL and bad arguments, outputs untouched on
   failure, callback stop, writer capacity, fit-to-budget with frame splitting. */
#include <string.h>

#include "test.h"
#include "ucifi.h"

static int str_eq(ucifi_str s, const char *text) {
    return s.data != NULL && s.len == strlen(text) && memcmp(s.data, text, s.len) == 0;
}

static void test_results(void) {
    static const ucifi_result own[] = {UCIFI_RESULT_OK,        UCIFI_RESULT_NULL_POINTER,
                                       UCIFI_RESULT_INVALID_ARGUMENT, UCIFI_RESULT_PANIC,
                                       UCIFI_RESULT_CALLBACK_STOPPED, UCIFI_RESULT_WRITER_FULL,
                                       UCIFI_RESULT_NOT_FOUND};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
        CHECK(strcmp(ucifi_result_name(own[i]), "UNKNOWN") != 0, "own code %d has no name", (int)own[i]);
        CHECK(ucifi_result_message(own[i])[0] != '\0', "own code %d has no message", (int)own[i]);
    }
    /* Core kinds are 1..N, contiguous (never reused), each with a name and a message. */
    int last = 0;
    while (last < 999 && strcmp(ucifi_result_name(last + 1), "UNKNOWN") != 0) {
        last++;
        CHECK(strcmp(ucifi_result_message(last), "unknown result code") != 0, "core code %d has no message", last);
    }
    CHECK(last >= UCIFI_RESULT_UNKNOWN_PORT, "core codes end at %d", last);
    CHECK(strcmp(ucifi_result_name(UCIFI_RESULT_OK), "OK") == 0, "OK");
    CHECK(strcmp(ucifi_result_name(UCIFI_RESULT_TYPE_MISMATCH), "TYPE_MISMATCH") == 0, "TYPE_MISMATCH");
    CHECK(UCIFI_RESULT_BUFFER_TOO_SMALL == 13 && UCIFI_RESULT_UNEXPECTED_END == 1, "stable numbers");
    CHECK(strcmp(ucifi_result_name(999), "UNKNOWN") == 0, "999");
    CHECK(strcmp(ucifi_result_message(-1), "unknown result code") == 0, "-1");
    const char *v = ucifi_version();
    CHECK(v != NULL && v[0] >= '0' && v[0] <= '9', "version %s", v ? v : "(null)");
}

static void test_formats_and_types(void) {
    ucifi_format f = 0;
    CHECK_RC(ucifi_format_from_name("tlv", 3, &f), UCIFI_RESULT_OK, "tlv");
    CHECK(f == UCIFI_FORMAT_TLV && f == 11542, "tlv code %u", (unsigned)f);
    CHECK(strcmp(ucifi_format_name(UCIFI_FORMAT_TLV), "tlv") == 0, "tlv name");
    CHECK(ucifi_format_name(65535) == NULL, "unknown format name");
    f = 7;
    CHECK_RC(ucifi_format_from_name("xml", 3, &f), UCIFI_RESULT_UNKNOWN_FORMAT, "xml");
    CHECK(f == 7, "format_out written on failure");
    CHECK_RC(ucifi_format_from_name("tlvx", 3, &f), UCIFI_RESULT_OK, "name is pointer + length");
    CHECK_RC(ucifi_format_from_name("tlv", 3, NULL), UCIFI_RESULT_NULL_POINTER, "NULL out");
    CHECK_RC(ucifi_format_from_name("\xff", 1, &f), UCIFI_RESULT_UNKNOWN_FORMAT, "non-UTF-8 name");
    CHECK_RC(ucifi_format_from_name(NULL, 3, &f), UCIFI_RESULT_NULL_POINTER, "NULL name");
    /* The tests need TLV: every build they run against has it. */
    CHECK(ucifi_format_enabled(UCIFI_FORMAT_TLV), "TLV in this build");
    CHECK(!ucifi_format_enabled(65535) && !ucifi_format_enabled(11543), "a code that is no format");
    /* A format the build leaves out keeps its name and code, and every call with it is refused at offset 0. */
    for (unsigned code = 0; code <= 0xffff; code++) {
        if (ucifi_format_name((ucifi_format)code) == NULL || ucifi_format_enabled((ucifi_format)code)) continue;
        const char *name = ucifi_format_name((ucifi_format)code);
        static const uint8_t frame[] = {0xa0};
        size_t count = 77, offset = 77;
        uint8_t port = 77;
        ucifi_writer w;
        ucifi_writer_slot slots[1];
        uint8_t out[4];
        size_t len = 77;
        CHECK_RC(ucifi_format_from_name(name, strlen(name), &f), UCIFI_RESULT_OK, name);
        CHECK(f == code, "%s: code %u", name, (unsigned)f);
        CHECK_RC(ucifi_decode((ucifi_format)code, frame, sizeof frame, "/3424/0", NULL, NULL, &count, &offset),
                 UCIFI_RESULT_UNKNOWN_FORMAT, name);
        CHECK(offset == 0 && count == 77, "%s: offset %zu, count %zu", name, offset, count);
        memset(&w, 0, sizeof w);
        CHECK_RC(ucifi_writer_init(&w, (ucifi_format)code, NULL, slots, 1), UCIFI_RESULT_UNKNOWN_FORMAT, name);
        CHECK_RC(ucifi_writer_finish(&w, out, sizeof out, &len), UCIFI_RESULT_INVALID_ARGUMENT, name);
        CHECK_RC(ucifi_uplink_port((ucifi_format)code, NULL, &port), UCIFI_RESULT_UNKNOWN_FORMAT, name);
        CHECK(port == 77 && len == 77, "%s: outputs written", name);
    }
    CHECK(strcmp(ucifi_type_name(UCIFI_TYPE_FLOAT), "float") == 0, "float");
    CHECK(strcmp(ucifi_type_name(UCIFI_TYPE_NONE), "none") == 0, "none");
    CHECK(ucifi_type_name(0) == NULL && ucifi_type_name(11) == NULL, "unknown types");
}

static void test_registry(void) {
    ucifi_str name;
    CHECK_RC(ucifi_object_name(UCIFI_OBJ_WATER_METER, &name), UCIFI_RESULT_OK, "3424");
    CHECK(str_eq(name, "Water meter"), "3424 is %.*s", (int)name.len, name.data);
    CHECK_RC(ucifi_object_name(9999, &name), UCIFI_RESULT_NOT_FOUND, "9999");
    CHECK_RC(ucifi_object_name(3424, NULL), UCIFI_RESULT_NULL_POINTER, "NULL out");

    ucifi_object_def o;
    CHECK_RC(ucifi_object_info(3424, &o), UCIFI_RESULT_OK, "info 3424");
    CHECK(o.id == 3424 && o.is_ucifi && o.multiple && o.resource_count == 17 && str_eq(o.version, "1.1"),
          "3424 info");
    size_t objects = 0, ucifi = 0;
    uint16_t last = 0;
    while (ucifi_object_at(objects, &o) == UCIFI_RESULT_OK) {
        CHECK(objects == 0 || o.id > last, "objects sorted by id");
        last = o.id;
        ucifi += o.is_ucifi;
        objects++;
    }
    CHECK(objects == 58 && ucifi == 47, "%zu objects, %zu uCIFI", objects, ucifi);

    ucifi_resource_def r;
    CHECK_RC(ucifi_resource_info(3424, UCIFI_RES_WATER_METER_CUMULATED_WATER_VOLUME, &r), UCIFI_RESULT_OK, "3424/1");
    CHECK(str_eq(r.name, "Cumulated water volume") && str_eq(r.units, "m3") && r.data_type == UCIFI_TYPE_FLOAT &&
              r.operations == UCIFI_OPERATION_READ && r.mandatory && !r.multiple && !r.has_range,
          "3424/1 info");
    CHECK_RC(ucifi_resource_info(3424, 2, &r), UCIFI_RESULT_OK, "3424/2");
    CHECK(r.data_type == UCIFI_TYPE_NONE && r.operations == UCIFI_OPERATION_EXECUTE && r.units.len == 0 &&
              r.units.data != NULL,
          "3424/2 is executable");
    CHECK_RC(ucifi_resource_info(3424, 14, &r), UCIFI_RESULT_NOT_FOUND, "3424/14");
    CHECK_RC(ucifi_resource_info(9999, 1, &r), UCIFI_RESULT_NOT_FOUND, "9999/1");
    CHECK_RC(ucifi_resource_at(3424, 16, &r), UCIFI_RESULT_OK, "3424 #16");
    CHECK(r.id == UCIFI_RES_WATER_METER_FRACTIONAL_TIMESTAMP && r.has_range, "3424 #16 is 6050 with a range");
    CHECK_RC(ucifi_resource_at(3424, 17, &r), UCIFI_RESULT_NOT_FOUND, "3424 #17");
}

typedef struct {
    int calls;
    int stop_after;
} stop_ctx;

static int32_t stop_cb(void *user, const ucifi_record *record) {
    stop_ctx *ctx = user;
    (void)record;
    ctx->calls++;
    return ctx->calls >= ctx->stop_after;
}

static void test_decode_arguments(void) {
    static const uint8_t frame[] = {0xc4, 0x01, 0x41, 0x48, 0x00, 0x00, 0xc1, 0x09, 0x01};
    size_t count = 77, offset = 77;
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, NULL, 3, "/3424/0", NULL, NULL, &count, &offset),
             UCIFI_RESULT_NULL_POINTER, "NULL frame");
    CHECK(count == 77 && offset == 77, "outputs untouched");
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, NULL, 0, "/3424/0", NULL, NULL, &count, NULL), UCIFI_RESULT_OK,
             "empty frame");
    CHECK(count == 0, "empty frame has no records");
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, frame, sizeof frame, "/3424/0", NULL, NULL, NULL, NULL), UCIFI_RESULT_OK,
             "all outputs NULL");
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, frame, sizeof frame, NULL, NULL, NULL, NULL, &offset),
             UCIFI_RESULT_MISSING_PATH, "no path");
    offset = 77;
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, frame, sizeof frame, "/3424/\xff", NULL, NULL, NULL, &offset),
             UCIFI_RESULT_INVALID_PATH, "non-UTF-8 path");
    CHECK(offset == 6, "path offset %zu", offset);
    stop_ctx ctx = {0, 1};
    count = 77;
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, frame, sizeof frame, "/3424/0", stop_cb, &ctx, &count, NULL),
             UCIFI_RESULT_CALLBACK_STOPPED, "stop");
    CHECK(ctx.calls == 1 && count == 77, "stopped after %d calls", ctx.calls);
    ctx.calls = 0;
    ctx.stop_after = 100;
    CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, frame, sizeof frame, "/3424/0", stop_cb, &ctx, &count, NULL),
             UCIFI_RESULT_OK, "no stop");
    CHECK(ctx.calls == 2 && count == 2, "%d calls, %zu records", ctx.calls, count);
}

static void test_writer_arguments(void) {
    ucifi_writer w;
    ucifi_writer_slot slots[2];
    uint8_t out[64];
    size_t len = 77, n = 77;
    memset(&w, 0, sizeof w);
    CHECK_RC(ucifi_writer_add_bool(&w, 3424, 0, 9, true), UCIFI_RESULT_INVALID_ARGUMENT, "zeroed writer");
    CHECK_RC(ucifi_writer_add_bool(NULL, 3424, 0, 9, true), UCIFI_RESULT_NULL_POINTER, "NULL writer");
    CHECK_RC(ucifi_writer_finish(&w, out, sizeof out, &len), UCIFI_RESULT_INVALID_ARGUMENT, "zeroed finish");
    CHECK_RC(ucifi_writer_init(NULL, UCIFI_FORMAT_TLV, "/3424/0", slots, 2), UCIFI_RESULT_NULL_POINTER, "NULL w");
    CHECK_RC(ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/0", NULL, 2), UCIFI_RESULT_NULL_POINTER, "NULL slots");
    CHECK_RC(ucifi_writer_init(&w, 65535, "/3424/0", slots, 2), UCIFI_RESULT_UNKNOWN_FORMAT, "format");
    CHECK_RC(ucifi_writer_init(&w, UCIFI_FORMAT_TLV, NULL, slots, 2), UCIFI_RESULT_MISSING_PATH, "TLV needs a path");
    CHECK_RC(ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/x", slots, 2), UCIFI_RESULT_INVALID_PATH, "bad path");
    CHECK_RC(ucifi_writer_add_int(&w, 3424, 0, 4, 1), UCIFI_RESULT_INVALID_ARGUMENT, "failed init leaves w alone");

    CHECK_RC(ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/0", slots, 2), UCIFI_RESULT_OK, "init");
    CHECK_RC(ucifi_writer_add_string(&w, 3424, 0, 3, NULL, 3), UCIFI_RESULT_NULL_POINTER, "NULL text");
    CHECK_RC(ucifi_writer_add_string(&w, 3424, 0, 3, "a\xff", 2), UCIFI_RESULT_INVALID_UTF8, "bad UTF-8");
    CHECK_RC(ucifi_writer_add_string(&w, 3424, 0, 1, "x", 1), UCIFI_RESULT_TYPE_MISMATCH, "string for float");
    CHECK_RC(ucifi_writer_add_int(&w, 3424, 0, 2, 1), UCIFI_RESULT_EXECUTABLE_VALUE, "executable");
    CHECK_RC(ucifi_writer_add_int(&w, 3424, 1, 4, 1), UCIFI_RESULT_PATH_MISMATCH, "other instance");
    CHECK_RC(ucifi_writer_add_record(&w, NULL), UCIFI_RESULT_NULL_POINTER, "NULL record");
    ucifi_record bad;
    memset(&bad, 0, sizeof bad);
    bad.path.ids[0] = 3424;
    bad.path.ids[2] = 4;
    bad.path.len = 3;
    bad.data_type = 99;
    CHECK_RC(ucifi_writer_add_record(&w, &bad), UCIFI_RESULT_INVALID_ARGUMENT, "bad type");
    bad.data_type = UCIFI_TYPE_INTEGER;
    bad.path.len = 0;
    CHECK_RC(ucifi_writer_add_record(&w, &bad), UCIFI_RESULT_INVALID_PATH, "bad path length");
    CHECK_RC(ucifi_writer_count(&w, &n), UCIFI_RESULT_OK, "count");
    CHECK(n == 0, "refused records are not kept (%zu)", n);

    CHECK_RC(ucifi_writer_add_int(&w, 3424, 0, 4, 1), UCIFI_RESULT_OK, "add 1");
    CHECK_RC(ucifi_writer_add_int(&w, 3424, 0, 4, 2), UCIFI_RESULT_DUPLICATE_ID, "duplicate");
    CHECK_RC(ucifi_writer_add_bool(&w, 3424, 0, 9, false), UCIFI_RESULT_OK, "add 2");
    CHECK_RC(ucifi_writer_add_bool(&w, 3424, 0, 10, false), UCIFI_RESULT_WRITER_FULL, "full");
    CHECK_RC(ucifi_writer_finish(&w, NULL, 10, &len), UCIFI_RESULT_NULL_POINTER, "NULL out");
    CHECK_RC(ucifi_writer_finish(&w, out, sizeof out, NULL), UCIFI_RESULT_NULL_POINTER, "NULL len_out");
    memset(out, 0xaa, sizeof out);
    CHECK_RC(ucifi_writer_finish(&w, out, 5, &len), UCIFI_RESULT_BUFFER_TOO_SMALL, "5 bytes");
    CHECK(len == 77, "len_out untouched on failure");
    size_t untouched = 0;
    while (untouched < sizeof out && out[untouched] == 0xaa) untouched++;
    CHECK(untouched == sizeof out, "out untouched on failure (byte %zu written)", untouched);
    CHECK_RC(ucifi_writer_finish(&w, out, 6, &len), UCIFI_RESULT_OK, "6 bytes");
    CHECK(len == 6 && memcmp(out, "\xc1\x04\x01\xc1\x09\x00", 6) == 0, "bytes");
    CHECK_RC(ucifi_writer_discard(&w, 3), UCIFI_RESULT_INVALID_ARGUMENT, "discard 3 of 2");
    CHECK_RC(ucifi_writer_discard(&w, 2), UCIFI_RESULT_OK, "discard all");
    CHECK_RC(ucifi_writer_finish(&w, NULL, 0, &len), UCIFI_RESULT_OK, "empty writer");
    CHECK(len == 0, "empty writer writes nothing");
    ucifi_writer none;
    CHECK_RC(ucifi_writer_init(&none, UCIFI_FORMAT_TLV, "/3424/0", NULL, 0), UCIFI_RESULT_OK, "no slots");
    CHECK_RC(ucifi_writer_add_int(&none, 3424, 0, 4, 1), UCIFI_RESULT_WRITER_FULL, "no slots: full");
}

/* A water-meter reading split over 11-byte frames (US915 DR0), each frame decoded back. */
static void test_fit_and_split(void) {
    ucifi_writer w;
    ucifi_writer_slot slots[8];
    static const char kind[] = "ultrasonic";
    CHECK_RC(ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/0", slots, 8), UCIFI_RESULT_OK, "init");
    CHECK_RC(ucifi_writer_add_float(&w, 3424, 0, 1, 1234.5), UCIFI_RESULT_OK, "volume");
    CHECK_RC(ucifi_writer_add_int(&w, 3424, 0, 4, 98765), UCIFI_RESULT_OK, "pulses");
    CHECK_RC(ucifi_writer_add_bool(&w, 3424, 0, 11, true), UCIFI_RESULT_OK, "back flow");
    CHECK_RC(ucifi_writer_add_time(&w, 3424, 0, 5518, 1700000000), UCIFI_RESULT_OK, "timestamp");
    CHECK_RC(ucifi_writer_add_string(&w, 3424, 0, 3, kind, sizeof kind - 1), UCIFI_RESULT_OK, "type of meter");
    size_t total = 0, frames = 0, records = 0, n = 0;
    CHECK_RC(ucifi_writer_encoded_len(&w, &total), UCIFI_RESULT_OK, "encoded_len");
    CHECK(total == 35, "whole reading is %zu bytes", total);
    uint8_t frame[11];
    for (;;) {
        size_t len = 0, taken = 0, back = 0;
        CHECK_RC(ucifi_writer_count(&w, &n), UCIFI_RESULT_OK, "count");
        if (n == 0) break;
        ucifi_result rc = ucifi_writer_finish_fit(&w, frame, sizeof frame, &len, &taken);
        if (rc == UCIFI_RESULT_BUFFER_TOO_SMALL) break; /* the 13-byte string needs a bigger frame */
        CHECK_RC(rc, UCIFI_RESULT_OK, "fit");
        if (rc != UCIFI_RESULT_OK || taken == 0) break;
        CHECK(len <= sizeof frame, "frame of %zu bytes", len);
        CHECK_RC(ucifi_decode(UCIFI_FORMAT_TLV, frame, len, "/3424/0", NULL, NULL, &back, NULL), UCIFI_RESULT_OK,
                 "decode frame");
        CHECK(back == taken, "frame holds %zu, fit said %zu", back, taken);
        CHECK_RC(ucifi_writer_discard(&w, taken), UCIFI_RESULT_OK, "discard");
        frames++;
        records += taken;
    }
    CHECK(frames == 3 && records == 4 && n == 1, "%zu frames carried %zu records, %zu left", frames, records, n);
    size_t len = 0, taken = 0;
    uint8_t big[51];
    CHECK_RC(ucifi_writer_finish_fit(&w, big, sizeof big, &len, &taken), UCIFI_RESULT_OK, "string in 51 bytes");
    CHECK(taken == 1 && len == 13, "%zu records in %zu bytes", taken, len);
}

static void test_lorawan(void) {
    size_t n = 0;
    CHECK_RC(ucifi_lorawan_max_payload("EU868", 5, 0, true, false, false, &n), UCIFI_RESULT_OK, "EU868 DR0");
    CHECK(n == 51, "EU868 DR0 carries %zu", n);
    CHECK_RC(ucifi_lorawan_max_payload("us915", 5, 0, true, false, false, &n), UCIFI_RESULT_OK, "US915 DR0");
    CHECK(n == 11, "US915 DR0 carries %zu", n);
    CHECK_RC(ucifi_lorawan_max_payload("EU868", 5, 5, true, false, true, &n), UCIFI_RESULT_OK, "EU868 DR5");
    CHECK(n == 222, "EU868 DR5 with the repeater cap carries %zu", n);
    n = 77;
    CHECK_RC(ucifi_lorawan_max_payload("XX000", 5, 0, true, false, false, &n), UCIFI_RESULT_INVALID_ARGUMENT, "region");
    CHECK_RC(ucifi_lorawan_max_payload("EU868", 5, 15, true, false, false, &n), UCIFI_RESULT_NOT_FOUND, "DR15");
    CHECK(n == 77, "bytes_out untouched on failure");
    CHECK_RC(ucifi_lorawan_max_payload("EU868", 5, 0, true, false, false, NULL), UCIFI_RESULT_NULL_POINTER, "NULL");

    uint8_t port = 0;
    CHECK_RC(ucifi_uplink_port(UCIFI_FORMAT_TLV, "/3424", &port), UCIFI_RESULT_OK, "TLV /3424");
    CHECK(port == 24, "water meter on fPort %u", (unsigned)port);
    if (ucifi_format_enabled(UCIFI_FORMAT_LWM2M_CBOR)) {
        CHECK_RC(ucifi_uplink_port(UCIFI_FORMAT_LWM2M_CBOR, NULL, &port), UCIFI_RESULT_OK, "LwM2M-CBOR");
        CHECK(port == 100, "LwM2M-CBOR on fPort %u", (unsigned)port);
    } else {
        CHECK_RC(ucifi_uplink_port(UCIFI_FORMAT_LWM2M_CBOR, NULL, &port), UCIFI_RESULT_UNKNOWN_FORMAT, "LwM2M-CBOR");
    }
    CHECK_RC(ucifi_uplink_port(UCIFI_FORMAT_TLV, "/3424/0", &port), UCIFI_RESULT_NOT_FOUND, "TLV /3424/0");
    CHECK_RC(ucifi_uplink_port(UCIFI_FORMAT_TLV, "/3", &port), UCIFI_RESULT_NOT_FOUND, "TLV /3");

    ucifi_format f = 0;
    ucifi_path base;
    CHECK_RC(ucifi_uplink_entry(24, &f, &base), UCIFI_RESULT_OK, "fPort 24");
    CHECK(f == UCIFI_FORMAT_TLV && base.len == 1 && base.ids[0] == UCIFI_OBJ_WATER_METER, "fPort 24 entry");
    if (ucifi_format_enabled(UCIFI_FORMAT_SENML_CBOR)) {
        CHECK_RC(ucifi_uplink_entry(101, &f, &base), UCIFI_RESULT_OK, "fPort 101");
        CHECK(f == UCIFI_FORMAT_SENML_CBOR && base.len == 0, "fPort 101 entry");
    } else {
        /* The port table is the same in every build; a port whose format is left out is refused. */
        size_t count = 77, offset = 77;
        f = 7;
        CHECK_RC(ucifi_uplink_entry(101, &f, &base), UCIFI_RESULT_UNKNOWN_FORMAT, "fPort 101");
        CHECK(f == 7, "fPort 101: format_out written");
        CHECK_RC(ucifi_uplink_decode(101, (const uint8_t *)"\x80", 1, NULL, NULL, &count, &offset),
                 UCIFI_RESULT_UNKNOWN_FORMAT, "fPort 101 decode");
        CHECK(offset == 0 && count == 77, "fPort 101: offset %zu, count %zu", offset, count);
    }
    CHECK_RC(ucifi_uplink_entry(44, &f, &base), UCIFI_RESULT_UNKNOWN_PORT, "fPort 44");
    CHECK_RC(ucifi_uplink_entry(0, &f, &base), UCIFI_RESULT_UNKNOWN_PORT, "fPort 0");

    /* A reading for fPort 24 decodes by its fPort alone. */
    ucifi_writer w;
    ucifi_writer_slot slots[2];
    uint8_t frame[51];
    size_t len = 0, count = 0, offset = 0;
    CHECK_RC(ucifi_writer_init_uplink(&w, 24, slots, 2), UCIFI_RESULT_OK, "init fPort 24");
    CHECK_RC(ucifi_writer_add_float(&w, 3424, 0, 1, 12.5), UCIFI_RESULT_OK, "volume");
    CHECK_RC(ucifi_writer_add_time(&w, 3424, 0, 5518, 1700000000), UCIFI_RESULT_OK, "timestamp");
    CHECK_RC(ucifi_writer_finish(&w, frame, sizeof frame, &len), UCIFI_RESULT_OK, "finish");
    CHECK(len == 16 && memcmp(frame, "\x08\x00\x0d\xc4\x01\x41\x48\x00\x00\xe4\x15\x8e\x65\x53\xf1\x00", 16) == 0,
          "fPort 24 frame");
    CHECK_RC(ucifi_uplink_decode(24, frame, len, NULL, NULL, &count, NULL), UCIFI_RESULT_OK, "uplink decode");
    CHECK(count == 2, "%zu records", count);
    CHECK_RC(ucifi_uplink_decode(44, frame, len, NULL, NULL, &count, &offset), UCIFI_RESULT_UNKNOWN_PORT, "fPort 44");
    CHECK(offset == 0, "offset %zu", offset);
    CHECK_RC(ucifi_writer_init_uplink(&w, 44, slots, 2), UCIFI_RESULT_UNKNOWN_PORT, "init fPort 44");
}

void run_api_tests(void) {
    int before = test_failures;
    test_results();
    test_formats_and_types();
    test_registry();
    test_decode_arguments();
    test_writer_arguments();
    test_fit_and_split();
    test_lorawan();
    printf("api: %d failures\n", test_failures - before);
}
