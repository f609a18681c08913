//! Fuzz target: any text through the article-file parser; it must never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(article) = ashyq_content::parse_article("fuzz.md", text) {
        let _ = ashyq_content::check_batch(&[article], &std::collections::HashMap::new());
    }
});
