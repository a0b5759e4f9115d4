//! The long table of a bulk decode (CSV and Parquet share its columns, which are those of the Python readers):
//! `frame device_id dev_eui device_name received_at fport f_cnt path object instance resource resource_instance name
//! unit type value_int value_uint value_float value_bool value_str value_bytes time error_kind error_offset`.
//! One value column is set per record: integer and time in `value_int`, unsigned in `value_uint`, float, boolean,
//! string / corelnk / objlnk (`"3:0"`) in `value_str`, opaque in `value_bytes` (hex in CSV); an error row sets only
//! the uplink's columns and `error_kind`, `error_offset`.

use std::fmt::Write as _;
use std::io;

use ucifi_codec::{Error, Record, Value};

use super::{FrameInfo, Sink};

/// The column names, in order.
pub const COLUMNS: [&str; 24] = [
    "frame",
    "device_id",
    "dev_eui",
    "device_name",
    "received_at",
    "fport",
    "f_cnt",
    "path",
    "object",
    "instance",
    "resource",
    "resource_instance",
    "name",
    "unit",
    "type",
    "value_int",
    "value_uint",
    "value_float",
    "value_bool",
    "value_str",
    "value_bytes",
    "time",
    "error_kind",
    "error_offset",
];

/// The one value column a record sets.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// `value_int`: integer and time.
    Int(i64),
    /// `value_uint`.
    Uint(u64),
    /// `value_float`.
    Float(f64),
    /// `value_bool`.
    Bool(bool),
    /// `value_str`: string, corelnk.
    Str(&'a str),
    /// `value_str`: an object link, `"oid:iid"`.
    Link(u16, u16),
    /// `value_bytes`.
    Bytes(&'a [u8]),
    /// No value (an executable resource).
    Empty,
}

impl<'a> Cell<'a> {
    /// The cell of a value.
    pub fn of(value: &Value<'a>) -> Cell<'a> {
        match *value {
            Value::Integer(x) | Value::Time(x) => Cell::Int(x),
            Value::Unsigned(x) => Cell::Uint(x),
            Value::Float(x) => Cell::Float(x),
            Value::Boolean(b) => Cell::Bool(b),
            Value::String(s) | Value::CoreLnk(s) => Cell::Str(s),
            Value::ObjLnk(l) => Cell::Link(l.object, l.instance),
            Value::Opaque(b) => Cell::Bytes(b),
            Value::None => Cell::Empty,
        }
    }
}

/// CSV rows (RFC 4180, a header line first).
pub struct CsvSink {
    out: csv::Writer<std::fs::File>,
    fields: Vec<String>,
}

impl CsvSink {
    /// Rows into `file`, after the header line.
    pub fn new(file: std::fs::File) -> io::Result<CsvSink> {
        let mut out = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(file);
        out.write_record(COLUMNS)?;
        Ok(CsvSink {
            out,
            fields: vec![String::new(); COLUMNS.len()],
        })
    }

    /// Clears the fields and fills the uplink's columns.
    fn start(&mut self, frame: &FrameInfo<'_>) {
        self.fields.iter_mut().for_each(String::clear);
        let up = frame.uplink;
        let f = &mut self.fields;
        let _ = write!(f[0], "{}", frame.frame);
        if let Some(u) = up {
            for (field, text) in
                f[1..5]
                    .iter_mut()
                    .zip([&u.device_id, &u.dev_eui, &u.device_name, &u.received_at])
            {
                field.push_str(text.as_deref().unwrap_or(""));
            }
        }
        if let Some(u) = up {
            let _ = write!(f[5], "{}", u.fport);
            let _ = write!(f[6], "{}", u.f_cnt);
        }
    }
}

/// Float text as the record JSON writes it: shortest round-trip digits, non-finite values by name.
fn float_text(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
    } else {
        let _ = write!(out, "{x:?}");
    }
}

impl Sink for CsvSink {
    fn record(&mut self, frame: &FrameInfo<'_>, record: &Record<'_>) -> io::Result<()> {
        self.start(frame);
        let f = &mut self.fields;
        let _ = write!(f[7], "{}", record.path);
        for (level, column) in (8..12).enumerate() {
            if level < record.path.len() {
                let _ = write!(f[column], "{}", record.path.id(level));
            }
        }
        f[12].push_str(record.name().unwrap_or(""));
        f[13].push_str(record.unit().unwrap_or(""));
        f[14].push_str(record.value.data_type().name());
        match Cell::of(&record.value) {
            Cell::Int(x) => drop(write!(f[15], "{x}")),
            Cell::Uint(x) => drop(write!(f[16], "{x}")),
            Cell::Float(x) => float_text(&mut f[17], x),
            Cell::Bool(b) => f[18].push_str(if b { "true" } else { "false" }),
            Cell::Str(s) => f[19].push_str(s),
            Cell::Link(o, i) => drop(write!(f[19], "{o}:{i}")),
            Cell::Bytes(b) => f[20].push_str(&hex::encode(b)),
            Cell::Empty => {}
        }
        if let Some(t) = record.time {
            float_text(&mut f[21], t);
        }
        self.out.write_record(&self.fields)?;
        Ok(())
    }

    fn error(&mut self, frame: &FrameInfo<'_>, error: Error) -> io::Result<()> {
        self.start(frame);
        self.fields[22].push_str(error.kind().name());
        let _ = write!(self.fields[23], "{}", error.offset());
        self.out.write_record(&self.fields)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}
