//! The failing input of a run: the artifact libFuzzer saved, the committed
//! seed it equals, and its minimised copy.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::LIMITS;
use super::cargo_fuzz::CargoFuzz;
use super::libfuzzer::RunLog;

/// The newest failure artifact of `target` written since `since`, when
/// libFuzzer's output did not name one.
pub(super) fn newest_artifact(
    project: &CargoFuzz,
    target: &str,
    since: SystemTime,
) -> Option<PathBuf> {
    let dir = project.fuzz_dir().join("artifacts").join(target);
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|entry| {
            !entry
                .file_name()
                .to_string_lossy()
                .starts_with("slow-unit-")
        })
        .filter_map(|entry| {
            let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
            (modified >= since).then(|| (modified, entry.path()))
        })
        .max()
        .map(|(_, path)| path)
}

/// The file directly in `corpus` whose content equals `artifact`'s: the
/// committed seed that fails.
pub(super) fn identical_seed(corpus: &Path, artifact: &Path) -> Option<PathBuf> {
    let wanted = std::fs::read(artifact).ok()?;
    std::fs::read_dir(corpus)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| std::fs::read(path).is_ok_and(|content| content == wanted))
}

/// Minimises `artifact` with `cargo fuzz tmin`, keeping only the final
/// `minimized-from-*` file. Timeouts and OOMs are not minimised: every
/// attempt could take the full limit.
pub(super) fn minimize(
    project: &CargoFuzz,
    target: &str,
    artifact: &Path,
) -> std::result::Result<PathBuf, String> {
    let name = artifact
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with("timeout-") || name.starts_with("oom-") {
        return Err("not minimised automatically (timeout/OOM inputs are slow to minimise)".into());
    }
    eprintln!(
        "\n=== {target}: minimising {} (output hidden) ===",
        project.relative(artifact).display()
    );
    let started = SystemTime::now();
    let mut log = RunLog::default();
    let mut tail: Vec<String> = Vec::new();
    let status = project
        .tmin(
            target,
            artifact,
            &LIMITS[1..]
                .iter()
                .map(|&s| s.to_owned())
                .collect::<Vec<_>>(),
            |line| {
                log.observe(line);
                tail.push(line.to_owned());
                if tail.len() > 20 {
                    tail.remove(0);
                }
            },
        )
        .map_err(|err| err.to_string())?;
    let Some(minimized) = log.minimized else {
        for line in &tail {
            eprintln!("  {line}");
        }
        return Err(format!(
            "cargo fuzz tmin exited with {status} without a result"
        ));
    };
    remove_intermediate_minimized(&minimized, started);
    Ok(minimized)
}

/// Deletes the `minimized-from-*` files next to `keep` that tmin wrote since
/// `since`: each minimisation step leaves one behind. Best effort.
fn remove_intermediate_minimized(keep: &Path, since: SystemTime) {
    let Some(dir) = keep.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_step = entry
            .file_name()
            .to_string_lossy()
            .starts_with("minimized-from-");
        let recent = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|m| m >= since);
        if is_step && recent && path != keep {
            let _ = std::fs::remove_file(path);
        }
    }
}
