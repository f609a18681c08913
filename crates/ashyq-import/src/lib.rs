//! Other platforms' archives as typed values: WordPress exports (WXR 1.0–1.2), Disqus exports and
//! translators' XLIFF 2.0 files
//! read with refusing XML (no DTD, no entities beyond XML's five), and WordPress HTML turned into
//! our article files. No I/O: callers hand in text and get values, or an error with line and column.

pub mod article_file;
pub mod disqus;
pub mod error;
pub mod foreign;
pub mod html;
pub mod plan;
pub mod shortcodes;
pub mod slugs;
pub mod wxr;
pub mod xliff;
pub mod xml;

pub use error::{ReadError, ReadErrorKind};
