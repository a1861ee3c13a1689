//! [`clip`]: the one way the workspace cuts a string it quotes in an error.

/// At most `max_bytes` bytes of `text`, cut at a character boundary: what an
/// error message quotes of an input, so that a hostile input cannot make a
/// large message.
///
/// ```
/// assert_eq!(ordertrack_model::clip("BTCUSDT", 3), "BTC");
/// assert_eq!(ordertrack_model::clip("é-é", 2), "é"); // never half a character
/// assert_eq!(ordertrack_model::clip("short", 64), "short");
/// ```
#[must_use]
pub fn clip(text: &str, max_bytes: usize) -> &str {
    let mut end = text.len().min(max_bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn cuts_at_a_character_boundary_within_the_limit() {
        let long = "é".repeat(100);
        for max in 0..=201 {
            let cut = clip(&long, max);
            assert!(cut.len() <= max && max - cut.len() <= 1, "{max}");
            assert!(cut.chars().all(|c| c == 'é'));
        }
        assert_eq!(clip("", 10), "");
    }
}
