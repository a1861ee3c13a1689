//! Choosing the sanitizer for fuzz builds.
//!
//! cargo-fuzz enables AddressSanitizer by passing `-Zsanitizer=address`, which
//! stable rustc rejects. `RUSTC_BOOTSTRAP=1` lets stable rustc accept it; the
//! stable toolchain ships the ASan runtime for x86_64 Linux, so this works,
//! but only if cargo does not reuse a target-info probe it cached without the
//! flag (its cache key ignores `RUSTC_BOOTSTRAP`), hence
//! `CARGO_CACHE_RUSTC_INFO=0`. Whether it works is found out by compiling and
//! running a tiny program; otherwise fuzzing falls back to `-s none`.

use std::process::{Command, Stdio};

use clap::ValueEnum;

/// What the user asked for with `--sanitizer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SanitizerChoice {
    /// AddressSanitizer if this toolchain can build with it, else none.
    Auto,
    /// AddressSanitizer; fails if unavailable.
    Address,
    /// No sanitizer (`cargo fuzz -s none`); works on any toolchain.
    None,
}

/// The sanitizer fuzz targets are built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sanitizer {
    /// AddressSanitizer (`-s address`).
    Address {
        /// The toolchain is not nightly, so unstable flags need `RUSTC_BOOTSTRAP=1`.
        bootstrap: bool,
    },
    /// No sanitizer (`-s none`).
    None,
}

impl Sanitizer {
    /// The value of cargo fuzz's `-s` option.
    pub(crate) fn flag(self) -> &'static str {
        match self {
            Self::Address { .. } => "address",
            Self::None => "none",
        }
    }

    /// A short name for tables: `asan` or `none`.
    pub(crate) fn short(self) -> &'static str {
        match self {
            Self::Address { .. } => "asan",
            Self::None => "none",
        }
    }

    /// Environment variables every cargo fuzz command needs with this sanitizer.
    pub(crate) fn env(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Self::Address { bootstrap: true } => {
                &[("RUSTC_BOOTSTRAP", "1"), ("CARGO_CACHE_RUSTC_INFO", "0")]
            }
            Self::Address { bootstrap: false } | Self::None => &[],
        }
    }
}

/// Resolves `choice` on this machine, printing what was chosen and why.
pub(crate) fn select(choice: SanitizerChoice) -> crate::Result<Sanitizer> {
    if choice == SanitizerChoice::None {
        eprintln!("sanitizer: none (requested)");
        return Ok(Sanitizer::None);
    }
    match probe_address() {
        Ok(sanitizer) => {
            let how = match sanitizer {
                Sanitizer::Address { bootstrap: true } => {
                    " (stable rustc with RUSTC_BOOTSTRAP=1 CARGO_CACHE_RUSTC_INFO=0)"
                }
                _ => "",
            };
            eprintln!("sanitizer: AddressSanitizer{how}");
            Ok(sanitizer)
        }
        Err(reason) if choice == SanitizerChoice::Auto => {
            eprintln!("sanitizer: none (AddressSanitizer unavailable: {reason})");
            Ok(Sanitizer::None)
        }
        Err(reason) => Err(crate::Error::Usage(format!(
            "AddressSanitizer is unavailable: {reason}"
        ))),
    }
}

/// Compiles and runs a trivial program with `-Zsanitizer=address`, exactly as
/// cargo fuzz would build (host target, `RUSTC_BOOTSTRAP=1` off nightly).
fn probe_address() -> Result<Sanitizer, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = Command::new(&rustc)
        .arg("-vV")
        .output()
        .map_err(|err| format!("cannot run rustc: {err}"))?;
    let version = String::from_utf8_lossy(&version.stdout);
    let host = version
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .ok_or("`rustc -vV` printed no host triple")?;
    let bootstrap = !version.contains("-nightly");

    let dir = std::env::temp_dir().join(format!("xtask-asan-probe-{}", std::process::id()));
    let result = (|| {
        std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        let source = dir.join("probe.rs");
        let binary = dir.join("probe");
        std::fs::write(
            &source,
            "fn main() { let v = vec![1u8; 64]; std::hint::black_box(&v); }\n",
        )
        .map_err(|err| format!("{}: {err}", source.display()))?;
        let mut compile = Command::new(&rustc);
        compile
            .args([
                "--edition",
                "2021",
                "-Zsanitizer=address",
                "--target",
                host,
                "-o",
            ])
            .arg(&binary)
            .arg(&source)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if bootstrap {
            compile.env("RUSTC_BOOTSTRAP", "1");
        }
        let compiled = compile
            .output()
            .map_err(|err| format!("cannot run rustc: {err}"))?;
        if !compiled.status.success() {
            let stderr = String::from_utf8_lossy(&compiled.stderr);
            let first = stderr.lines().next().unwrap_or("no output");
            return Err(format!("rustc -Zsanitizer=address failed: {first}"));
        }
        let ran = Command::new(&binary)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|err| format!("cannot run the ASan probe: {err}"))?;
        if ran.success() {
            Ok(Sanitizer::Address { bootstrap })
        } else {
            Err(format!("the ASan-instrumented probe exited with {ran}"))
        }
    })();
    // Best effort: a leftover temp directory is harmless.
    let _ = std::fs::remove_dir_all(&dir);
    result
}
