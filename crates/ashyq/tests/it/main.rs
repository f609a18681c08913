//! Integration tests: the real `ashyq` binary, started on an ephemeral port with a temporary data
//! folder, driven over HTTP and on the command line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail the test loudly, which is what a panic does"
)]

mod a11y;
mod accounts;
mod api;
mod approved_import;
mod approved_publish;
mod browser;
mod browser_checks;
mod browser_rtl;
mod caching;
mod cli;
mod comment_pages;
mod comments;
mod comments_hardening;
mod comments_queue;
mod conversation;
mod decisions;
mod editorial;
mod editorial_files;
mod editorial_uploads;
mod epub;
mod export_lock;
mod feeds;
mod front;
mod hostile;
mod import;
mod import_comments;
mod import_real_exports;
mod import_wxr;
mod limits;
mod mail;
mod mirror;
mod mirror_links;
mod moderation;
mod multi_server;
mod pages;
mod reading_modes;
mod search;
mod sessions;
mod site;
mod support;
mod translations;
mod xliff;
mod xliff_states;
mod xliff_tools;
