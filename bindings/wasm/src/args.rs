//! The arguments of `decode` and `decodeUplink` without the general path's calls across the boundary, for the
//! common case.
//!
//! Reading an options object from WebAssembly costs several calls into JS per property (`Reflect.get`, type checks,
//! string copies), and copying the bytes two more: on a small frame that is most of a decode. So a JS half reads the
//! arguments in JS and copies the bytes into a buffer of this module:
//! - `decode`: the package's entry (`js/`) calls the JS half's `decode` first. With a `Uint8Array` (or `Buffer`)
//!   and options whose `format`, `path` and `fPort` are the values the general path last resolved, and no `ddf`, it
//!   calls `__decodeQuick` (`api.rs`) (numbers in, a number out: no glue) and builds the records from the table the batch left
//!   in memory (`batch.rs`). Nothing else crosses the boundary, except a model string never handed over before.
//! - `decodeUplink` / `decodeDownlink`: the entry calls the JS half's `uplink` first. With `bytes` a `Uint8Array`
//!   or an array of integers 0–255, `fPort` an integer 0–255 and `recvTime` absent, a `Date` or a finite number, it
//!   calls `__uplinkQuick` (`ts013.rs`) and builds the result from the table and keys the batch left in memory.
//!
//! Anything else (other byte forms, first use of an options object's values, a `ddf`, a frame longer than the
//! buffer, wrong types) takes the general path, which reads the arguments as before and alone decides what is wrong
//! with them; a frame that does not decode fails alike on both paths.

use std::cell::{Cell, RefCell};

use ucifi_codec::lorawan::port::Target;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Frames up to this length take the quick path (LoRaWAN payloads are at most 242 bytes).
const CAPACITY: usize = 2048;

#[wasm_bindgen]
extern "C" {
    /// The JS half: an object made once by `argReader` (`js/halves.js`).
    type ArgReader;

    /// The general path of `decode` resolved a request from these options values (as it read them): the JS half
    /// takes the quick path while a call's options have the same values.
    #[wasm_bindgen(method, structural)]
    fn remember(this: &ArgReader, format: JsValue, path: JsValue, fport: JsValue);

    /// Drops the remembered options values.
    #[wasm_bindgen(method, structural)]
    fn forget(this: &ArgReader);

}

struct Reader {
    js: ArgReader,
    /// The buffer the JS half copies frames into; never reallocated, so its address stays valid.
    buffer: Vec<u8>,
    /// Where the quick paths (`__decodeQuick`, `__uplinkQuick`) leave the place of their table: its start and length (in f64
    /// units), the address of its string values, and (TS013) where its keys start (in f64 units) and the number of
    /// its `data` shape.
    head: Box<[Cell<f64>; 5]>,
}

impl Reader {
    fn new() -> Reader {
        let buffer = vec![0u8; CAPACITY];
        let head = Box::new([const { Cell::new(0.0) }; 5]);
        let args = js_sys::Array::of3(
            &wasm_bindgen::memory(),
            &JsValue::from(buffer.as_ptr() as usize as f64),
            &JsValue::from(CAPACITY as f64),
        );
        args.push(&wasm_bindgen::exports());
        args.push(&crate::batch::builder_js());
        args.push(&JsValue::from((head.as_ptr() as usize / 8) as f64));
        let js = crate::batch::factory(1)
            .apply(&JsValue::UNDEFINED, &args)
            .unwrap_or(JsValue::UNDEFINED)
            .unchecked_into::<ArgReader>();
        Reader { js, buffer, head }
    }
}

thread_local! {
    /// Made on first use and only ever shared: a getter of an options object may call into the module again.
    static READER: Reader = Reader::new();
    /// The request of the remembered options values (none once the fPort table changed).
    static LAST: Cell<Option<Target>> = const { Cell::new(None) };
    static PORTS_GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The error of the last quick path that failed, for [`take_error`].
    static ERROR: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

fn with_reader<T>(f: impl FnOnce(&Reader) -> T) -> T {
    READER.with(f)
}

/// The JS half of `decode` for the package's entry (`js/`), which calls its `decode(bytes, options, glue)`.
#[wasm_bindgen(js_name = __quick, skip_typescript)]
pub fn quick() -> JsValue {
    with_reader(|r| r.js.clone())
}

/// The request the general path of `decode` last resolved, while the fPort table has not changed since.
pub(crate) fn remembered() -> Option<Target> {
    LAST.with(Cell::get)
}

/// A quick path's run on the frame the JS half copied in (`len` bytes): `Ok` puts the table's place in the header
/// and gives 0; `Err` keeps the error for [`take_error`] and gives 1; a `len` beyond the buffer gives 2 (the general
/// path takes the call; the JS half never asks for more than the buffer holds).
pub(crate) fn run_quick<const N: usize>(
    len: u32,
    f: impl FnOnce(&[u8]) -> Result<[u32; N], JsValue>,
) -> u32 {
    with_reader(|r| {
        let Some(frame) = r.buffer.get(..len as usize) else {
            return 2;
        };
        match f(frame) {
            Ok(place) => {
                for (cell, v) in r.head.iter().zip(place) {
                    cell.set(f64::from(v));
                }
                0
            }
            Err(e) => {
                ERROR.with(|c| *c.borrow_mut() = e);
                1
            }
        }
    })
}

/// The error of the last quick path that failed.
#[wasm_bindgen(js_name = __takeError, skip_typescript)]
pub fn take_error() -> JsValue {
    ERROR.with(|c| c.replace(JsValue::UNDEFINED))
}

/// After the general path of `decode` resolved `target` from these options values: calls with the same values take
/// the quick path.
pub(crate) fn remember(
    target: Target,
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<u32>,
) {
    LAST.with(|l| l.set(Some(target)));
    let text = |s: Option<&str>| s.map_or(JsValue::UNDEFINED, JsValue::from_str);
    with_reader(|r| {
        r.js.remember(
            text(format),
            text(path),
            fport.map_or(JsValue::UNDEFINED, JsValue::from),
        );
    });
}

/// The fPort table changed: no remembered request stands.
pub(crate) fn ports_changed() {
    PORTS_GENERATION.with(|g| g.set(g.get() + 1));
    LAST.with(|l| l.set(None));
    with_reader(|r| r.js.forget());
}

/// A number that changes whenever the fPort table changes.
pub(crate) fn ports_generation() -> u64 {
    PORTS_GENERATION.with(Cell::get)
}
