//! Counts in words for messages: `1 sample`, `2 samples`.

/// `n` and `noun`, the noun in the plural unless `n` is 1 (`1 group`, `0 groups`). Nouns
/// ending in `y` after a consonant take `ies` (`1 copy`, `2 copies`).
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn singular_and_plural() {
        assert_eq!(count(1, "identifier"), "1 identifier");
        assert_eq!(count(0, "group"), "0 groups");
        assert_eq!(count(3, "copy"), "3 copies");
        assert_eq!(count(2, "day"), "2 days");
    }
}
