//! Parquet rows (the long table of `table.rs`, typed), written in row groups of [`BATCH`] rows through the `arrow`
//! and `parquet` crates, Snappy-compressed.

use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder,
    TimestampNanosecondBuilder, UInt16Builder, UInt32Builder, UInt64Builder, UInt8Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use ucifi_codec::{Error, Record};

use super::table::{Cell, COLUMNS};
use super::{FrameInfo, Sink};

/// Rows per record batch.
const BATCH: usize = 65_536;

/// The column types, in the order of [`COLUMNS`].
fn schema() -> SchemaRef {
    use DataType::*;
    let types = [
        UInt64,
        Utf8,
        Utf8,
        Utf8,
        Timestamp(TimeUnit::Nanosecond, Some("UTC".into())),
        UInt8,
        UInt32,
        Utf8,
        UInt16,
        UInt16,
        UInt16,
        UInt16,
        Utf8,
        Utf8,
        Utf8,
        Int64,
        UInt64,
        Float64,
        Boolean,
        Utf8,
        Binary,
        Float64,
        Utf8,
        Int64,
    ];
    let fields: Vec<Field> = COLUMNS
        .iter()
        .zip(types)
        .map(|(name, t)| Field::new(*name, t, *name != "frame"))
        .collect();
    Arc::new(Schema::new(fields))
}

/// One builder per column.
#[derive(Default)]
struct Columns {
    frame: UInt64Builder,
    device_id: StringBuilder,
    dev_eui: StringBuilder,
    device_name: StringBuilder,
    received_at: TimestampNanosecondBuilder,
    fport: UInt8Builder,
    f_cnt: UInt32Builder,
    path: StringBuilder,
    ids: [UInt16Builder; 4],
    name: StringBuilder,
    unit: StringBuilder,
    data_type: StringBuilder,
    value_int: Int64Builder,
    value_uint: UInt64Builder,
    value_float: Float64Builder,
    value_bool: BooleanBuilder,
    value_str: StringBuilder,
    value_bytes: BinaryBuilder,
    time: Float64Builder,
    error_kind: StringBuilder,
    error_offset: Int64Builder,
    /// Scratch for the path text.
    path_text: String,
}

impl Columns {
    fn uplink(&mut self, frame: &FrameInfo<'_>) {
        let up = frame.uplink;
        self.frame.append_value(frame.frame);
        self.device_id
            .append_option(up.and_then(|u| u.device_id.as_deref()));
        self.dev_eui
            .append_option(up.and_then(|u| u.dev_eui.as_deref()));
        self.device_name
            .append_option(up.and_then(|u| u.device_name.as_deref()));
        self.received_at
            .append_option(up.and_then(|u| u.received_at_ns()));
        self.fport
            .append_option(up.and_then(|u| u8::try_from(u.fport).ok()));
        self.f_cnt
            .append_option(up.and_then(|u| u32::try_from(u.f_cnt).ok()));
    }

    fn record(&mut self, record: &Record<'_>) {
        self.path_text.clear();
        let _ = write!(self.path_text, "{}", record.path);
        self.path.append_value(&self.path_text);
        for (level, ids) in self.ids.iter_mut().enumerate() {
            ids.append_option((level < record.path.len()).then(|| record.path.id(level)));
        }
        self.name.append_option(record.name());
        self.unit.append_option(record.unit());
        self.data_type.append_value(record.value.data_type().name());
        let cell = Cell::of(&record.value);
        self.value_int.append_option(match cell {
            Cell::Int(x) => Some(x),
            _ => None,
        });
        self.value_uint.append_option(match cell {
            Cell::Uint(x) => Some(x),
            _ => None,
        });
        self.value_float.append_option(match cell {
            Cell::Float(x) => Some(x),
            _ => None,
        });
        self.value_bool.append_option(match cell {
            Cell::Bool(b) => Some(b),
            _ => None,
        });
        match cell {
            Cell::Str(s) => self.value_str.append_value(s),
            Cell::Link(o, i) => self.value_str.append_value(format!("{o}:{i}")),
            _ => self.value_str.append_null(),
        }
        self.value_bytes.append_option(match cell {
            Cell::Bytes(b) => Some(b),
            _ => None,
        });
        self.time.append_option(record.time);
        self.error_kind.append_null();
        self.error_offset.append_null();
    }

    fn error(&mut self, error: Error) {
        self.path.append_null();
        self.ids.iter_mut().for_each(UInt16Builder::append_null);
        self.name.append_null();
        self.unit.append_null();
        self.data_type.append_null();
        self.value_int.append_null();
        self.value_uint.append_null();
        self.value_float.append_null();
        self.value_bool.append_null();
        self.value_str.append_null();
        self.value_bytes.append_null();
        self.time.append_null();
        self.error_kind.append_value(error.kind().name());
        self.error_offset
            .append_value(i64::try_from(error.offset()).unwrap_or(i64::MAX));
    }

    /// The built arrays, in column order; the builders start over.
    fn finish(&mut self) -> Vec<ArrayRef> {
        let [a, b, c, d] = &mut self.ids;
        vec![
            Arc::new(self.frame.finish()),
            Arc::new(self.device_id.finish()),
            Arc::new(self.dev_eui.finish()),
            Arc::new(self.device_name.finish()),
            Arc::new(self.received_at.finish().with_timezone("UTC")),
            Arc::new(self.fport.finish()),
            Arc::new(self.f_cnt.finish()),
            Arc::new(self.path.finish()),
            Arc::new(a.finish()),
            Arc::new(b.finish()),
            Arc::new(c.finish()),
            Arc::new(d.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.data_type.finish()),
            Arc::new(self.value_int.finish()),
            Arc::new(self.value_uint.finish()),
            Arc::new(self.value_float.finish()),
            Arc::new(self.value_bool.finish()),
            Arc::new(self.value_str.finish()),
            Arc::new(self.value_bytes.finish()),
            Arc::new(self.time.finish()),
            Arc::new(self.error_kind.finish()),
            Arc::new(self.error_offset.finish()),
        ]
    }
}

/// Parquet rows into a file.
pub struct ParquetSink {
    writer: ArrowWriter<std::fs::File>,
    schema: SchemaRef,
    columns: Columns,
    rows: usize,
}

fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

impl ParquetSink {
    /// A Parquet file of the long table.
    pub fn new(file: std::fs::File) -> io::Result<ParquetSink> {
        let schema = schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer =
            ArrowWriter::try_new(file, Arc::clone(&schema), Some(props)).map_err(io_error)?;
        Ok(ParquetSink {
            writer,
            schema,
            columns: Columns::default(),
            rows: 0,
        })
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), self.columns.finish())
            .map_err(io_error)?;
        self.rows = 0;
        self.writer.write(&batch).map_err(io_error)
    }

    fn row_done(&mut self) -> io::Result<()> {
        self.rows += 1;
        if self.rows >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }
}

impl Sink for ParquetSink {
    fn record(&mut self, frame: &FrameInfo<'_>, record: &Record<'_>) -> io::Result<()> {
        self.columns.uplink(frame);
        self.columns.record(record);
        self.row_done()
    }

    fn error(&mut self, frame: &FrameInfo<'_>, error: Error) -> io::Result<()> {
        self.columns.uplink(frame);
        self.columns.error(error);
        self.row_done()
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.flush_batch()?;
        self.writer.close().map(drop).map_err(io_error)
    }
}
