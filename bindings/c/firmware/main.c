/* Firmware example: a LoRaWAN end device with a water meter (object 3424) and an outdoor lamp controller (3416),
   run under QEMU with semihosting. It reads both, fits the readings into frames of the US915 DR0 budget (11 bytes)
   and of the EU868 DR0 budget (51 bytes) by the project's fPort convention (fPort = ObjectID - 3400: TLV with an
   Object Instance wrapper), prints each frame as the radio would send it and decodes it back; then it decodes two
   downlinks on the lamp's fPort, a Write of the dimming level and an Execute (reset of the operating hours), and
   applies them. Every buffer is on the stack; nothing is allocated. Last, it measures the stack each library call
   takes (painted stack: the free RAM below the caller's frame is filled with a pattern before the call and scanned
   after it), for a decode of a frame of up to 242 bytes in each format the build has. Returns 0 only if every value
   came back and every downlink applied. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ucifi.h"

#define FRAME_MAX 242 /* bytes: the largest LoRaWAN payload (EU868 DR5) */
#define SLOTS 32

/* ---- the device: its sensors and actuator ---- */

typedef struct {
    uint16_t object, resource;
    ucifi_type type;
    double f;  /* UCIFI_TYPE_FLOAT */
    int64_t i; /* UCIFI_TYPE_INTEGER, UCIFI_TYPE_TIME; UCIFI_TYPE_BOOLEAN as 0/1 */
} point;

static const point WATER_METER[] = {
    {UCIFI_OBJ_WATER_METER, UCIFI_RES_WATER_METER_CUMULATED_WATER_VOLUME, UCIFI_TYPE_FLOAT, 1234.5, 0},
    {UCIFI_OBJ_WATER_METER, UCIFI_RES_WATER_METER_CUMULATED_PULSE_VALUE, UCIFI_TYPE_INTEGER, 0, 123456},
    {UCIFI_OBJ_WATER_METER, UCIFI_RES_WATER_METER_BACK_FLOW_DETECTED, UCIFI_TYPE_BOOLEAN, 0, 1},
    {UCIFI_OBJ_WATER_METER, UCIFI_RES_WATER_METER_TIMESTAMP, UCIFI_TYPE_TIME, 0, 1700000000},
};

static const point LAMP[] = {
    {UCIFI_OBJ_OUTDOOR_LAMP_CONTROLLER, UCIFI_RES_OUTDOOR_LAMP_CONTROLLER_DIMMING_LEVEL, UCIFI_TYPE_INTEGER, 0, 60},
    {UCIFI_OBJ_OUTDOOR_LAMP_CONTROLLER, UCIFI_RES_OUTDOOR_LAMP_CONTROLLER_LAMP_FAILURE, UCIFI_TYPE_BOOLEAN, 0, 0},
    {UCIFI_OBJ_OUTDOOR_LAMP_CONTROLLER, UCIFI_RES_OUTDOOR_LAMP_CONTROLLER_LAMP_OPERATING_HOURS, UCIFI_TYPE_FLOAT,
     1523.25, 0},
    {UCIFI_OBJ_OUTDOOR_LAMP_CONTROLLER, UCIFI_RES_OUTDOOR_LAMP_CONTROLLER_LAMP_ON_TIMESTAMP, UCIFI_TYPE_TIME, 0,
     1700003600},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    int64_t dimming_level;
    double operating_hours;
    int writes, executes;
} lamp_state;

/* ---- helpers ---- */

static int fail(const char *what, ucifi_result rc) {
    printf("FAIL %s: %s (%d): %s\n", what, ucifi_result_name(rc), (int)rc, ucifi_result_message(rc));
    return 1;
}

static void print_frame(uint8_t fport, size_t taken, size_t len, size_t budget, const uint8_t *frame) {
    printf("fPort %u: %u records in %u of %u bytes:", (unsigned)fport, (unsigned)taken, (unsigned)len,
           (unsigned)budget);
    for (size_t i = 0; i < len; i++) printf(" %02x", frame[i]);
    printf("\n");
}

static ucifi_result add_point(ucifi_writer *w, const point *p, uint16_t instance) {
    switch (p->type) {
    case UCIFI_TYPE_FLOAT: return ucifi_writer_add_float(w, p->object, instance, p->resource, p->f);
    case UCIFI_TYPE_INTEGER: return ucifi_writer_add_int(w, p->object, instance, p->resource, p->i);
    case UCIFI_TYPE_BOOLEAN: return ucifi_writer_add_bool(w, p->object, instance, p->resource, p->i != 0);
    default: return ucifi_writer_add_time(w, p->object, instance, p->resource, p->i);
    }
}

/* Decode check: every record must be one of `points` with its value; `seen` counts them. */
typedef struct {
    const point *points;
    size_t count;
    unsigned seen;
    bool ok;
} check;

static int32_t on_check(void *user, const ucifi_record *r) {
    check *c = user;
    for (size_t k = 0; k < c->count; k++) {
        const point *p = &c->points[k];
        if (r->path.ids[0] != p->object || r->path.ids[2] != p->resource) continue;
        bool same = r->data_type == p->type &&
                    (p->type == UCIFI_TYPE_FLOAT     ? r->value.floating == p->f
                     : p->type == UCIFI_TYPE_BOOLEAN ? r->value.boolean == (p->i != 0)
                                                     : r->value.integer == p->i);
        c->ok = c->ok && same;
        c->seen++;
        return 0;
    }
    c->ok = false;
    return 1; /* stop: ucifi_decode returns UCIFI_RESULT_CALLBACK_STOPPED */
}

/* Sends one reading in frames of at most `budget` bytes; each frame is printed and decoded back. */
static int send_reading(const point *points, size_t count, size_t budget, unsigned *frames) {
    ucifi_writer w;
    ucifi_writer_slot slots[SLOTS];
    uint8_t frame[FRAME_MAX];
    uint8_t fport = 0;
    char path[8] = "/";
    unsigned id = points[0].object;
    for (int k = 4; k >= 1; k--, id /= 10) path[k] = (char)('0' + id % 10);
    ucifi_result rc = ucifi_uplink_port(UCIFI_FORMAT_TLV, path, &fport);
    if (rc != UCIFI_RESULT_OK) return fail("uplink_port", rc);
    rc = ucifi_writer_init_uplink(&w, fport, slots, SLOTS);
    if (rc != UCIFI_RESULT_OK) return fail("writer_init_uplink", rc);
    for (size_t k = 0; k < count; k++) {
        rc = add_point(&w, &points[k], 0);
        if (rc != UCIFI_RESULT_OK) return fail("writer_add", rc);
    }
    check c = {points, count, 0, true};
    size_t left = count;
    while (left > 0) {
        size_t len = 0, taken = 0;
        rc = ucifi_writer_finish_fit(&w, frame, budget, &len, &taken);
        if (rc != UCIFI_RESULT_OK) return fail("finish_fit", rc);
        print_frame(fport, taken, len, budget, frame);
        (*frames)++;
        rc = ucifi_uplink_decode(fport, frame, len, on_check, &c, NULL, NULL);
        if (rc != UCIFI_RESULT_OK) return fail("uplink_decode", rc);
        rc = ucifi_writer_discard(&w, taken);
        if (rc != UCIFI_RESULT_OK) return fail("discard", rc);
        left -= taken;
    }
    if (!c.ok || c.seen != count) {
        printf("FAIL round trip of object %u: %u of %u values back\n", (unsigned)points[0].object, c.seen,
               (unsigned)count);
        return 1;
    }
    return 0;
}

/* A downlink on the lamp's fPort: a Write sets the dimming level, an Execute of "Lamp operating hours reset"
   (type none) zeroes the hours. */
static int32_t on_downlink(void *user, const ucifi_record *r) {
    lamp_state *lamp = user;
    if (r->path.ids[0] != UCIFI_OBJ_OUTDOOR_LAMP_CONTROLLER) return 1;
    switch (r->path.ids[2]) {
    case UCIFI_RES_OUTDOOR_LAMP_CONTROLLER_DIMMING_LEVEL:
        if (r->data_type != UCIFI_TYPE_INTEGER || r->value.integer < 0 || r->value.integer > 100) return 1;
        lamp->dimming_level = r->value.integer;
        lamp->writes++;
        return 0;
    case UCIFI_RES_OUTDOOR_LAMP_CONTROLLER_LAMP_OPERATING_HOURS_RESET:
        if (r->data_type != UCIFI_TYPE_NONE) return 1;
        lamp->operating_hours = 0;
        lamp->executes++;
        return 0;
    default: return 1;
    }
}

/* ---- stack measurement ---- */

/* The lowest address the stack may reach: the top of newlib's heap (printf's buffers), which starts at the end of
   .bss (link.ld) and does not grow while the library runs (the library allocates nothing). */
extern void *_sbrk(ptrdiff_t increment);
static uint32_t *stack_floor;
#define PAINT 0xC5C5C5C5u

static inline __attribute__((always_inline)) uintptr_t sp_now(void) {
    uintptr_t sp;
    __asm volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paints the free RAM below the current stack pointer (inline, in the caller's frame: no call, so nothing below
   the stack pointer is in use; volatile, so the compiler makes no memset call of it). */
#define PAINT_BELOW(top)                                                                                              \
    do {                                                                                                              \
        for (volatile uint32_t *p_ = stack_floor; (uintptr_t)p_ < (top); p_++) *p_ = PAINT;                               \
    } while (0)

/* Bytes below `top` the last call wrote to: the first word from the bottom that lost the pattern. */
static size_t stack_used(uintptr_t top) {
    const volatile uint32_t *p = stack_floor;
    while ((uintptr_t)p < top && *p == PAINT) p++;
    return (size_t)(top - (uintptr_t)p);
}

static int32_t on_count(void *user, const ucifi_record *r) {
    *(unsigned *)user += r->path.len;
    return 0;
}

/* Runs `call` (its result into `rc`) on a painted stack and raises `worst` to the bytes it used. */
#define MEASURED(worst, call)                                                                                         \
    do {                                                                                                              \
        uintptr_t top_ = sp_now();                                                                                    \
        PAINT_BELOW(top_);                                                                                            \
        rc = (call);                                                                                                  \
        size_t used_ = stack_used(top_);                                                                              \
        if (used_ > (worst)) (worst) = used_;                                                                         \
    } while (0)

/* Frames that take each format's decode down its deepest paths (the writer's frames above take none of them),
   decoded with their expected result:
   - TLV: resource 4 twice in instance 0 of /3424 (the duplicate found by a scan of the siblings): DUPLICATE_ID.
   - SenML-CBOR: a record with an ignored label (23) whose value is 16 nested arrays, the most the reader steps
     over (it steps over an ignored value recursively, one frame per level). And three records of /3424/0/1 whose values and times are tag-4 decimal fractions (times 1.5, 2.5,
     1.5); the third repeats the first, so the duplicate screen flags it and the reader looks back over the earlier
     records, reading their fields and scaling their numbers again: DUPLICATE_ID at its first byte.
   - LwM2M-CBOR: {3424: {0: {3: (_ 18 chunks of "abcdefghij")}}} (208 bytes; the 180-byte string is joined in a
     stack buffer), and {[3424, 0]: {ten resources}, [3424, 0, 1]: 2.5} with the numbers as tag-4 decimal fractions
     (more records than the duplicate block holds, then a duplicate through another key form: the re-walk):
     DUPLICATE_ID. */
typedef struct {
    const char *what;
    ucifi_format format;
    const char *path;
    const uint8_t *bytes;
    size_t len;
    ucifi_result expect;
} deep_frame;
static const uint8_t DEEP_TLV[] = {0x08, 0x00, 0x06, 0xc1, 0x04, 0x05, 0xc1, 0x04, 0x06};
static const uint8_t DEEP_NESTED[] = {
    0x81, 0xa3, 0x00, 0x69, 0x2f, 0x33, 0x34, 0x32, 0x34, 0x2f, 0x30, 0x2f, 0x31, 0x02, 0xfb, 0x3f,
    0xf8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x17, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81,
    0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x7f, 0x61, 0x61, 0xff,
};
static const uint8_t DEEP_SENML[] = {
    0x83, 0xa4, 0x21, 0x68, 0x2f, 0x33, 0x34, 0x32, 0x34, 0x2f, 0x30, 0x2f, 0x00, 0x61, 0x31, 0x02,
    0xc4, 0x82, 0x20, 0x0f, 0x06, 0xc4, 0x82, 0x20, 0x0f, 0xa3, 0x00, 0x61, 0x31, 0x02, 0xc4, 0x82,
    0x20, 0x0f, 0x06, 0xc4, 0x82, 0x20, 0x18, 0x19, 0xa3, 0x00, 0x61, 0x31, 0x02, 0xc4, 0x82, 0x20,
    0x0f, 0x06, 0xc4, 0x82, 0x20, 0x0f,
};
static const uint8_t DEEP_CHUNKED[] = {
    0xa1, 0x19, 0x0d, 0x60, 0xa1, 0x00, 0xa1, 0x03, 0x7f, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
    0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a,
    0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65,
    0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a,
    0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64,
    0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63,
    0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
    0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62,
    0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
    0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61,
    0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
    0x67, 0x68, 0x69, 0x6a, 0x6a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0xff,
};
static const uint8_t DEEP_REWALK[] = {
    0xa2, 0x82, 0x19, 0x0d, 0x60, 0x00, 0xaa, 0x01, 0xc4, 0x82, 0x20, 0x0f, 0x03, 0x61, 0x78, 0x04,
    0x01, 0x06, 0x02, 0x07, 0xc4, 0x82, 0x21, 0x18, 0x64, 0x08, 0xc4, 0x82, 0x20, 0x14, 0x09, 0xf5,
    0x0a, 0xf4, 0x0b, 0xf5, 0x0c, 0xf4, 0x83, 0x19, 0x0d, 0x60, 0x00, 0x01, 0xc4, 0x82, 0x20, 0x18,
    0x19,
};
static const deep_frame DEEP[] = {
    {"duplicate id among siblings", UCIFI_FORMAT_TLV, "/3424", DEEP_TLV, sizeof DEEP_TLV, UCIFI_RESULT_DUPLICATE_ID},
    {"ignored label nested 16 deep", UCIFI_FORMAT_SENML_CBOR, NULL, DEEP_NESTED, sizeof DEEP_NESTED, UCIFI_RESULT_OK},
    {"look-back over tag-4 times", UCIFI_FORMAT_SENML_CBOR, NULL, DEEP_SENML, sizeof DEEP_SENML, UCIFI_RESULT_DUPLICATE_ID},
    {"chunked string", UCIFI_FORMAT_LWM2M_CBOR, NULL, DEEP_CHUNKED, sizeof DEEP_CHUNKED, UCIFI_RESULT_OK},
    {"duplicate re-walk", UCIFI_FORMAT_LWM2M_CBOR, NULL, DEEP_REWALK, sizeof DEEP_REWALK, UCIFI_RESULT_DUPLICATE_ID},
};

/* For each format of the build: water-meter readings of as many instances as fit in 242 bytes (the writer: init,
   one add per record, finish_fit), then a decode of that frame; prints the most stack each call took. */
static int measure_stack(void) {
    static const ucifi_format FORMATS[] = {UCIFI_FORMAT_TLV, UCIFI_FORMAT_SENML_CBOR, UCIFI_FORMAT_LWM2M_CBOR};
    uint8_t frame[FRAME_MAX];
    ucifi_writer w;
    ucifi_writer_slot slots[SLOTS];
    size_t worst_decode = 0;
    stack_floor = (uint32_t *)(((uintptr_t)_sbrk(0) + 15) & ~(uintptr_t)15);
    for (size_t k = 0; k < COUNT(FORMATS); k++) {
        ucifi_format f = FORMATS[k];
        const char *name = ucifi_format_name(f);
        const char *base = f == UCIFI_FORMAT_TLV ? "/3424" : NULL;
        size_t init = 0, add = 0, fit = 0, decode = 0, len = 0, taken = 0;
        ucifi_result rc;
        MEASURED(init, ucifi_writer_init(&w, f, base, slots, SLOTS));
        if (rc == UCIFI_RESULT_UNKNOWN_FORMAT) {
            printf("stack: %s not in this build\n", name);
            continue;
        }
        if (rc != UCIFI_RESULT_OK) return fail("writer_init (stack)", rc);
        for (uint16_t i = 0; i < SLOTS / 2; i++) {
            MEASURED(add, add_point(&w, &WATER_METER[0], i));
            if (rc != UCIFI_RESULT_OK) return fail("writer_add (stack)", rc);
            MEASURED(add, add_point(&w, &WATER_METER[3], i));
            if (rc != UCIFI_RESULT_OK) return fail("writer_add (stack)", rc);
        }
        MEASURED(fit, ucifi_writer_finish_fit(&w, frame, sizeof frame, &len, &taken));
        if (rc != UCIFI_RESULT_OK) return fail("finish_fit (stack)", rc);
        unsigned seen = 0;
        MEASURED(decode, ucifi_decode(f, frame, len, base, on_count, &seen, NULL, NULL));
        if (rc != UCIFI_RESULT_OK) return fail("decode (stack)", rc);
        printf("stack: %s: decode of %u records in %u bytes %u B; writer_init %u B, add %u B, finish_fit %u B\n",
               name, (unsigned)taken, (unsigned)len, (unsigned)decode, (unsigned)init, (unsigned)add, (unsigned)fit);
        if (decode > worst_decode) worst_decode = decode;
        size_t deep = 0;
        unsigned frames = 0;
        for (size_t d = 0; d < COUNT(DEEP); d++) {
            if (DEEP[d].format != f) continue;
            size_t one = 0;
            MEASURED(one, ucifi_decode(f, DEEP[d].bytes, DEEP[d].len, DEEP[d].path, on_count, &seen, NULL, NULL));
            if (rc != DEEP[d].expect) return fail("decode of a deep-path frame (stack)", rc);
            printf("stack: %s: %s, %u bytes: %u B\n", name, DEEP[d].what, (unsigned)DEEP[d].len, (unsigned)one);
            if (one > deep) deep = one;
            frames++;
        }
        if (frames) {
            printf("stack: %s: decode of the deep-path frames %u B\n", name, (unsigned)deep);
            if (deep > worst_decode) worst_decode = deep;
        }
    }
    printf("stack: worst decode %u B\n", (unsigned)worst_decode);
    return 0;
}

int main(void) {
    printf("ucifi %s on %s\n", ucifi_version(),
#if defined(__ARM_ARCH_7EM__)
           "Cortex-M4F"
#elif defined(__ARM_ARCH_6M__)
           "Cortex-M0"
#else
           "Cortex-M"
#endif
    );

    /* Uplink budgets: US915 DR0 (SF10, 125 kHz) and EU868 DR0 (SF12). */
    size_t budgets[2] = {0, 0};
    ucifi_result rc = ucifi_lorawan_max_payload("US915", 5, 0, true, false, false, &budgets[0]);
    if (rc != UCIFI_RESULT_OK) return fail("max_payload US915", rc);
    rc = ucifi_lorawan_max_payload("EU868", 5, 0, true, false, false, &budgets[1]);
    if (rc != UCIFI_RESULT_OK) return fail("max_payload EU868", rc);

    unsigned frames[2] = {0, 0};
    for (int b = 0; b < 2; b++) {
        printf("uplinks, %u-byte budget:\n", (unsigned)budgets[b]);
        if (send_reading(WATER_METER, COUNT(WATER_METER), budgets[b], &frames[b])) return 2;
        if (send_reading(LAMP, COUNT(LAMP), budgets[b], &frames[b])) return 3;
    }
    printf("round trip OK: %u frames at %u bytes, %u at %u bytes\n", frames[0], (unsigned)budgets[0], frames[1],
           (unsigned)budgets[1]);

    /* Downlinks. A Write on fPort 16 (the lamp's, TLV at /3416): /3416/0/3 = 75 (instance 0 wrapper with 3 bytes,
       resource 3 with a 1-byte integer). An Execute on fPort 100 (LwM2M-CBOR; TLV has no form for a resource
       without a value): {3416: {0: {16: null}}}, "Lamp operating hours reset". */
    static const uint8_t WRITE_DIMMING[] = {0x08, 0x00, 0x03, 0xc1, 0x03, 0x4b};
    static const uint8_t EXECUTE_RESET[] = {0xa1, 0x19, 0x0d, 0x58, 0xa1, 0x00, 0xa1, 0x10, 0xf6};
    lamp_state lamp = {LAMP[0].i, LAMP[2].f, 0, 0};
    rc = ucifi_uplink_decode(16, WRITE_DIMMING, sizeof WRITE_DIMMING, on_downlink, &lamp, NULL, NULL);
    if (rc != UCIFI_RESULT_OK) return fail("downlink write", rc);
    rc = ucifi_uplink_decode(100, EXECUTE_RESET, sizeof EXECUTE_RESET, on_downlink, &lamp, NULL, NULL);
    if (rc != UCIFI_RESULT_OK) return fail("downlink execute", rc);
    bool applied = lamp.writes == 1 && lamp.executes == 1 && lamp.dimming_level == 75 && lamp.operating_hours == 0;
    printf("downlink: dimming level %d, operating hours reset: %s\n", (int)lamp.dimming_level,
           applied ? "yes" : "no");
    if (!applied) {
        printf("FAIL downlinks not applied\n");
        return 4;
    }
    if (measure_stack()) return 5;
    return 0;
}
