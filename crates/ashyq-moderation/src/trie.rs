//! A character trie over word-list patterns: one walk along a token answers "which entry equals it" and
//! "which entry is a prefix of it" without hashing the token or comparing it with each stem.
//!
//! Most tokens leave the trie after one or two characters, so this is cheaper per token than a hash look-up plus a
//! scan of the stems that share the first letter, which is what the word lists used before. Hand-written
//! because it is small and the answers need the word lists' own priority (the earliest entry wins), which
//! general matchers (`aho-corasick`, `fst`) would need extra passes or a dependency to give per token.

/// No entry.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
struct Node {
    /// `(character, node index)`, sorted by character.
    children: Vec<(char, u32)>,
    /// Smallest entry id whose pattern is exactly the path to this node.
    exact: u32,
    /// Smallest entry id whose pattern is a prefix pattern ending at this node.
    prefix: u32,
}

impl Node {
    fn new() -> Node {
        Node { children: Vec::new(), exact: NONE, prefix: NONE }
    }

    /// Child for `c`: a linear scan for the usual few children, a binary search for the busy ones.
    #[inline]
    fn child(&self, c: char) -> Option<u32> {
        if self.children.len() <= 8 {
            self.children.iter().find(|(k, _)| *k == c).map(|(_, n)| *n)
        } else {
            self.children.binary_search_by_key(&c, |(k, _)| *k).ok().map(|i| self.children[i].1)
        }
    }
}

/// Characters below this (Latin, Greek, Cyrillic) find the root's child by direct index.
const DIRECT: usize = 0x530;

/// Patterns by their characters. Node 0 is the root; its children for common first characters are also in
/// a direct table.
#[derive(Debug, Clone)]
pub(crate) struct PatternTrie {
    /// Child of the root for each character below [`DIRECT`] (0 = none: the root is never a child).
    direct: Vec<u32>,
    nodes: Vec<Node>,
    /// Whether some pattern's first character starts with this UTF-8 byte: lets a scan over a token's bytes
    /// skip positions no pattern can start at without decoding them (never set for continuation bytes).
    first_bytes: [bool; 256],
}

impl Default for PatternTrie {
    fn default() -> PatternTrie {
        PatternTrie { direct: vec![0; DIRECT], nodes: vec![Node::new()], first_bytes: [false; 256] }
    }
}

/// What one walk found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Entry whose exact pattern is the whole token.
    pub(crate) exact: Option<u32>,
    /// Earliest entry whose prefix pattern starts the token.
    pub(crate) prefix: Option<u32>,
}

impl PatternTrie {
    /// Add `text` for entry `id`, as an exact pattern or a prefix pattern. Empty patterns are ignored.
    /// Answers are the smallest matching id: the word lists add entries in id order, so that is the first
    /// entry added that matches, as it was when stems were scanned in a list.
    pub(crate) fn insert(&mut self, text: &str, id: u32, prefix: bool) {
        let Some(&first) = text.as_bytes().first() else {
            return;
        };
        self.first_bytes[usize::from(first)] = true;
        let mut node = 0u32;
        for c in text.chars() {
            node = match self.child(node, c) {
                Some(child) => child,
                None => {
                    self.nodes.push(Node::new());
                    let new = self.nodes.len() as u32 - 1;
                    let children = &mut self.nodes[node as usize].children;
                    let at = children.partition_point(|(k, _)| *k < c);
                    children.insert(at, (c, new));
                    if node == 0 && (c as usize) < DIRECT {
                        self.direct[c as usize] = new;
                    }
                    new
                }
            };
        }
        let slot = &mut self.nodes[node as usize];
        let target = if prefix { &mut slot.prefix } else { &mut slot.exact };
        *target = (*target).min(id);
    }

    #[inline]
    fn child(&self, node: u32, c: char) -> Option<u32> {
        if node == 0 && (c as usize) < DIRECT {
            return match self.direct[c as usize] {
                0 => None,
                child => Some(child),
            };
        }
        self.nodes[node as usize].child(c)
    }

    /// Walk `token` from its first character: the exact entry equal to it and the earliest prefix entry
    /// that starts it.
    #[inline]
    pub(crate) fn walk(&self, token: &str) -> Found {
        let mut node = 0u32;
        let mut best_prefix = NONE;
        let mut complete = true;
        for c in token.chars() {
            match self.child(node, c) {
                Some(child) => node = child,
                None => {
                    complete = false;
                    break;
                }
            }
            best_prefix = best_prefix.min(self.nodes[node as usize].prefix);
        }
        let exact = self.nodes[node as usize].exact;
        Found {
            exact: (complete && node != 0 && exact != NONE).then_some(exact),
            prefix: (best_prefix != NONE).then_some(best_prefix),
        }
    }

    /// Whether some pattern starts with `c` (a cheap test before walking from a position).
    #[inline]
    pub(crate) fn may_start(&self, c: char) -> bool {
        self.child(0, c).is_some()
    }

    /// Whether some pattern may start with the character whose UTF-8 encoding starts with `byte` (false for
    /// continuation bytes, so a true answer is always at a character boundary).
    #[inline]
    pub(crate) fn may_start_byte(&self, byte: u8) -> bool {
        self.first_bytes[usize::from(byte)]
    }

    /// Whether no pattern was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_agree_with_root_children_for_ascii() {
        let mut trie = PatternTrie::default();
        for (id, word) in ["fuck", "nig", "хуй", "é"].into_iter().enumerate() {
            trie.insert(word, id as u32, true);
        }
        for b in 0u8..128 {
            assert_eq!(trie.may_start_byte(b), trie.may_start(char::from(b)), "{b}");
        }
        assert!((0x80u8..0xc0).all(|b| !trie.may_start_byte(b)), "continuation bytes");
    }

    #[test]
    fn exact_and_earliest_prefix() {
        let mut trie = PatternTrie::default();
        trie.insert("fuck", 1, true);
        trie.insert("fu", 2, true);
        trie.insert("fuck", 3, false);
        trie.insert("fuck", 4, true); // same stem as entry 1, which stays the answer
        trie.insert("хуй", 5, false);
        let walk = |t: &str| trie.walk(t);
        assert_eq!(walk("fuck"), Found { exact: Some(3), prefix: Some(1) });
        assert_eq!(walk("fucking"), Found { exact: None, prefix: Some(1) });
        assert_eq!(walk("fun"), Found { exact: None, prefix: Some(2) });
        assert_eq!(walk("f"), Found { exact: None, prefix: None });
        assert_eq!(walk("хуй"), Found { exact: Some(5), prefix: None });
        assert_eq!(walk("хуйня"), Found { exact: None, prefix: None });
        assert_eq!(walk(""), Found { exact: None, prefix: None });
        let mut many = PatternTrie::default();
        for (id, c) in ('а'..='я').chain('a'..='z').enumerate() {
            many.insert(&format!("x{c}"), id as u32, false);
        }
        assert_eq!(many.walk("xж").exact, Some(6));
        assert_eq!(many.walk("xq").exact, Some(48));
        assert_eq!(many.walk("x€").exact, None);
        assert!(many.may_start('x') && !many.may_start('y') && !many.may_start('€'));
        assert!(!trie.is_empty());
        assert!(PatternTrie::default().is_empty());
    }
}
