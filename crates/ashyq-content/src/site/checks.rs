//! The checks behind every site setting: lines, Markdown (with the links it may hold), e-mail
//! addresses, media file names, language lists, onion and mirror addresses; each says what was
//! expected.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};

use crate::language::LanguageTag;
use crate::links::refused_link_scheme;
use crate::parse::markdown_options;

use super::{MAX_LANGUAGES, MAX_URL_CHARS};

/// At most 40 characters of `text`, for quoting a bad value in a message.
pub(super) fn clip(text: &str) -> String {
    let mut clipped: String = text.chars().take(40).collect();
    if clipped.len() < text.len() {
        clipped.push('…');
    }
    clipped
}

/// One line of plain text of at most `max` characters.
pub(super) fn check_line(value: &str, max: usize) -> Result<(), String> {
    if value.chars().any(char::is_control) {
        return Err("one line of text, without line breaks or control characters".to_owned());
    }
    let count = value.chars().count();
    if count > max {
        return Err(format!("at most {max} characters (this has {count})"));
    }
    Ok(())
}

/// Markdown of at most `max` characters, without pictures (they would be loaded from wherever the
/// address points) and without links other than http, https, mailto or relative ones.
pub(super) fn check_markdown(value: &str, max: usize) -> Result<String, String> {
    let count = value.chars().count();
    if count > max {
        return Err(format!("Markdown of at most {max} characters (this has {count})"));
    }
    if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err("Markdown text without control characters".to_owned());
    }
    for (event, range) in Parser::new_ext(value, markdown_options()).into_offset_iter() {
        let line = value[..range.start].matches('\n').count() + 1;
        match event {
            Event::Start(Tag::Image { .. }) => {
                return Err(format!(
                    "Markdown without pictures (line {line} has one; the logo has its own form)"
                ));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(scheme) = refused_link_scheme(&dest_url) {
                    return Err(format!(
                        "links to http, https or mailto addresses only (line {line} links to `{scheme}:`)"
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(value.replace("\r\n", "\n"))
}

/// Site Markdown (about text, rules) as HTML: raw HTML escaped, pictures reduced to their text,
/// links to refused schemes reduced to their text. Values are checked before they are stored, so
/// this only guards against rows written some other way.
pub fn render_site_markdown(markdown: &str) -> String {
    let mut dropped_link = false;
    let events = Parser::new_ext(markdown, markdown_options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) if refused_link_scheme(dest_url).is_some() => {
            dropped_link = true;
            None
        }
        Event::End(TagEnd::Link) if dropped_link => {
            dropped_link = false;
            None
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// A plain e-mail address: something@domain.tld, no spaces or markup characters.
pub(super) fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c))
            && !part.starts_with('.')
            && !part.ends_with('.')
    };
    value.len() <= 254 && plain(local) && plain(domain) && domain.contains('.')
}

/// A media file name as the image path writes them: letters, digits, `-`, `_`, `.`; not hidden.
pub(super) fn is_media_file_name(value: &str) -> bool {
    value.len() <= 200
        && !value.starts_with('.')
        && value.contains('.')
        && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A comma- or space-separated list of language codes, canonicalised, without repeats.
pub(super) fn language_list(value: &str) -> Result<Vec<String>, String> {
    let mut list: Vec<String> = Vec::new();
    for item in value.split([',', ' ', '\n', '\t']).filter(|item| !item.is_empty()) {
        let tag = LanguageTag::parse(item).map_err(|error| {
            format!("language codes separated by commas, such as `kk,ru,en` ({error})")
        })?;
        let code = tag.as_str().to_owned();
        if list.contains(&code) {
            return Err(format!("each language once (`{code}` is listed twice)"));
        }
        list.push(code);
    }
    if list.len() > MAX_LANGUAGES {
        return Err(format!("at most {MAX_LANGUAGES} languages"));
    }
    Ok(list)
}

/// `http://` (or `https://`) + a version-3 onion name (56 base32 characters) + `.onion`, with an
/// optional port and trailing slash; returned as an origin in lower case without the slash.
pub(super) fn onion_origin(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let label = host.strip_suffix(".onion")?;
    // A subdomain of the service (`www.NAME.onion`) reaches the same service.
    let name = label.rsplit('.').next()?;
    let name_ok = name.len() == 56 && name.chars().all(|c| matches!(c, 'a'..='z' | '2'..='7'));
    let labels_ok = label.split('.').all(|part| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let port_ok = port.is_none_or(|port| port.parse::<u16>().is_ok_and(|port| port > 0));
    (name_ok && labels_ok && port_ok).then(|| format!("{scheme}://{authority}"))
}

/// An http or https address with a host, no user name or password, and nothing a page could not
/// print safely in an attribute; the scheme and host in lower case.
pub(super) fn mirror_url(value: &str) -> Option<String> {
    if value.len() > MAX_URL_CHARS {
        return None;
    }
    let (scheme, rest) = value.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (address, after) = inner.split_once(']')?;
        if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return None;
        }
        (format!("[{address}]"), after.strip_prefix(':'))
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let labels_ok = !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !labels_ok {
            return None;
        }
        (host.to_ascii_lowercase(), port)
    };
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|port| port > 0)
    {
        return None;
    }
    let path_ok =
        path.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if !path_ok {
        return None;
    }
    let port = port.map(|port| format!(":{port}")).unwrap_or_default();
    Some(format!("{scheme}://{host}{port}{path}"))
}
