//! `sqlx::migrate!` embeds the files of `migrations/` at compile time; without this, adding a
//! migration would not rebuild the crate and the binary would silently lack it.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
