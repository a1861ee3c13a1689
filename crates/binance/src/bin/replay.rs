//! `replay [FILE] [--json]`: feeds a recorded Binance USDⓈ-M user-data stream
//! (JSON lines) through an ordertrack tracker and prints what happened. With no
//! FILE, replays the built-in sample session. The logic lives in
//! `ordertrack_binance::replay`; this is only the command line.

use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ordertrack_binance::{ReplayOptions, SAMPLE_SESSION, Summary, replay};

/// Files smaller than this replay in well under a second: no progress bar.
const PROGRESS_MIN_BYTES: u64 = 16 * 1024 * 1024;

/// Replay a recorded Binance USDⓈ-M futures user-data stream through an
/// ordertrack tracker.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// JSON-lines file, one stream message per line (`-` for stdin).
    /// Without it, the built-in sample session.
    file: Option<PathBuf>,
    /// Print a machine-readable JSON summary instead of text.
    #[arg(long)]
    json: bool,
    /// How many bad lines to show with their messages.
    #[arg(long, default_value_t = ordertrack_binance::DEFAULT_ERROR_LINES)]
    error_lines: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = ReplayOptions {
        error_lines: args.error_lines,
    };
    let (source, input): (String, Box<dyn Read>) = match &args.file {
        None => (
            "the built-in sample session".to_owned(),
            Box::new(SAMPLE_SESSION.as_bytes()),
        ),
        Some(path) if path.as_os_str() == "-" => ("stdin".to_owned(), Box::new(io::stdin())),
        Some(path) => match File::open(path) {
            Ok(file) => (path.display().to_string(), Box::new(file)),
            Err(err) => {
                eprintln!("replay: cannot open {}: {err}", path.display());
                return ExitCode::from(2);
            }
        },
    };
    let size = args
        .file
        .as_ref()
        .and_then(|path| std::fs::metadata(path).ok())
        .map_or(0, |meta| meta.len());
    let progress = progress_bar(size);
    let start = Instant::now();
    let summary = replay(
        BufReader::with_capacity(1 << 16, progress.wrap_read(input)),
        options,
    );
    let elapsed = start.elapsed();
    progress.finish_and_clear();
    print(&summary, &source, elapsed, args.json)
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

fn print(summary: &Summary, source: &str, elapsed: Duration, json: bool) -> ExitCode {
    if json {
        match summary.render_json(source, elapsed) {
            Ok(text) => println!("{text}"),
            Err(err) => {
                eprintln!("replay: cannot write the JSON summary: {err}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", summary.render_text(source, elapsed));
    }
    if summary.invariants.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
