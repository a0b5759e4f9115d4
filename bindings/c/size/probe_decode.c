/* Size probe "decode": links only ucifi_decode (with a record callback). Not run; linked to measure. */
#include "ucifi.h"

volatile const uint8_t *probe_frame;
volatile size_t probe_len;
volatile uint32_t probe_sink;

static int32_t on_record(void *user, const ucifi_record *r) {
    (void)user;
    probe_sink += (uint32_t)r->value.uinteger + (uint32_t)r->name.len;
    return 0;
}

void probe_entry(void) {
    size_t count = 0, offset = 0;
    ucifi_result rc = ucifi_decode(UCIFI_FORMAT_TLV, (const uint8_t *)probe_frame, probe_len, "/3424/0", on_record,
                                   0, &count, &offset);
    probe_sink += (uint32_t)rc + (uint32_t)count + (uint32_t)offset;
}
