//! The arguments of `decode` and `decodeUplink` in one call across the boundary, for the common case.
//!
//! Reading an options object from WebAssembly costs several calls into JS per property (`Reflect.get`, type checks,
//! string copies), and copying the bytes two more: on a small frame that is most of a decode. So one JS function
//! reads the arguments in JS, copies the bytes into a buffer of this module, and answers with the frame length when
//! the call is a common one:
//! - `decode`: a `Uint8Array` (or `Buffer`) and options whose `format`, `path` and `fPort` are the same values as
//!   those of the last call whose request resolved, and no `ddf`; the request is then that call's;
//! - `decodeUplink` / `decodeDownlink`: `bytes` a `Uint8Array` or an array of integers 0–255, `fPort` an integer
//!   0–255, `recvTime` absent, a `Date` or a finite number.
//!
//! Anything else (other byte forms, first use of an options object's values, a `ddf`, a frame longer than the
//! buffer, wrong types) takes the general path, which reads the arguments as before and alone decides errors.

use std::cell::Cell;

use ucifi_codec::lorawan::port::Target;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Frames up to this length take the quick path (LoRaWAN payloads are at most 242 bytes).
const CAPACITY: usize = 2048;

#[wasm_bindgen]
extern "C" {
    /// The JS half: an object made once by [`SOURCE`].
    type ArgReader;

    /// `decode`'s arguments: the frame length (bytes copied into the buffer), or −1 for the general path.
    #[wasm_bindgen(method, structural, catch)]
    fn decode(this: &ArgReader, bytes: &JsValue, options: &JsValue) -> Result<f64, JsValue>;

    /// Marks the options values read by the last `decode` as resolved (their request is the one kept here); when
    /// that call took the general path before reading them, no values stay remembered.
    #[wasm_bindgen(method, structural)]
    fn remember(this: &ArgReader);

    /// Drops the remembered options values.
    #[wasm_bindgen(method, structural)]
    fn forget(this: &ArgReader);

    /// The TS013 input: `length + 4096 × fPort` (bytes copied), `−(2 + length + 4096 × fPort)` when it has a
    /// `recvTime` (then read with `recv`), or −1 for the general path.
    #[wasm_bindgen(method, structural, catch)]
    fn uplink(this: &ArgReader, input: &JsValue) -> Result<f64, JsValue>;

    /// The `recvTime` of the last `uplink` call, in milliseconds since the epoch.
    #[wasm_bindgen(method, structural)]
    fn recv(this: &ArgReader) -> f64;
}

const SOURCE: &str = r#"const [memory, at, cap] = arguments;
let view = new Uint8Array(memory.buffer);
let known = false, f, p, port, pf, pp, pport, pending = false, recvMs = 0;
const put = (b) => {
  if (view.buffer !== memory.buffer) view = new Uint8Array(memory.buffer);
  view.set(b, at);
};
return {
  decode(b, o) {
    pending = false;
    if (typeof o !== 'object' || o === null) return -1;
    const of = o.format, op = o.path, oport = o.fPort, d = o.ddf;
    if (d !== undefined && d !== null) return -1;
    pf = of; pp = op; pport = oport; pending = true;
    if (!known || of !== f || op !== p || oport !== port) return -1;
    if (!(b instanceof Uint8Array) || b.length > cap) return -1;
    put(b);
    return b.length;
  },
  remember() { known = pending; if (pending) { f = pf; p = pp; port = pport; } },
  forget() { known = false; },
  uplink(i) {
    if (typeof i !== 'object' || i === null) return -1;
    const b = i.bytes, fp = i.fPort, r = i.recvTime;
    if (typeof fp !== 'number' || !Number.isInteger(fp) || fp < 0 || fp > 255) return -1;
    let n;
    if (b instanceof Uint8Array) {
      n = b.length;
      if (n > cap) return -1;
      put(b);
    } else if (Array.isArray(b)) {
      n = b.length;
      if (n > cap) return -1;
      for (let k = 0; k < n; k++) {
        const x = b[k];
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 255) return -1;
      }
      put(b);
    } else return -1;
    if (r === undefined || r === null) return n + 4096 * fp;
    const ms = r instanceof Date ? r.getTime() : r;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) return -1;
    recvMs = ms;
    return -(2 + n + 4096 * fp);
  },
  recv() { return recvMs; },
};"#;

struct Reader {
    js: ArgReader,
    /// The buffer the JS half copies frames into; never reallocated, so its address stays valid.
    buffer: Vec<u8>,
}

impl Reader {
    fn new() -> Reader {
        let buffer = vec![0u8; CAPACITY];
        let js = js_sys::Function::new_no_args(SOURCE)
            .call3(
                &JsValue::UNDEFINED,
                &wasm_bindgen::memory(),
                &JsValue::from(buffer.as_ptr() as usize as f64),
                &JsValue::from(CAPACITY as f64),
            )
            .unwrap_or(JsValue::UNDEFINED)
            .unchecked_into::<ArgReader>();
        Reader { js, buffer }
    }
}

thread_local! {
    /// Made on first use and only ever shared: a getter of an options object may call into the module again.
    static READER: Reader = Reader::new();
    /// The request of the remembered options values, and the fPort-table generation it was resolved under.
    static LAST: Cell<Option<(Target, u64)>> = const { Cell::new(None) };
    static PORTS_GENERATION: Cell<u64> = const { Cell::new(0) };
}

fn with_reader<T>(f: impl FnOnce(&Reader) -> T) -> T {
    READER.with(f)
}

/// The quick path of `decode`: runs `f` with the remembered request and the frame, or returns `None` for the
/// general path.
pub(crate) fn decode<T>(
    bytes: &JsValue,
    options: &JsValue,
    f: impl FnOnce(Target, &[u8]) -> T,
) -> Option<T> {
    with_reader(|r| {
        let n = r.js.decode(bytes, options).ok()?;
        let target = LAST
            .with(Cell::get)
            .filter(|&(_, g)| g == ports_generation())?
            .0;
        if n < 0.0 {
            return None;
        }
        // The buffer is read only here, after the JS call that wrote it.
        Some(f(target, r.buffer.get(..n as usize)?))
    })
}

/// After the general path of `decode` resolved `target`: the options values of this call now name it (unless the
/// call had a `ddf`, or options the JS half did not read: then no values are remembered).
pub(crate) fn remember(target: Target) {
    LAST.with(|l| l.set(Some((target, ports_generation()))));
    with_reader(|r| r.js.remember());
}

/// The fPort table changed: no remembered request stands.
pub(crate) fn ports_changed() {
    PORTS_GENERATION.with(|g| g.set(g.get() + 1));
    LAST.with(|l| l.set(None));
    with_reader(|r| r.js.forget());
}

fn ports_generation() -> u64 {
    PORTS_GENERATION.with(Cell::get)
}

/// The quick path of the TS013 functions: the frame, its fPort and `recvTime` in milliseconds, or `None` for the
/// general path.
pub(crate) fn uplink<T>(input: &JsValue, f: impl FnOnce(&[u8], u8, Option<f64>) -> T) -> Option<T> {
    with_reader(|r| {
        let code = r.js.uplink(input).ok()?;
        let (code, recv) = if code >= 0.0 {
            (code, None)
        } else if code <= -2.0 {
            (-code - 2.0, Some(r.js.recv()))
        } else {
            return None;
        };
        let (n, port) = ((code as u32 % 4096) as usize, (code as u32 / 4096) as u8);
        Some(f(r.buffer.get(..n)?, port, recv))
    })
}
