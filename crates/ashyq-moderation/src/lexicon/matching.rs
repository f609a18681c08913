//! Matching a folded comment against a word list: phrases, single words (as written, with repeated letters cut,
//! with `*` masks read as any letter), and the `allow` exceptions.
use super::index::skeleton;
use super::{Hit, Lexicon, MatchKind};
use crate::normalize::Normalized;

impl Lexicon {
    fn allowed(&self, token: &str) -> bool {
        self.allow.iter().any(|p| p.matches(token))
    }

    /// Find every hit in a folded comment, in token order. A token is reported at most once per list.
    pub fn find(&self, normalized: &Normalized, hits: &mut Vec<Hit>) {
        let tokens = normalized.tokens();
        for (i, token) in tokens.iter().enumerate() {
            let text = normalized.token_str(token);
            if let Some(firstc) = text.chars().next()
                && self.phrase_firsts.may_contain(firstc)
                && let Some(ids) = self.phrases.get(&firstc)
            {
                for &id in ids {
                    if let Some(len) = self.match_phrase(normalized, i, id) {
                        let evasive = tokens[i..i + len].iter().any(|t| t.evasive);
                        hits.push(Hit {
                            entry: id,
                            category: self.entries[id as usize].category,
                            token_from: i as u32,
                            token_to: (i + len) as u32,
                            how: if evasive { MatchKind::Folded } else { MatchKind::Plain },
                        });
                    }
                }
            }
            let found = if let Some(id) = self.single.lookup(text) {
                Some((id, if token.evasive { MatchKind::Folded } else { MatchKind::Plain }))
            } else if token.elongated {
                self.single_skeleton.lookup(&skeleton(text)).map(|id| (id, MatchKind::Elongated))
            } else {
                None
            };
            let found = match found {
                Some(f) => Some(f),
                None if token.masked => self.lookup_masked(text).map(|id| (id, MatchKind::Masked)),
                None => None,
            };
            if let Some((id, how)) = found
                && !self.allowed(text)
            {
                hits.push(Hit {
                    entry: id,
                    category: self.entries[id as usize].category,
                    token_from: i as u32,
                    token_to: i as u32 + 1,
                    how,
                });
            }
        }
    }

    fn match_phrase(&self, normalized: &Normalized, start: usize, id: u32) -> Option<usize> {
        let parts = &self.entries[id as usize].parts;
        let tokens = normalized.tokens();
        if start + parts.len() > tokens.len() {
            return None;
        }
        for (k, part) in parts.iter().enumerate() {
            if !part.matches(normalized.token_str(&tokens[start + k])) {
                return None;
            }
        }
        Some(parts.len())
    }

    fn lookup_masked(&self, token: &str) -> Option<u32> {
        let chars: Vec<char> = token.chars().collect();
        let known = chars.iter().filter(|c| **c != '*').count();
        if chars.len() < 3 || known == 0 || chars[0] == '*' {
            return None;
        }
        self.entries.iter().enumerate().find_map(|(id, e)| {
            (e.parts.len() == 1 && e.parts[0].matches_masked(&chars)).then_some(id as u32)
        })
    }
}
