//! The site's comment screen: the built-in or retrained model plus the word lists moderators keep in
//! the store. One function, used by the running site (on start and after the lists change) and by
//! every command that screens comments (importers, `demo generate`), so an imported comment meets
//! the same banned words and the same model as one posted through the form.

use ashyq_moderation::{Category, Lang, Lexicon, Model, Screen};
use ashyq_store::{CommentStore, StoreResult, WordList, WordListKind};

/// The screen built from the site's stored word lists and `model` (the file named by
/// `moderation_model`; `None` for the built-in one).
pub async fn site_screen<S: CommentStore>(store: &S, model: Option<Model>) -> StoreResult<Screen> {
    let lists = store.word_lists().await?;
    let lexicons = site_lexicons(&lists);
    Ok(match model {
        Some(model) => Screen::with_model(model, &lexicons),
        None => Screen::new(&lexicons),
    })
}

/// The stored lists as lexicons: one per list, blank lines ignored.
fn site_lexicons(lists: &[WordList]) -> Vec<Lexicon> {
    lists
        .iter()
        .map(|WordList { lang, kind, words }| {
            let category = match kind {
                WordListKind::Banned => Category::Banned,
                WordListKind::Suspect => Category::Suspect,
            };
            let entries: Vec<&str> =
                words.lines().map(str::trim).filter(|word| !word.is_empty()).collect();
            Lexicon::from_words(
                &format!("site {}", kind.code()),
                category,
                Lang::from_code(lang),
                entries,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use ashyq_moderation::CommentInput;

    use super::*;

    #[test]
    fn a_sites_banned_word_is_found_by_its_screen() {
        let lists = [WordList {
            lang: "en".to_owned(),
            kind: WordListKind::Banned,
            words: "\n  zorblatt \n\n".to_owned(),
        }];
        let screen = Screen::new(&site_lexicons(&lists));
        let verdict = screen.screen(&CommentInput {
            text: "what a zorblatt",
            lang_hint: Some("en"),
            recent: &[],
        });
        let site = |verdict: &ashyq_moderation::Verdict| {
            verdict.labels.iter().any(|finding| finding.code.starts_with("site."))
        };
        assert!(site(&verdict), "{verdict:?}");
        let plain = Screen::default().screen(&CommentInput {
            text: "what a zorblatt",
            lang_hint: Some("en"),
            recent: &[],
        });
        assert!(!site(&plain), "the word is the site's, not built in");
    }
}
