//! CBOR writing: [`Out`], a writer into a caller buffer that counts past its end, and the leaf values, floats (the
//! narrowest exact width) and object links in the forms the readers of the parent module read.

use minicbor::encode::Write;

use super::float::{exact_f32, narrow_bits};
use crate::error::{Error, ErrorKind};
use crate::value::{ObjLnk, Value};

/// A CBOR writer into a caller buffer that keeps counting past the end.
pub(crate) struct Out<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl<'b> Out<'b> {
    /// A writer over `buf` (an empty slice only counts).
    pub(crate) fn new(buf: &'b mut [u8]) -> Out<'b> {
        Out { buf, pos: 0 }
    }

    /// Bytes written (or needed, past the end).
    pub(crate) fn len(&self) -> usize {
        self.pos
    }

    /// The written prefix, or `BUFFER_TOO_SMALL` with the size needed.
    pub(crate) fn finish(self) -> Result<&'b [u8], Error> {
        let Out { buf, pos } = self;
        if pos > buf.len() {
            return Err(Error::new(ErrorKind::BufferTooSmall, pos));
        }
        Ok(buf.get(..pos).unwrap_or(&[]))
    }

    /// One byte.
    #[inline]
    pub(crate) fn byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.pos) {
            *slot = b;
        }
        self.pos += 1;
    }

    /// Bytes, as they are: copied at once where they fit in fast builds, a byte at a time in size-first ones (no
    /// `memcpy` call of its own).
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + bytes.len()) {
            dst.copy_from_slice(bytes);
            self.pos += bytes.len();
            return;
        }
        for &b in bytes {
            self.byte(b);
        }
    }

    /// A head of major type `major` with the shortest encoding of `arg` (as minicbor writes integers, lengths and
    /// map and array heads).
    pub(crate) fn head(&mut self, major: u8, arg: u64) {
        let m = major << 5;
        let (ai, n) = match arg {
            0..=23 => return self.byte(m | arg as u8),
            24..=0xff => (24, 1),
            0x100..=0xffff => (25, 2),
            0x1_0000..=0xffff_ffff => (26, 4),
            _ => (27, 8),
        };
        self.byte(m | ai);
        self.raw(arg.to_be_bytes().get(8 - n..).unwrap_or(&[]));
    }
}

impl Write for Out<'_> {
    type Error = core::convert::Infallible;

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), Self::Error> {
        self.raw(bytes);
        Ok(())
    }
}

/// The writer every CBOR encoder writes with; its writes cannot fail.
pub(crate) type Enc<'b> = Out<'b>;

/// Writes the narrowest float (half, single, double) that reads back to the same bits.
pub(crate) fn write_float(e: &mut Enc<'_>, x: f64) {
    if let Some(h) = narrow_bits(x, 5, 10) {
        let [a, b] = (h as u16).to_be_bytes();
        e.raw(&[0xf9, a, b]);
    } else if let Some(s) = exact_f32(x) {
        let [a, b, c, d] = s.to_be_bytes();
        e.raw(&[0xfa, a, b, c, d]);
    } else {
        e.byte(0xfb);
        e.raw(&x.to_bits().to_be_bytes());
    }
}

/// Appends the decimal digits of `x` to `buf` at `*n`.
fn put_decimal(buf: &mut [u8; 11], n: &mut usize, x: u16) {
    let mut digits = [0u8; 5];
    let mut k = 0;
    let mut v = x;
    loop {
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (v % 10) as u8;
        }
        k += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for d in digits.iter().take(k).rev() {
        if let Some(slot) = buf.get_mut(*n) {
            *slot = *d;
        }
        *n += 1;
    }
}

/// The text `"oid:iid"` in a stack buffer; returns the buffer and its used length.
pub(crate) fn objlnk_text(l: ObjLnk) -> ([u8; 11], usize) {
    let mut buf = [0u8; 11];
    let mut n = 0;
    put_decimal(&mut buf, &mut n, l.object);
    if let Some(colon) = buf.get_mut(n) {
        *colon = b':';
    }
    n += 1;
    put_decimal(&mut buf, &mut n, l.instance);
    (buf, n)
}

/// Writes `"oid:iid"` without allocating.
pub(crate) fn write_objlnk(e: &mut Enc<'_>, l: ObjLnk) {
    let (buf, n) = objlnk_text(l);
    write_string(e, 3, buf.get(..n).unwrap_or(&[]));
}

/// A definite string of major type `major` (2 bytes, 3 text).
fn write_string(e: &mut Enc<'_>, major: u8, bytes: &[u8]) {
    e.head(major, bytes.len() as u64);
    e.raw(bytes);
}

/// Writes one leaf value in the form [`read_leaf`] reads.
pub(crate) fn write_leaf(e: &mut Enc<'_>, v: &Value<'_>) {
    match *v {
        Value::Integer(x) | Value::Time(x) if x < 0 => e.head(1, !x as u64),
        Value::Integer(x) | Value::Time(x) => e.head(0, x as u64),
        Value::Unsigned(x) => e.head(0, x),
        Value::Float(x) => write_float(e, x),
        Value::Boolean(b) => e.byte(0xf4 | u8::from(b)),
        Value::String(s) | Value::CoreLnk(s) => write_string(e, 3, s.as_bytes()),
        Value::Opaque(b) => write_string(e, 2, b),
        Value::ObjLnk(l) => write_objlnk(e, l),
        Value::None => e.byte(0xf6),
    }
}
