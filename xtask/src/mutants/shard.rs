//! Which part of the mutants a run takes: `--shard K/N`, or the rotating
//! shard CI runs (`--rotate N`: the day's shard).

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// Shard `index` of `count` (cargo-mutants' `--shard K/N`, `K` from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Which one, `0..count`.
    pub(crate) index: u32,
    /// How many shards the mutants are split into.
    pub(crate) count: u32,
}

impl Shard {
    /// The shard of day `day` (days since the Unix epoch) when the mutants are
    /// split into `count`: consecutive days take consecutive shards, so `count`
    /// days cover every mutant.
    pub(crate) fn of_day(day: u64, count: u32) -> Self {
        let index = u32::try_from(day % u64::from(count.max(1))).unwrap_or(0);
        Self {
            index,
            count: count.max(1),
        }
    }

    /// Today's shard (UTC) of `count`, and the day number it was chosen from.
    pub(crate) fn today(count: u32) -> (Self, u64) {
        let day = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs() / 86_400);
        (Self::of_day(day, count), day)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not a shard: expected K/N with 0 <= K < N, e.g. 3/12");
        let (index, count) = text.split_once('/').ok_or_else(bad)?;
        let index: u32 = index.trim().parse().map_err(|_| bad())?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        if index < count {
            Ok(Self { index, count })
        } else {
            Err(bad())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_shards() {
        assert_eq!(
            "3/12".parse(),
            Ok(Shard {
                index: 3,
                count: 12
            })
        );
        assert_eq!(Shard { index: 0, count: 1 }.to_string(), "0/1");
        for bad in ["12/12", "1", "a/2", "1/0", "-1/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn days_rotate_through_every_shard() {
        let shards: Vec<u32> = (20_423..20_423 + 8)
            .map(|d| Shard::of_day(d, 4).index)
            .collect();
        assert_eq!(shards, [3, 0, 1, 2, 3, 0, 1, 2]);
        assert_eq!(Shard::of_day(5, 0), Shard { index: 0, count: 1 });
    }
}
