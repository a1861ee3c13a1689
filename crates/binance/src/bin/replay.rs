//! `replay [FILE] [--sample NAME] [--json] [--orders] [--reconcile FILE]`:
//! feeds a recorded Binance USDⓈ-M user-data stream (JSON lines) through an
//! ordertrack tracker and prints what happened, reconciling it with a
//! recorded reconnect's REST answers when asked. With no FILE, replays a
//! built-in sample.
//! The logic lives in `ordertrack_binance::replay` and `::feed`; this is only
//! the command line.

use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::builder::TypedValueParser as _;
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ordertrack_binance::reconcile::file::ReconcileFile;
use ordertrack_binance::{
    DEFAULT_ERROR_LINES, FeedConfig, MAX_ERROR_LINES, ReconcileRun, ReplayOptions, SAMPLE_ERRORS,
    SAMPLE_SESSION, Summary, replay, replay_reconciled, replay_stored,
};
use ordertrack_store::Store;

/// Files smaller than this replay in well under a second: no progress bar.
const PROGRESS_MIN_BYTES: u64 = 16 * 1024 * 1024;

/// Exit status when the input cannot be read (as for a bad line).
const UNREADABLE: u8 = 2;

const EXIT_STATUS: &str = "\
Exit status:
  0  every line was read and used
  1  the tracker's invariants are violated after the last line (a bug: please report it)
  2  a line could not be used (malformed, refused, too long, ...), or the input
     could not be read (missing file, a directory, a read error), or the
     reconciliation file could not be read or used, needs more answers, or a
     step of it was refused";

/// Replay a recorded Binance USDⓈ-M futures user-data stream through an
/// ordertrack tracker.
#[derive(Parser)]
#[command(version, after_help = EXIT_STATUS)]
struct Args {
    /// JSON-lines file, one stream message per line (`-` for stdin).
    /// Without it, a built-in sample (see --sample).
    #[arg(conflicts_with = "sample")]
    file: Option<PathBuf>,
    /// Which built-in sample to replay when no FILE is given.
    #[arg(long, value_enum)]
    sample: Option<Sample>,
    /// A recorded reconnect: a JSON file of the REST answers fetched
    /// (`openOrders`, `openAlgoOrders`, order and algo queries,
    /// `userTrades`), reconciled with the tracker after the line it names
    /// (format: `docs/binance.md`, "Reconciliation after a reconnect").
    #[arg(long, value_name = "FILE", conflicts_with = "store")]
    reconcile: Option<PathBuf>,
    /// Write the tracker's state into this SQLite store as the replay goes
    /// (`ordertrack-store`: every adopted order and applied report journaled,
    /// the line reached recorded), creating it when missing.
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
    /// With --store: go on from the store's orders and the line after the
    /// last one it committed (after a crash or a stop).
    #[arg(long, requires = "store")]
    resume: bool,
    /// Print a machine-readable JSON summary (with every order) instead of text.
    #[arg(long)]
    json: bool,
    /// Also print every order tracked at the end, as a table (text mode).
    #[arg(long)]
    orders: bool,
    /// How many bad lines to show with their messages.
    #[arg(long, default_value_t = DEFAULT_ERROR_LINES,
          value_parser = clap::value_parser!(u16).range(0..=MAX_ERROR_LINES as i64).map(usize::from))]
    error_lines: usize,
    /// Longest line read, in bytes; a longer line is an error, skipped unread.
    #[arg(long, default_value_t = FeedConfig::default().max_line_bytes)]
    max_line_bytes: usize,
    /// Most TRADE_LITEs held for orders not met yet (the oldest evicted first).
    #[arg(long, default_value_t = FeedConfig::default().max_held_trade_lites)]
    max_held: usize,
    /// Most events of triggered orders held until their conditional order is
    /// bound (the oldest evicted first).
    #[arg(long, default_value_t = FeedConfig::default().max_held_for_trigger)]
    max_held_for_trigger: usize,
    /// Most distinct foreign orders remembered (the oldest forgotten first).
    #[arg(long, default_value_t = FeedConfig::default().max_foreign_orders)]
    max_foreign: usize,
    /// Most distinct unknown orders of ours remembered.
    #[arg(long, default_value_t = FeedConfig::default().max_unknown_orders)]
    max_unknown: usize,
    /// Most orders tracked: orders met beyond it are errors (`tracker_full`).
    #[arg(long, default_value_t = FeedConfig::default().max_orders)]
    max_orders: usize,
}

/// The built-in samples.
#[derive(Clone, Copy, ValueEnum)]
enum Sample {
    /// A session with every path the replay knows and no bad line (exit 0).
    Session,
    /// A short session of bad lines, each refused with its reason (exit 2).
    Errors,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = ReplayOptions {
        error_lines: args.error_lines,
        feed: FeedConfig {
            max_line_bytes: args.max_line_bytes,
            max_held_trade_lites: args.max_held,
            max_held_for_trigger: args.max_held_for_trigger,
            max_foreign_orders: args.max_foreign,
            max_unknown_orders: args.max_unknown,
            max_orders: args.max_orders,
            ..FeedConfig::default()
        },
        order_rows: args.json || args.orders,
    };
    let (source, input, size) = match open(&args) {
        Ok(opened) => opened,
        Err(message) => {
            eprintln!("replay: {message}");
            return ExitCode::from(UNREADABLE);
        }
    };
    let reconcile = match args.reconcile.as_deref().map(read_reconcile).transpose() {
        Ok(file) => file,
        Err(message) => {
            eprintln!("replay: {message}");
            return ExitCode::from(UNREADABLE);
        }
    };
    let progress = progress_bar(size);
    let start = Instant::now();
    let reader = BufReader::with_capacity(1 << 16, progress.wrap_read(input));
    let (summary, run) = match (&reconcile, &args.store) {
        (Some(file), _) => {
            let (summary, _, run) = replay_reconciled(reader, options, file);
            (summary, Some(run))
        }
        (None, Some(path)) => match stored(reader, options, path, args.resume) {
            Ok(summary) => (summary, None),
            Err(message) => {
                progress.finish_and_clear();
                eprintln!("replay: {message}");
                return ExitCode::from(UNREADABLE);
            }
        },
        (None, None) => (replay(reader, options), None),
    };
    let elapsed = start.elapsed();
    progress.finish_and_clear();
    print(&summary, run.as_ref(), &source, elapsed, &args)
}

/// The reconciliation file at `path`, read.
/// The replay into the store at `path`, closed (committed) at the end.
fn stored(
    reader: impl std::io::BufRead,
    options: ReplayOptions,
    path: &Path,
    resume: bool,
) -> Result<Summary, String> {
    let mut store = Store::open(path).map_err(|err| err.to_string())?;
    let summary =
        replay_stored(reader, options, &mut store, resume).map_err(|err| err.to_string())?;
    let (operations, position) = (store.last_seq(), store.stream_position());
    store.close().map_err(|err| err.to_string())?;
    let position = position.map_err(|err| err.to_string())?;
    eprintln!(
        "replay: store {}: {operations} operations journaled, stream position {position}",
        path.display()
    );
    Ok(summary)
}

fn read_reconcile(path: &Path) -> Result<ReconcileFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    ReconcileFile::parse(&text).map_err(|err| format!("{}: {err}", path.display()))
}

/// The input named by the arguments: its name for the summary, a reader and
/// its size in bytes (0 when unknown).
fn open(args: &Args) -> Result<(String, Box<dyn Read>, u64), String> {
    let Some(path) = &args.file else {
        return Ok(match args.sample.unwrap_or(Sample::Session) {
            Sample::Session => (
                "the built-in sample session".to_owned(),
                Box::new(SAMPLE_SESSION.as_bytes()),
                0,
            ),
            Sample::Errors => (
                "the built-in sample of errors".to_owned(),
                Box::new(SAMPLE_ERRORS.as_bytes()),
                0,
            ),
        });
    };
    if path.as_os_str() == "-" {
        return Ok(("stdin".to_owned(), Box::new(io::stdin()), 0));
    }
    let cannot = |err: &dyn std::fmt::Display| format!("cannot read {}: {err}", path.display());
    let file = File::open(path).map_err(|err| cannot(&err))?;
    let meta = file.metadata().map_err(|err| cannot(&err))?;
    if meta.is_dir() {
        return Err(cannot(&"it is a directory"));
    }
    Ok((display(path), Box::new(file), meta.len()))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// A byte progress bar on stderr, hidden unless stderr is a terminal and the
/// file is large.
fn progress_bar(size: u64) -> ProgressBar {
    if size < PROGRESS_MIN_BYTES || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn print(
    summary: &Summary,
    run: Option<&ReconcileRun>,
    source: &str,
    elapsed: Duration,
    args: &Args,
) -> ExitCode {
    if args.json {
        match json(summary, run, source, elapsed) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("replay: cannot write the JSON summary: {err}");
                return ExitCode::from(UNREADABLE);
            }
        }
    } else {
        print!("{}", summary.render_text(source, elapsed));
        if let Some(run) = run {
            print!("{}", run.render_text());
        }
        if args.orders {
            print!("{}", summary.render_orders());
        }
    }
    let status = summary.exit_status();
    if status == 0 && run.is_some_and(|run| !run.is_clean()) {
        return ExitCode::from(UNREADABLE);
    }
    ExitCode::from(status)
}

/// The JSON summary; with a reconciliation, `{"replay": …, "reconciliation": …}`.
fn json(
    summary: &Summary,
    run: Option<&ReconcileRun>,
    source: &str,
    elapsed: Duration,
) -> Result<String, String> {
    let text = summary
        .render_json(source, elapsed)
        .map_err(|err| err.to_string())?;
    let Some(run) = run else {
        return Ok(text);
    };
    let replay: serde_json::Value = serde_json::from_str(&text).map_err(|err| err.to_string())?;
    let run = run.to_json().map_err(|err| err.to_string())?;
    serde_json::to_string_pretty(&serde_json::json!({"replay": replay, "reconciliation": run}))
        .map_err(|err| err.to_string())
}
