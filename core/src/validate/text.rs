//! The report as text for people (feature `alloc`).

use alloc::format;
use alloc::string::String;
use core::fmt::Write as _;

use super::report::Report;

impl Report {
    /// The report as a few lines of text: verdict, summary, instances with the resources they carried, findings.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out);
        out
    }

    fn write_text(&self, out: &mut String) -> core::fmt::Result {
        let verdict = if self.conformant {
            "CONFORMANT"
        } else {
            "NOT CONFORMANT"
        };
        match &self.device {
            Some(d) => writeln!(out, "Device {d}: {verdict}")?,
            None => writeln!(out, "{verdict}")?,
        }
        let s = &self.summary;
        writeln!(
            out,
            "  {} frame{} ({} not decoded); findings: {} error{}, {} warning{}, {} info",
            self.frames,
            plural(self.frames),
            self.failed_frames,
            s.errors,
            plural(s.errors),
            s.warnings,
            plural(s.warnings),
            s.infos
        )?;
        if !self.instances.is_empty() {
            writeln!(out, "Object instances:")?;
        }
        for i in &self.instances {
            let name = match (&i.name, &i.version) {
                (Some(n), Some(v)) => format!(" {n} (version {v})"),
                _ => String::from(" (not in the model)"),
            };
            writeln!(
                out,
                "  {}{name}: {} frame{}, {} record{}",
                i.path,
                i.frames,
                plural(i.frames),
                i.records,
                plural(i.records)
            )?;
            for r in &i.resources {
                let unit = r
                    .unit
                    .as_deref()
                    .map(|u| format!(" [{u}]"))
                    .unwrap_or_default();
                let mandatory = if r.mandatory { ", mandatory" } else { "" };
                writeln!(
                    out,
                    "    {:>5} {}{unit} ({}{mandatory})",
                    r.id, r.name, r.data_type
                )?;
            }
        }
        if !self.findings.is_empty() {
            writeln!(out, "Findings:")?;
        }
        for f in &self.findings {
            let at = match (&f.path, &f.name) {
                (Some(p), Some(n)) => format!(" {p} {n}:"),
                (Some(p), None) => format!(" {p}:"),
                _ => String::from(":"),
            };
            let times = if f.count > 1 {
                format!(" ({} times, first in frame {})", f.count, f.frame)
            } else {
                format!(" (frame {})", f.frame)
            };
            writeln!(
                out,
                "  {:<7} {}{at} {}{times}",
                f.severity, f.check, f.message
            )?;
        }
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
