//! Running external commands: printing them, checking their status and
//! echoing their stderr line by line while the caller inspects it.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitStatus, Stdio};

use crate::{Error, Result};

/// The cargo to invoke: the one running `cargo xtask` (`$CARGO`), else `cargo` from `PATH`.
pub(crate) fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Renders `cmd` as a shell-like line: explicitly set environment variables,
/// then the program and its arguments. The program is shown by file name only
/// (`cargo`, not `/root/.rustup/.../cargo`) so the line can be pasted.
pub(crate) fn render(cmd: &Command) -> String {
    let mut parts: Vec<String> = cmd
        .get_envs()
        .filter_map(|(key, value)| {
            value.map(|v| format!("{}={}", key.to_string_lossy(), quote(&v.to_string_lossy())))
        })
        .collect();
    let program = std::path::Path::new(cmd.get_program());
    let program = program
        .file_name()
        .map_or_else(|| program.to_string_lossy(), |name| name.to_string_lossy());
    parts.push(program.into_owned());
    parts.extend(cmd.get_args().map(|arg| quote(&arg.to_string_lossy())));
    parts.join(" ")
}

/// Quotes `word` for a POSIX shell when it contains anything but safe characters.
fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Prints `cmd`, runs it with inherited stdio and fails unless it exits successfully.
pub(crate) fn run(cmd: &mut Command) -> Result<()> {
    let line = render(cmd);
    eprintln!("$ {line}");
    let status = cmd.status().map_err(|err| spawn_error(&line, &err))?;
    check(&line, status)
}

/// Runs `cmd` quietly and returns its stdout, failing unless it exits successfully.
pub(crate) fn stdout_of(cmd: &mut Command) -> Result<String> {
    let line = render(cmd);
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| spawn_error(&line, &err))?;
    check(&line, output.status)?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Prints `cmd`, runs it and hands each line of its stderr to `on_line`,
/// copying it to our stderr too when `echo` is set. Stdout is inherited.
/// Returns the exit status whatever it is: interpreting failure is the
/// caller's job.
pub(crate) fn run_teeing_stderr(
    cmd: &mut Command,
    echo: bool,
    mut on_line: impl FnMut(&str),
) -> Result<ExitStatus> {
    let line = render(cmd);
    eprintln!("$ {line}");
    let mut child = cmd
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| spawn_error(&line, &err))?;
    if let Some(stderr) = child.stderr.take() {
        let mut reader = BufReader::new(stderr);
        let mut buf = Vec::new();
        let mut ours = std::io::stderr().lock();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if echo {
                        // Echo failures (e.g. a closed terminal) must not stop the child.
                        let _ = ours.write_all(&buf);
                    }
                    let text = String::from_utf8_lossy(&buf);
                    on_line(text.trim_end_matches(['\n', '\r']));
                }
            }
        }
    }
    child.wait().map_err(|err| spawn_error(&line, &err))
}

/// Fails with [`Error::Command`] unless `status` is success.
fn check(line: &str, status: ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        Err(Error::Command {
            command: line.to_owned(),
            problem: format!("exited with {status}"),
        })
    }
}

/// The error for a command that could not be started or waited for.
fn spawn_error(line: &str, err: &std::io::Error) -> Error {
    Error::Command {
        command: line.to_owned(),
        problem: format!("could not be run: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_env_program_and_quoted_args() {
        let mut cmd = Command::new("/usr/bin/cargo");
        cmd.env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "a b", "-runs=0"]);
        assert_eq!(
            render(&cmd),
            "RUSTC_BOOTSTRAP=1 cargo fuzz run 'a b' -runs=0"
        );
    }
}
