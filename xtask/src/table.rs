//! Rendering of aligned markdown tables.

/// Renders a markdown table with columns padded to equal width, so it reads
/// well both on a terminal and rendered. Missing cells render empty.
pub(crate) fn markdown(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = widths
            .iter()
            .map(|&width| format!("{:<width$}", cells.next().unwrap_or("")))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(&mut headers.iter().copied());
    let rule: Vec<String> = widths.iter().map(|&width| "-".repeat(width)).collect();
    out.push_str(&format!("|-{}-|\n", rule.join("-|-")));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_columns() {
        let rows = vec![vec!["abc".to_owned(), "1".to_owned()]];
        assert_eq!(
            markdown(&["x", "count"], &rows),
            "| x   | count |\n|-----|-------|\n| abc | 1     |\n"
        );
    }
}
