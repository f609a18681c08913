//! Fuzz target: any bytes through the WordPress export reader. It must never panic, and every
//! article file it plans from an export it accepts must be one our parser accepts.

#![no_main]

use ashyq_import::plan::{Known, plan_wxr};
use ashyq_import::xml::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let limits = Limits { max_text_bytes: 64 * 1024, max_depth: 32, max_elements: 10_000 };
    let _ = ashyq_import::disqus::read_disqus(text, limits);
    let Ok(wxr) = ashyq_import::wxr::read_wxr(text, limits) else { return };
    let plan = plan_wxr(&wxr, &Known::default(), &|_| None, time::OffsetDateTime::UNIX_EPOCH);
    for article in &plan.articles {
        if let Err(errors) = ashyq_content::parse_article("fuzz.md", &article.file) {
            panic!("planned file refused: {errors:?}\n{}", article.file);
        }
    }
});
