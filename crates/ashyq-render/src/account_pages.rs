//! The newsroom's account pages: login (and its second step), the person's own page with sessions and
//! the second factor, password set and reset, people management, and the dashboard's frame.

use askama::Template;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::chrome::{Chrome, StaffNav};
use crate::pages::RenderError;
use crate::site::Site;

fn render(page: &'static str, template: &impl Template) -> Result<String, RenderError> {
    template.render().map_err(|source| RenderError::new(page, source))
}

/// A Unix time as `2026-11-25 16:50 UTC`: staff pages show exact times, in one zone.
pub fn format_time(unix_seconds: i64) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|moment| moment.format(&format).ok())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
}

/// What the login form shows again after a failed attempt.
#[derive(Debug, Default, Clone)]
pub struct LoginForm {
    pub email: String,
    pub next: String,
    /// Fluent id of the error, if the last attempt failed.
    pub error_id: Option<&'static str>,
    /// Fluent id of a notice (e.g. "your password was set").
    pub notice_id: Option<&'static str>,
}

pub fn render_login_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    form: &LoginForm,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("login-title"), site.name());
    let error = form.error_id.map(|id| l10n.msg(id));
    let notice = form.notice_id.map(|id| l10n.msg(id));
    let chrome = Chrome::new(site, l10n, title, &[], None);
    let page = LoginTemplate {
        chrome,
        csrf: csrf.to_owned(),
        email: form.email.clone(),
        next: form.next.clone(),
        error,
        notice,
    };
    render("the login page", &page)
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct LoginCodeTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    next: String,
    error: Option<String>,
}

pub fn render_login_code_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    next: &str,
    error_id: Option<&str>,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("login-code-title"), site.name());
    let error = error_id.map(|id| l10n.msg(id));
    let chrome = Chrome::new(site, l10n, title, &[], None);
    render(
        "the second-factor page",
        &LoginCodeTemplate { chrome, csrf: csrf.to_owned(), next: next.to_owned(), error },
    )
}

/// A login session in the person's list.
#[derive(Debug, Clone)]
pub struct SessionItem {
    pub id: i64,
    pub created: String,
    pub last_seen: String,
    pub user_agent: String,
    pub current: bool,
}

/// A second factor being set up: the secret to type or import. The server keeps the secret; the
/// confirm form sends only the password and a code.
#[derive(Debug, Clone)]
pub struct TotpSetup {
    pub secret_display: String,
    pub uri: String,
}

/// A personal API token in the person's list (never the token itself).
#[derive(Debug, Clone)]
pub struct ApiTokenItem {
    pub id: i64,
    pub name: String,
    /// The scope codes, as the API documents them.
    pub scopes: String,
    pub created: String,
    /// `None`: never used.
    pub last_used: Option<String>,
    pub expires: String,
}

/// What the person's own page shows.
#[derive(Debug, Clone, Default)]
pub struct AccountView {
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub sessions: Vec<SessionItem>,
    pub api_tokens: Vec<ApiTokenItem>,
    pub totp_enabled: bool,
    pub totp_setup: Option<TotpSetup>,
    pub notice_id: Option<&'static str>,
    pub error_id: Option<&'static str>,
    /// A personal API token just created: shown this once.
    pub new_token: Option<String>,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    view: AccountView,
    roles: String,
    notice: Option<String>,
    error: Option<String>,
    tokens_intro: String,
}

/// The person's own page; `api_token_days` is how long a new API token lives (said on the page).
pub fn render_account_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    view: AccountView,
    api_token_days: i64,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("account-title"), site.name());
    let roles = view
        .roles
        .iter()
        .map(|code| l10n.msg(&format!("role-{code}")))
        .collect::<Vec<_>>()
        .join(", ");
    let notice = view.notice_id.map(|id| l10n.msg(id));
    let error = view.error_id.map(|id| l10n.msg(id));
    let tokens_intro = l10n.msg_count("api-tokens-intro", "days", api_token_days);
    let chrome = Chrome::staff(
        site,
        l10n,
        title,
        StaffNav { name: view.name.clone(), csrf: csrf.to_owned() },
    );
    render(
        "the account page",
        &AccountTemplate {
            chrome,
            csrf: csrf.to_owned(),
            view,
            roles,
            notice,
            error,
            tokens_intro,
        },
    )
}

#[derive(Template)]
#[template(path = "password_set.html")]
struct PasswordSetTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    token: String,
    error: Option<String>,
}

pub fn render_password_set_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    token: &str,
    error: Option<String>,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("password-set-title"), site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    render(
        "the password page",
        &PasswordSetTemplate { chrome, csrf: csrf.to_owned(), token: token.to_owned(), error },
    )
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct PasswordResetTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    sent: bool,
}

pub fn render_password_reset_page(
    site: &Site,
    ui_lang: &str,
    csrf: &str,
    sent: bool,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("password-reset-title"), site.name());
    let chrome = Chrome::new(site, l10n, title, &[], None);
    render("the reset page", &PasswordResetTemplate { chrome, csrf: csrf.to_owned(), sent })
}

/// A person in the people list.
#[derive(Debug, Clone)]
pub struct PersonItem {
    pub name: String,
    pub email: String,
    pub roles: String,
    pub active: bool,
    pub second_factor: bool,
}

/// The invite form as last submitted.
#[derive(Debug, Clone, Default)]
pub struct InviteForm {
    pub email: String,
    pub name: String,
    pub roles: Vec<String>,
    pub error: Option<String>,
    /// The one-time link for the person just invited.
    pub link: Option<String>,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeopleTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    people: Vec<PersonItem>,
    invite: InviteForm,
    role_choices: Vec<(String, String, bool)>,
}

pub fn render_people_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    people: Vec<PersonItem>,
    invite: InviteForm,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("people-title"), site.name());
    let role_choices = ["author", "editor", "translator", "moderator", "admin"]
        .iter()
        .map(|code| {
            (
                (*code).to_owned(),
                l10n.msg(&format!("role-{code}")),
                invite.roles.iter().any(|role| role == code),
            )
        })
        .collect();
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render("the people page", &PeopleTemplate { chrome, csrf, people, invite, role_choices })
}

/// A link on the dashboard.
#[derive(Debug, Clone)]
pub struct DashboardLink {
    pub url: String,
    pub text: String,
    /// The language of `text` (an article's title is in the article's); `None` for the page's own.
    pub lang: Option<String>,
    /// Said after the text in the page's language, in brackets (an article's state); may be empty.
    pub note: String,
}

/// A button on the dashboard: where it leads, its Fluent id, and for a queue how many wait in it
/// (then the text is the message `ID-waiting` with `$count`).
#[derive(Debug, Clone)]
pub struct DashboardAction {
    pub url: String,
    pub id: &'static str,
    pub count: Option<i64>,
}

/// A list of articles on the dashboard.
#[derive(Debug, Clone)]
pub struct DashboardSection {
    pub heading: String,
    pub items: Vec<DashboardLink>,
    pub empty: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardTemplate<'a> {
    chrome: Chrome<'a>,
    actions: Vec<DashboardLink>,
    sections: Vec<DashboardSection>,
}

/// The dashboard: what this person can do, and the article lists that concern them.
pub fn render_dashboard(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    actions: Vec<DashboardAction>,
    sections: Vec<(&str, Vec<DashboardLink>)>,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let title = format!("{} · {}", l10n.msg("dashboard-title"), site.name());
    let actions = actions
        .into_iter()
        .map(|action| DashboardLink {
            url: action.url,
            text: match action.count {
                Some(count) => l10n.msg_count(&format!("{}-waiting", action.id), "count", count),
                None => l10n.msg(action.id),
            },
            lang: None,
            note: String::new(),
        })
        .collect();
    let empty = l10n.msg("dashboard-empty");
    let sections = sections
        .into_iter()
        .map(|(id, items)| DashboardSection { heading: l10n.msg(id), items, empty: empty.clone() })
        .collect();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render("the dashboard", &DashboardTemplate { chrome, actions, sections })
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(super::format_time(0), "1970-01-01 00:00 UTC");
    }
}
