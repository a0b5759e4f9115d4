//! Decoded records to JS objects in one call across the boundary: `decode`'s record objects, or the TS013 `data`
//! tree of `decodeUplink` / `decodeDownlink` (`finish_data`: the same table plus each record's object and resource
//! key, with integers beyond 2^53 as decimal strings).
//!
//! Calls between WebAssembly and JS, and every string handed over, cost more than the decode itself. So a frame's
//! records are written into a flat table of numbers (twelve per record) plus one UTF-8 buffer holding every string
//! value, and one JS function builds all the record objects from them. It reads both straight from WebAssembly
//! memory (the call passes their places as numbers).
//!
//! Names, units and type names are model strings that live as long as the module (built-in tables, or leaked DDF
//! definitions). Each gets a small id the first time it is seen, and its JS string is handed over once. Afterwards
//! records refer to it by id. `decode` does the same for the texts of paths (up to [`MAX_PATH_TEXTS`] of them).
//!
//! Slots of a record: path ids `o i r x` (−1 where the path is shorter), name id, unit id (−1: none), type id,
//! value kind, value, flags (1: unknown, 2: has time), time, the id of the path's text (−1: JS makes it). Kinds:
//! 0 number, 1 string (value = its length in UTF-8 bytes, the text is the next piece of the string buffer),
//! 2 boolean, 3 null, 4 `BigInt` (like 1, decimal).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::BuildHasherDefault;

use js_sys::Array;
use ucifi_codec::{DataType, Record, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{AddressHasher, MAX_SAFE_INTEGER};

const SLOTS: usize = 12;
/// Path texts handed to JS at most: past that, JS makes the text of further paths per record.
const MAX_PATH_TEXTS: usize = 4096;
const KIND_NUMBER: f64 = 0.0;
const KIND_STRING: f64 = 1.0;
const KIND_BOOLEAN: f64 = 2.0;
const KIND_NULL: f64 = 3.0;
const KIND_BIGINT: f64 = 4.0;
const FLAG_UNKNOWN: u8 = 1;
const FLAG_TIME: u8 = 2;
/// TS013 key flags: the record's path came earlier in the frame (its value joins a series).
pub(crate) const KEY_REPEATED: f64 = 1.0;
/// TS013 key flags: some record of the frame with this path has a time (the `time` tree holds the path).
pub(crate) const KEY_TIMED: f64 = 2.0;

#[wasm_bindgen]
extern "C" {
    /// The JS half: an object made once by `recordBuilder` (`js/halves.js`, see [`setup`]).
    type RecordBuilder;

    /// Appends a string to the builder's table of model strings (its id is its index).
    #[wasm_bindgen(method, structural)]
    fn intern(this: &RecordBuilder, s: &str);

    /// Builds the record objects of one table: `at`, `len` its place in WebAssembly memory (in f64 units), `blob`
    /// the address of the string values.
    #[wasm_bindgen(method, structural)]
    fn build(this: &RecordBuilder, at: u32, len: u32, blob: u32) -> Array;

    /// Builds the TS013 result `{data, errors: [], warnings}` of one table (`keys`: per record its object key id,
    /// resource key id and flags, at `keys_at` in f64 units).
    #[wasm_bindgen(method, structural, js_name = buildData)]
    fn build_data(
        this: &RecordBuilder,
        at: u32,
        len: u32,
        blob: u32,
        keys_at: u32,
        received: JsValue,
    ) -> JsValue;
}

/// Takes the JS halves of the module, `recordBuilder` and `argReader` of `js/halves.js`: the package's entry
/// (`ucifi_wasm.js`) calls this before anything else.
#[wasm_bindgen(js_name = __setup, skip_typescript)]
pub fn setup(record_builder: js_sys::Function, arg_reader: js_sys::Function) {
    FACTORIES.with(|f| *f.borrow_mut() = [record_builder.into(), arg_reader.into()]);
}

/// One of the JS halves' factories: 0 `recordBuilder`, 1 `argReader`.
pub(crate) fn factory(n: usize) -> js_sys::Function {
    FACTORIES.with(|f| {
        f.borrow()
            .get(n)
            .cloned()
            .unwrap_or(JsValue::UNDEFINED)
            .unchecked_into()
    })
}

/// The builder and the ids of the model strings it holds.
struct Builder {
    js: RecordBuilder,
    /// By address (the map type of `paths`: one copy of the hash table code).
    ids: HashMap<(u64, usize), f64, BuildHasherDefault<AddressHasher>>,
    /// Strings handed over with [`Builder::text_id`] (they hold table slots too).
    texts: usize,
    /// The ids of the type names, by type code − 1 (−1: not handed over yet): no hashing for them.
    types: [f64; 10],
    /// The ids of path texts, by the path's ids packed into 64 bits and their count.
    paths: HashMap<(u64, usize), f64, BuildHasherDefault<AddressHasher>>,
}

thread_local! {
    /// `recordBuilder` and `argReader` of `js/halves.js`, from [`setup`].
    static FACTORIES: RefCell<[JsValue; 2]> = const { RefCell::new([JsValue::UNDEFINED, JsValue::UNDEFINED]) };
    static BUILDER: RefCell<Option<Builder>> = const { RefCell::new(None) };
    /// The batch, kept from one frame to the next: a decode then allocates nothing for its table.
    static BATCH: RefCell<RecordBatch> = const { RefCell::new(RecordBatch::new()) };
    /// The last number given to a TS013 table shape ([`RecordBatch::shape`]); 0 is never given.
    static SHAPES: Cell<u32> = const { Cell::new(0) };
}

impl Builder {
    fn new() -> Builder {
        let js = factory(0)
            .call1(&JsValue::UNDEFINED, &wasm_bindgen::memory())
            .unwrap_or(JsValue::UNDEFINED)
            .unchecked_into::<RecordBuilder>();
        Builder {
            js,
            ids: HashMap::default(),
            texts: 0,
            types: [-1.0; 10],
            paths: HashMap::default(),
        }
    }

    /// The id of a type's name.
    fn type_id(&mut self, t: DataType) -> f64 {
        let code = t as usize - 1;
        match self.types.get(code) {
            Some(&id) if id >= 0.0 => id,
            _ => {
                let id = self.id(t.name());
                if let Some(slot) = self.types.get_mut(code) {
                    *slot = id;
                }
                id
            }
        }
    }

    /// The id of a path's text (handed to JS the first time), or −1 once [`MAX_PATH_TEXTS`] are held.
    /// `key`: the path's ids packed into 16 bits each, `len` of them.
    fn path_id(&mut self, key: u64, len: usize) -> f64 {
        if let Some(&id) = self.paths.get(&(key, len)) {
            return id;
        }
        if self.paths.len() >= MAX_PATH_TEXTS {
            return -1.0;
        }
        let mut path = String::with_capacity(24);
        for n in (0..len).rev() {
            let _ = write!(path, "/{}", (key >> (16 * n)) & 0xffff);
        }
        let id = self.text_id(&path);
        self.paths.insert((key, len), id);
        id
    }

    /// A new id for a string made at run time (a TS013 key), handed to JS now; the caller keeps the id.
    fn text_id(&mut self, s: &str) -> f64 {
        let id = self.ids.len() + self.texts;
        self.texts += 1;
        self.js.intern(s);
        id as f64
    }

    /// The id of a model string, handing it to JS the first time. The key is the string's address and length:
    /// `'static` strings are never freed, so a key never comes back with other contents.
    fn id(&mut self, s: &'static str) -> f64 {
        let next = (self.ids.len() + self.texts) as f64;
        *self
            .ids
            .entry((s.as_ptr() as usize as u64, s.len()))
            .or_insert_with(|| {
                self.js.intern(s);
                next
            })
    }
}

/// The records of one frame, as the table and the string blob described in the module docs.
pub(crate) struct RecordBatch {
    slots: Vec<[f64; SLOTS]>,
    blob: String,
    /// Per record of the last frames, the strings it had and their ids (name, unit, type, path text): kept.
    memo: Vec<(Memo, [f64; 4])>,
    /// TS013: per record, the ids of its object and resource keys and its flags (`finish_data`).
    pub(crate) keys: Vec<[f64; 3]>,
    /// TS013: the records' paths.
    pub(crate) paths: Vec<ucifi_codec::Path>,
    /// TS013: per record of the last frames, its object and resource ids and the model generation, with the ids of
    /// their keys: kept.
    key_memo: Vec<KeyMemo>,
    /// Look-ups of ids made because the memos above did not hold them (never lowered).
    misses: u64,
    /// TS013: the last table's record count, key flags and `misses` when its shape was numbered
    /// ([`RecordBatch::shape`]), and the number of its shape.
    shape: (usize, Vec<f64>, u64, u32),
}

/// TS013: an object id, resource id and model generation, and the ids of their `data` keys.
type KeyMemo = ((u16, u16, u64), (f64, f64));

/// What a record's ids depend on: its name and unit (addresses of `'static` strings), path and type.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Memo {
    name: (usize, usize),
    unit: (usize, usize),
    path: u64,
    len: u8,
    data_type: u8,
}

impl RecordBatch {
    /// An empty batch.
    const fn new() -> RecordBatch {
        RecordBatch {
            slots: Vec::new(),
            blob: String::new(),
            memo: Vec::new(),
            keys: Vec::new(),
            paths: Vec::new(),
            key_memo: Vec::new(),
            misses: 0,
            shape: (0, Vec::new(), 0, 0),
        }
    }

    /// Adds one record.
    pub(crate) fn push(&mut self, r: &Record<'_>) {
        let ids = r.path.ids();
        let id = |n: usize| ids.get(n).map_or(-1.0, |&x| f64::from(x));
        // Names and units are `&'static str` fields of the definition, whatever the record's lifetime.
        let name = r.resource.map(|d| d.name);
        let unit = r.resource.map(|d| d.units).filter(|u| !u.is_empty());
        let data_type = r.value.data_type();
        let key = Memo {
            name: name.map_or((0, 0), |s| (s.as_ptr() as usize, s.len())),
            unit: unit.map_or((0, 0), |s| (s.as_ptr() as usize, s.len())),
            path: ids.iter().fold(0u64, |k, &x| (k << 16) | u64::from(x)),
            len: ids.len() as u8,
            data_type: data_type as u8,
        };
        // The record at the same place in the last frame usually has the same strings: no look-up then.
        let at = self.slots.len();
        let [name_id, unit_id, type_id, path_id] = match self.memo.get(at) {
            Some((k, v)) if *k == key => *v,
            _ => {
                let v = with_builder(|b| {
                    [
                        name.map_or(-1.0, |s| b.id(s)),
                        unit.map_or(-1.0, |s| b.id(s)),
                        b.type_id(data_type),
                        b.path_id(key.path, ids.len()),
                    ]
                });
                if let Some(slot) = self.memo.get_mut(at) {
                    *slot = (key, v);
                } else {
                    self.memo.push((key, v));
                }
                self.misses += 1;
                v
            }
        };
        let (kind, value) = self.value(&r.value);
        let mut flags = 0;
        if r.unknown() {
            flags |= FLAG_UNKNOWN;
        }
        if r.time.is_some() {
            flags |= FLAG_TIME;
        }
        self.slots.push([
            id(0),
            id(1),
            id(2),
            id(3),
            name_id,
            unit_id,
            type_id,
            kind,
            value,
            f64::from(flags),
            r.time.unwrap_or(0.0),
            path_id,
        ]);
    }

    /// The kind and value slot of a value, with its text appended to the blob (record JSON values).
    fn value(&mut self, v: &Value<'_>) -> (f64, f64) {
        let start = self.blob.len();
        let kind = match *v {
            Value::Integer(x) | Value::Time(x) if x.unsigned_abs() <= MAX_SAFE_INTEGER => {
                return (KIND_NUMBER, x as f64)
            }
            Value::Unsigned(x) if x <= MAX_SAFE_INTEGER => return (KIND_NUMBER, x as f64),
            Value::Integer(x) | Value::Time(x) => {
                let _ = write!(self.blob, "{x}");
                KIND_BIGINT
            }
            Value::Unsigned(x) => {
                let _ = write!(self.blob, "{x}");
                KIND_BIGINT
            }
            Value::Float(x) if x.is_nan() => {
                self.blob.push_str("NaN");
                KIND_STRING
            }
            Value::Float(x) if x.is_infinite() => {
                self.blob
                    .push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
                KIND_STRING
            }
            Value::Float(x) => return (KIND_NUMBER, x),
            Value::Boolean(b) => return (KIND_BOOLEAN, f64::from(u8::from(b))),
            Value::None => return (KIND_NULL, 0.0),
            Value::String(s) | Value::CoreLnk(s) => {
                self.blob.push_str(s);
                KIND_STRING
            }
            Value::Opaque(b) => {
                for byte in b {
                    let _ = write!(self.blob, "{byte:02x}");
                }
                KIND_STRING
            }
            Value::ObjLnk(l) => {
                let _ = write!(self.blob, "{l}");
                KIND_STRING
            }
        };
        (kind, (self.blob.len() - start) as f64)
    }

    /// Builds the JS record objects (one call into JS, plus one per model string never seen before).
    pub(crate) fn finish(&self) -> Array {
        let (at, len, blob) = self.finish_quick();
        with_builder(|builder| builder.js.build(at, len, blob))
    }

    /// The place of the table (in f64 units, its start and length) and of the string values, for JS to read
    /// (`args.rs`); they stay as they are until the next batch is made.
    pub(crate) fn finish_quick(&self) -> (u32, u32, u32) {
        let (at, len) = place(self.slots.as_flattened());
        (at, len, self.blob_at())
    }

    /// Builds the TS013 result `{data, errors: [], warnings}` of the records (one call into JS): `keys` holds, per
    /// record, the ids (from [`text_id`]) of its object key and resource key, and its [`KEY_REPEATED`] /
    /// [`KEY_TIMED`] flags; `received` turns relative times absolute; `warnings` names the resources the model does
    /// not know. Integers beyond 2^53 are decimal strings.
    pub(crate) fn finish_data(&self, received: Option<f64>) -> JsValue {
        let keys = self.keys.as_flattened();
        with_builder(|builder| {
            let received = received.map_or(JsValue::UNDEFINED, JsValue::from_f64);
            let (at, len) = place(self.slots.as_flattened());
            let (keys_at, _) = place(keys);
            builder
                .js
                .build_data(at, len, self.blob_at(), keys_at, received)
        })
    }

    /// Where the TS013 keys are, in f64 units.
    pub(crate) fn keys_at(&self) -> u32 {
        place(self.keys.as_flattened()).0
    }

    /// The key ids of the next record (object `oid`, resource `rid`, under model `generation`): those of the record at
    /// the same place in the last frame when they match, else `ids()`.
    pub(crate) fn key_memo(
        &mut self,
        oid: u16,
        rid: u16,
        generation: u64,
        ids: impl FnOnce() -> (f64, f64),
    ) -> (f64, f64) {
        let at = self.slots.len();
        let key = (oid, rid, generation);
        match self.key_memo.get(at) {
            Some(&(k, v)) if k == key => v,
            _ => {
                let v = ids();
                if let Some(slot) = self.key_memo.get_mut(at) {
                    *slot = (key, v);
                } else {
                    self.key_memo.push((key, v));
                }
                self.misses += 1;
                v
            }
        }
    }

    /// TS013: a number for the shape of this table's `data` (every key, unit, type, warning and place of a value or
    /// time, all but the values and times themselves): the same as that of the last table whose shape was the same,
    /// a new one otherwise. The JS half keeps a builder made for one shape while the shape stays.
    ///
    /// A record's place in `data`, its unit, type and warning follow from its path, model strings and keys. Those
    /// are the memos' keys at its place: when no look-up missed the memos since the last table was numbered, every
    /// record matched the one at its place in that table. What is left to compare are the count and the key flags.
    pub(crate) fn shape(&mut self) -> u32 {
        let (count, flags, misses, serial) = &mut self.shape;
        let same = *count == self.slots.len()
            && *misses == self.misses
            && flags.iter().zip(&self.keys).all(|(&f, k)| k[2] == f);
        if !same {
            *count = self.slots.len();
            *misses = self.misses;
            flags.clear();
            flags.extend(self.keys.iter().map(|k| k[2]));
            *serial = SHAPES.with(|c| {
                let n = c.get().wrapping_add(1).max(1);
                c.set(n);
                n
            });
        }
        *serial
    }

    /// The address of the string values.
    fn blob_at(&self) -> u32 {
        self.blob.as_ptr() as usize as u32
    }
}

/// Runs `f` with an empty batch: the module's one, on the buffers of the last frame, or a new one if that one is in
/// use.
pub(crate) fn with_batch<T>(f: impl FnOnce(&mut RecordBatch) -> T) -> T {
    BATCH.with(|b| match b.try_borrow_mut() {
        Ok(mut batch) => {
            batch.slots.clear();
            batch.blob.clear();
            batch.keys.clear();
            batch.paths.clear();
            f(&mut batch)
        }
        Err(_) => f(&mut RecordBatch::new()),
    })
}

/// Where a table of numbers is in WebAssembly memory, in f64 units (a `Vec<f64>` is 8-aligned), and its length.
fn place(table: &[f64]) -> (u32, u32) {
    ((table.as_ptr() as usize / 8) as u32, table.len() as u32)
}

/// The JS half of the builder (`args.rs` hands it to the JS half of `decode`).
pub(crate) fn builder_js() -> JsValue {
    with_builder(|b| b.js.clone())
}

fn with_builder<T>(f: impl FnOnce(&mut Builder) -> T) -> T {
    BUILDER.with(|b| f(b.borrow_mut().get_or_insert_with(Builder::new)))
}

/// The id of a string made at run time in the builder's table (a TS013 key); ids stay valid for the module's life.
pub(crate) fn text_id(s: &str) -> f64 {
    with_builder(|b| b.text_id(s))
}
