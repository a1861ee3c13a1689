//! The `cargo fuzz` commands this task runs, all with the same build flags:
//! release mode with debug assertions (`-O -a`, cargo fuzz's default made
//! explicit) and the selected sanitizer.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use super::sanitizer::Sanitizer;
use crate::{Error, Result, process};

/// Installs cargo-fuzz with `cargo install cargo-fuzz --locked` unless `cargo fuzz` works.
pub(crate) fn ensure_installed() -> Result<()> {
    let found = process::cargo()
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("cargo-fuzz is not installed; installing it (takes about a minute)");
        process::run(process::cargo().args(["install", "cargo-fuzz", "--locked"]))?;
    }
    Ok(())
}

/// A cargo-fuzz project and the build configuration used for every command.
#[derive(Debug)]
pub(crate) struct CargoFuzz {
    /// The fuzz project (directory holding its `Cargo.toml`).
    fuzz_dir: PathBuf,
    /// Directory commands run in: the fuzz project's parent (the workspace root).
    cwd: PathBuf,
    /// Whether `--fuzz-dir` must be passed (the directory is not `<cwd>/fuzz`).
    explicit_dir: bool,
    /// The sanitizer to build with.
    sanitizer: Sanitizer,
}

impl CargoFuzz {
    /// Describes the fuzz project at `fuzz_dir`, which must contain a `Cargo.toml`.
    pub(crate) fn new(fuzz_dir: &Path, sanitizer: Sanitizer) -> Result<Self> {
        let fuzz_dir = std::path::absolute(fuzz_dir)
            .map_err(|err| Error::io(format!("resolving {}", fuzz_dir.display()), err))?;
        if !fuzz_dir.join("Cargo.toml").is_file() {
            return Err(Error::Usage(format!(
                "no fuzz project: {} does not exist",
                fuzz_dir.join("Cargo.toml").display()
            )));
        }
        let cwd = fuzz_dir
            .parent()
            .map_or_else(|| fuzz_dir.clone(), Path::to_path_buf);
        let explicit_dir = fuzz_dir.file_name().is_none_or(|name| name != "fuzz");
        Ok(Self {
            fuzz_dir,
            cwd,
            explicit_dir,
            sanitizer,
        })
    }

    /// The fuzz project directory.
    pub(crate) fn fuzz_dir(&self) -> &Path {
        &self.fuzz_dir
    }

    /// The directory commands run in; printed paths are relative to it.
    pub(crate) fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The sanitizer targets are built with.
    pub(crate) fn sanitizer(&self) -> Sanitizer {
        self.sanitizer
    }

    /// The fuzz targets (`[[bin]]`s of the fuzz project), from `cargo fuzz list`.
    pub(crate) fn list(&self) -> Result<Vec<String>> {
        let mut cmd = process::cargo();
        cmd.current_dir(&self.cwd).args(["fuzz", "list"]);
        self.add_fuzz_dir(&mut cmd);
        let out = process::stdout_of(&mut cmd)?;
        Ok(out
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect())
    }

    /// Builds `target`, or every target when `None`.
    pub(crate) fn build(&self, target: Option<&str>) -> Result<()> {
        let mut cmd = self.command("build");
        cmd.args(target);
        process::run(&mut cmd)
    }

    /// Runs `target` over `corpora` (the first one receives new inputs) with
    /// extra libFuzzer arguments, feeding each stderr line to `on_line`.
    pub(crate) fn run(
        &self,
        target: &str,
        corpora: &[PathBuf],
        libfuzzer_args: &[String],
        on_line: impl FnMut(&str),
    ) -> Result<ExitStatus> {
        let mut cmd = self.command("run");
        cmd.arg(target).args(corpora).arg("--").args(libfuzzer_args);
        process::run_teeing_stderr(&mut cmd, true, on_line)
    }

    /// Minimises the failing input `artifact` of `target` (`cargo fuzz tmin`);
    /// its verbose output goes only to `on_line`.
    pub(crate) fn tmin(
        &self,
        target: &str,
        artifact: &Path,
        libfuzzer_args: &[String],
        on_line: impl FnMut(&str),
    ) -> Result<ExitStatus> {
        let mut cmd = self.command("tmin");
        cmd.arg(target)
            .arg(self.relative(artifact))
            .arg("--")
            .args(libfuzzer_args);
        process::run_teeing_stderr(&mut cmd, false, on_line)
    }

    /// The command line reproducing `target` on `input`, to run from [`Self::cwd`].
    pub(crate) fn reproduce_command(&self, target: &str, input: &Path) -> String {
        let mut cmd = self.command("run");
        cmd.arg(target).arg(self.relative(input));
        process::render(&cmd)
    }

    /// `path` relative to [`Self::cwd`] when it lies below it.
    pub(crate) fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.cwd)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }

    /// `cargo fuzz <subcommand>` with the shared build flags and environment.
    fn command(&self, subcommand: &str) -> Command {
        let mut cmd = process::cargo();
        cmd.current_dir(&self.cwd).args(["fuzz", subcommand]);
        cmd.envs(self.sanitizer.env().iter().copied());
        cmd.args(["-O", "-a", "-s", self.sanitizer.flag()]);
        self.add_fuzz_dir(&mut cmd);
        cmd
    }

    /// Adds `--fuzz-dir` when cargo fuzz would not find the project by itself.
    fn add_fuzz_dir(&self, cmd: &mut Command) {
        if self.explicit_dir {
            cmd.arg("--fuzz-dir").arg(&self.fuzz_dir);
        }
    }
}
