/* A C program that finds the library through its build-system files (pkg-config, CMake find_package): encodes a
   water-meter reading as TLV, decodes it back and exits 0 only if the value came back. */
#include <stdio.h>

#include "ucifi.h"

static int32_t on_record(void *user, const ucifi_record *r) {
    *(double *)user = r->value.floating;
    return 0;
}

int main(void) {
    ucifi_writer w;
    ucifi_writer_slot slots[1];
    uint8_t frame[16];
    size_t len = 0;
    double back = 0;
    if (ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/0", slots, 1) != UCIFI_RESULT_OK ||
        ucifi_writer_add_float(&w, UCIFI_OBJ_WATER_METER, 0, UCIFI_RES_WATER_METER_CUMULATED_WATER_VOLUME, 12.5) !=
            UCIFI_RESULT_OK ||
        ucifi_writer_finish(&w, frame, sizeof frame, &len) != UCIFI_RESULT_OK ||
        ucifi_decode(UCIFI_FORMAT_TLV, frame, len, "/3424/0", on_record, &back, NULL, NULL) != UCIFI_RESULT_OK) {
        printf("consumer: FAIL\n");
        return 1;
    }
    printf("consumer: ucifi %s, %u bytes, volume %s\n", ucifi_version(), (unsigned)len, back == 12.5 ? "OK" : "wrong");
    return back == 12.5 ? 0 : 1;
}
