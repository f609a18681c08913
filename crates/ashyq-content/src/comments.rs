//! Readers' comments as text: checking a submitted comment and rendering its small Markdown subset
//! (paragraphs, emphasis, links, quotes) to safe HTML. Everything else a reader types is shown as
//! text; ammonia has the last word, so even a parser surprise cannot let markup through.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, html};

/// Limits on what a comment may be.
#[derive(Debug, Clone, Copy)]
pub struct CommentLimits {
    /// Longest comment body, in characters.
    pub max_body_chars: usize,
    /// Longest display name, in characters.
    pub max_name_chars: usize,
}

impl Default for CommentLimits {
    fn default() -> Self {
        CommentLimits { max_body_chars: 5000, max_name_chars: 80 }
    }
}

/// The form as submitted.
#[derive(Debug, Clone, Default)]
pub struct CommentDraft {
    pub name: String,
    pub email: String,
    pub body: String,
}

/// A comment that passed the checks: trimmed name, normalised optional e-mail, the body as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidComment {
    pub name: String,
    pub email: Option<String>,
    pub body: String,
}

/// A problem with one field; `message_id` is the Fluent id shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentFieldError {
    pub field: &'static str,
    pub message_id: &'static str,
}

fn has_control_characters(text: &str, allow_newlines: bool) -> bool {
    text.chars().any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

/// Checks a draft. All problems are returned at once, so the form can show them all.
pub fn validate_comment(
    draft: &CommentDraft,
    limits: &CommentLimits,
) -> Result<ValidComment, Vec<CommentFieldError>> {
    let mut errors = Vec::new();
    let name = draft.name.trim();
    if name.is_empty() {
        errors.push(CommentFieldError { field: "name", message_id: "comment-error-name-required" });
    } else if name.chars().count() > limits.max_name_chars {
        errors.push(CommentFieldError { field: "name", message_id: "comment-error-name-long" });
    } else if has_control_characters(name, false) {
        errors.push(CommentFieldError { field: "name", message_id: "comment-error-name-invalid" });
    }
    let email = draft.email.trim();
    let email = if email.is_empty() {
        None
    } else {
        let lower = email.to_lowercase();
        let shaped = lower.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && lower.len() <= 254
            && !lower.chars().any(|c| c.is_whitespace() || c.is_control());
        if !shaped {
            errors.push(CommentFieldError {
                field: "email",
                message_id: "comment-error-email-invalid",
            });
        }
        Some(lower)
    };
    let body = draft.body.replace("\r\n", "\n");
    if body.trim().is_empty() {
        errors.push(CommentFieldError { field: "body", message_id: "comment-error-body-required" });
    } else if body.chars().count() > limits.max_body_chars {
        errors.push(CommentFieldError { field: "body", message_id: "comment-error-body-long" });
    } else if has_control_characters(&body, true) {
        errors.push(CommentFieldError { field: "body", message_id: "comment-error-body-invalid" });
    }
    if errors.is_empty() {
        Ok(ValidComment { name: name.to_owned(), email, body })
    } else {
        Err(errors)
    }
}

/// Renders a comment body to safe HTML: only `p`, `br`, `em`, `strong`, `blockquote` and `a` (http,
/// https and mailto, with `rel="nofollow ugc noopener"`) survive; raw HTML is shown as text.
pub fn render_comment_html(body: &str) -> String {
    // Images would load from anywhere: keep only their alt text.
    let events = Parser::new_ext(body, Options::empty()).filter_map(|event| match event {
        Event::Start(pulldown_cmark::Tag::Image { .. })
        | Event::End(pulldown_cmark::TagEnd::Image) => None,
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::SoftBreak => Some(Event::HardBreak),
        other => Some(other),
    });
    let mut markup = String::with_capacity(body.len() * 2);
    html::push_html(&mut markup, events);
    let tags: HashSet<&str> = ["p", "br", "em", "strong", "blockquote", "a"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .link_rel(Some("nofollow ugc noopener"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&markup)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_html(body: &str, expected: &str) {
        assert_eq!(render_comment_html(body).trim(), expected, "{body:?}");
    }

    #[test]
    fn renders_the_allowed_subset() {
        check_html(
            "Hello *there* and **you**",
            "<p>Hello <em>there</em> and <strong>you</strong></p>",
        );
        check_html("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>");
        check_html(
            "[site](https://example.org)",
            "<p><a href=\"https://example.org\" rel=\"nofollow ugc noopener\">site</a></p>",
        );
        check_html("one\ntwo", "<p>one<br>\ntwo</p>");
    }

    #[test]
    fn everything_else_is_neutralised() {
        check_html("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
        check_html("Hi <b onclick=x>there</b>", "<p>Hi &lt;b onclick=x&gt;there&lt;/b&gt;</p>");
        check_html("[x](javascript:alert(1))", "<p><a rel=\"nofollow ugc noopener\">x</a></p>");
        check_html("![img](https://tracker.example/pixel.png)", "<p>img</p>");
        check_html("# Heading", "Heading");
        let html = render_comment_html("<img src=x onerror=alert(1)>");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn validation_reports_every_field() {
        let limits = CommentLimits { max_body_chars: 10, max_name_chars: 5 };
        let errors = validate_comment(
            &CommentDraft { name: " ".into(), email: "not-an-email".into(), body: "".into() },
            &limits,
        )
        .unwrap_err();
        let ids: Vec<_> = errors.iter().map(|error| error.message_id).collect();
        assert_eq!(
            ids,
            [
                "comment-error-name-required",
                "comment-error-email-invalid",
                "comment-error-body-required"
            ]
        );
        let errors = validate_comment(
            &CommentDraft {
                name: "Too long name".into(),
                email: String::new(),
                body: "x".repeat(11),
            },
            &limits,
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2);
        let valid = validate_comment(
            &CommentDraft {
                name: " Dina ".into(),
                email: " D@Example.org ".into(),
                body: "Thanks\r\n".into(),
            },
            &CommentLimits::default(),
        )
        .unwrap();
        assert_eq!(
            valid,
            ValidComment {
                name: "Dina".into(),
                email: Some("d@example.org".into()),
                body: "Thanks\n".into()
            }
        );
    }

    /// Every `<` in the output opens or closes an allowed tag, and links carry only http(s)/mailto.
    fn assert_only_allowed_markup(html: &str, input: &str) {
        for (index, _) in html.match_indices('<') {
            let rest = &html[index + 1..];
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                ["p", "br", "em", "strong", "blockquote", "a"].contains(&name.as_str()),
                "{input:?} produced a <{name}> tag: {html}"
            );
            if name == "a" && !rest.starts_with('/') {
                let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
                let allowed = tag == "a rel=\"nofollow ugc noopener\""
                    || ["a href=\"http://", "a href=\"https://", "a href=\"mailto:"]
                        .iter()
                        .any(|start| tag.starts_with(start));
                assert!(allowed, "{input:?} produced <{tag}>");
            }
        }
    }

    #[test]
    fn hostile_strings_render_without_markup() {
        let Ok(list) = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/bad-input/blns.txt"
        )) else {
            return;
        };
        for line in list.lines() {
            assert_only_allowed_markup(&render_comment_html(line), line);
        }
    }
}
