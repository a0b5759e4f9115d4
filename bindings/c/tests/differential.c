/* Differential run of two builds of the C library, loaded side by side (dlopen, RTLD_LOCAL): argv[1] the default
   host build (the core's TLV and SenML-CBOR speed paths, `tlv-fast`, `senml-fast`), argv[2] a size-first build (the
   firmware's code paths: the C layer's own TLV in src/tlv_lean, the core's size-first SenML-CBOR resolution). Both
   must give the same result code, error offset, record count and records (path, type, flags, time, value, name,
   unit), and the same written bytes, for:
   - decodes: every input of the fuzz-corpus sample (corpus_sample_gen.h) as it is and mutated by a fixed
     pseudo-random stream (bytes changed, inserted, removed, spans repeated, cuts), at its format and request path
     or by its fPort; and random TLV element trees (valid and broken) at several request paths;
   - writers: random sequences of writer calls (init in TLV, SenML-CBOR or LwM2M-CBOR at several paths and slot
     counts, every typed add with ids from the registry and outside it, finish, encoded_len, finish_fit with random
     room, discard), each call's result compared.
   Usage: differential LIB_A LIB_B [ROUNDS]. Prints the counts; exit 1 on the first difference (printed). */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucifi.h"

#include "test.h"
#include "corpus_sample_gen.h"

/* The calls compared, from one library. */
typedef struct {
    ucifi_result (*decode)(ucifi_format, const uint8_t *, size_t, const char *, ucifi_record_cb, void *, size_t *,
                           size_t *);
    ucifi_result (*uplink_decode)(uint8_t, const uint8_t *, size_t, ucifi_record_cb, void *, size_t *, size_t *);
    ucifi_result (*format_from_name)(const char *, size_t, ucifi_format *);
    ucifi_result (*init)(ucifi_writer *, ucifi_format, const char *, ucifi_writer_slot *, size_t);
    ucifi_result (*count)(const ucifi_writer *, size_t *);
    ucifi_result (*encoded_len)(const ucifi_writer *, size_t *);
    ucifi_result (*finish)(const ucifi_writer *, uint8_t *, size_t, size_t *);
    ucifi_result (*finish_fit)(ucifi_writer *, uint8_t *, size_t, size_t *, size_t *);
    ucifi_result (*discard)(ucifi_writer *, size_t);
    ucifi_result (*add_float)(ucifi_writer *, uint16_t, uint16_t, uint16_t, double);
    ucifi_result (*add_int)(ucifi_writer *, uint16_t, uint16_t, uint16_t, int64_t);
    ucifi_result (*add_uint)(ucifi_writer *, uint16_t, uint16_t, uint16_t, uint64_t);
    ucifi_result (*add_bool)(ucifi_writer *, uint16_t, uint16_t, uint16_t, bool);
    ucifi_result (*add_time)(ucifi_writer *, uint16_t, uint16_t, uint16_t, int64_t);
    ucifi_result (*add_objlnk)(ucifi_writer *, uint16_t, uint16_t, uint16_t, uint16_t, uint16_t);
    ucifi_result (*add_string)(ucifi_writer *, uint16_t, uint16_t, uint16_t, const char *, size_t);
    ucifi_result (*add_opaque)(ucifi_writer *, uint16_t, uint16_t, uint16_t, const uint8_t *, size_t);
    const char *(*result_name)(int32_t);
} lib;

/* dlsym into a function pointer (ISO C has no cast between the two; POSIX guarantees the representation). */
#define SYM(l, handle, field, name)                                                   \
    do {                                                                              \
        void *p_ = dlsym(handle, name);                                               \
        if (p_ == NULL) {                                                             \
            fprintf(stderr, "differential: %s: %s missing\n", path, name);           \
            return 0;                                                                 \
        }                                                                             \
        memcpy(&(l)->field, &p_, sizeof p_);                                          \
    } while (0)

static int load(lib *l, const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        fprintf(stderr, "differential: %s\n", dlerror());
        return 0;
    }
    SYM(l, h, decode, "ucifi_decode");
    SYM(l, h, uplink_decode, "ucifi_uplink_decode");
    SYM(l, h, format_from_name, "ucifi_format_from_name");
    SYM(l, h, init, "ucifi_writer_init");
    SYM(l, h, count, "ucifi_writer_count");
    SYM(l, h, encoded_len, "ucifi_writer_encoded_len");
    SYM(l, h, finish, "ucifi_writer_finish");
    SYM(l, h, finish_fit, "ucifi_writer_finish_fit");
    SYM(l, h, discard, "ucifi_writer_discard");
    SYM(l, h, add_float, "ucifi_writer_add_float");
    SYM(l, h, add_int, "ucifi_writer_add_int");
    SYM(l, h, add_uint, "ucifi_writer_add_uint");
    SYM(l, h, add_bool, "ucifi_writer_add_bool");
    SYM(l, h, add_time, "ucifi_writer_add_time");
    SYM(l, h, add_objlnk, "ucifi_writer_add_objlnk");
    SYM(l, h, add_string, "ucifi_writer_add_string");
    SYM(l, h, add_opaque, "ucifi_writer_add_opaque");
    SYM(l, h, result_name, "ucifi_result_name");
    return 1;
}

/* xorshift64*: the same stream on every run. */
static uint64_t state = 0x0dd5eed5u;
static uint64_t next(void) {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dULL;
}
static size_t below(size_t n) { return n == 0 ? 0 : (size_t)(next() % n); }

/* A decode's outcome as text: the result, offset, count and every record. */
typedef struct {
    char text[16384];
    size_t len;
} outcome;

static void put(outcome *o, const char *fmt, ...) {
    if (o->len >= sizeof o->text) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->text + o->len, sizeof o->text - o->len, fmt, ap);
    va_end(ap);
    if (n > 0) o->len += (size_t)n;
    if (o->len > sizeof o->text) o->len = sizeof o->text;
}

static void put_bytes(outcome *o, const uint8_t *b, size_t n) {
    for (size_t i = 0; i < n; i++) put(o, "%02x", b[i]);
}

static int32_t record_cb(void *user, const ucifi_record *r) {
    outcome *o = user;
    put(o, "[");
    for (uint8_t i = 0; i < r->path.len && i < 4; i++) put(o, "/%u", r->path.ids[i]);
    put(o, " t%u u%d h%d", r->data_type, r->unknown, r->has_time);
    if (r->has_time) {
        uint64_t bits;
        memcpy(&bits, &r->time, sizeof bits);
        put(o, " time%016llx", (unsigned long long)bits);
    }
    switch (r->data_type) {
    case UCIFI_TYPE_INTEGER:
    case UCIFI_TYPE_TIME:
        put(o, " %lld", (long long)r->value.integer);
        break;
    case UCIFI_TYPE_UNSIGNED:
        put(o, " %llu", (unsigned long long)r->value.uinteger);
        break;
    case UCIFI_TYPE_FLOAT: {
        uint64_t bits;
        memcpy(&bits, &r->value.floating, sizeof bits);
        put(o, " f%016llx", (unsigned long long)bits);
        break;
    }
    case UCIFI_TYPE_BOOLEAN:
        put(o, " %d", r->value.boolean);
        break;
    case UCIFI_TYPE_OBJLNK:
        put(o, " %u:%u", r->value.objlnk.object, r->value.objlnk.instance);
        break;
    case UCIFI_TYPE_STRING:
    case UCIFI_TYPE_CORELNK:
        put(o, " s");
        put_bytes(o, (const uint8_t *)r->value.string.data, r->value.string.len);
        break;
    case UCIFI_TYPE_OPAQUE:
        put(o, " b");
        put_bytes(o, r->value.bytes.data, r->value.bytes.len);
        break;
    default:
        break;
    }
    put(o, " %.*s|%.*s]", (int)r->name.len, r->name.data, (int)r->unit.len, r->unit.data);
    return 0;
}

static lib a, b;
/* Calls compared; of them decodes that succeeded, records handed out, writer calls that succeeded, frames written. */
static unsigned long long compared, decoded_ok, records_seen, writer_ok, frames_written;

/* Decodes `frame` in both libraries (by format and path, or by fPort when `fport` >= 0); exits on a difference. */
static void decode_both(const char *what, ucifi_format format, const char *path, int fport, const uint8_t *frame,
                        size_t len) {
    static outcome oa, ob;
    const lib *libs[2] = {&a, &b};
    outcome *outs[2] = {&oa, &ob};
    for (int k = 0; k < 2; k++) {
        outcome *o = outs[k];
        o->len = 0;
        size_t count = (size_t)-1, offset = (size_t)-1;
        ucifi_result rc = fport >= 0
                              ? libs[k]->uplink_decode((uint8_t)fport, frame, len, record_cb, o, &count, &offset)
                              : libs[k]->decode(format, frame, len, path, record_cb, o, &count, &offset);
        put(o, " => %s count %lld offset %lld", libs[k]->result_name(rc),
            count == (size_t)-1 ? -1LL : (long long)count, offset == (size_t)-1 ? -1LL : (long long)offset);
    }
    compared++;
    if (strstr(oa.text, " => UCIFI_RESULT_OK ") != NULL || strstr(oa.text, " => OK ") != NULL) {
        decoded_ok++;
        for (const char *p = oa.text; (p = strchr(p, '[')) != NULL; p++) records_seen++;
    }
    if (oa.len != ob.len || memcmp(oa.text, ob.text, oa.len) != 0) {
        fprintf(stderr, "differential: %s differs (format %d, path %s, fPort %d), frame ", what, (int)format,
                path ? path : "(none)", fport);
        for (size_t i = 0; i < len; i++) fprintf(stderr, "%02x", frame[i]);
        fprintf(stderr, "\n  A: %.*s\n  B: %.*s\n", (int)oa.len, oa.text, (int)ob.len, ob.text);
        exit(1);
    }
}

/* A copy of `src` changed by one to four random edits (`cap` bytes of room). */
static size_t mutate(const uint8_t *src, size_t len, uint8_t *dst, size_t cap) {
    if (len > cap) len = cap;
    memcpy(dst, src, len);
    size_t edits = 1 + below(4);
    for (size_t e = 0; e < edits; e++) {
        size_t at = below(len + 1);
        switch (below(6)) {
        case 0: /* a byte changed */
            if (len > 0) dst[below(len)] = (uint8_t)next();
            break;
        case 1: /* a bit flipped */
            if (len > 0) dst[below(len)] ^= (uint8_t)(1u << below(8));
            break;
        case 2: /* a byte inserted */
            if (len < cap) {
                memmove(dst + at + 1, dst + at, len - at);
                dst[at] = (uint8_t)next();
                len++;
            }
            break;
        case 3: /* a byte removed */
            if (at < len) {
                memmove(dst + at, dst + at + 1, len - at - 1);
                len--;
            }
            break;
        case 4: { /* a span repeated */
            size_t n = below(len - at + 1);
            if (n > 0 && len + n <= cap) {
                memmove(dst + at + n, dst + at, len - at);
                len += n;
            }
            break;
        }
        default: /* cut */
            len = at;
            break;
        }
    }
    return len;
}

/* Ids the TLV trees and the writers use: mostly the water meter's (3424) and the Device's (3), some unknown. */
static uint16_t object_id(void) {
    static const uint16_t ids[] = {3424, 3424, 3424, 3, 3416, 3410, 1, 65535, 9999};
    return ids[below(sizeof ids / sizeof ids[0])];
}
static uint16_t small_id(void) {
    static const uint16_t ids[] = {0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 255, 256, 5518, 6049,
                                   65535};
    return ids[below(sizeof ids / sizeof ids[0])];
}

/* Writes one TLV element header (type bits `kind`, id, value length) and returns its length. */
static size_t tlv_header(uint8_t *out, unsigned kind, uint16_t id, size_t len) {
    size_t n = 0;
    uint8_t t = (uint8_t)(kind << 6);
    if (id > 255) t |= 0x20;
    if (len < 8 && below(4) != 0) t |= (uint8_t)len;
    else if (len < 256) t |= 0x08;
    else if (len < 65536) t |= 0x10;
    else t |= 0x18;
    out[n++] = t;
    if (id > 255) out[n++] = (uint8_t)(id >> 8);
    out[n++] = (uint8_t)id;
    if ((t & 0x18) == 0x08) out[n++] = (uint8_t)len;
    if ((t & 0x18) == 0x10) {
        out[n++] = (uint8_t)(len >> 8);
        out[n++] = (uint8_t)len;
    }
    if ((t & 0x18) == 0x18) {
        out[n++] = (uint8_t)(len >> 16);
        out[n++] = (uint8_t)(len >> 8);
        out[n++] = (uint8_t)len;
    }
    return n;
}

/* A random TLV element list of up to `depth` levels into `out` (room `cap`); returns its length. */
static size_t tlv_tree(uint8_t *out, size_t cap, int depth) {
    size_t n = 0, items = 1 + below(4);
    for (size_t i = 0; i < items && n + 16 < cap; i++) {
        uint8_t body[256];
        size_t blen;
        /* Mostly resources with a value (what a frame at an instance path holds), the other kinds in between. */
        static const unsigned kinds[] = {3, 3, 3, 3, 3, 0, 1, 2};
        unsigned kind = kinds[below(sizeof kinds / sizeof kinds[0])];
        if (depth > 0 && (kind == 0 || kind == 2)) {
            blen = tlv_tree(body, sizeof body, depth - 1);
        } else {
            static const size_t lens[] = {0, 1, 2, 4, 8, 3, 5, 9};
            blen = lens[below(sizeof lens / sizeof lens[0])];
            for (size_t k = 0; k < blen; k++) body[k] = (uint8_t)(below(3) == 0 ? next() : below(2));
            if (below(5) == 0) { /* text */
                blen = below(12);
                for (size_t k = 0; k < blen; k++) body[k] = (uint8_t)('a' + below(26));
            }
        }
        if (n + 6 + blen > cap) break;
        n += tlv_header(out + n, kind, small_id(), blen);
        memcpy(out + n, body, blen);
        n += blen;
    }
    return n;
}

/* One random writer session through both libraries, every call compared. */
static void writer_both(void) {
    static const ucifi_format formats[] = {UCIFI_FORMAT_TLV, UCIFI_FORMAT_SENML_CBOR, UCIFI_FORMAT_LWM2M_CBOR};
    static const char *paths[] = {"/3424/0", "/3424", "/3424/0/1", "/3/0", "/3424/1", NULL, "/", "/3424/0/1/2"};
    ucifi_writer wa, wb;
    ucifi_writer_slot sa[8], sb[8];
    ucifi_format format = formats[below(3)];
    const char *path = paths[below(sizeof paths / sizeof paths[0])];
    size_t slots = 1 + below(8);
    char what[160];
#define BOTH(expr_a, expr_b)                                                                            \
    do {                                                                                                \
        ucifi_result ra = (expr_a), rb = (expr_b);                                                      \
        compared++;                                                                                     \
        writer_ok += ra == UCIFI_RESULT_OK;                                                             \
        if (ra != rb) {                                                                                 \
            fprintf(stderr, "differential: writer (format %d, path %s, %zu slots), %s: %s / %s\n",      \
                    (int)format, path ? path : "(none)", slots, what, a.result_name(ra),                \
                    b.result_name(rb));                                                                 \
            exit(1);                                                                                    \
        }                                                                                               \
        if (ra != UCIFI_RESULT_OK && strcmp(what, "init") == 0) return;                                 \
    } while (0)
    snprintf(what, sizeof what, "init");
    BOTH(a.init(&wa, format, path, sa, slots), b.init(&wb, format, path, sb, slots));
    size_t calls = below(14);
    for (size_t c = 0; c < calls; c++) {
        uint16_t o = below(3) ? 3424 : object_id(), i = (uint16_t)(below(4) ? 0 : below(3)), r = small_id();
        switch (below(10)) {
        case 0: {
            static const double xs[] = {1234.5, 0.1, -0.0, 1e300, 3.0, 16777217.0, 1.5e-45};
            double x = xs[below(sizeof xs / sizeof xs[0])];
            snprintf(what, sizeof what, "add_float /%u/%u/%u", o, i, r);
            BOTH(a.add_float(&wa, o, i, r, x), b.add_float(&wb, o, i, r, x));
            break;
        }
        case 1: {
            int64_t x = (int64_t)next() >> below(64);
            snprintf(what, sizeof what, "add_int /%u/%u/%u %lld", o, i, r, (long long)x);
            BOTH(a.add_int(&wa, o, i, r, x), b.add_int(&wb, o, i, r, x));
            break;
        }
        case 2: {
            uint64_t x = next() >> below(64);
            snprintf(what, sizeof what, "add_uint /%u/%u/%u", o, i, r);
            BOTH(a.add_uint(&wa, o, i, r, x), b.add_uint(&wb, o, i, r, x));
            break;
        }
        case 3: {
            bool x = below(2) != 0;
            snprintf(what, sizeof what, "add_bool /%u/%u/%u", o, i, r);
            BOTH(a.add_bool(&wa, o, i, r, x), b.add_bool(&wb, o, i, r, x));
            break;
        }
        case 4: {
            int64_t x = (int64_t)(next() >> 33);
            snprintf(what, sizeof what, "add_time /%u/%u/%u", o, i, r);
            BOTH(a.add_time(&wa, o, i, r, x), b.add_time(&wb, o, i, r, x));
            break;
        }
        case 5: {
            uint16_t lo = small_id(), li = small_id();
            snprintf(what, sizeof what, "add_objlnk /%u/%u/%u", o, i, r);
            BOTH(a.add_objlnk(&wa, o, i, r, lo, li), b.add_objlnk(&wb, o, i, r, lo, li));
            break;
        }
        case 6: {
            static const char *texts[] = {"", "abc", "caf\xc3\xa9", "\xff\xfe", "a much longer text for a frame"};
            const char *t = texts[below(sizeof texts / sizeof texts[0])];
            snprintf(what, sizeof what, "add_string /%u/%u/%u", o, i, r);
            BOTH(a.add_string(&wa, o, i, r, t, strlen(t)), b.add_string(&wb, o, i, r, t, strlen(t)));
            break;
        }
        case 7: {
            static const uint8_t bytes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            size_t n = below(sizeof bytes + 1);
            snprintf(what, sizeof what, "add_opaque /%u/%u/%u", o, i, r);
            BOTH(a.add_opaque(&wa, o, i, r, bytes, n), b.add_opaque(&wb, o, i, r, bytes, n));
            break;
        }
        case 8: {
            size_t n = below(3);
            snprintf(what, sizeof what, "discard %zu", n);
            BOTH(a.discard(&wa, n), b.discard(&wb, n));
            break;
        }
        default: {
            uint8_t fa[256], fb[256];
            size_t cap = below(4) == 0 ? below(12) : 11 + below(240);
            size_t la = 0, lb = 0, ca = 0, cb = 0;
            if (below(2)) {
                snprintf(what, sizeof what, "finish_fit cap %zu", cap);
                BOTH(a.finish_fit(&wa, fa, cap, &la, &ca), b.finish_fit(&wb, fb, cap, &lb, &cb));
            } else {
                snprintf(what, sizeof what, "finish cap %zu", cap);
                BOTH(a.finish(&wa, fa, cap, &la), b.finish(&wb, fb, cap, &lb));
            }
            frames_written += la > 0 && la <= cap;
            if (la != lb || ca != cb || (la <= cap && memcmp(fa, fb, la) != 0)) {
                fprintf(stderr, "differential: writer, %s: %zu / %zu bytes, %zu / %zu records\n", what, la, lb, ca,
                        cb);
                exit(1);
            }
            if (la > 0 && la <= cap) {
                /* The frame written, read back through both, as it is and with an edit. */
                uint8_t edited[300];
                decode_both("written frame", format, path, -1, fa, la);
                size_t le = mutate(fa, la, edited, sizeof edited);
                decode_both("written frame, mutated", format, path, -1, edited, le);
            }
            break;
        }
        }
        size_t na = 0, nb = 0;
        snprintf(what, sizeof what, "count");
        BOTH(a.count(&wa, &na), b.count(&wb, &nb));
        snprintf(what, sizeof what, "encoded_len");
        BOTH(a.encoded_len(&wa, &na), b.encoded_len(&wb, &nb));
        if (na != nb) {
            fprintf(stderr, "differential: writer, encoded_len %zu / %zu\n", na, nb);
            exit(1);
        }
    }
#undef BOTH
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: differential LIB_A LIB_B [ROUNDS]\n");
        return 2;
    }
    if (!load(&a, argv[1]) || !load(&b, argv[2])) return 2;
    size_t rounds = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 100;
    static uint8_t frame[1024];
    /* The corpus sample, as it is and mutated. */
    for (size_t k = 0; k < sample_case_count; k++) {
        const sample_case *c = &sample_cases[k];
        ucifi_format format = 0;
        if (!c->is_uplink && a.format_from_name(c->format, strlen(c->format), &format) != UCIFI_RESULT_OK) continue;
        int fport = c->is_uplink ? c->fport : -1;
        decode_both(c->target, format, c->path, fport, c->frame, c->frame_len);
        for (size_t m = 0; m < rounds; m++) {
            size_t len = mutate(c->frame, c->frame_len, frame, sizeof frame);
            decode_both(c->target, format, c->path, fport, frame, len);
        }
    }
    unsigned long long decodes = compared;
    /* Random TLV trees, as built and mutated, at several request paths. */
    static const char *tlv_paths[] = {"/3424/0", "/3424", "/3424/0/1", "/3", "/3/0", "/3424/0/5518", NULL};
    for (size_t k = 0; k < rounds * 500; k++) {
        uint8_t tree[512];
        size_t len = tlv_tree(tree, sizeof tree, (int)below(3));
        const char *path = tlv_paths[below(sizeof tlv_paths / sizeof tlv_paths[0])];
        decode_both("tlv tree", UCIFI_FORMAT_TLV, path, -1, tree, len);
        len = mutate(tree, len, frame, sizeof frame);
        decode_both("tlv tree, mutated", UCIFI_FORMAT_TLV, path, -1, frame, len);
    }
    unsigned long long tlv = compared - decodes;
    for (size_t k = 0; k < rounds * 200; k++) writer_both();
    /* Each frame written was decoded twice (as written, edited). */
    printf("differential: %llu corpus decodes, %llu TLV tree decodes, %llu writer calls (%llu accepted), %llu frames "
           "written and decoded back, as written and edited; %llu decodes valid, %llu records: the two builds "
           "agree\n",
           decodes, tlv, compared - decodes - tlv - 2 * frames_written, writer_ok, frames_written, decoded_ok,
           records_seen);
    return 0;
}
