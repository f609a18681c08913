//! The site's settings and the site generation a server follows to show a change made anywhere.

use std::time::Duration;

use ashyq_store::{SettingWrite, Store};

use crate::content::article;

fn write(key: &str, value: Option<&str>) -> SettingWrite {
    SettingWrite { key: key.to_owned(), value: value.map(str::to_owned) }
}

fn pairs(entries: &[(&str, &str)]) -> Vec<ashyq_store::StoredSetting> {
    entries
        .iter()
        .map(|(key, value)| ashyq_store::StoredSetting {
            key: (*key).to_owned(),
            value: (*value).to_owned(),
        })
        .collect()
}

pub async fn settings_are_written_removed_seeded_and_each_change_moves_the_generation<S: Store>(
    store: S,
) {
    let start = store.site_generation().await.unwrap();
    store
        .write_site_settings(
            &[write("name", Some("Steppe")), write("contact", Some("a@b.example"))],
            1,
        )
        .await
        .unwrap();
    let after_write = store.site_generation().await.unwrap();
    assert!(after_write > start);
    store.write_site_settings(&[write("name", Some("Steppe"))], 2).await.unwrap();
    assert_eq!(
        store.site_generation().await.unwrap(),
        after_write,
        "an unchanged value is no change"
    );
    store.write_site_settings(&[write("contact", None)], 3).await.unwrap();
    let seeded = store
        .seed_site_settings(&pairs(&[("name", "Seed"), ("tagline.en", "News")]), 4)
        .await
        .unwrap();
    assert_eq!(seeded, 1, "a stored key wins over the seed");
    assert_eq!(
        store.site_settings().await.unwrap(),
        pairs(&[("name", "Steppe"), ("tagline.en", "News")])
    );
    assert!(store.site_generation().await.unwrap() > after_write);
}

pub async fn an_article_change_moves_the_generation_and_wakes_a_waiter<S: Store>(store: S) {
    let seen = store.site_generation().await.unwrap();
    let waiter = tokio::spawn({
        let store = store.clone();
        async move { store.wait_for_site_change(seen).await.unwrap() }
    });
    store.import_articles(&[article("one", "en", None, "\"Steppe\"")], false).await.unwrap();
    let changed = tokio::time::timeout(Duration::from_secs(3), waiter).await.unwrap().unwrap();
    assert!(changed > seen, "the waiter woke with {changed}, having seen {seen}");
    // Two writes of one key in one call: the last one is kept.
    let before = store.site_generation().await.unwrap();
    store
        .write_site_settings(&[write("name", Some("A")), write("name", Some("B"))], 5)
        .await
        .unwrap();
    assert_eq!(store.site_settings().await.unwrap(), pairs(&[("name", "B")]));
    assert!(store.site_generation().await.unwrap() > before);
}
