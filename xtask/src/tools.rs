//! The bootstrap: what the suites and generators need that a fresh machine may lack, installed the same way for
//! every suite, and the one list of pinned tool versions.
//!
//! Every install is skipped when the tool is already there, so a suite can ask for what it needs each time. Routes:
//! the Rust targets come from rustup (within five minutes); where rustup cannot download, Debian's `rustc-web`
//! builds `core` (and for wasm32 `std`) from source with `-Zbuild-std`, and the steps that need the rustup targets
//! (lints for wasm32, the firmware under QEMU, the size report and gates) say that they are skipped.
//!
//! There is no `rust-toolchain.toml`, on purpose: a pinned channel makes rustup refuse to run cargo at all on a
//! machine that lacks that toolchain and cannot download it (rustup 1.29: "toolchain '1.94.0-…' is not installed",
//! no fallback), and `channel = "stable"` pins nothing while failing the same way where the one toolchain has another
//! name; the targets and components such a file would list are not installed by rustup on use either. The targets
//! and components are listed here ([`pins`]) and installed with a time limit and the Debian fallback.

use std::path::PathBuf;

use crate::run::{have, is_executable, read_text, Cmd, Result};

/// Pinned tools, the one place that names their versions. Three come from the file that already pins them, read
/// there: npm packages from each package's `package-lock.json` (`npm ci`); `wasm-bindgen-cli`, which must equal the
/// `wasm-bindgen` crate of `Cargo.lock` (`bindings/wasm/Cargo.toml` pins that with `=`); maturin, the build-system
/// requirement of `bindings/python/pyproject.toml`.
pub mod pins {
    /// cbindgen, which writes `bindings/c/include/ucifi.h` (its output differs between releases; the header's first
    /// line, set in `bindings/c/cbindgen.toml`, names this version).
    pub const CBINDGEN: &str = "0.29.4";
    /// cargo-fuzz, for the fuzz smoke run.
    pub const CARGO_FUZZ: &str = "0.13.2";
    /// cbor2, in the venv of the vectors' Python checkers: its well-formedness verdicts are compared with ours.
    pub const CBOR2: &str = "6.3.0";
    /// What the Python package's tests install beside the wheel (the newest releases: the package supports them).
    pub const PY_TEST: &[&str] = &[
        "pytest",
        "mypy",
        "pyarrow",
        "pandas",
        "dask[dataframe,distributed]",
        "cbor2",
    ];
    /// Rust targets beyond the host: Cortex-M4F and Cortex-M0 (no_std builds, firmware, size), and WebAssembly.
    pub const THUMB_TARGETS: &[&str] = &["thumbv7em-none-eabihf", "thumbv6m-none-eabi"];
    /// The WebAssembly target of the npm package.
    pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
    /// Debian's Rust for the route without rustup downloads (`-Zbuild-std` needs the library sources; cargo-web
    /// is only recommended by rustc-web, so it is named).
    pub const DEBIAN_RUST: &[&str] = &["rustc-web", "cargo-web", "rust-web-src", "rust-web-llvm"];
    /// The linker Debian's route needs for wasm32.
    pub const DEBIAN_WASM_LINKER: &str = "lld-22";
}

/// Where the Rust targets come from on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `rustup target add` worked: the normal cargo builds for the target.
    Rustup,
    /// No rustup download: Debian's rustc-web with `RUSTC_BOOTSTRAP=1` and `-Zbuild-std`, into `target-deb/`.
    Debian,
}

/// The machine being prepared: whether root, what was already installed during this run.
pub struct Machine {
    /// The repository's root.
    pub root: PathBuf,
    sudo: bool,
    apt_updated: bool,
    components_added: bool,
    thumb: Option<Route>,
    wasm: Option<Route>,
    npm_done: Vec<PathBuf>,
    venv: Option<PathBuf>,
}

impl Machine {
    /// A machine with nothing checked yet; `sudo` is used for apt unless running as root.
    pub fn new(root: PathBuf) -> Self {
        let (ok, uid) = Cmd::new("id").arg("-u").quiet().probe();
        let sudo = !(ok && uid.trim() == "0");
        Self {
            root,
            sudo,
            apt_updated: false,
            components_added: false,
            thumb: None,
            wasm: None,
            npm_done: Vec::new(),
            venv: None,
        }
    }

    /// A path under the repository's root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn apt(&self, args: &[&str]) -> Cmd {
        if self.sudo {
            Cmd::new("sudo").arg("apt-get").args(args)
        } else {
            Cmd::new("apt-get").args(args)
        }
    }

    /// Installs Debian packages (`apt-get update` once per run first).
    pub fn apt_install(&mut self, packages: &[&str], no_recommends: bool) -> Result {
        if !self.apt_updated {
            self.apt(&["update", "-qq"]).run()?;
            self.apt_updated = true;
        }
        let mut args = vec!["install", "-y", "-qq"];
        if no_recommends {
            args.push("--no-install-recommends");
        }
        args.extend_from_slice(packages);
        self.apt(&args).run_silent()
    }

    /// Installs `packages` when one of `commands` is missing.
    pub fn need(&mut self, commands: &[&str], packages: &[&str], no_recommends: bool) -> Result {
        if commands.iter().all(|c| have(c)) {
            return Ok(());
        }
        self.apt_install(packages, no_recommends)
    }

    /// cargo's version, rustfmt and clippy (a rustup component when missing; without rustup they come with the
    /// toolchain or the lint steps fail and say so).
    pub fn rust(&mut self) -> Result {
        if self.components_added {
            return Ok(());
        }
        Cmd::new("cargo").arg("--version").run()?;
        let _ = Cmd::new("rustup")
            .args(["component", "add", "rustfmt", "clippy"])
            .quiet()
            .succeeds();
        self.components_added = true;
        Ok(())
    }

    /// The Cortex-M targets: rustup's within five minutes, else Debian's Rust route.
    pub fn thumb(&mut self) -> Result<Route> {
        if let Some(route) = self.thumb {
            return Ok(route);
        }
        self.rust()?;
        let route = if rustup_targets(pins::THUMB_TARGETS) {
            Route::Rustup
        } else {
            println!(
                "rustup could not add {}: Debian's Rust builds core from source",
                pins::THUMB_TARGETS.join(" ")
            );
            self.apt_install(pins::DEBIAN_RUST, true)?;
            Route::Debian
        };
        self.thumb = Some(route);
        Ok(route)
    }

    /// The wasm32 target: rustup's within five minutes, else Debian's Rust route (with its linker).
    pub fn wasm(&mut self) -> Result<Route> {
        if let Some(route) = self.wasm {
            return Ok(route);
        }
        self.rust()?;
        let route = if rustup_targets(&[pins::WASM_TARGET]) {
            Route::Rustup
        } else {
            println!(
                "rustup could not add {}: using Debian's rustc-web with -Zbuild-std",
                pins::WASM_TARGET
            );
            let mut packages = pins::DEBIAN_RUST.to_vec();
            packages.push(pins::DEBIAN_WASM_LINKER);
            self.apt_install(&packages, true)?;
            Route::Debian
        };
        self.wasm = Some(route);
        Ok(route)
    }

    /// The cargo build command of a route: `cargo build` (rustup), or Debian's cargo building the standard library
    /// (`build_std`, e.g. `core,alloc`) into `target-deb/`.
    pub fn build_cmd(&self, route: Route, build_std: &str) -> Cmd {
        match route {
            Route::Rustup => Cmd::new("cargo").arg("build"),
            Route::Debian => Cmd::new("/usr/bin/cargo")
                .env("CARGO_TARGET_DIR", self.path("target-deb"))
                .env("RUSTC_BOOTSTRAP", "1")
                .env("RUSTC", "/usr/bin/rustc")
                .arg("build")
                .arg(format!("-Zbuild-std={build_std}")),
        }
    }

    /// A cargo-installed tool at its pinned version: `probe` is the tool's version command, `expect` what its output
    /// holds at that version.
    pub fn cargo_tool(
        &mut self,
        krate: &str,
        version: &str,
        probe: &[&str],
        expect: &str,
        locked: bool,
    ) -> Result {
        let (ok, out) = Cmd::new(probe[0]).args(&probe[1..]).quiet().probe();
        if ok && out.contains(expect) {
            return Ok(());
        }
        println!("installing {krate} {version}");
        let mut cmd = Cmd::new("cargo").arg("install").arg("--quiet");
        if locked {
            cmd = cmd.arg("--locked");
        }
        cmd.args([krate, "--version", version]).run()
    }

    /// cbindgen at its pinned version.
    pub fn cbindgen(&mut self) -> Result {
        let expect = format!("cbindgen {}", pins::CBINDGEN);
        self.cargo_tool(
            "cbindgen",
            pins::CBINDGEN,
            &["cbindgen", "--version"],
            &expect,
            true,
        )
    }

    /// wasm-bindgen-cli at the version of the `wasm-bindgen` crate in `Cargo.lock`.
    pub fn wasm_bindgen(&mut self) -> Result {
        let version = self.locked_version("wasm-bindgen")?;
        let expect = format!(" {version}");
        // No --locked: the crate index here lacks a crate version its lock file names.
        self.cargo_tool(
            "wasm-bindgen-cli",
            &version,
            &["wasm-bindgen", "--version"],
            &expect,
            false,
        )
    }

    /// cargo-fuzz at its pinned version (any installed version is kept, as the fuzz targets build with it).
    pub fn cargo_fuzz(&mut self) -> Result {
        if Cmd::new("cargo")
            .args(["fuzz", "--version"])
            .quiet()
            .succeeds()
        {
            return Ok(());
        }
        Cmd::new("cargo")
            .args(["install", "cargo-fuzz", "--version", pins::CARGO_FUZZ])
            .run()
    }

    /// maturin as `bindings/python/pyproject.toml` requires it (its `[build-system]` `requires`), e.g.
    /// `maturin>=1.9.4,<2`.
    pub fn maturin_requirement(&self) -> Result<String> {
        let file = self.path("bindings/python/pyproject.toml");
        requirement(&read_text(&file)?, "maturin")
            .map(str::to_owned)
            .ok_or_else(|| format!("{}: no maturin in requires", file.display()))
    }

    /// The version of `krate` in the workspace's `Cargo.lock`.
    pub fn locked_version(&self, krate: &str) -> Result<String> {
        let lock = read_text(&self.path("Cargo.lock"))?;
        let name = format!("name = \"{krate}\"");
        let mut lines = lock.lines();
        while let Some(line) = lines.next() {
            if line == name {
                if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                    return Ok(v.trim_end_matches('"').to_owned());
                }
            }
        }
        Err(format!("Cargo.lock names no {krate}"))
    }

    /// Node.js and npm (Debian's when missing).
    pub fn node(&mut self) -> Result {
        self.need(&["node", "npm"], &["nodejs", "npm"], false)
    }

    /// `npm ci` in `dir` (once per run), with `env` set and its output shown unless `quiet`.
    pub fn npm_ci(&mut self, dir: &str, env: &[(&str, &str)], quiet: bool) -> Result {
        let dir = self.path(dir);
        if self.npm_done.contains(&dir) {
            return Ok(());
        }
        self.node()?;
        let mut cmd = Cmd::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .dir(&dir);
        for (k, v) in env {
            cmd = cmd.env(k, v);
        }
        if quiet {
            cmd.run_silent()?;
        } else {
            cmd.run()?;
        }
        self.npm_done.push(dir);
        Ok(())
    }

    /// The venv of the vectors' Python checkers (`target/venv-tools`, with cbor2 pinned); its python. Debian's
    /// system Python refuses `pip install`, and Debian ships venv without ensurepip (python3-venv adds it).
    pub fn tools_python(&mut self) -> Result<PathBuf> {
        if let Some(py) = &self.venv {
            return Ok(py.clone());
        }
        let venv = self.path("target/venv-tools");
        let py = venv.join("bin/python");
        if !is_executable(&py)
            && !Cmd::new("python3")
                .arg("-m")
                .arg("venv")
                .arg(&venv)
                .quiet()
                .succeeds()
        {
            let _ = std::fs::remove_dir_all(&venv);
            self.apt_install(&["python3-venv"], false)?;
            Cmd::new("python3").arg("-m").arg("venv").arg(&venv).run()?;
        }
        Cmd::new(&py)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .arg(format!("cbor2=={}", pins::CBOR2))
            .run()?;
        self.venv = Some(py.clone());
        Ok(py)
    }

    /// Whether a nightly toolchain is installed (the fuzz run and the Rust-side AddressSanitizer use it).
    pub fn has_nightly(&self) -> bool {
        let (ok, out) = Cmd::new("rustup")
            .args(["toolchain", "list"])
            .quiet()
            .probe();
        ok && out.lines().any(|l| l.starts_with("nightly"))
    }

    /// The host's target triple (`rustc -vV`).
    pub fn host(&self) -> Result<String> {
        let out = Cmd::new("rustc").arg("-vV").quiet().read()?;
        out.lines()
            .find_map(|l| l.strip_prefix("host: "))
            .map(str::to_owned)
            .ok_or_else(|| "rustc -vV printed no host".to_owned())
    }
}

/// `rustup target add` with a five-minute limit; whether the targets are there. `UCIFI_RUST_ROUTE=debian` answers
/// no without trying, to test the Debian route on a machine that has rustup.
fn rustup_targets(targets: &[&str]) -> bool {
    if std::env::var("UCIFI_RUST_ROUTE").is_ok_and(|v| v == "debian") {
        println!(
            "UCIFI_RUST_ROUTE=debian: not asking rustup for {}",
            targets.join(" ")
        );
        return false;
    }
    Cmd::new("timeout")
        .arg("300")
        .args(["rustup", "target", "add"])
        .args(targets)
        .quiet()
        .succeeds()
}

/// The item of a TOML `requires = ["...", ...]` line that names `package`.
fn requirement<'a>(toml: &'a str, package: &str) -> Option<&'a str> {
    toml.lines()
        .filter_map(|l| l.trim().strip_prefix("requires = ["))
        // The quoted items: every second piece between double quotes.
        .flat_map(|list| list.split('"').skip(1).step_by(2))
        .find(|item| item.starts_with(package))
}

#[cfg(test)]
mod tests {
    use super::requirement;

    #[test]
    fn requirement_keeps_commas_inside_an_item() {
        let toml = "[build-system]\nrequires = [\"setuptools>=61\", \"maturin>=1.9.4,<2\"]\n";
        assert_eq!(requirement(toml, "maturin"), Some("maturin>=1.9.4,<2"));
        assert_eq!(requirement(toml, "setuptools"), Some("setuptools>=61"));
        assert_eq!(requirement(toml, "pip"), None);
    }
}
