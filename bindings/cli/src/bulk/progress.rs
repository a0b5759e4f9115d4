//! The input of a bulk decode, and a progress bar over it when stderr is a terminal.
//!
//! The bar counts the bytes read from the file (compressed bytes for a `.gz`) against its size; stdin has no size,
//! so it shows a spinner with the message count. Off a terminal nothing is drawn.

use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Counts the bytes that pass through.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The progress display of one run.
pub struct Progress {
    bar: Option<ProgressBar>,
    read: Arc<AtomicU64>,
}

/// Messages between two updates of the bar.
const EVERY: u64 = 4096;

impl Progress {
    /// Called with each message number; redraws now and then.
    pub fn tick(&self, message: u64) {
        if message % EVERY == 0 {
            if let Some(bar) = &self.bar {
                bar.set_position(self.read.load(Ordering::Relaxed));
                bar.set_message(format!("{message} messages"));
            }
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// True when a bar is drawn (stderr is a terminal).
    pub fn visible(&self) -> bool {
        self.bar.is_some()
    }
}

/// Opens the export (`-`: stdin), gzip or not, with its progress display.
pub fn open(path: &Path) -> io::Result<(Box<dyn BufRead>, Progress)> {
    let read = Arc::new(AtomicU64::new(0));
    let terminal = io::stderr().is_terminal();
    let (raw, size): (Box<dyn Read>, Option<u64>) = if path.as_os_str() == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let file = std::fs::File::open(path)?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let counting = Counting {
        inner: raw,
        read: Arc::clone(&read),
    };
    let input = ucifi_exports::decompressed(BufReader::with_capacity(1 << 16, counting))?;
    let bar = terminal.then(|| {
        let bar = match size {
            Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg} (eta {eta})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    });
    Ok((input, Progress { bar, read }))
}
