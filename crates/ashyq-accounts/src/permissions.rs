//! Roles and the one function that says whether a person may do something. Every state change on the
//! server asks `may` first.

use std::fmt;

/// A role a person may hold; one person may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Editor,
    Author,
    Translator,
    Moderator,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Admin, Role::Editor, Role::Author, Role::Translator, Role::Moderator];

    /// The code used in storage, on the command line and in Fluent ids (`role-CODE`).
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
            Role::Translator => "translator",
            Role::Moderator => "moderator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code().eq_ignore_ascii_case(code.trim()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The set of roles a person holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Roles {
        let mut roles: Vec<Role> = roles.into_iter().collect();
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    /// Parses `admin,editor`; unknown codes are returned as the error.
    pub fn parse(text: &str) -> Result<Roles, String> {
        let mut roles = Vec::new();
        for code in text.split(',').map(str::trim).filter(|code| !code.is_empty()) {
            roles.push(Role::from_code(code).ok_or_else(|| code.to_owned())?);
        }
        Ok(Roles::new(roles))
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `admin,editor` for storage.
    pub fn to_codes(&self) -> String {
        self.0.iter().map(|role| role.code()).collect::<Vec<_>>().join(",")
    }

    /// Anyone who works in the newsroom (any role at all).
    pub fn is_staff(&self) -> bool {
        !self.0.is_empty()
    }
}

/// Something a person may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open the newsroom dashboard.
    UseDashboard,
    /// Start a new article.
    CreateArticle,
    /// Edit an article's text (`own`: the person is one of its authors or created it).
    EditArticle { own: bool, published: bool },
    /// Send an article to review.
    SubmitForReview { own: bool },
    /// Publish, schedule or unpublish.
    Publish,
    /// See and restore earlier revisions.
    RestoreRevision,
    /// Start a translation of an existing article.
    CreateTranslation,
    /// Upload a photo.
    UploadImage,
    /// Work the comment queue.
    ModerateComments,
    /// Feature a comment as an editors' pick.
    FeatureComment,
    /// Invite people, change roles, see everyone's accounts.
    ManagePeople,
    /// Change the site's settings: name, words, logo, languages, addresses.
    ManageSite,
}

/// Whether someone holding `roles` may perform `action`. Admins manage people but do not
/// automatically edit journalism: editorial power comes from the editor role.
pub fn may(roles: &Roles, action: Action) -> bool {
    use Role::{Admin, Author, Editor, Moderator, Translator};
    let any = |wanted: &[Role]| wanted.iter().any(|role| roles.has(*role));
    match action {
        Action::UseDashboard => roles.is_staff(),
        Action::CreateArticle => any(&[Author, Editor]),
        Action::EditArticle { own, published } => {
            roles.has(Editor) || (own && !published && any(&[Author, Translator]))
        }
        Action::SubmitForReview { own } => roles.has(Editor) || (own && any(&[Author, Translator])),
        Action::Publish | Action::RestoreRevision | Action::FeatureComment => roles.has(Editor),
        Action::CreateTranslation => any(&[Translator, Editor]),
        Action::UploadImage => any(&[Author, Editor, Translator]),
        Action::ModerateComments => roles.has(Moderator),
        Action::ManagePeople | Action::ManageSite => roles.has(Admin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Roles {
        Roles::parse(text).unwrap()
    }

    #[test]
    fn parse_and_store_roles() {
        assert_eq!(roles("editor, author,editor").to_codes(), "editor,author");
        assert_eq!(Roles::parse("author,chief"), Err("chief".to_owned()));
        assert!(roles("").is_empty());
    }

    #[test]
    fn authors_edit_only_their_own_unpublished_drafts() {
        let author = roles("author");
        assert!(may(&author, Action::EditArticle { own: true, published: false }));
        assert!(!may(&author, Action::EditArticle { own: false, published: false }));
        assert!(!may(&author, Action::EditArticle { own: true, published: true }));
        assert!(!may(&author, Action::Publish));
        assert!(may(&author, Action::SubmitForReview { own: true }));
        assert!(!may(&author, Action::SubmitForReview { own: false }));
    }

    #[test]
    fn editors_publish_and_edit_anything_but_do_not_manage_people() {
        let editor = roles("editor");
        assert!(may(&editor, Action::EditArticle { own: false, published: true }));
        assert!(may(&editor, Action::Publish));
        assert!(may(&editor, Action::RestoreRevision));
        assert!(!may(&editor, Action::ManagePeople));
        assert!(!may(&editor, Action::ModerateComments));
    }

    #[test]
    fn each_role_has_its_own_powers() {
        assert!(may(&roles("admin"), Action::ManagePeople));
        assert!(may(&roles("admin"), Action::ManageSite));
        for other in ["editor", "author", "translator", "moderator", "editor,moderator"] {
            assert!(!may(&roles(other), Action::ManageSite), "{other}");
        }
        assert!(!may(&roles("admin"), Action::Publish));
        assert!(may(&roles("moderator"), Action::ModerateComments));
        assert!(!may(&roles("moderator"), Action::CreateArticle));
        assert!(may(&roles("translator"), Action::CreateTranslation));
        assert!(!may(&roles(""), Action::UseDashboard));
        assert!(may(&roles("moderator"), Action::UseDashboard));
    }
}
