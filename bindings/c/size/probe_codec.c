/* Size probe "codec": decode and encode without the LoRaWAN helpers (ucifi_decode with a record callback; the
   writer's init, every add, encoded_len and finish; no finish_fit, discard, fPort or region calls): what the
   DESIGN.md size goal counts. Not run; linked to measure. */
#include "ucifi.h"

volatile const uint8_t *probe_frame;
volatile size_t probe_len;
volatile uint8_t probe_out[51];
volatile int64_t probe_value;
volatile double probe_float;
volatile size_t probe_sink;

static int32_t on_record(void *user, const ucifi_record *r) {
    (void)user;
    probe_sink += (size_t)r->value.uinteger + r->name.len;
    return 0;
}

void probe_entry(void) {
    ucifi_writer w;
    ucifi_writer_slot slots[8];
    /* static: zero-initialised without a memset call (the library calls none; -nostdlib would take the probe's from
       compiler_builtins and count it as the library's) */
    static ucifi_record rec;
    size_t len = 0, count = 0, offset = 0;
    int64_t v = probe_value;
    ucifi_result rc = ucifi_decode(UCIFI_FORMAT_TLV, (const uint8_t *)probe_frame, probe_len, "/3424/0", on_record, 0,
                                   &count, &offset);
    rc |= ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/0", slots, 8);
    rc |= ucifi_writer_add_float(&w, 3424, 0, 1, probe_float);
    rc |= ucifi_writer_add_int(&w, 3424, 0, 4, v);
    rc |= ucifi_writer_add_uint(&w, 3424, 0, 4, (uint64_t)v);
    rc |= ucifi_writer_add_bool(&w, 3424, 0, 11, v != 0);
    rc |= ucifi_writer_add_time(&w, 3424, 0, 5518, v);
    rc |= ucifi_writer_add_string(&w, 3424, 0, 3, "x", 1);
    rc |= ucifi_writer_add_opaque(&w, 3424, 0, 3, (const uint8_t *)"x", 1);
    rc |= ucifi_writer_add_objlnk(&w, 3424, 0, 3, 1, 2);
    rc |= ucifi_writer_add_record(&w, &rec);
    rc |= ucifi_writer_count(&w, &count);
    rc |= ucifi_writer_encoded_len(&w, &len);
    rc |= ucifi_writer_finish(&w, (uint8_t *)probe_out, sizeof probe_out, &len);
    probe_sink += (size_t)rc + len + count + offset;
}
