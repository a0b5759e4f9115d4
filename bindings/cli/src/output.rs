//! What the commands print on stdout.

/// Writes one line to stdout; a closed pipe (`ucifi objects | head`) ends output quietly instead of panicking.
pub fn emit(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
}

/// Writes a JSON value as one line (or pretty-printed).
pub fn print(value: &serde_json::Value, pretty: bool) {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    emit(&text.unwrap_or_default());
}
