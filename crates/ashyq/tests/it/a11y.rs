//! Issue 10 items 14–19 over HTTP: the comment form's error page, the dark scheme's error colour,
//! `lang` on text in another language, and the moderation screens (buttons, labels, the history
//! link, the dashboard's count). The browser checks (axe-core, keyboard, overflow) are in
//! `browser_checks`.

use crate::comments::{ARTICLE, PASSWORD, app, moderator, post_comment, posted_id};
use crate::support::{Browser, TestApp};

/// Item 15: the refused comment's page opens at the form, says "Error" in its title, marks the
/// field and links the summary to it.
#[test]
fn a_refused_comment_returns_to_the_form_with_the_field_marked_and_linked() {
    let app = TestApp::with_demo();
    let mut reader = Browser::new(&app);
    let article = reader.get(ARTICLE).body;
    assert!(
        article.contains(&format!("action=\"{ARTICLE}/comments#comment-form\"")),
        "the form's answer opens at the form"
    );
    assert!(article.contains("<title>How to keep reading us"), "no error in a plain page's title");
    let reply = reader.post(&format!("{ARTICLE}/comments"), &[("name", "Aigul"), ("body", "   ")]);
    assert_eq!(reply.status, 422);
    let page = reply.body;
    assert!(page.contains("<title>Error: "), "the title says Error");
    assert!(
        page.contains(
            "<textarea id=\"comment-body\" name=\"body\" required rows=\"6\" aria-invalid=\"true\""
        ),
        "the field is marked invalid"
    );
    assert!(page.contains("aria-describedby=\"comment-body-hint comment-body-error\""));
    let summary = page.find("id=\"comment-errors\"").expect("an error summary");
    assert!(
        page[summary..].contains("<li><a href=\"#comment-body\">Please write a comment.</a></li>"),
        "the summary links to the field"
    );
    assert!(!page.contains("id=\"comment-name\" name=\"name\" required maxlength=\"80\" autocomplete=\"nickname\" value=\"Aigul\" aria-invalid"));
    // The e-mail field is marked too when it is the one at fault.
    let reply = reader.post(
        &format!("{ARTICLE}/comments"),
        &[("name", "Aigul"), ("email", "nope"), ("body", "Thank you for this.")],
    );
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("autocomplete=\"email\" value=\"nope\" aria-invalid=\"true\""));
    assert!(reply.body.contains("<a href=\"#comment-email\">"));
}

fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let hex = hex.trim_start_matches('#');
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The value of the custom property `name` in a block of CSS.
fn property<'a>(block: &'a str, name: &str) -> &'a str {
    let start =
        block.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} is set")) + name.len() + 1;
    block[start..start + block[start..].find(';').unwrap()].trim()
}

/// Item 16: error and warning text keeps at least 4.5:1 contrast in both schemes.
#[test]
fn the_error_colour_has_enough_contrast_in_the_light_and_the_dark_scheme() {
    let app = TestApp::with_demo();
    let front = app.page("/");
    let href = crate::support::attribute_values(&front, "href")
        .into_iter()
        .find(|href| href.ends_with(".css"))
        .unwrap();
    let css = app.get(&href).body;
    let dark_start = css.find("@media (prefers-color-scheme: dark)").expect("a dark scheme");
    let (light, dark) = css.split_at(dark_start);
    let dark = &dark[..dark.find("}\n}").unwrap()];
    for (scheme, block) in [("light", light), ("dark", dark)] {
        let error = property(block, "--error");
        for background in ["--paper", "--accent-soft"] {
            let ratio = contrast(error, property(block, background));
            assert!(ratio >= 4.5, "{scheme}: --error {error} on {background} is {ratio:.2}:1");
        }
    }
    // Every red in the stylesheet is the variable, so the dark scheme changes them all.
    assert_eq!(css.matches("#a4161a").count(), 1, "only the light scheme's --error names it");
    assert!(css.contains(".form-error { color: var(--error)"));
    assert!(css.contains(".warning { color: var(--error)"));
}

/// Item 19: titles on `/admin` in another language than the page's carry their `lang`.
#[test]
fn the_dashboard_marks_titles_in_other_languages_and_counts_the_waiting_comments() {
    let app = app();
    let mut editor = Browser::new(&app);
    assert_eq!(editor.login("editor@example.org", PASSWORD).status, 303);
    let dashboard = editor.get("/admin").body;
    assert!(dashboard.contains("<html lang=\"en\""));
    assert!(
        dashboard.contains("<span lang=\"ru\" dir=\"auto\">Типографии, которые отказали</span> ("),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("<span>The printers who said no</span> ("),
        "English titles need no lang"
    );
    // Item 14: the queue button says how many comments wait.
    assert!(dashboard.contains(">Moderation queue (none waiting)</a>"), "{dashboard}");
    let mut reader = Browser::new(&app);
    for text in ["First thought on the story.", "A second thought, later on."] {
        assert_eq!(post_comment(&mut reader, ARTICLE, "Aigul", text).status, 303);
    }
    let dashboard = editor.get("/admin").body;
    assert!(dashboard.contains(">Moderation queue (2 waiting)</a>"), "{dashboard}");
}

/// Item 14: each row reads [Approve] [Reject] [Spam], the reason and the ban menus have visible
/// labels, and "N earlier comments" lists only earlier ones, linking to each where it is shown.
#[test]
fn queue_rows_read_clearly_and_the_history_links_to_earlier_comments_only() {
    let app = app();
    let mut reader = Browser::new(&app);
    let first = posted_id(&post_comment(&mut reader, ARTICLE, "Aigul", "My first comment here."));
    let russian = "/articles/tipografii-kotorye-otkazali";
    let second =
        posted_id(&post_comment(&mut reader, russian, "Aigul", "Второй комментарий, позже."));
    let mut moderator = moderator(&app);
    let queue = moderator.get("/moderation").body;
    let row = |id: i64| {
        let start = queue.find(&format!("id=\"c{id}\"")).unwrap_or_else(|| panic!("row {id}"));
        let rest = &queue[start + 1..];
        let end = rest.find("<li class=\"queue-item").or_else(|| rest.find("</ol>")).unwrap();
        queue[start..start + 1 + end].to_owned()
    };
    let (first_row, second_row) = (row(first), row(second));
    let actions = &first_row[first_row.find("class=\"queue-actions\"").unwrap()..];
    let order: Vec<usize> =
        ["value=\"approve\"", "value=\"reject\"", "value=\"spam\"", "name=\"reason\""]
            .iter()
            .map(|part| actions.find(part).unwrap_or_else(|| panic!("{part} in {actions}")))
            .collect();
    assert!(
        order.windows(2).all(|pair| pair[0] < pair[1]),
        "[Approve] [Reject] [Spam], then the reason: {actions}"
    );
    assert!(
        actions.contains(
            "<label class=\"reason-label\">Reason for rejecting <select name=\"reason\">"
        )
    );
    assert!(actions.contains("<label>For how many days <select name=\"days\">"), "{actions}");
    assert!(actions.contains("<label>What to ban <select name=\"kind\">"));
    assert!(!actions.contains("aria-label="), "visible labels, not hidden ones");
    // Item 19: a Russian article's title in the English queue carries its language, and so does
    // the comment's text.
    assert!(
        second_row.contains("lang=\"ru\" dir=\"auto\">Типографии, которые отказали</a>"),
        "{second_row}"
    );
    assert!(second_row.contains("<blockquote class=\"queue-body\" lang=\"ru\""));

    // The first comment has nothing before it; the second links to the first, in the queue
    // narrowed to its article, at its row.
    assert!(!first_row.contains("earlier comment"), "{first_row}");
    assert!(second_row.contains("1 earlier comment by this person"), "{second_row}");
    let link = format!(
        "<a href=\"/moderation?status=pending&#38;article=reading-us-when-blocked#c{first}\">"
    );
    assert!(second_row.contains(&link), "{second_row}");
    let target = moderator.get("/moderation?status=pending&article=reading-us-when-blocked").body;
    assert!(target.contains(&format!("id=\"c{first}\"")), "the link leads to the comment's row");
    // Once approved, the earlier comment is linked where readers see it.
    crate::comments::approve(&mut moderator, first);
    let queue = moderator.get("/moderation").body;
    assert!(
        queue.contains(&format!("<a href=\"{ARTICLE}#comment-{first}\">")),
        "an approved comment is linked under its article"
    );
}
