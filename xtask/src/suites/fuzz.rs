//! The fuzz smoke run: seeds the corpus from vectors/ (`fuzz/seed-corpus.sh`), builds every target once, runs each
//! for `FUZZ_SECONDS` (default 10) and fails on any crash, leak, timeout or out-of-memory (libFuzzer's exit code;
//! the crashing input lands in fuzz/artifacts/<target>/). Arguments after `--` name the targets (default: all).
//!
//! Every target runs in two builds: the host build (the default features, the core's speed paths `tlv-fast` and
//! `senml-fast`) and the size-first build (`--no-default-features`): the code firmware links, the C API's own TLV
//! among it. Both go to `fuzz/target` one after the other (the dependencies, libFuzzer's among them, are built once). Each build's crashing inputs are named after it (`artifacts/<target>/host-…`,
//! `size-first-…`).
//!
//! Toolchain: `cargo +nightly fuzz` when a nightly toolchain is installed, else stable with RUSTC_BOOTSTRAP=1
//! (cargo-fuzz passes -Zsanitizer=address; both work). The targets run with a small stack, `FUZZ_STACK_KB` (default
//! 128; `ulimit -s`), so that recursion per input byte (a stack overflow on a firmware-sized stack) is a crash here
//! too; the binaries are run directly, since cargo itself does not run on such a stack.

use crate::run::{step, Cmd, Result};
use crate::tools::Machine;

fn env_or(key: &str, default: &str) -> String {
    std::env::var(key)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

/// Runs the smoke run over `targets` (all when empty).
pub fn smoke(m: &mut Machine, targets: &[String]) -> Result {
    step("fuzz smoke: every decoder, the round trips and the C API, seeded from vectors/, on a 128 KB stack");
    let seconds = env_or("FUZZ_SECONDS", "10");
    let stack_kb = env_or("FUZZ_STACK_KB", "128");
    let dir = m.path("fuzz");
    let fuzz = |args: &[&str]| {
        let cmd = if m.has_nightly() {
            Cmd::new("cargo").args(["+nightly", "fuzz"])
        } else {
            Cmd::new("cargo").env("RUSTC_BOOTSTRAP", "1").arg("fuzz")
        };
        cmd.args(args).dir(&dir)
    };
    Cmd::new("bash").arg("seed-corpus.sh").dir(&dir).run()?;
    let targets: Vec<String> = if targets.is_empty() {
        fuzz(&["list"])
            .quiet()
            .read()?
            .lines()
            .map(str::to_owned)
            .filter(|t| !t.is_empty())
            .collect()
    } else {
        targets.to_vec()
    };
    for t in &targets {
        for sub in ["corpus", "artifacts"] {
            let d = dir.join(sub).join(t);
            std::fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
    }
    let host = m.host()?;
    let mut failed = Vec::new();
    // (name, extra `cargo fuzz build` arguments)
    let builds: [(&str, &[&str]); 2] = [("host", &[]), ("size-first", &["--no-default-features"])];
    let bin = dir.join("target").join(&host).join("release");
    for (build, args) in builds {
        println!("\n==> fuzz: the {build} build");
        let mut cmd = vec!["build"];
        cmd.extend_from_slice(args);
        fuzz(&cmd).run()?;
        for t in &targets {
            let (ok, log) = Cmd::new("sh")
                .arg("-c")
                .arg("ulimit -s \"$0\" && exec \"$@\"")
                .arg(&stack_kb)
                .arg(bin.join(t))
                .arg(format!("corpus/{t}"))
                .arg(format!("-artifact_prefix=artifacts/{t}/{build}-"))
                .arg(format!("-max_total_time={seconds}"))
                .args(["-timeout=5", "-print_final_stats=1"])
                .env("ASAN_OPTIONS", "detect_odr_violation=0")
                .dir(&dir)
                .quiet()
                .probe();
            if ok {
                println!(
                    "smoke: {build}: {t}: ok ({})",
                    done_stats(&log).unwrap_or_else(|| "no stats".to_owned())
                );
            } else {
                eprintln!("smoke: {build}: {t}: FAILED; log tail:");
                let lines: Vec<&str> = log.lines().collect();
                for line in &lines[lines.len().saturating_sub(40)..] {
                    eprintln!("{line}");
                }
                failed.push(format!("{t} ({build} build)"));
            }
        }
    }
    if !failed.is_empty() {
        return Err(format!(
            "smoke: crashes in: {} (inputs in fuzz/artifacts/<target>/; reproduce with: cargo fuzz build [--no-default-features], then (ulimit -s {stack_kb}; {}/<target> <file>))",
            failed.join(", "),
            bin.display()
        ));
    }
    println!(
        "smoke: all {} targets ran {seconds} s each in both builds without a crash",
        targets.len()
    );
    Ok(())
}

/// libFuzzer's last `#N DONE ...` line as `N runs, ...`.
fn done_stats(log: &str) -> Option<String> {
    log.lines().rev().find_map(|line| {
        let rest = line.strip_prefix('#')?;
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let (runs, tail) = rest.split_at(digits);
        let stats = tail.trim_start().strip_prefix("DONE")?;
        (!runs.is_empty()).then(|| format!("{runs} runs, {}", stats.trim_start()))
    })
}

#[cfg(test)]
mod tests {
    use super::done_stats;

    #[test]
    fn done_stats_reads_the_last_done_line() {
        let log = "#2\tINITED cov: 10\n#100\tDONE   cov: 12 ft: 30 exec/s: 50\nDone 100 runs in 2 second(s)\n";
        assert_eq!(
            done_stats(log).as_deref(),
            Some("100 runs, cov: 12 ft: 30 exec/s: 50")
        );
        assert_eq!(done_stats("#5\tNEW cov: 1\n"), None);
    }
}
