//! Running programs: a command builder that prints what it runs and turns a failure into an error, and the step
//! headings of the log.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What every task returns: a failure is a sentence saying what failed.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Prints a step heading (`==> title`), the log's landmarks.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// Whether `program` is found on `PATH` (as `command -v` does for a name without a slash).
pub fn have(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

/// Whether `path` is an executable file.
pub fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// One program to run: its arguments, environment changes and working directory.
#[derive(Clone, Debug)]
pub struct Cmd {
    program: OsString,
    args: Vec<OsString>,
    envs: Vec<(OsString, Option<OsString>)>,
    dir: Option<PathBuf>,
    echo: bool,
}

impl Cmd {
    /// `program` with no arguments, in the current directory, echoed (`+ program args`) when run.
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Self {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            envs: Vec::new(),
            dir: None,
            echo: true,
        }
    }

    /// Appends one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// Appends arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Sets an environment variable for the program.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.envs
            .push((key.as_ref().to_owned(), Some(value.as_ref().to_owned())));
        self
    }

    /// Removes an environment variable for the program.
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.envs.push((key.as_ref().to_owned(), None));
        self
    }

    /// Runs the program in `dir`.
    pub fn dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Does not echo the command line (probes whose outcome is reported otherwise).
    pub fn quiet(mut self) -> Self {
        self.echo = false;
        self
    }

    /// The command line as a reader would type it (environment changes first).
    pub fn line(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        for (k, v) in &self.envs {
            match v {
                Some(v) => words.push(format!(
                    "{}={}",
                    k.to_string_lossy(),
                    quote(&v.to_string_lossy())
                )),
                None => words.push(format!("-u {}", k.to_string_lossy())),
            }
        }
        words.push(quote(&self.program.to_string_lossy()));
        words.extend(self.args.iter().map(|a| quote(&a.to_string_lossy())));
        let line = words.join(" ");
        // Paths under the working folder (the repository's root) as relative ones, for a shorter log.
        match std::env::current_dir() {
            Ok(cwd) => line.replace(&format!("{}/", cwd.display()), ""),
            Err(_) => line,
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args);
        for (k, v) in &self.envs {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        if let Some(dir) = &self.dir {
            c.current_dir(dir);
        }
        c
    }

    fn announce(&self) {
        if self.echo {
            println!("+ {}", self.line());
        }
    }

    fn finish(&self, status: std::io::Result<std::process::ExitStatus>) -> Result {
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("`{}` failed ({s})", self.line())),
            Err(e) => Err(format!("`{}` could not start: {e}", self.line())),
        }
    }

    /// Runs the program with the terminal's input and output; an error unless it exits 0.
    pub fn run(&self) -> Result {
        self.announce();
        self.finish(self.command().status())
    }

    /// Runs the program with its standard output discarded (errors still show); an error unless it exits 0.
    pub fn run_silent(&self) -> Result {
        self.announce();
        self.finish(self.command().stdout(Stdio::null()).status())
    }

    /// Runs the program with its standard output written to `file`; an error unless it exits 0.
    pub fn run_to_file(&self, file: &Path) -> Result {
        self.announce();
        let out = File::create(file).map_err(|e| format!("{}: {e}", file.display()))?;
        self.finish(self.command().stdout(out).status())
    }

    /// Whether the program exits 0, with its output discarded (a probe: not echoed).
    pub fn succeeds(&self) -> bool {
        self.command()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// The program's standard output and standard error together, and whether it exited 0 (a probe: not echoed;
    /// a program that cannot start gives `(false, "")`).
    pub fn probe(&self) -> (bool, String) {
        match self.command().stdin(Stdio::null()).output() {
            Ok(o) => {
                let mut text = String::from_utf8_lossy(&o.stdout).into_owned();
                text.push_str(&String::from_utf8_lossy(&o.stderr));
                (o.status.success(), text)
            }
            Err(_) => (false, String::new()),
        }
    }

    /// The program's standard output (standard error goes to the terminal); an error unless it exits 0.
    pub fn read(&self) -> Result<String> {
        self.announce();
        let out = self
            .command()
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("`{}` could not start: {e}", self.line()))?;
        if !out.status.success() {
            return Err(format!("`{}` failed ({})", self.line(), out.status));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// A word quoted for a shell when it needs it (for the echoed command lines only).
fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The files of `dir` whose names end with `suffix`, sorted (a shell glob `dir/*suffix`).
pub fn files_ending(dir: &Path, suffix: &str) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|n| n.ends_with(suffix))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads a text file, or says which one could not be read.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
