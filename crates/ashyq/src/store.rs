//! The one place the binary opens storage: SQLite in the data folder (the default), or the
//! PostgreSQL database named by `database` in `ashyq.toml`, `ASHYQ_DATABASE` or `--database`.
//! Commands get an [`AnyStore`], which implements every store trait by handing each call to the
//! engine chosen at run time; the web layer and the services stay generic over `ashyq_store::Store`.

mod delegate;

use anyhow::Context as _;
use ashyq_store_postgres::PostgresStore;
use ashyq_store_sqlite::SqliteStore;

use crate::settings::Settings;

/// Which engine holds the site's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Database {
    /// `DATA/ashyq.db`.
    Sqlite,
    /// A `postgres://` URL.
    Postgres(String),
}

impl Database {
    /// Reads the `database` setting: absent or empty is SQLite; a `postgres://` or
    /// `postgresql://` URL is PostgreSQL; anything else is an error that says what is accepted.
    pub(crate) fn parse(value: Option<&str>) -> anyhow::Result<Database> {
        match value.map(str::trim) {
            None | Some("") => Ok(Database::Sqlite),
            Some(url) if ashyq_store_postgres::is_postgres_url(url) => {
                Ok(Database::Postgres(url.to_owned()))
            }
            Some(other) => anyhow::bail!(
                "database must be a postgres:// URL, or unset for SQLite in the data folder (got `{}`)",
                redacted(other)
            ),
        }
    }

    /// Where the data is, for messages: the file, or the URL without its password.
    pub(crate) fn describe(&self, settings: &Settings) -> String {
        match self {
            Database::Sqlite => {
                settings.data_dir.join(ashyq_store_sqlite::DATABASE_FILE).display().to_string()
            }
            Database::Postgres(url) => redacted(url),
        }
    }
}

/// `url` with any password replaced by `***`, so that logs and error messages never carry it.
pub(crate) fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split_once(':').map_or(user_info, |(user, _)| user);
            let hidden = if user_info.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_owned(),
    }
}

/// The store a command works on, whichever engine holds it.
#[derive(Clone, Debug)]
pub(crate) enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// Hands one call to the engine's own store.
macro_rules! forward {
    ($self:ident, $store:ident => $call:expr) => {
        match $self {
            AnyStore::Sqlite($store) => $call.await,
            AnyStore::Postgres($store) => $call.await,
        }
    };
}
use forward;

impl AnyStore {
    /// Closes every connection (and, for SQLite, checkpoints the log).
    pub(crate) async fn close(&self) {
        match self {
            AnyStore::Sqlite(store) => store.close().await,
            AnyStore::Postgres(store) => store.close().await,
        }
    }

    /// The engine's name, for logs.
    pub(crate) fn engine(&self) -> &'static str {
        match self {
            AnyStore::Sqlite(_) => "SQLite",
            AnyStore::Postgres(_) => "PostgreSQL",
        }
    }
}

/// Opens the store for a command (migrating it first).
pub(crate) async fn open_store(settings: &Settings) -> anyhow::Result<AnyStore> {
    open(settings, false).await
}

/// Opens the store for `serve`: SQLite checkpoints in the background instead of in commits.
pub(crate) async fn open_store_for_server(settings: &Settings) -> anyhow::Result<AnyStore> {
    open(settings, true).await
}

async fn open(settings: &Settings, server: bool) -> anyhow::Result<AnyStore> {
    let where_ = settings.database.describe(settings);
    match &settings.database {
        Database::Sqlite => {
            let store = if server {
                SqliteStore::open_for_server(&settings.data_dir).await
            } else {
                SqliteStore::open(&settings.data_dir).await
            };
            Ok(AnyStore::Sqlite(
                store.with_context(|| format!("cannot open the database {where_}"))?,
            ))
        }
        Database::Postgres(url) => Ok(AnyStore::Postgres(
            PostgresStore::connect(url)
                .await
                .with_context(|| format!("cannot open the PostgreSQL database {where_}"))?,
        )),
    }
}

/// `ashyq migrate`: applies the engine's pending migrations and says how many.
pub(crate) async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let where_ = settings.database.describe(settings);
    match &settings.database {
        Database::Sqlite => {
            settings.prepare_data_dir()?;
            let store = SqliteStore::open(&settings.data_dir)
                .await
                .with_context(|| format!("cannot migrate the database {where_}"))?;
            store.close().await;
            println!("SQLite database {where_} is up to date");
        }
        Database::Postgres(url) => {
            let options =
                url.parse().with_context(|| format!("cannot read the database URL {where_}"))?;
            let store = PostgresStore::connect_without_migrating(options)
                .await
                .with_context(|| format!("cannot connect to {where_}"))?;
            let applied = store
                .migrate()
                .await
                .with_context(|| format!("cannot migrate the PostgreSQL database {where_}"))?;
            store.close().await;
            println!("PostgreSQL database {where_}: {applied} migration(s) applied, up to date");
        }
    }
    Ok(())
}

/// `ashyq copy-data --to URL`: the data folder's SQLite database into an empty PostgreSQL one.
pub(crate) async fn copy_data(settings: &Settings, to: &str) -> anyhow::Result<()> {
    let Database::Postgres(url) = Database::parse(Some(to))? else {
        anyhow::bail!("--to must be a postgres:// URL");
    };
    let target_name = redacted(&url);
    let source = settings.data_dir.join(ashyq_store_sqlite::DATABASE_FILE);
    if !source.exists() {
        anyhow::bail!("there is no SQLite database to copy at {}", source.display());
    }
    // Brings the source up to date first, so both sides have the same tables.
    let sqlite = SqliteStore::open(&settings.data_dir)
        .await
        .with_context(|| format!("cannot open the database {}", source.display()))?;
    sqlite.close().await;
    let target = PostgresStore::connect(&url)
        .await
        .with_context(|| format!("cannot open the PostgreSQL database {target_name}"))?;
    let copied =
        ashyq_store_postgres::copy_from_sqlite(&source, &target).await.with_context(|| {
            format!("cannot copy {} into {target_name}; nothing was written", source.display())
        });
    target.close().await;
    let copied = copied?;
    for table in &copied {
        println!("{:>24} {:>10} rows", table.name, table.rows);
    }
    println!(
        "copied {} tables from {} into {target_name}; to use it, set `database` to that URL \
         (ashyq.toml, ASHYQ_DATABASE or --database) and start the server",
        copied.len(),
        source.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_chooses_the_engine_and_rejects_anything_else() {
        assert_eq!(Database::parse(None).unwrap(), Database::Sqlite);
        assert_eq!(Database::parse(Some("  ")).unwrap(), Database::Sqlite);
        assert_eq!(
            Database::parse(Some("postgresql://u@db/site")).unwrap(),
            Database::Postgres("postgresql://u@db/site".to_owned())
        );
        let error = Database::parse(Some("mysql://u:secret@db/site")).unwrap_err().to_string();
        assert!(error.contains("postgres://"), "{error}");
        assert!(!error.contains("secret"), "the password leaked: {error}");
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redacted("postgres://ashyq:pw@db:5432/site"),
            "postgres://ashyq:***@db:5432/site"
        );
        assert_eq!(
            redacted("postgres://ashyq@db/site?sslmode=require"),
            "postgres://ashyq@db/site?sslmode=require"
        );
        assert_eq!(redacted("postgres://db/site"), "postgres://db/site");
    }
}
