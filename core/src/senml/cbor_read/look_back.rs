//! The look-back of the SenML-CBOR reader without `alloc`: for a record the duplicate screen flagged, whether an
//! earlier record has its path and time, read in frames beside the validating pass (bindings/c/SIZE.md).

use super::items::{at_break, head, number, skip};
use super::map::{key, short_name};
use super::Walker;
use crate::cbor::Number;
use crate::error::Error;
use crate::registry::Model;
use crate::senml::fields::{add, label, to_f64};
use crate::senml::name::NameState;
use crate::value::Record;

impl<M: Model + ?Sized> Walker<'_, M> {
    /// True if a record before the one at `start` has the path and time of `record` (a second walk; only after a
    /// screen hit).
    /// The records before `start` were read and checked already: only their `bn`, `n`, `bt` and `t` are read here
    /// (every other field stepped over), and their names and times worked out as [`Walker::read`] works them out,
    /// without a second walker, a record's whole field set or a full read on the stack.
    #[cold]
    #[inline(never)]
    pub(super) fn earlier(&self, start: usize, record: &Record<'_>) -> bool {
        let buf = self.buf;
        let mut pos = 0;
        if head(buf, &mut pos).is_err() {
            return false;
        }
        let mut f = LookBack {
            prefix: NameState::EMPTY,
            bt: None,
            n: None,
            t: None,
        };
        while pos < start {
            let Ok(h) = head(buf, &mut pos) else {
                return false;
            };
            let (indefinite, mut left) = (h.ai == 31, h.arg);
            (f.n, f.t) = (None, None);
            loop {
                if indefinite {
                    if at_break(buf, &mut pos) {
                        break;
                    }
                } else if left == 0 {
                    break;
                } else {
                    left -= 1;
                }
                let Ok(l) = key(buf, &mut pos) else {
                    return false;
                };
                if f.field(buf, &mut pos, l).is_err() {
                    return false;
                }
            }
            match f.repeated(record) {
                Some(false) => {}
                Some(true) => return true,
                None => return false,
            }
        }
        false
    }
}

/// What [`Walker::earlier`] keeps of the records before a screen hit: the `bn` and `bt` in force, and the `n` and
/// `t` of the record being read.
struct LookBack<'a> {
    prefix: NameState,
    bt: Option<Number>,
    n: Option<&'a [u8]>,
    t: Option<Number>,
}

impl<'a> LookBack<'a> {
    /// Reads the value of the field labelled `l` at `*pos` if it is `bn`, `n`, `bt` or `t`, else steps over it. Out
    /// of line: the number reader runs under this small frame, beside the look-back's own work.
    #[inline(never)]
    fn field(&mut self, buf: &'a [u8], pos: &mut usize, l: i8) -> Result<(), Error> {
        match l {
            label::N => self.n = Some(short_name(buf, pos)?),
            label::BN => {
                self.prefix = NameState::EMPTY;
                self.prefix.feed(short_name(buf, pos)?);
            }
            label::T => self.t = Some(number(buf, pos)?),
            label::BT => self.bt = Some(number(buf, pos)?),
            _ => skip(buf, pos, 0)?,
        }
        Ok(())
    }

    /// Whether the record just read has the path and time of `record` (`None`: its name is not a path). Out of
    /// line, beside [`LookBack::field`]: the name, the path and the time are not in the look-back's frame.
    #[inline(never)]
    fn repeated(&self, record: &Record<'_>) -> Option<bool> {
        let mut name = self.prefix;
        if let Some(n) = self.n {
            name.feed(n);
        }
        let (p, _) = name.finish()?;
        let t = match (self.bt, self.t) {
            (None, None) => None,
            (bt, t) => add(bt, t).map(to_f64),
        };
        Some(p == record.path && t == record.time)
    }
}
