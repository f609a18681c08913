//! What a personal API token may do. A token carries scopes on top of its owner's roles: both must
//! allow an action, so a leaked read-only token cannot decide anything even if its owner could.

/// One permission an API token can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApiScope {
    /// List the moderation queue and the decision log.
    ModerationRead,
    /// Decide on comments and undo decisions.
    ModerationWrite,
}

impl ApiScope {
    /// Every scope, in the order they are shown.
    pub const ALL: [ApiScope; 2] = [ApiScope::ModerationRead, ApiScope::ModerationWrite];

    /// The scope's code, as stored and as written in the API description.
    pub fn code(self) -> &'static str {
        match self {
            ApiScope::ModerationRead => "moderation:read",
            ApiScope::ModerationWrite => "moderation:write",
        }
    }

    /// The scope a code names; `None` for codes this version does not know.
    pub fn from_code(code: &str) -> Option<ApiScope> {
        ApiScope::ALL.into_iter().find(|scope| scope.code() == code)
    }

    /// Scopes from a space-separated list of codes; unknown codes grant nothing and are dropped.
    pub fn parse_list(codes: &str) -> Vec<ApiScope> {
        let mut scopes: Vec<ApiScope> =
            codes.split_whitespace().filter_map(Self::from_code).collect();
        scopes.sort();
        scopes.dedup();
        scopes
    }

    /// Scopes as a space-separated list of codes.
    pub fn join(scopes: &[ApiScope]) -> String {
        scopes.iter().map(|scope| scope.code()).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_grant_nothing() {
        for scope in ApiScope::ALL {
            assert_eq!(ApiScope::from_code(scope.code()), Some(scope));
        }
        assert_eq!(
            ApiScope::parse_list("moderation:write  admin moderation:read moderation:write"),
            vec![ApiScope::ModerationRead, ApiScope::ModerationWrite]
        );
        assert_eq!(ApiScope::parse_list("moderation:*"), vec![]);
        assert_eq!(
            ApiScope::join(&[ApiScope::ModerationRead, ApiScope::ModerationWrite]),
            "moderation:read moderation:write"
        );
    }
}
