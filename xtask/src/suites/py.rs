//! The Python suite, as a user installs the package: `maturin build` makes the abi3 wheel and the sdist (profile
//! py-release), then a fresh venv whose PATH has no cargo or rustc installs the wheel file and runs pytest (every
//! vectors/ case, batches, readers, pandas helpers, Dask) and mypy's stubtest (the .pyi files match the runtime).
//!
//! `PYTHON=python3.x` picks the interpreter; `PIP_FIND_LINKS` may point at local wheels; `UCIFI_PY_KEEP_VENV=1`
//! keeps the venvs and prints their paths. Arguments after `--` go to pytest.

use std::path::{Path, PathBuf};

use crate::run::{files_ending, step, Cmd, Result};
use crate::tools::{pins, Machine};

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Python's venv module (python3-venv on Debian, whose venv lacks ensurepip without it).
pub fn prepare(m: &mut Machine) -> Result {
    let probe = std::env::temp_dir().join(format!("xtask-venv-probe-{}", std::process::id()));
    let ok = Cmd::new(python())
        .args(["-m", "venv"])
        .arg(&probe)
        .quiet()
        .succeeds();
    let _ = std::fs::remove_dir_all(&probe);
    if !ok {
        m.apt_install(&["python3-venv"], false)?;
    }
    Ok(())
}

/// A folder that is removed when dropped (unless kept).
struct Work {
    dir: PathBuf,
    keep: bool,
}

impl Drop for Work {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Runs the suite.
pub fn run(m: &mut Machine, pytest_args: &[String]) -> Result {
    step(
        "Python: fresh venv, pip install ./bindings/python (abi3 wheel via maturin), every vectors/ case, Arrow \
         batches, TTS/ChirpStack readers, Dask, stubtest",
    );
    let here = m.path("bindings/python");
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let work = Work {
        dir: std::env::temp_dir().join(format!("ucifi-py-{}-{stamp}", std::process::id())),
        keep: std::env::var("UCIFI_PY_KEEP_VENV").is_ok_and(|v| v == "1"),
    };
    let w = |rel: &str| work.dir.join(rel);
    if work.keep {
        println!("venvs: {} {}", w("build").display(), w("test").display());
    }

    let version = Cmd::new(python()).arg("--version").quiet().probe().1;
    step(&format!(
        "maturin build: abi3 wheel and sdist ({})",
        version.trim()
    ));
    Cmd::new(python())
        .args(["-m", "venv"])
        .arg(w("build"))
        .run()?;
    let maturin = m.maturin_requirement()?;
    Cmd::new(w("build/bin/python"))
        .args(["-m", "pip", "install", "-q"])
        .arg(maturin)
        .run()?;
    Cmd::new(w("build/bin/maturin"))
        .args(["build", "-q", "--profile", "py-release", "--out"])
        .arg(w("dist"))
        .dir(&here)
        .run()?;
    Cmd::new(w("build/bin/maturin"))
        .args(["sdist", "--out"])
        .arg(w("dist"))
        .dir(&here)
        .run()?;
    let dist = files_ending(&w("dist"), "")?;
    for file in &dist {
        println!(
            "{}",
            file.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
    }
    let named = |pred: &dyn Fn(&str) -> bool| {
        dist.iter()
            .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(pred))
            .cloned()
    };
    let wheel = named(&|n| {
        n.starts_with("ucifi_codec-") && n.contains("-cp39-abi3-") && n.ends_with(".whl")
    })
    .ok_or("maturin made no ucifi_codec-*-cp39-abi3-*.whl")?;
    named(&|n| n.starts_with("ucifi_codec-") && n.ends_with(".tar.gz"))
        .ok_or("maturin made no sdist")?;

    step("a venv without Rust installs the wheel");
    Cmd::new(python())
        .args(["-m", "venv"])
        .arg(w("test"))
        .run()?;
    // Only the venv on PATH: no cargo, no rustc, so nothing can be built from source.
    let bin = w("test/bin");
    if ["cargo", "rustc"].iter().any(|t| bin.join(t).exists()) {
        return Err("cargo or rustc still on PATH".to_owned());
    }
    let py = |dir: &Path| Cmd::new(bin.join("python")).env("PATH", &bin).dir(dir);
    let root = m.root.clone();
    py(&root)
        .args(["-m", "pip", "install", "-q", "--prefer-binary"])
        .arg(&wheel)
        .args(pins::PY_TEST)
        .run()?;
    py(&root)
        .arg("-c")
        .arg("import ucifi_codec as uc; print('ucifi_codec', uc.__version__, 'formats:', ' '.join(uc.formats()))")
        .run()?;

    step("pytest");
    py(&here)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .args(pytest_args)
        .arg("tests")
        .run()?;

    step("stubtest (the .pyi files match the runtime)");
    py(&work.dir)
        .args(["-m", "mypy.stubtest", "ucifi_codec", "--allowlist"])
        .arg(here.join("stubtest-allowlist.txt"))
        .run()?;
    println!("\npython bindings: all tests passed");
    Ok(())
}
