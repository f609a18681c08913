//! The SQL text of this crate is written with `?` placeholders, like the SQLite backend's, so the
//! two stay easy to compare; PostgreSQL numbers its parameters (`$1`, `$2`, …). These wrappers of
//! `sqlx::query*` rewrite the text once per distinct statement and keep the result for the life of
//! the process (sqlx keeps a prepared statement per text anyway; the texts are a fixed set, the
//! only variable ones being `IN (…)` lists of at most a page's length).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use sqlx::postgres::{PgArguments, PgRow};
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{FromRow, Postgres};

static REWRITTEN: Mutex<Option<HashMap<String, &'static str>>> = Mutex::new(None);

/// `sql` with its `?` placeholders numbered (`?` inside quotes is left alone).
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut number = 0;
    let mut quoted = false;
    for character in sql.chars() {
        match character {
            '\'' => {
                quoted = !quoted;
                out.push(character);
            }
            '?' if !quoted => {
                number += 1;
                out.push('$');
                out.push_str(&number.to_string());
            }
            _ => out.push(character),
        }
    }
    out
}

/// The numbered form of `sql`, made once.
pub(crate) fn pg(sql: &str) -> &'static str {
    let mut cache = REWRITTEN.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(done) = cache.get(sql) {
        return done;
    }
    let done: &'static str = Box::leak(numbered(sql).into_boxed_str());
    cache.insert(sql.to_owned(), done);
    done
}

pub(crate) fn query<'q>(sql: &str) -> Query<'q, Postgres, PgArguments> {
    sqlx::query(pg(sql))
}

pub(crate) fn query_as<'q, O>(sql: &str) -> QueryAs<'q, Postgres, O, PgArguments>
where
    O: for<'r> FromRow<'r, PgRow>,
{
    sqlx::query_as(pg(sql))
}

pub(crate) fn query_scalar<'q, O>(sql: &str) -> QueryScalar<'q, Postgres, O, PgArguments>
where
    (O,): for<'r> FromRow<'r, PgRow>,
{
    sqlx::query_scalar(pg(sql))
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn placeholders_are_numbered_outside_quotes_only() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ? AND c = '?' AND d IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($2, $3)"
        );
    }
}
