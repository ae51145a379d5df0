//! Words for people: counts (`1 sample`, `2 samples`) and text made safe to print.

use std::borrow::Cow;
use std::fmt::Write;

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

/// `text` with every control character (escape sequences, carriage returns, newlines, bell)
/// shown as `\u{1b}` instead of acting on the terminal: file contents and names must not
/// be able to move the cursor, set the window title or forge report lines.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{count, printable};

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable("a\x1b]0;PWNED\x07b\nc"), "a\\u{1b}]0;PWNED\\u{7}b\\u{a}c");
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn singular_and_plural() {
        assert_eq!(count(1, "identifier"), "1 identifier");
        assert_eq!(count(0, "group"), "0 groups");
        assert_eq!(count(3, "copy"), "3 copies");
        assert_eq!(count(2, "day"), "2 days");
    }
}
