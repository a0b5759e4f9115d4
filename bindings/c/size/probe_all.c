/* Size probe "all": keeps every exported function of the C API. Not run. */
#include "ucifi.h"

typedef void (*any_fn)(void);
#define KEEP(f) ((any_fn)(void (*)(void))(f))

/* Every function of ucifi.h (size.sh fails if one is missing here). */
__attribute__((used)) const any_fn probe_api[] = {
    KEEP(ucifi_decode), KEEP(ucifi_format_from_name), KEEP(ucifi_format_name), KEEP(ucifi_format_enabled),
    KEEP(ucifi_object_name), KEEP(ucifi_object_info), KEEP(ucifi_object_at), KEEP(ucifi_resource_info),
    KEEP(ucifi_resource_at), KEEP(ucifi_type_name), KEEP(ucifi_result_message), KEEP(ucifi_result_name),
    KEEP(ucifi_version),
    KEEP(ucifi_writer_init), KEEP(ucifi_writer_add_float), KEEP(ucifi_writer_add_int), KEEP(ucifi_writer_add_uint),
    KEEP(ucifi_writer_add_bool), KEEP(ucifi_writer_add_time), KEEP(ucifi_writer_add_objlnk),
    KEEP(ucifi_writer_add_string), KEEP(ucifi_writer_add_opaque), KEEP(ucifi_writer_add_record),
    KEEP(ucifi_writer_count), KEEP(ucifi_writer_encoded_len), KEEP(ucifi_writer_finish),
    KEEP(ucifi_writer_finish_fit), KEEP(ucifi_writer_discard), KEEP(ucifi_uplink_decode), KEEP(ucifi_uplink_entry),
    KEEP(ucifi_uplink_port), KEEP(ucifi_writer_init_uplink), KEEP(ucifi_lorawan_max_payload),
};

volatile const void *probe_sink;

void probe_entry(void) { probe_sink = (const void *)probe_api; }
