//! Lines of a stream, each bounded in length: a line longer than the limit is
//! skipped up to its newline and reported by its length, never buffered whole.

use std::io::{self, BufRead};

/// One line of a user-data stream, as [`crate::FeedTracker::feed`] takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    /// The line's bytes, without its line terminator.
    Bytes(&'a [u8]),
    /// A line that [`LineReader`] skipped because it was longer than its limit:
    /// only its length is known.
    Overlong {
        /// Its length in bytes, without the terminating `\n`.
        bytes: u64,
    },
}

impl<'a> From<&'a [u8]> for Line<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Self::Bytes(bytes)
    }
}

impl<'a> From<&'a str> for Line<'a> {
    fn from(text: &'a str) -> Self {
        Self::Bytes(text.as_bytes())
    }
}

/// Splits a [`BufRead`] into [`Line`]s of at most `max_bytes` bytes each.
///
/// A line is the bytes before a `\n` (or before the end of input); a `\r`
/// before the `\n` is dropped. A longer line is read through to its newline
/// and dropped, so memory stays at `max_bytes` plus the reader's own buffer
/// whatever the input: a 100 MB line without a newline costs no more than a
/// short one.
///
/// ```
/// use ordertrack_binance::{Line, LineReader};
///
/// let input = "short\r\nthis one is too long\n\nlast";
/// let mut lines = LineReader::new(input.as_bytes(), 8);
/// assert_eq!(lines.next_line()?, Some(Line::Bytes(b"short")));
/// assert_eq!(lines.next_line()?, Some(Line::Overlong { bytes: 20 }));
/// assert_eq!(lines.next_line()?, Some(Line::Bytes(b"")));
/// assert_eq!(lines.next_line()?, Some(Line::Bytes(b"last")));
/// assert_eq!(lines.next_line()?, None);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct LineReader<R> {
    input: R,
    buffer: Vec<u8>,
    max_bytes: usize,
}

impl<R: BufRead> LineReader<R> {
    /// Reads `input` in lines of at most `max_bytes` bytes.
    pub fn new(input: R, max_bytes: usize) -> Self {
        Self {
            input,
            buffer: Vec::new(),
            max_bytes,
        }
    }

    /// The next line; `None` at the end of the input.
    ///
    /// # Errors
    /// The input's read error (an interrupted read is retried); the partial
    /// line read so far is dropped.
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buffer.clear();
        let mut skipped: Option<u64> = None;
        let mut read_any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if available.is_empty() {
                break;
            }
            read_any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let (chunk, used) = match newline.and_then(|at| available.split_at_checked(at)) {
                Some((chunk, _)) => (chunk, chunk.len() + 1),
                None => (available, available.len()),
            };
            let chunk_len = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
            if let Some(bytes) = skipped.as_mut() {
                *bytes = bytes.saturating_add(chunk_len);
            } else if self.buffer.len().saturating_add(chunk.len()) > self.max_bytes {
                let kept = u64::try_from(self.buffer.len()).unwrap_or(u64::MAX);
                skipped = Some(kept.saturating_add(chunk_len));
                self.buffer.clear();
            } else {
                self.buffer.extend_from_slice(chunk);
            }
            self.input.consume(used);
            if newline.is_some() {
                break;
            }
        }
        if !read_any {
            return Ok(None);
        }
        if let Some(bytes) = skipped {
            return Ok(Some(Line::Overlong { bytes }));
        }
        let line = self.buffer.strip_suffix(b"\r").unwrap_or(&self.buffer);
        Ok(Some(Line::Bytes(line)))
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufReader;

    use super::*;

    fn all(input: &[u8], max: usize, capacity: usize) -> Vec<Result<Vec<u8>, u64>> {
        let mut reader = LineReader::new(BufReader::with_capacity(capacity, input), max);
        let mut out = Vec::new();
        while let Some(line) = reader.next_line().unwrap() {
            out.push(match line {
                Line::Bytes(bytes) => Ok(bytes.to_vec()),
                Line::Overlong { bytes } => Err(bytes),
            });
        }
        out
    }

    #[test]
    fn splits_on_newlines_whatever_the_buffer_size() {
        let input = b"ab\r\n\ncdef\nlong line here\r\nxyz";
        for capacity in [1, 2, 3, 7, 64] {
            assert_eq!(
                all(input, 6, capacity),
                [
                    Ok(b"ab".to_vec()),
                    Ok(Vec::new()),
                    Ok(b"cdef".to_vec()),
                    Err(15),
                    Ok(b"xyz".to_vec()),
                ],
                "capacity {capacity}"
            );
        }
    }

    #[test]
    fn a_line_of_exactly_the_limit_is_whole() {
        assert_eq!(
            all(b"123456\n1234567", 6, 4),
            [Ok(b"123456".to_vec()), Err(7)]
        );
        assert!(all(b"", 6, 4).is_empty());
        assert_eq!(all(b"\n", 6, 4), [Ok(Vec::new())]);
    }

    #[test]
    fn an_overlong_line_is_never_buffered() {
        // 10 MiB without a newline, read through a 64 KiB buffer, limit 1 KiB.
        let input = vec![b'['; 10 << 20];
        let mut reader = LineReader::new(BufReader::with_capacity(1 << 16, &input[..]), 1024);
        assert_eq!(
            reader.next_line().unwrap(),
            Some(Line::Overlong { bytes: 10 << 20 })
        );
        assert!(
            reader.buffer.capacity() <= 2048,
            "{}",
            reader.buffer.capacity()
        );
        assert_eq!(reader.next_line().unwrap(), None);
    }
}
