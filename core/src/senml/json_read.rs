//! SenML-JSON reader: a small scanner that keeps byte offsets (every error points into the input) and feeds the
//! same resolver as SenML-CBOR. Strings borrow the input unless they hold escapes.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use super::fields::{label, typed, Fields, Raw, MAX_VERSION};
use super::resolve::Resolver;
use crate::cbor::Number;
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::{OwnedRecord, Record, Value};

/// The fields of a SenML-JSON record.
pub(crate) type JsonFields<'a> = Fields<Cow<'a, [u8]>, Cow<'a, str>, Vec<u8>>;

fn at(kind: ErrorKind, offset: usize) -> Error {
    Error::new(kind, offset)
}

/// Nesting allowed inside an ignored field.
const MAX_DEPTH: u32 = 16;

/// The scanner over one SenML-JSON pack.
pub(crate) struct JsonPack<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Records read so far.
    count: usize,
    done: bool,
}

impl<'a> JsonPack<'a> {
    /// Reads the opening `[`.
    pub(crate) fn new(buf: &'a [u8]) -> Result<Self, Error> {
        let mut p = JsonPack {
            buf,
            pos: 0,
            count: 0,
            done: false,
        };
        p.expect(b'[')?;
        Ok(p)
    }

    fn ws(&mut self) {
        while matches!(self.buf.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace (`UNEXPECTED_END` at the input length if none).
    fn peek(&mut self) -> Result<u8, Error> {
        self.ws();
        self.buf
            .get(self.pos)
            .copied()
            .ok_or(at(ErrorKind::UnexpectedEnd, self.buf.len()))
    }

    fn invalid(&self) -> Error {
        at(ErrorKind::InvalidJson, self.pos)
    }

    fn expect(&mut self, c: u8) -> Result<(), Error> {
        if self.peek()? != c {
            return Err(self.invalid());
        }
        self.pos += 1;
        Ok(())
    }

    /// The next record's fields, or `None` after the closing `]` (then only whitespace may follow).
    pub(crate) fn next_fields(&mut self) -> Result<Option<JsonFields<'a>>, Error> {
        if self.done {
            return Ok(None);
        }
        match (self.peek()?, self.count) {
            (b']', _) => {
                self.pos += 1;
                self.done = true;
                self.ws();
                if self.pos < self.buf.len() {
                    return Err(at(ErrorKind::TrailingData, self.pos));
                }
                return Ok(None);
            }
            (b',', 1..) => {
                self.pos += 1;
                self.peek()?;
            }
            (_, 0) => {}
            _ => return Err(self.invalid()),
        }
        self.count += 1;
        self.record().map(Some)
    }

    /// A string at `self.pos` (its opening quote), unescaped.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.peek()? != b'"' {
            return Err(self.invalid());
        }
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        let end = loop {
            match self.buf.get(i) {
                None => return Err(at(ErrorKind::UnexpectedEnd, self.buf.len())),
                Some(b'"') => break i,
                Some(b'\\') => {
                    escaped = true;
                    i += 2;
                }
                Some(c) if *c < 0x20 => return Err(at(ErrorKind::InvalidJson, i)),
                Some(_) => i += 1,
            }
        };
        let raw = self.buf.get(start..end).unwrap_or(&[]);
        let text = core::str::from_utf8(raw)
            .map_err(|e| at(ErrorKind::InvalidUtf8, start + e.valid_up_to()))?;
        self.pos = end + 1;
        if !escaped {
            return Ok(Cow::Borrowed(text));
        }
        unescape(text, start).map(Cow::Owned)
    }

    /// A number at `self.pos`: an integer literal within ±2^64 stays exact, anything else is a double. A number
    /// beyond the double range (`1e400`) is `INVALID_JSON` at its first byte: it would silently become infinite.
    fn number(&mut self) -> Result<Number, Error> {
        self.ws();
        let start = self.pos;
        let b = self.buf;
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = start + usize::from(b.get(start) == Some(&b'-'));
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while digit(i) {
                    i += 1;
                }
            }
            _ => return Err(at(ErrorKind::InvalidJson, i.min(b.len()))),
        }
        let int_end = i;
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !digit(i) {
                return Err(at(ErrorKind::InvalidJson, i));
            }
            while digit(i) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !digit(i) {
                return Err(at(ErrorKind::InvalidJson, i));
            }
            while digit(i) {
                i += 1;
            }
        }
        self.pos = i;
        let text = b.get(start..i).unwrap_or(&[]);
        if i == int_end {
            let negative = text.first() == Some(&b'-');
            let digits = text.get(usize::from(negative)..).unwrap_or(&[]);
            let magnitude = digits.iter().try_fold(0u128, |acc, d| {
                acc.checked_mul(10)?.checked_add(u128::from(d - b'0'))
            });
            match magnitude.and_then(|m| i128::try_from(m).ok()) {
                Some(m) if negative && m <= 1 << 64 => return Ok(Number::from_i128(-m)),
                Some(m) if !negative && m < 1 << 64 => return Ok(Number::from_i128(m)),
                _ => {}
            }
        }
        core::str::from_utf8(text)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|x| x.is_finite())
            .map(Number::Float)
            .ok_or(at(ErrorKind::InvalidJson, start))
    }

    /// `true` or `false`.
    fn boolean(&mut self) -> Result<bool, Error> {
        for (word, value) in [(&b"true"[..], true), (&b"false"[..], false)] {
            if self.literal(word)? {
                return Ok(value);
            }
        }
        Err(self.invalid())
    }

    fn literal(&mut self, word: &[u8]) -> Result<bool, Error> {
        self.ws();
        let hit = self
            .buf
            .get(self.pos..)
            .is_some_and(|s| s.starts_with(word));
        if hit {
            self.pos += word.len();
        }
        Ok(hit)
    }

    /// Steps over one value (of an ignored label).
    fn skip(&mut self, depth: u32) -> Result<(), Error> {
        let c = self.peek()?;
        if depth > MAX_DEPTH {
            return Err(self.invalid());
        }
        match c {
            b'"' => {
                self.string()?;
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
            }
            b'[' | b'{' => {
                let close = c + 2;
                self.pos += 1;
                if self.peek()? == close {
                    self.pos += 1;
                    return Ok(());
                }
                loop {
                    if c == b'{' {
                        self.string()?;
                        self.expect(b':')?;
                    }
                    self.skip(depth + 1)?;
                    match self.peek()? {
                        b',' => self.pos += 1,
                        x if x == close => {
                            self.pos += 1;
                            return Ok(());
                        }
                        _ => return Err(self.invalid()),
                    }
                }
            }
            _ => {
                if !(self.literal(b"true")? || self.literal(b"false")? || self.literal(b"null")?) {
                    return Err(self.invalid());
                }
            }
        }
        Ok(())
    }

    /// A record object.
    fn record(&mut self) -> Result<JsonFields<'a>, Error> {
        let start = self.pos;
        self.expect(b'{')?;
        let mut f = Fields::new(start);
        if self.peek()? == b'}' {
            self.pos += 1;
            return Ok(f);
        }
        let mut seen = 0u32;
        loop {
            let key_at = self.pos;
            let key = self.string()?;
            let l = match label::from_name(key.as_bytes()) {
                Some(l) => l,
                None if key.ends_with('_') => {
                    return Err(at(ErrorKind::UnknownMandatoryLabel, key_at))
                }
                None => label::UNKNOWN,
            };
            label::check(
                l,
                &mut seen,
                f.value.is_some(),
                key_at,
                ErrorKind::InvalidJson,
            )?;
            self.expect(b':')?;
            self.peek()?;
            let v = self.pos;
            let name = |s: Cow<'a, str>| match s {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            };
            match l {
                label::N => f.n = Some(name(self.string()?)),
                label::BN => f.bn = Some(name(self.string()?)),
                label::V => f.value = Some((Raw::Number(self.number()?), v)),
                label::VS => f.value = Some((Raw::Text(self.string()?), v)),
                label::VLO => f.value = Some((Raw::ObjLnk(self.string()?), v)),
                label::VB => f.value = Some((Raw::Bool(self.boolean()?), v)),
                label::VD => {
                    let text = self.string()?;
                    let data = base64url(text.as_bytes()).ok_or(at(ErrorKind::InvalidBase64, v))?;
                    f.value = Some((Raw::Data(data), v));
                }
                label::T => f.t = Some(self.number()?),
                label::BT => f.bt = Some(self.number()?),
                label::BV => f.bv = Some(self.number()?),
                label::U => f.u = Some(self.string()?),
                label::BU => f.bu = Some(self.string()?),
                label::S | label::BS => {
                    self.number()?;
                    f.s |= l == label::S;
                    f.bs |= l == label::BS;
                }
                label::BVER => match self.number()?.int() {
                    Some(x) if x > i128::from(MAX_VERSION) => {
                        return Err(at(ErrorKind::UnsupportedVersion, v))
                    }
                    Some(x) if x >= 0 => {}
                    _ => return Err(at(ErrorKind::InvalidJson, v)),
                },
                _ => self.skip(0)?,
            }
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(f);
                }
                _ => return Err(self.invalid()),
            }
        }
    }
}

/// The text of a string with escapes (`text` starts at byte `start` of the input).
fn unescape(text: &str, start: usize) -> Result<String, Error> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\\') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let esc_at = start + (text.len() - rest.len()) + i;
        let bad = at(ErrorKind::InvalidJson, esc_at);
        let tail = rest.get(i + 1..).unwrap_or("");
        let mut chars = tail.chars();
        let c = match chars.next().ok_or(bad)? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let unit = |s: &str| {
                    s.get(..4)
                        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                let hi = unit(tail.get(1..).unwrap_or("")).ok_or(bad)?;
                let (code, used) = if (0xd800..0xdc00).contains(&hi) {
                    let lo = tail
                        .get(5..7)
                        .filter(|s| *s == "\\u")
                        .and_then(|_| unit(tail.get(7..).unwrap_or("")))
                        .filter(|lo| (0xdc00..0xe000).contains(lo))
                        .ok_or(bad)?;
                    (0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00), 11)
                } else {
                    (hi, 5)
                };
                let c = char::from_u32(code).ok_or(bad)?;
                out.push(c);
                rest = tail.get(used..).unwrap_or("");
                continue;
            }
            _ => return Err(bad),
        };
        out.push(c);
        rest = chars.as_str();
    }
    out.push_str(rest);
    Ok(out)
}

/// Decodes base64url, padded or not; `None` for anything else (including non-zero bits after the last byte).
pub(crate) fn base64url(text: &[u8]) -> Option<Vec<u8>> {
    let body = text
        .strip_suffix(b"==")
        .or_else(|| text.strip_suffix(b"="))
        .unwrap_or(text);
    if (body.len() != text.len() && text.len() % 4 != 0) || body.len() % 4 == 1 {
        return None;
    }
    let sextet = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    for chunk in body.chunks(4) {
        let mut acc = 0u32;
        for &c in chunk {
            acc = acc << 6 | sextet(c)?;
        }
        let bytes = chunk.len() * 6 / 8;
        let spare = chunk.len() * 6 - bytes * 8;
        if acc & ((1 << spare) - 1) != 0 {
            return None;
        }
        let word = (acc >> spare).to_be_bytes();
        out.extend_from_slice(word.get(4 - bytes..)?);
    }
    Some(out)
}

/// Decodes a SenML-JSON pack into owned records (strings with escapes and base64 data are not in the input as
/// such, so nothing is borrowed).
///
/// The rules are those of [`decode`](super::decode): base fields, names as LwM2M paths, Read-Composite packs,
/// `request`, duplicates, model types. `vd` is base64url, padded or not. An integer literal is exact up to ±2^64;
/// other numbers are doubles. Link a record to its model definition with [`OwnedRecord::as_record_in`].
///
/// # Errors
/// The first problem in input order with its byte offset: `INVALID_JSON` (not JSON, or a field of the wrong JSON
/// kind), `UNEXPECTED_END`, `TRAILING_DATA`, `INVALID_UTF8`, `INVALID_BASE64`, and the SenML and model errors of
/// [`decode`](super::decode).
pub fn decode_owned<M: Model + ?Sized>(
    input: &[u8],
    request: Option<&Path>,
    model: &M,
) -> Result<Vec<OwnedRecord>, Error> {
    let mut pack = JsonPack::new(input)?;
    let mut resolver: Resolver<'_, M, Cow<'_, [u8]>, Cow<'_, str>> = Resolver::new(model, request);
    let mut out: Vec<OwnedRecord> = Vec::new();
    // Each record's offset, for the duplicate check.
    let mut starts: Vec<usize> = Vec::new();
    let read = read_json(&mut pack, &mut resolver, &mut out, &mut starts);
    // Records that may repeat an earlier one were kept: the earliest that does comes before the pass's end or error.
    let earlier = out.iter().zip(&starts).map(|(r, &at)| (r.path, r.time, at));
    match resolver.first_repeat(earlier) {
        Some(at) => Err(Error::new(ErrorKind::DuplicateId, at)),
        None => read.map(|()| out),
    }
}

/// The validating pass of [`decode_owned`]: every record into `out`, its offset into `starts`.
fn read_json<'a, M: Model + ?Sized>(
    pack: &mut JsonPack<'a>,
    resolver: &mut Resolver<'_, M, Cow<'a, [u8]>, Cow<'a, str>>,
    out: &mut Vec<OwnedRecord>,
    starts: &mut Vec<usize>,
) -> Result<(), Error> {
    while let Some(fields) = pack.next_fields()? {
        let s = resolver.step(fields)?;
        let value = match &s.value {
            Some((raw, v)) => typed(raw.view(), s.def.map(|d| d.data_type()), *v)?,
            None => Value::None,
        };
        if s.maybe_duplicate {
            resolver.keep(&s.path, s.time, s.start);
        }
        out.push(OwnedRecord::from_record(&Record {
            path: s.path,
            value,
            resource: None,
            time: s.time,
        }));
        starts.push(s.start);
    }
    Ok(())
}
