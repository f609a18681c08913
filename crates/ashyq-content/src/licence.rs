//! The fixed vocabulary of image licences an article may declare.

use std::fmt;

/// A licence from the fixed list; anything else in an article file is an error, because a free-text
/// licence cannot be checked before a photo is reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Licence {
    CcBy,
    CcBySa,
    CcByNd,
    CcByNc,
    CcByNcSa,
    CcByNcNd,
    Cc0,
    PublicDomain,
    FairUse,
    UsedWithPermission,
    AllRightsReserved,
}

impl Licence {
    /// Every licence, in the order the documentation lists them.
    pub const ALL: [Licence; 11] = [
        Licence::CcBy,
        Licence::CcBySa,
        Licence::CcByNd,
        Licence::CcByNc,
        Licence::CcByNcSa,
        Licence::CcByNcNd,
        Licence::Cc0,
        Licence::PublicDomain,
        Licence::FairUse,
        Licence::UsedWithPermission,
        Licence::AllRightsReserved,
    ];

    /// The code used in article files and as the suffix of the Fluent message `licence-CODE`.
    pub fn code(self) -> &'static str {
        match self {
            Licence::CcBy => "cc-by",
            Licence::CcBySa => "cc-by-sa",
            Licence::CcByNd => "cc-by-nd",
            Licence::CcByNc => "cc-by-nc",
            Licence::CcByNcSa => "cc-by-nc-sa",
            Licence::CcByNcNd => "cc-by-nc-nd",
            Licence::Cc0 => "cc0",
            Licence::PublicDomain => "public-domain",
            Licence::FairUse => "fair-use",
            Licence::UsedWithPermission => "used-with-permission",
            Licence::AllRightsReserved => "all-rights-reserved",
        }
    }

    /// Looks a code up, case-insensitively.
    pub fn from_code(code: &str) -> Option<Licence> {
        Licence::ALL.into_iter().find(|licence| licence.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Whether the licence obliges a re-user to name the author (the CC BY family), so a figure
    /// under it must have a `credit`. The others may have one.
    pub fn requires_attribution(self) -> bool {
        matches!(
            self,
            Licence::CcBy
                | Licence::CcBySa
                | Licence::CcByNd
                | Licence::CcByNc
                | Licence::CcByNcSa
                | Licence::CcByNcNd
        )
    }

    /// The codes joined for error messages.
    pub fn all_codes() -> String {
        Licence::ALL.iter().map(|licence| licence.code()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Licence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for licence in Licence::ALL {
            assert_eq!(Licence::from_code(licence.code()), Some(licence));
        }
        assert_eq!(Licence::from_code("Fair-Use"), Some(Licence::FairUse));
        assert_eq!(Licence::from_code("cc-by-4.0"), None);
    }

    #[test]
    fn only_the_cc_by_family_requires_attribution() {
        let required: Vec<_> = Licence::ALL
            .into_iter()
            .filter(|licence| licence.requires_attribution())
            .map(Licence::code)
            .collect();
        assert_eq!(
            required,
            ["cc-by", "cc-by-sa", "cc-by-nd", "cc-by-nc", "cc-by-nc-sa", "cc-by-nc-nd"]
        );
    }
}
