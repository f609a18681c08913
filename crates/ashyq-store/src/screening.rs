//! What the screen said about a stored comment, as typed values: its findings and the signals
//! (flags) the comment form saw. Both backends keep them in text columns through `encode`/`decode`
//! here, one format for both, so callers never parse strings. The recent-comment lists both
//! backends' `screening_context` packs into text in one statement are read back by one function
//! here too ([`unpack_recent`]).

use ashyq_moderation::{Finding, Label};
use serde::{Deserialize, Serialize};

use crate::{CommentId, RecentComment, StoreResult, StoredFingerprint};

/// One finding of the screen, kept with the comment: the moderation crate's [`Finding`] with an
/// owned code. Serialised as the screen's own JSON, so the API shows it unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenFinding {
    pub label: Label,
    /// Stable machine code, such as `lexicon.obscene.evasion` or `duplicate.exact`.
    pub code: String,
    /// Explanation in English.
    #[serde(default)]
    pub reason: String,
    /// Byte ranges `(start, end)` into the comment's text.
    #[serde(default)]
    pub spans: Vec<(usize, usize)>,
    /// What drove the finding (list entries, the model's words).
    #[serde(default)]
    pub evidence: Vec<String>,
}

impl From<&Finding> for ScreenFinding {
    fn from(finding: &Finding) -> ScreenFinding {
        ScreenFinding {
            label: finding.label,
            code: finding.code.to_owned(),
            reason: finding.reason.clone(),
            spans: finding.spans.clone(),
            evidence: finding.evidence.clone(),
        }
    }
}

/// The stored text of a comment's findings (a JSON array).
pub fn encode_findings(findings: &[ScreenFinding]) -> String {
    serde_json::to_string(findings).unwrap_or_else(|_| "[]".to_owned())
}

/// Findings from their stored text. Every row written so far is this JSON; a value that is not
/// (hand-edited, or a label a later version dropped) loses its findings rather than its comment,
/// and says so in the log.
pub fn decode_findings(stored: &str) -> Vec<ScreenFinding> {
    if stored.trim().is_empty() {
        return Vec::new();
    }
    match serde_json::from_str(stored) {
        Ok(findings) => findings,
        Err(error) => {
            tracing::warn!(%error, "a comment's stored findings could not be read; shown without them");
            Vec::new()
        }
    }
}

/// A signal about how a comment arrived. Flags never refuse a comment; they make moderators look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CommentFlag {
    /// The hidden field a person never sees was filled in.
    Honeypot,
    /// Sent sooner after the page was served than a person can type.
    TooFast,
    /// The writer's address or e-mail was banned when it arrived.
    Banned,
}

impl CommentFlag {
    pub const ALL: [CommentFlag; 3] =
        [CommentFlag::Honeypot, CommentFlag::TooFast, CommentFlag::Banned];

    /// The word stored and shown (`too-fast`).
    pub fn code(self) -> &'static str {
        match self {
            CommentFlag::Honeypot => "honeypot",
            CommentFlag::TooFast => "too-fast",
            CommentFlag::Banned => "banned",
        }
    }

    pub fn from_code(code: &str) -> Option<CommentFlag> {
        CommentFlag::ALL.into_iter().find(|flag| flag.code() == code)
    }
}

impl std::fmt::Display for CommentFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A comment's flags: each at most once, in the order they were raised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentFlags(Vec<CommentFlag>);

impl CommentFlags {
    pub fn new() -> CommentFlags {
        CommentFlags::default()
    }

    /// Raises `flag` (a second time changes nothing).
    pub fn insert(&mut self, flag: CommentFlag) {
        if !self.0.contains(&flag) {
            self.0.push(flag);
        }
    }

    pub fn contains(&self, flag: CommentFlag) -> bool {
        self.0.contains(&flag)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = CommentFlag> + '_ {
        self.0.iter().copied()
    }

    /// The stored text: the codes separated by spaces (as every row so far holds them).
    pub fn encode(&self) -> String {
        self.0.iter().map(|flag| flag.code()).collect::<Vec<_>>().join(" ")
    }

    /// Flags from their stored text; a word that names no flag is left out, and logged.
    pub fn decode(stored: &str) -> CommentFlags {
        let mut flags = CommentFlags::new();
        for word in stored.split_whitespace() {
            match CommentFlag::from_code(word) {
                Some(flag) => flags.insert(flag),
                None => {
                    tracing::warn!(flag = word, "a comment's stored flag is not known; left out")
                }
            }
        }
        flags
    }
}

impl FromIterator<CommentFlag> for CommentFlags {
    fn from_iter<I: IntoIterator<Item = CommentFlag>>(iter: I) -> CommentFlags {
        let mut flags = CommentFlags::new();
        for flag in iter {
            flags.insert(flag);
        }
        flags
    }
}

/// What both engines' `screening_context` reads in one statement: the exact matches and the three
/// recent lists, each packed as text, and the ban flag.
pub type PackedScreening = (Option<String>, Option<String>, Option<String>, Option<String>, bool);

/// Reads an "id created exact simhash tokens,…" list packed by `screening_context`.
pub fn unpack_recent(packed: &str) -> StoreResult<Vec<RecentComment>> {
    let corrupt = || {
        crate::StoreError::Backend(
            format!("a stored comment fingerprint is malformed: {packed:.80}").into(),
        )
    };
    packed
        .split(',')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let mut numbers = item.split(' ').map(str::parse::<i64>);
            let mut next = || numbers.next().and_then(Result::ok).ok_or_else(corrupt);
            let comment = RecentComment {
                id: CommentId(next()?),
                created_at: next()?,
                fingerprint: StoredFingerprint {
                    exact: next()?,
                    simhash: next()?,
                    tokens: next()?,
                },
            };
            match numbers.next() {
                None => Ok(comment),
                Some(_) => Err(corrupt()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_stored_before_they_were_typed_still_load() {
        // A row as `serde_json::to_string(&verdict.labels)` wrote it, and an older one without
        // evidence.
        let stored = r#"[{"label":"obscene","code":"lexicon.obscene.evasion","reason":"r","spans":[[0,4]],"evidence":["x*"]},{"label":"suspect","code":"lexicon.suspect","reason":"s","spans":[]}]"#;
        let findings = decode_findings(stored);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].label, Label::Obscene);
        assert_eq!(findings[0].spans, vec![(0, 4)]);
        assert_eq!(findings[0].evidence, vec!["x*".to_owned()]);
        assert!(findings[1].evidence.is_empty());
        assert_eq!(decode_findings(&encode_findings(&findings)), findings);
        assert!(decode_findings("").is_empty());
        assert!(decode_findings("not json").is_empty());
    }

    #[test]
    fn flags_keep_their_stored_words_and_drop_unknown_ones() {
        let flags = CommentFlags::decode("too-fast  banned something-else too-fast");
        assert_eq!(
            flags.iter().collect::<Vec<_>>(),
            vec![CommentFlag::TooFast, CommentFlag::Banned]
        );
        assert_eq!(flags.encode(), "too-fast banned");
        assert!(CommentFlags::decode("").is_empty());
        let built: CommentFlags =
            [CommentFlag::Honeypot, CommentFlag::Honeypot].into_iter().collect();
        assert_eq!(built.encode(), "honeypot");
    }

    #[test]
    fn packed_lists_read_back_and_damage_is_an_error() {
        let read = unpack_recent("7 100 1 -2 3,8 101 -4 5 6").unwrap();
        assert_eq!(read[1].id, CommentId(8));
        assert_eq!(read[1].created_at, 101);
        assert_eq!(
            read.iter().map(|c| c.fingerprint).collect::<Vec<_>>(),
            [
                StoredFingerprint { exact: 1, simhash: -2, tokens: 3 },
                StoredFingerprint { exact: -4, simhash: 5, tokens: 6 }
            ]
        );
        assert!(unpack_recent("").unwrap().is_empty(), "no recent comments");
        assert!(unpack_recent("1 2 3 4").is_err());
        assert!(unpack_recent("1 2 3 4 x").is_err());
        assert!(unpack_recent("1 2 3 4 5 6").is_err());
    }
}
