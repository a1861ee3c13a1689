//! Reading libFuzzer's stderr: statistics, written artifacts and the result of
//! crash minimisation.

use std::path::PathBuf;

/// What a libFuzzer run reported, collected line by line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct RunLog {
    /// `stat::number_of_executed_units` from `-print_final_stats=1`.
    pub(crate) execs: Option<u64>,
    /// `cov:` (covered edges) of the last status line.
    pub(crate) cov: Option<u64>,
    /// `ft:` (features) of the last status line.
    pub(crate) ft: Option<u64>,
    /// `corp:` of the last status line: inputs in the in-memory corpus / total size.
    pub(crate) corpus: Option<String>,
    /// The last failure artifact written (`crash-`, `timeout-`, `oom-`, `leak-`...;
    /// `slow-unit-` files are reports, not failures, and are ignored).
    pub(crate) artifact: Option<PathBuf>,
    /// The final input of `-minimize_crash=1` (`CRASH_MIN: failed to minimize beyond`).
    pub(crate) minimized: Option<PathBuf>,
    /// Why the target failed: the first panic message, sanitizer error or libFuzzer error.
    pub(crate) reason: Option<String>,
    /// A panic location was seen; its message is on the next line.
    panic_pending: bool,
}

impl RunLog {
    /// Takes one line of libFuzzer (or cargo fuzz) output into account.
    pub(crate) fn observe(&mut self, line: &str) {
        self.observe_reason(line);
        if let Some(value) = line.strip_prefix("stat::number_of_executed_units:") {
            self.execs = value.trim().parse().ok();
        } else if let Some((_, path)) = line.split_once("Test unit written to ") {
            let path = PathBuf::from(path.trim());
            let is_report = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with("slow-unit-"));
            if !is_report {
                self.artifact = Some(path);
            }
        } else if let Some(rest) = line.strip_prefix("CRASH_MIN: failed to minimize beyond ") {
            // "<path> (<n> bytes), exiting"
            let path = rest.rsplit_once(" (").map_or(rest, |(path, _)| path);
            self.minimized = Some(PathBuf::from(path));
        } else if line.starts_with('#') {
            // "#1234\tNEW    cov: 30 ft: 31 corp: 2/8b lim: 4 exec/s: 0 rss: 33Mb"
            let mut tokens = line.split_whitespace();
            while let Some(token) = tokens.next() {
                match token {
                    "cov:" => self.cov = tokens.next().and_then(|v| v.parse().ok()),
                    "ft:" => self.ft = tokens.next().and_then(|v| v.parse().ok()),
                    "corp:" => self.corpus = tokens.next().map(str::to_owned),
                    _ => {}
                }
            }
        }
    }

    /// Records the first explanation of a failure: a Rust panic (location and
    /// message), else an AddressSanitizer report, else libFuzzer's own error.
    fn observe_reason(&mut self, line: &str) {
        if self.panic_pending {
            self.panic_pending = false;
            if let Some(reason) = &mut self.reason {
                reason.push(' ');
                reason.push_str(line.trim());
            }
            return;
        }
        if self.reason.is_some() {
            return;
        }
        if let Some((_, location)) = line.split_once("panicked at ") {
            self.reason = Some(format!("panicked at {}", location.trim()));
            self.panic_pending = true;
        } else if let Some((_, error)) = line.split_once("ERROR: AddressSanitizer: ") {
            let error = error
                .split_once(" on address")
                .map_or(error, |(kind, _)| kind);
            self.reason = Some(format!("AddressSanitizer: {}", error.trim()));
        } else if let Some((_, error)) = line.split_once("ERROR: libFuzzer: ") {
            self.reason = Some(format!("libFuzzer: {}", error.trim()));
        }
    }

    /// The kind of failure, from the artifact's file name prefix (`crash`, `timeout`, ...).
    pub(crate) fn failure_kind(&self) -> Option<String> {
        let name = self.artifact.as_ref()?.file_name()?.to_string_lossy();
        Some(
            name.split_once('-')
                .map_or(&*name, |(kind, _)| kind)
                .to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_stats_from_a_finished_run() {
        let mut log = RunLog::default();
        for line in [
            "INFO: seed corpus: files: 2 min: 3b max: 5b total: 8b rss: 32Mb",
            "#3\tINITED cov: 30 ft: 31 corp: 2/8b exec/s: 0 rss: 33Mb",
            "#3\tDONE   cov: 31 ft: 35 corp: 3/9b lim: 5 exec/s: 0 rss: 33Mb",
            "Done 3 runs in 0 second(s)",
            "stat::number_of_executed_units: 3",
            "stat::average_exec_per_sec:     0",
        ] {
            log.observe(line);
        }
        assert_eq!(log.execs, Some(3));
        assert_eq!(log.cov, Some(31));
        assert_eq!(log.ft, Some(35));
        assert_eq!(log.corpus.as_deref(), Some("3/9b"));
        assert_eq!(log.artifact, None);
        assert_eq!(log.failure_kind(), None);
    }

    #[test]
    fn finds_the_failure_artifact_but_not_slow_units() {
        let mut log = RunLog::default();
        log.observe(
            "artifact_prefix='/f/artifacts/t/'; Test unit written to /f/artifacts/t/crash-1c1b",
        );
        log.observe(
            "artifact_prefix='/f/artifacts/t/'; Test unit written to /f/artifacts/t/slow-unit-99",
        );
        assert_eq!(
            log.artifact,
            Some(PathBuf::from("/f/artifacts/t/crash-1c1b"))
        );
        assert_eq!(log.failure_kind().as_deref(), Some("crash"));
    }

    #[test]
    fn explains_the_failure_by_the_first_panic() {
        let mut log = RunLog::default();
        log.observe("thread '<unnamed>' (5714) panicked at src/lib.rs:5:9:");
        log.observe("boom");
        log.observe("==5714== ERROR: libFuzzer: deadly signal");
        assert_eq!(
            log.reason.as_deref(),
            Some("panicked at src/lib.rs:5:9: boom")
        );

        let mut log = RunLog::default();
        log.observe(
            "==5405==ERROR: AddressSanitizer: heap-use-after-free on address 0x7b at pc 0x56",
        );
        assert_eq!(
            log.reason.as_deref(),
            Some("AddressSanitizer: heap-use-after-free")
        );
    }

    #[test]
    fn finds_the_minimised_input() {
        let mut log = RunLog::default();
        log.observe(
            "CRASH_MIN: failed to minimize beyond /f/artifacts/t/minimized-from-24a3 (5 bytes), exiting",
        );
        assert_eq!(
            log.minimized,
            Some(PathBuf::from("/f/artifacts/t/minimized-from-24a3"))
        );
    }
}
