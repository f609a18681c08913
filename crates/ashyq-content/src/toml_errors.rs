//! Rewording the TOML parser's messages ("invalid type: map, expected a string") as an editor would
//! say them: which key, what it should be, in plain words.

/// The message for a front-matter error the TOML parser reported at byte `offset` of `text`.
pub(crate) fn editor_message(text: &str, offset: usize, parser_message: &str) -> String {
    let message = parser_message.trim();
    let section = section_at(text, offset);
    let place = section.map(|section| format!(" in `{section}`")).unwrap_or_default();
    if let Some(field) = quoted_after(message, "missing field ") {
        return match (field, section) {
            ("authors", None) => {
                "the front matter has no `[[authors]]`; add one with `name` and `slug` for each author".to_owned()
            }
            (field, None) => format!("the front matter has no `{field}`, which every article needs"),
            (field, Some(section)) => {
                format!("this `{section}` entry has no `{field}`, which is required there")
            }
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = quoted_after(rest, "").unwrap_or(rest);
        let allowed = rest
            .split_once("expected ")
            .map(|(_, list)| {
                format!("; the keys allowed here are {}", list.trim_start_matches("one of "))
            })
            .unwrap_or_default();
        return format!("unknown key `{field}`{place}{allowed}");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let key = key_at(text, offset);
        let subject = key.map_or_else(|| "this value".to_owned(), |key| format!("`{key}`"));
        let example = key.map_or("\"…\"".to_owned(), |key| format!("`{key} = \"…\"`"));
        let expected = match expected {
            "a string" => format!("text in quotes, like {example}"),
            "a sequence" => "a list in square brackets".to_owned(),
            "a map" => "a table".to_owned(),
            "a boolean" => "`true` or `false`".to_owned(),
            other => other.to_owned(),
        };
        return format!("{subject}{place} must be {expected}, not {}", describe_found(found));
    }
    format!("the front matter is not valid TOML: {}", message.replace('\n', " "))
}

/// "map" → "a table", "integer `5`" → "the number 5", and so on.
fn describe_found(found: &str) -> String {
    let (kind, value) = match found.split_once(' ') {
        Some((kind, value)) => (kind, value.trim_matches('`')),
        None => (found, ""),
    };
    match kind {
        "map" => "a table".to_owned(),
        "sequence" => "a list".to_owned(),
        "integer" | "float" => format!("the number {value}"),
        "boolean" => format!("`{value}`"),
        "string" => format!("the text {value}"),
        _ => found.to_owned(),
    }
}

/// The word in backquotes right after `prefix`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split_once('`').map(|(word, _)| word)
}

/// The key whose value starts at `offset` (`key = ` just before it on the same line).
fn key_at(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset.min(text.len()))?;
    let before = before.trim_end().strip_suffix('=')?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |index| index + 1);
    let key = &before[start..];
    (!key.is_empty()).then_some(key)
}

/// The `[table]` or `[[array]]` header above `offset`, if any.
fn section_at(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset.min(text.len()))?;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    text[..line_start].lines().rev().map(str::trim).find(|line| line.starts_with('['))
}

#[cfg(test)]
mod tests {
    use super::editor_message;

    #[test]
    fn parser_words_become_editor_words() {
        let text = "title = \"T\"\n[[speakers]]\nname = { en = \"A\" }\nlicence = 5\n";
        let name = text.find("{ en").unwrap();
        assert_eq!(
            editor_message(text, name, "invalid type: map, expected a string"),
            "`name` in `[[speakers]]` must be text in quotes, like `name = \"…\"`, not a table"
        );
        let number = text.find('5').unwrap();
        assert_eq!(
            editor_message(text, number, "invalid type: integer `5`, expected a string"),
            "`licence` in `[[speakers]]` must be text in quotes, like `licence = \"…\"`, not the number 5"
        );
        assert_eq!(
            editor_message(text, 0, "missing field `authors`"),
            "the front matter has no `[[authors]]`; add one with `name` and `slug` for each author"
        );
        assert_eq!(
            editor_message(text, 0, "unknown field `dek`, expected one of `title`, `slug`"),
            "unknown key `dek`; the keys allowed here are `title`, `slug`"
        );
    }
}
