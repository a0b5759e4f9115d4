//! The long (tidy) record table: one row per decoded record, one error row per frame that failed.
//!
//! The hot loop ([`Rows::push_record`]) writes small plain vectors per row and no Python object: the four path id
//! columns, the name and unit indexes (handed to Arrow as they are, once [`Rows::finish`] has written 0 over the
//! nulls), a tag byte, the value's 8-byte slot, the end offset of the value text and of the path text. Everything
//! else — the `frame` column (from one run per frame), the validity bitmaps and the boolean values — is derived once
//! per chunk in [`Rows::finish`], eight rows at a time; the tag bytes are then turned in place into the `type`
//! indexes. The tag byte:
//!
//! | bits | record row | error row |
//! |---|---|---|
//! | 7 | 0 | 1 |
//! | 6 | has a time | – |
//! | 4–5 | path length − 1 | – |
//! | 0–3 (0–6 for errors) | [`DataType`] code | error code |
//!
//! The value columns share storage: `value_int`, `value_uint`, `value_float` and `error_offset` are views of one
//! 8-byte slot per row (a row fills at most one of them; the others are null there; a chunk without times gives
//! the all-null `time` column that slot too), `value_str` / `value_bytes` share one offsets + data pair, and a
//! chunk without error rows gives `error_kind` the `type` indexes. Arrow leaves the contents of null slots
//! unspecified, so each column is exact where it is valid.

use std::collections::HashMap;

use ucifi_codec::{DataType, Error, ErrorKind, Record, ResourceDef, Value};

use crate::arrow::{Buf, Chunk, ChunkBuilder};
use crate::mem::Column;

mod bitmaps;

use bitmaps::{
    Bitmaps, BOOL_VALUES, ERROR, ERROR_ROW, HAS_TIME, INSTANCE, NAME, RECORD, RESOURCE,
    RESOURCE_INSTANCE, TIME, UNIT, V_BOOL, V_BYTES, V_FLOAT, V_INT, V_STR, V_UINT,
};

/// Rows of a chunk stop growing before this many bytes of path or value text, so 32-bit offsets never overflow.
pub(crate) const CHUNK_DATA_LIMIT: usize = 1 << 30;

/// Bound on the path or value text one input byte can produce (a 2-byte TLV record gives a path of at most 24
/// bytes; a 4-byte object link gives 11 bytes of text).
pub(crate) const TEXT_PER_BYTE: usize = 32;

/// The longest path text, `/65535/65535/65535/65535`.
const PATH_TEXT_MAX: usize = 24;

/// The largest frame a batch accepts: one such frame always fits in an empty chunk.
pub(crate) const MAX_FRAME: usize = CHUNK_DATA_LIMIT / TEXT_PER_BYTE;

/// A string dictionary grown as rows come in; indexes are stable, so every chunk can share the final dictionary.
#[derive(Debug, Default)]
pub(crate) struct Dictionary {
    values: Vec<String>,
    index: HashMap<String, i32>,
}

impl Dictionary {
    /// The index of `s`, added if new; -1 (null) if the dictionary is full.
    pub fn index(&mut self, s: &str) -> i32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let Ok(i) = i32::try_from(self.values.len()) else {
            return -1;
        };
        self.values.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        i
    }

    /// The values, in index order.
    pub fn values(&self) -> &[String] {
        &self.values
    }
}

/// Resource definitions met so far, each with its name and unit indexes; looked up once per definition.
#[derive(Debug)]
pub(crate) struct Names {
    /// Resource names.
    pub names: Dictionary,
    /// Units.
    pub units: Dictionary,
    /// Direct-mapped cache: definition address → (address, name index, unit index).
    cache: Vec<(usize, i32, i32)>,
    /// Definition address → (name index, unit index), behind the cache.
    indexes: HashMap<usize, (i32, i32)>,
    /// Path texts of recent paths.
    paths: PathText,
}

const CACHE_SLOTS: usize = 1024;

impl Default for Names {
    fn default() -> Names {
        Names {
            names: Dictionary::default(),
            units: Dictionary::default(),
            cache: vec![(0, -1, -1); CACHE_SLOTS],
            indexes: HashMap::new(),
            paths: PathText::new(),
        }
    }
}

impl Names {
    /// The name and unit indexes of a definition (-1: null, for no definition — an unknown resource, or a path
    /// above resource level — or a definition without a unit).
    #[inline(always)]
    fn indexes(&mut self, def: Option<&ResourceDef>) -> (i32, i32) {
        let Some(def) = def else {
            return (-1, -1);
        };
        let key = def as *const ResourceDef as usize;
        let slot = (key / std::mem::size_of::<ResourceDef>()) % CACHE_SLOTS;
        if let Some(&(k, name, unit)) = self.cache.get(slot) {
            if k == key {
                return (name, unit);
            }
        }
        let (name, unit) = match self.indexes.get(&key) {
            Some(&pair) => pair,
            None => {
                let name = self.names.index(def.name);
                let unit = if def.units.is_empty() {
                    -1
                } else {
                    self.units.index(def.units)
                };
                self.indexes.insert(key, (name, unit));
                (name, unit)
            }
        };
        if let Some(entry) = self.cache.get_mut(slot) {
            *entry = (key, name, unit);
        }
        (name, unit)
    }
}

/// The decimal digits of a `u16` (its text in a path or an object link), on the stack.
struct Decimal {
    digits: [u8; 5],
    start: usize,
}

impl Decimal {
    #[inline]
    fn new(mut n: u16) -> Decimal {
        let mut digits = [0u8; 5];
        let mut at = digits.len();
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || at == 0 {
                break;
            }
        }
        Decimal { digits, start: at }
    }

    fn bytes(&self) -> &[u8] {
        self.digits.get(self.start..).unwrap_or_default()
    }
}

/// The path ids packed little-endian in a `u64` (object in the low 16 bits; ids past the path's length are 0).
#[inline]
fn packed_ids(r: &Record<'_>) -> u64 {
    let p = r.path;
    u64::from(p.id(0))
        | u64::from(p.id(1)) << 16
        | u64::from(p.id(2)) << 32
        | u64::from(p.id(3)) << 48
}

/// Appends packed path ids to the four id columns.
#[inline(always)]
fn push_ids(columns: &mut [Column<u16>; 4], ids: u64) {
    for (level, column) in columns.iter_mut().enumerate() {
        column.push((ids >> (16 * level)) as u16);
    }
}

/// Formats paths from packed ids, remembering recent ones (batches repeat the same few paths).
#[derive(Debug)]
struct PathText {
    slots: Vec<(u64, u8, [u8; PATH_TEXT_MAX], u8)>,
}

const PATH_SLOTS: usize = 4096;

impl PathText {
    fn new() -> PathText {
        PathText {
            slots: vec![(0, 0, [0; PATH_TEXT_MAX], 0); PATH_SLOTS],
        }
    }

    /// Appends the text of the path with these ids and length (1–4) to `out`.
    #[inline]
    fn push(&mut self, out: &mut Column<u8>, ids: u64, len: u8) {
        let slot =
            ((ids.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize ^ len as usize) % PATH_SLOTS;
        if let Some(entry) = self.slots.get_mut(slot) {
            if entry.0 != ids || entry.1 != len {
                let mut text = Vec::with_capacity(PATH_TEXT_MAX);
                for level in 0..len {
                    text.push(b'/');
                    text.extend_from_slice(Decimal::new((ids >> (16 * level)) as u16).bytes());
                }
                let mut fixed = [0u8; PATH_TEXT_MAX];
                let n = text.len().min(PATH_TEXT_MAX);
                if let (Some(dst), Some(src)) = (fixed.get_mut(..n), text.get(..n)) {
                    dst.copy_from_slice(src);
                }
                *entry = (ids, len, fixed, n as u8);
            }
            let start = out.len();
            out.extend_from_slice(&entry.2);
            out.truncate(start + entry.3 as usize);
        }
    }
}

/// The rows of a frame structure (`senml::Shape::kept`) without their values: what [`Rows::push_template`] copies.
#[derive(Debug, Default)]
pub(crate) struct Template {
    /// The shape's generation these rows are of (`None`: none yet).
    pub generation: Option<u32>,
    /// The path id columns (object, instance, resource, resource instance; 0 past the path's length).
    ids: [Column<u16>; 4],
    /// Name and unit indexes (-1: null).
    name: Column<i32>,
    unit: Column<i32>,
    /// Tag bytes without the data type.
    tags: Vec<u8>,
    /// (record index, time) of the records with a time.
    times: Vec<(u32, f64)>,
    path_data: Column<u8>,
    /// End of each record's path text in `path_data`.
    path_ends: Vec<i32>,
}

impl Template {
    /// The rows of `records` (the kept records of generation `generation`, values aside).
    pub fn build<'a>(
        &mut self,
        generation: u32,
        records: impl Iterator<Item = Record<'a>>,
        names: &mut Names,
    ) {
        *self = Template {
            generation: Some(generation),
            ..Template::default()
        };
        for (i, r) in records.enumerate() {
            let ids = packed_ids(&r);
            let len = r.path.len().clamp(1, 4) as u8;
            push_ids(&mut self.ids, ids);
            let (name, unit) = names.indexes(r.resource);
            self.name.push(name);
            self.unit.push(unit);
            names.paths.push(&mut self.path_data, ids, len);
            self.path_ends.push(self.path_data.len() as i32);
            let mut tag = (len - 1) << 4;
            if let Some(t) = r.time {
                tag |= HAS_TIME;
                self.times.push((i as u32, t));
            }
            self.tags.push(tag);
        }
    }
}

/// The rows of one chunk being built.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    /// (frame number << 32 | rows of that frame), one per frame with rows.
    frames: Column<u64>,
    /// The path id columns (object, instance, resource, resource instance; 0 past the path's length or for errors).
    ids: [Column<u16>; 4],
    /// Name and unit indexes (-1: null; [`Rows::finish`] writes 0 there).
    name: Column<i32>,
    unit: Column<i32>,
    tag: Column<u8>,
    num: Column<u64>,
    var_offsets: Column<i32>,
    var_data: Column<u8>,
    /// The path column (empty text for error rows).
    path_offsets: Column<i32>,
    path_data: Column<u8>,
    /// (row, time) of the rows that have a time.
    times: Vec<(u32, f64)>,
}

impl Rows {
    /// An empty chunk.
    pub fn new() -> Rows {
        let mut rows = Rows::default();
        rows.var_offsets.push(0);
        rows.path_offsets.push(0);
        rows
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.tag.len()
    }

    /// True when a frame of `frame_len` bytes might push the chunk's text data past [`CHUNK_DATA_LIMIT`]: start a
    /// new chunk first. A frame writes at most [`TEXT_PER_BYTE`] bytes of path or value text per input byte.
    pub fn full_for(&self, frame_len: usize) -> bool {
        let worst = frame_len.saturating_mul(TEXT_PER_BYTE);
        self.len()
            .saturating_mul(PATH_TEXT_MAX)
            .saturating_add(worst)
            > CHUNK_DATA_LIMIT
            || self.var_data.len().saturating_add(worst) > CHUNK_DATA_LIMIT
    }

    /// Makes room for `additional` more rows (a batch knows roughly how many after its first frames).
    pub fn reserve(&mut self, additional: usize) {
        for column in &mut self.ids {
            column.reserve(additional);
        }
        self.name.reserve(additional);
        self.unit.reserve(additional);
        self.tag.reserve(additional);
        self.num.reserve(additional);
        self.var_offsets.reserve(additional);
        self.path_offsets.reserve(additional);
        // Text bytes at the rate of the rows so far (a guess: room not written costs no memory).
        let rows = self.len().max(1);
        let path_rate = self.path_data.len().div_ceil(rows).max(8);
        self.path_data.reserve(additional.saturating_mul(path_rate));
        let var_rate = self.var_data.len().div_ceil(rows);
        self.var_data.reserve(additional.saturating_mul(var_rate));
    }

    /// Counts `n` more rows for frame `frame` (the rows just pushed).
    #[inline]
    pub fn count_rows(&mut self, frame: i32, n: usize) {
        if n == 0 {
            return;
        }
        let n = n as u32;
        match self.frames.as_mut_slice().last_mut() {
            Some(run) if (*run >> 32) as u32 == frame as u32 => *run += u64::from(n),
            _ => self
                .frames
                .push(u64::from(frame as u32) << 32 | u64::from(n)),
        }
    }

    /// Appends one record (of the frame [`Rows::count_rows`] then counts it for).
    #[inline(always)]
    pub fn push_record(&mut self, r: &Record<'_>, names: &mut Names) {
        let ids = packed_ids(r);
        let len = r.path.len().clamp(1, 4) as u8;
        push_ids(&mut self.ids, ids);
        let (name, unit) = names.indexes(r.resource);
        self.name.push(name);
        self.unit.push(unit);
        names.paths.push(&mut self.path_data, ids, len);
        self.path_offsets.push(self.path_data.len() as i32);
        let mut tag = r.value.data_type() as u8 | ((len - 1) << 4);
        if let Some(t) = r.time {
            tag |= HAS_TIME;
            self.times.push((self.tag.len() as u32, t));
        }
        self.tag.push(tag);
        self.push_value(&r.value);
    }

    /// Appends the records of a frame repeating `template`'s structure, with these values (one per template
    /// record): what [`Rows::push_record`] appends for each, with the ids, name and unit indexes, path texts and times of
    /// the template copied in bulk.
    pub fn push_template(&mut self, template: &Template, values: &[Value<'_>]) {
        let row = self.tag.len() as u32;
        for (column, ids) in self.ids.iter_mut().zip(&template.ids) {
            column.extend_from_slice(ids.as_slice());
        }
        self.name.extend_from_slice(template.name.as_slice());
        self.unit.extend_from_slice(template.unit.as_slice());
        let base = self.path_data.len() as i32;
        self.path_data
            .extend_from_slice(template.path_data.as_slice());
        self.path_offsets
            .extend_exact(template.path_ends.iter().map(|&end| base + end));
        let values = values.get(..template.tags.len()).unwrap_or(values);
        // Each column extended from a slice's iterator: one capacity check per frame, not per row.
        self.tag.extend_exact(
            template
                .tags
                .iter()
                .zip(values)
                .map(|(&tag, value)| tag | value.data_type() as u8),
        );
        self.num.extend_exact(values.iter().map(value_bits));
        let (var_offsets, var_data) = (&mut self.var_offsets, &mut self.var_data);
        var_offsets.extend_exact(values.iter().map(|value| {
            push_var(var_data, value);
            var_data.len() as i32
        }));
        self.times
            .extend(template.times.iter().map(|&(i, t)| (row + i, t)));
    }

    /// The value columns of a row: its 8-byte slot, its text or bytes.
    #[inline(always)]
    fn push_value(&mut self, value: &Value<'_>) {
        self.num.push(value_bits(value));
        push_var(&mut self.var_data, value);
        self.var_offsets.push(self.var_data.len() as i32);
    }

    /// Appends the error row of frame `frame`.
    pub fn push_error(&mut self, frame: i32, e: Error) {
        self.count_rows(frame, 1);
        push_ids(&mut self.ids, 0);
        self.name.push(-1);
        self.unit.push(-1);
        let code = u8::try_from(e.kind().code()).unwrap_or(0x7f) & 0x7f;
        self.tag.push(ERROR_ROW | code);
        self.num.push(e.offset() as u64);
        self.var_offsets.push(self.var_data.len() as i32);
        self.path_offsets.push(self.path_data.len() as i32);
    }

    /// The Arrow buffers of this chunk (see the module docs for the derived columns).
    pub fn finish(mut self) -> Chunk {
        let n = self.len();
        let mut b = ChunkBuilder::default();

        let mut frame = Column::with_capacity(n);
        for &run in self.frames.as_slice() {
            frame.extend_exact(std::iter::repeat_n((run >> 32) as i32, run as u32 as usize));
        }
        let frame = b.buffer(frame);
        b.column("frame", "int32", (None, 0), &[frame]);

        // Also writes 0 over the -1 (null) name and unit indexes.
        let mut bits = Bitmaps::of(
            self.tag.as_slice(),
            self.name.as_mut_slice(),
            self.unit.as_mut_slice(),
            self.num.as_slice(),
        );
        let record = b.validity_bytes(std::mem::take(&mut bits.0[RECORD]), n);

        let path_offsets = b.buffer(self.path_offsets);
        let path_data = b.buffer(self.path_data);
        b.column("path", "utf8", record, &[path_offsets, path_data]);
        let [object, instance, resource, resource_instance] = self.ids;
        let object = b.buffer(object);
        b.column("object", "uint16", record, &[object]);
        for (label, ids, slot) in [
            ("instance", instance, INSTANCE),
            ("resource", resource, RESOURCE),
            ("resource_instance", resource_instance, RESOURCE_INSTANCE),
        ] {
            let valid = b.validity_bytes(std::mem::take(&mut bits.0[slot]), n);
            let values = b.buffer(ids);
            b.column(label, "uint16", valid, &[values]);
        }

        let valid = b.validity_bytes(std::mem::take(&mut bits.0[NAME]), n);
        let name_index = b.buffer(self.name);
        b.column("name", "dict32:name", valid, &[name_index]);
        let valid = b.validity_bytes(std::mem::take(&mut bits.0[UNIT]), n);
        let unit_index = b.buffer(self.unit);
        b.column("unit", "dict32:unit", valid, &[unit_index]);
        // The tag bytes become the `type` indexes in place. The `error_kind` column shares them while the chunk has
        // no error row (it is all null then; every type index is also one of `error_kind`'s); else it has its own.
        let error = b.validity_bytes(std::mem::take(&mut bits.0[ERROR]), n);
        let kinds = (error.1 < n).then(|| {
            let tags = self.tag.as_slice();
            tags.iter().map(|&t| error_index(t)).collect::<Vec<u8>>()
        });
        for t in self.tag.as_mut_slice() {
            *t = type_index(*t);
        }
        let types = b.buffer(self.tag);
        b.column("type", "dict8:type", record, &[types]);
        let kinds = kinds.map_or(types, |k| b.buffer(Buf::U8(k)));

        let num = b.buffer(self.num);
        for (label, arrow_type, slot) in [
            ("value_int", "int64", V_INT),
            ("value_uint", "uint64", V_UINT),
            ("value_float", "float64", V_FLOAT),
        ] {
            let valid = b.validity_bytes(std::mem::take(&mut bits.0[slot]), n);
            b.column(label, arrow_type, valid, &[num]);
        }
        let valid = b.validity_bytes(std::mem::take(&mut bits.0[V_BOOL]), n);
        let bools = b.buffer(Buf::U8(std::mem::take(&mut bits.0[BOOL_VALUES])));
        b.column("value_bool", "bool", valid, &[bools]);
        let var_offsets = b.buffer(self.var_offsets);
        let var_data = b.buffer(self.var_data);
        let valid = b.validity_bytes(std::mem::take(&mut bits.0[V_STR]), n);
        b.column("value_str", "utf8", valid, &[var_offsets, var_data]);
        let valid = b.validity_bytes(std::mem::take(&mut bits.0[V_BYTES]), n);
        b.column("value_bytes", "binary", valid, &[var_offsets, var_data]);

        let valid = b.validity_bytes(std::mem::take(&mut bits.0[TIME]), n);
        // No time in the chunk: every slot is null, and the value slots serve as the (unread) data.
        let time = if self.times.is_empty() {
            num
        } else {
            let mut time = Column::<f64>::zeroed(n);
            let slots = time.as_mut_slice();
            for &(row, t) in &self.times {
                if let Some(slot) = slots.get_mut(row as usize) {
                    *slot = t;
                }
            }
            b.buffer(time)
        };
        b.column("time", "float64", valid, &[time]);
        b.column("error_kind", "dict8:error_kind", error, &[kinds]);
        b.column("error_offset", "int64", error, &[num]);
        b.finish(n)
    }
}

/// A value's 8-byte slot (0 for the values held as text or bytes).
#[inline(always)]
fn value_bits(value: &Value<'_>) -> u64 {
    match *value {
        Value::Integer(x) | Value::Time(x) => x as u64,
        Value::Unsigned(x) => x,
        Value::Float(x) => x.to_bits(),
        Value::Boolean(b) => u64::from(b),
        _ => 0,
    }
}

/// Appends a value's text or bytes (strings, links, opaque) to the value data; nothing for the other values.
#[inline(always)]
fn push_var(data: &mut Column<u8>, value: &Value<'_>) {
    match *value {
        Value::String(s) | Value::CoreLnk(s) => data.extend_from_slice(s.as_bytes()),
        Value::Opaque(b) => data.extend_from_slice(b),
        Value::ObjLnk(l) => {
            data.extend_from_slice(Decimal::new(l.object).bytes());
            data.push(b':');
            data.extend_from_slice(Decimal::new(l.instance).bytes());
        }
        _ => {}
    }
}

/// Index of a row's type in the `type` dictionary (0 for error rows, which are null there).
#[inline]
fn type_index(tag: u8) -> u8 {
    if tag & ERROR_ROW != 0 {
        0
    } else {
        (tag & 0x0f).saturating_sub(1)
    }
}

/// Index of a row's error kind in the `error_kind` dictionary (0 for record rows, which are null there).
#[inline]
fn error_index(tag: u8) -> u8 {
    if tag & ERROR_ROW != 0 {
        (tag & 0x7f).saturating_sub(1)
    } else {
        0
    }
}

/// The `error_kind` dictionary: entry `code − 1` is the name of the kind with that code.
pub(crate) fn error_kind_names() -> Vec<String> {
    let max = ErrorKind::ALL.iter().map(|k| k.code()).max().unwrap_or(0);
    (1..=max)
        .map(|code| {
            ErrorKind::from_code(code)
                .map_or_else(|| format!("CODE_{code}"), |k| k.name().to_owned())
        })
        .collect()
}

/// The `type` dictionary: entry `code − 1` is the name of the data type with that code.
pub(crate) fn type_names() -> Vec<String> {
    let max = DataType::ALL.iter().map(|t| *t as u8).max().unwrap_or(0);
    (1..=max)
        .map(|code| {
            DataType::ALL
                .iter()
                .find(|t| **t as u8 == code)
                .map_or_else(|| format!("code_{code}"), |t| t.name().to_owned())
        })
        .collect()
}
