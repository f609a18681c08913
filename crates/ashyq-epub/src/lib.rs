//! E-books: published stories as an EPUB 3 file (cover, navigation, each story with its authors and
//! date, figures with credit and licence, interviews with their `lang` and `dir`, a licence page),
//! built in memory from the same views the pages use. The caller reads the images and writes the
//! file; this crate does no I/O.

pub mod book_file;
mod cover;
mod package;
pub mod xhtml;

pub use book_file::{BookFile, BookFileError, BookSlug, parse_book_file};
pub use package::{Book, EpubError, build_epub};
