//! What a cargo-mutants run found, read from its `mutants.out/`:
//! the counts of `outcomes.json` and the mutants listed in `missed.txt` and
//! `timeout.txt`.

use std::path::Path;

use serde_json::Value;

use crate::{Error, Result, table};

/// The tallies of one run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Mutants the run generated (in its shard).
    pub(crate) total: u64,
    /// Mutants some test failed on.
    pub(crate) caught: u64,
    /// Mutants every test passed on.
    pub(crate) missed: u64,
    /// Mutants whose tests ran out of time (counted as caught by cargo-mutants' own score).
    pub(crate) timeout: u64,
    /// Mutants that did not build.
    pub(crate) unviable: u64,
    /// The missed mutants, as cargo-mutants names them (`file:line:col: replace … with …`).
    pub(crate) missed_names: Vec<String>,
    /// The mutants that timed out.
    pub(crate) timeout_names: Vec<String>,
}

impl Tally {
    /// Mutants that built: caught, missed or timed out.
    pub(crate) fn viable(&self) -> u64 {
        self.caught + self.missed + self.timeout
    }

    /// Percentage of the viable mutants caught (timeouts not counted as caught).
    pub(crate) fn score(&self) -> Option<f64> {
        let viable = self.viable();
        (viable > 0).then(|| 100.0 * self.caught as f64 / viable as f64)
    }
}

/// Reads the tallies from `out` (a `mutants.out` directory).
pub(crate) fn read(out: &Path) -> Result<Tally> {
    let path = out.join("outcomes.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|err| Error::io(format!("reading {}", path.display()), err))?;
    let json: Value = serde_json::from_str(&text)
        .map_err(|err| Error::Failed(format!("{} is not valid JSON: {err}", path.display())))?;
    let mut tally = tally_of(&json);
    tally.missed_names = lines(&out.join("missed.txt"));
    tally.timeout_names = lines(&out.join("timeout.txt"));
    Ok(tally)
}

/// The counts at the top of `outcomes.json`.
fn tally_of(json: &Value) -> Tally {
    let count = |name: &str| json.get(name).and_then(Value::as_u64).unwrap_or(0);
    Tally {
        total: count("total_mutants"),
        caught: count("caught"),
        missed: count("missed"),
        timeout: count("timeout"),
        unviable: count("unviable"),
        missed_names: Vec::new(),
        timeout_names: Vec::new(),
    }
}

/// The non-empty lines of `path`; none when it does not exist.
fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The one-row markdown table of a run: what `docs/verification.md` records.
pub(crate) fn summary(what: &str, tally: &Tally, minutes: f64) -> String {
    let score = tally
        .score()
        .map_or_else(|| "-".to_owned(), |s| format!("{s:.1} %"));
    table::markdown(
        &[
            "run",
            "mutants",
            "caught",
            "missed",
            "timeout",
            "unviable",
            "caught/viable",
            "time",
        ],
        &[vec![
            what.to_owned(),
            tally.total.to_string(),
            tally.caught.to_string(),
            tally.missed.to_string(),
            tally.timeout.to_string(),
            tally.unviable.to_string(),
            score,
            format!("{minutes:.1} min"),
        ]],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_counts_and_scores_viable_mutants() {
        let json: Value = serde_json::from_str(
            r#"{"outcomes": [], "total_mutants": 66, "missed": 2, "caught": 50,
                "timeout": 1, "unviable": 13, "success": 0, "failure": 0}"#,
        )
        .unwrap();
        let tally = tally_of(&json);
        assert_eq!((tally.total, tally.caught, tally.missed), (66, 50, 2));
        assert_eq!((tally.timeout, tally.unviable, tally.viable()), (1, 13, 53));
        assert_eq!(tally.score().map(|s| (s * 10.0).round()), Some(943.0));
        assert_eq!(Tally::default().score(), None);
    }
}
