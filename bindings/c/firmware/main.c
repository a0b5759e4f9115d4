/* Firmware example (runs under QEMU with semihosting): encode a water-meter reading (object 3424) into one
   SF12-class LoRaWAN frame (EU868 DR0: 51 bytes) with the writer, by the project's fPort convention (fPort 24 =
   3424 - 3400: TLV with an Object Instance wrapper), decode it back by its fPort with the callback API, print the
   values and return 0 only if every value came back. No heap: the writer and its slots live on the stack. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ucifi.h"

#define FRAME_MAX 51 /* bytes: the frame buffer; the budget comes from ucifi_lorawan_max_payload */

static const double VOLUME_M3 = 1234.5;
static const int64_t PULSES = 123456;
static const bool BACK_FLOW = true;
static const int64_t TIMESTAMP = 1700000000; /* 2023-11-14T22:13:20Z */

typedef struct {
    int seen;
    double volume;
    int64_t pulses;
    bool back_flow;
    int64_t timestamp;
    bool names_ok;
} reading;

/* Formats an int64 without the printf long-long support newlib-nano lacks. */
static const char *i64_text(int64_t v, char *buf, size_t cap) {
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0 && n < sizeof tmp);
    size_t k = 0;
    if (v < 0 && k + 1 < cap) buf[k++] = '-';
    while (n > 0 && k + 1 < cap) buf[k++] = tmp[--n];
    buf[k] = '\0';
    return buf;
}

static int32_t on_record(void *user, const ucifi_record *r) {
    reading *out = user;
    char num[24];
    out->seen++;
    printf("  %u/%u/%u %.*s", (unsigned)r->path.ids[0], (unsigned)r->path.ids[1], (unsigned)r->path.ids[2],
           (int)r->name.len, r->name.data);
    switch (r->path.ids[2]) {
    case UCIFI_RES_WATER_METER_CUMULATED_WATER_VOLUME:
        out->volume = r->value.floating;
        /* no float printf in newlib-nano: print thousandths as an integer */
        printf(" = %s.%03d %.*s\n", i64_text((int64_t)r->value.floating, num, sizeof num),
               (int)((int64_t)(r->value.floating * 1000.0) % 1000), (int)r->unit.len, r->unit.data);
        out->names_ok = out->names_ok && r->name.len == strlen("Cumulated water volume") &&
                        memcmp(r->unit.data, "m3", 2) == 0 && r->unit.len == 2;
        break;
    case UCIFI_RES_WATER_METER_CUMULATED_PULSE_VALUE:
        out->pulses = r->value.integer;
        printf(" = %s\n", i64_text(r->value.integer, num, sizeof num));
        break;
    case UCIFI_RES_WATER_METER_BACK_FLOW_DETECTED:
        out->back_flow = r->value.boolean;
        printf(" = %s\n", r->value.boolean ? "true" : "false");
        break;
    case UCIFI_RES_WATER_METER_TIMESTAMP:
        out->timestamp = r->value.time;
        printf(" = %s\n", i64_text(r->value.time, num, sizeof num));
        break;
    default:
        printf(" (unexpected)\n");
        return 1; /* stop: ucifi_decode returns UCIFI_RESULT_CALLBACK_STOPPED */
    }
    return 0;
}

static int fail(const char *what, ucifi_result rc, int code) {
    printf("FAIL %s: %s (%d): %s\n", what, ucifi_result_name(rc), (int)rc, ucifi_result_message(rc));
    return code;
}

int main(void) {
    ucifi_writer w;
    ucifi_writer_slot slots[4];
    uint8_t frame[FRAME_MAX];
    size_t budget = 0, len = 0, taken = 0, count = 0;
    uint8_t fport = 0;
    ucifi_result rc;

    printf("ucifi %s on %s\n", ucifi_version(),
#if defined(__ARM_ARCH_7EM__)
           "Cortex-M4F"
#elif defined(__ARM_ARCH_6M__)
           "Cortex-M0"
#else
           "Cortex-M"
#endif
    );

    rc = ucifi_lorawan_max_payload("EU868", 5, 0, true, false, false, &budget);
    if (rc != UCIFI_RESULT_OK) return fail("max_payload", rc, 2);
    if (budget > sizeof frame) budget = sizeof frame;
    rc = ucifi_uplink_port(UCIFI_FORMAT_TLV, "/3424", &fport);
    if (rc != UCIFI_RESULT_OK) return fail("uplink_port", rc, 3);

    rc = ucifi_writer_init_uplink(&w, fport, slots, 4);
    if (rc != UCIFI_RESULT_OK) return fail("writer_init_uplink", rc, 4);
    rc = ucifi_writer_add_float(&w, UCIFI_OBJ_WATER_METER, 0, UCIFI_RES_WATER_METER_CUMULATED_WATER_VOLUME,
                                VOLUME_M3);
    if (rc != UCIFI_RESULT_OK) return fail("add volume", rc, 5);
    rc = ucifi_writer_add_int(&w, UCIFI_OBJ_WATER_METER, 0, UCIFI_RES_WATER_METER_CUMULATED_PULSE_VALUE, PULSES);
    if (rc != UCIFI_RESULT_OK) return fail("add pulses", rc, 6);
    rc = ucifi_writer_add_bool(&w, UCIFI_OBJ_WATER_METER, 0, UCIFI_RES_WATER_METER_BACK_FLOW_DETECTED, BACK_FLOW);
    if (rc != UCIFI_RESULT_OK) return fail("add back flow", rc, 7);
    rc = ucifi_writer_add_time(&w, UCIFI_OBJ_WATER_METER, 0, UCIFI_RES_WATER_METER_TIMESTAMP, TIMESTAMP);
    if (rc != UCIFI_RESULT_OK) return fail("add timestamp", rc, 8);

    rc = ucifi_writer_finish_fit(&w, frame, budget, &len, &taken);
    if (rc != UCIFI_RESULT_OK) return fail("finish_fit", rc, 9);
    if (taken != 4) {
        printf("FAIL only %u of 4 records fit in %u bytes\n", (unsigned)taken, (unsigned)budget);
        return 10;
    }
    printf("fPort %u: %u records in %u of %u bytes:", (unsigned)fport, (unsigned)taken, (unsigned)len,
           (unsigned)budget);
    for (size_t i = 0; i < len; i++) printf(" %02x", frame[i]);
    printf("\n");

    reading got;
    memset(&got, 0, sizeof got);
    got.names_ok = true;
    printf("decoded:\n");
    rc = ucifi_uplink_decode(fport, frame, len, on_record, &got, &count, NULL);
    if (rc != UCIFI_RESULT_OK) return fail("uplink_decode", rc, 11);

    bool ok = count == 4 && got.seen == 4 && got.volume == VOLUME_M3 && got.pulses == PULSES &&
              got.back_flow == BACK_FLOW && got.timestamp == TIMESTAMP && got.names_ok;
    printf("%s\n", ok ? "round trip OK" : "FAIL round trip: values differ");
    return ok ? 0 : 12;
}
