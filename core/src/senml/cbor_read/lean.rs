//! The size-first paths of the SenML-CBOR reader (without `senml-fast`: firmware builds): the record resolved in a
//! frame of its own and the two passes of `decode_each`, each laid out for a small decode stack (bindings/c/SIZE.md,
//! "SenML-CBOR's decode under 1 KB"). They give the same records and errors as the paths with `senml-fast`.

use super::items::at;
use super::map::CborFields;
use super::Walker;
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::senml::fields::{add, to_f64, typed, Raw};
use crate::value::{Record, Value};

impl<'a, M: Model + ?Sized> Walker<'a, M> {
    /// The record whose fields [`fields`] read: base fields taken into force, name, time and value resolved, the
    /// pack rules applied (with `validate`), the value typed. Out of line without `senml-fast`, so that its frame
    /// and the one reading the fields are not stacked (firmware decodes have a stack budget: bindings/c/SIZE.md).
    /// Each part is worked out straight into `out`: no second record, nor its parts, in this frame.
    #[inline(never)]
    pub(super) fn record(
        &mut self,
        validate: bool,
        f: &CborFields<'a>,
        out: &mut Record<'a>,
    ) -> Result<bool, Error> {
        let start = f.start;
        // Each part is worked out straight into `out` (no second record, nor its parts, in this frame).
        let key = self.base_and_name(f, &mut out.path)?;
        out.time = match (self.bt, f.t) {
            (None, None) => None,
            (bt, t) => add(bt, t).map(to_f64),
        };
        let maybe_duplicate = validate
            && self.pack.check(
                start,
                f.value.is_some(),
                f.s || self.bs,
                &out.path,
                key,
                out.time,
            )?;
        out.resource = self.pack.def(&out.path);
        out.value = match f.value {
            Some((raw, v)) => {
                // `v` is added to the `bv` in force.
                let raw = match raw {
                    Raw::Number(x) => Raw::Number(add(self.bv, Some(x)).unwrap_or(x)),
                    other => other,
                };
                typed(raw, out.resource.map(|d| d.data_type()), v)?
            }
            None => Value::None,
        };
        if maybe_duplicate && self.repeats(start, &out.path, out.time) {
            return Err(at(ErrorKind::DuplicateId, start));
        }
        Ok(true)
    }

    /// The validating pass of `decode_each` without `senml-fast`: the record count. Out of line, so that its frame
    /// is gone before the records are handed out (firmware decodes have a stack budget: bindings/c/SIZE.md).
    #[inline(never)]
    pub(super) fn count(
        input: &'a [u8],
        request: Option<&Path>,
        model: &'a M,
    ) -> Result<usize, Error> {
        let (pos, left) = Self::top(input)?;
        let mut walker = Self::over(input, pos, left, request, model);
        let mut r = Record::new(Path::object_path(0), Value::None);
        let mut n = 0usize;
        while walker.read_valid(&mut r)? {
            n += 1;
        }
        Ok(n)
    }

    /// The records of a pack [`Walker::count`] accepted, handed to `f`. A fresh walker rather than a copy kept
    /// across the validating pass, and out of line as [`Walker::count`] is: one walker on the stack at a time.
    #[inline(never)]
    pub(super) fn hand_out<F: FnMut(Record<'a>)>(
        input: &'a [u8],
        request: Option<&Path>,
        model: &'a M,
        f: &mut F,
    ) -> Result<(), Error> {
        let (pos, left) = Self::top(input)?;
        let mut walker = Self::over(input, pos, left, request, model);
        let mut r = Record::new(Path::object_path(0), Value::None);
        while let Ok(true) = walker.read(false, &mut r) {
            f(r);
        }
        Ok(())
    }
}
