//! A child process fed on its standard input (the CLI suites run the `ucifi` binary).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `bin` with `args` and `stdin` on its standard input; its exit status and output. A program that exits
/// before reading its input (it rejected the arguments) is not an error here: the closed pipe is ignored.
///
/// # Errors
/// A text naming the step that failed: spawning the process, writing its input or waiting for it.
pub fn run_with_stdin(bin: &str, args: &[String], stdin: &[u8]) -> Result<Output, String> {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    let mut pipe = child.stdin.take().ok_or("no stdin pipe")?;
    let written = pipe.write_all(stdin);
    drop(pipe); // end of input for the child
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(format!("stdin: {e}")),
        _ => {}
    }
    child.wait_with_output().map_err(|e| format!("wait: {e}"))
}
