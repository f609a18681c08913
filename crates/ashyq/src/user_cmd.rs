//! `ashyq user add`: create a newsroom account from the command line. Works while `ashyq serve` runs
//! on the same data folder (SQLite in WAL mode takes one writer at a time and waits for its turn).

use std::io::Read as _;
use std::process::ExitCode;

use anyhow::Context as _;
use ashyq_accounts::{Role, Roles, normalize_email, validate_name, validate_password};
use ashyq_store::{AccountStore, NewUser, StoreError};
use ashyq_web::auth::secrets::hash_password;

use crate::cli::{GlobalArgs, UserAddArgs};
use crate::settings::Settings;

pub(crate) async fn add(global: &GlobalArgs, args: UserAddArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(global, None)?;
    let email =
        normalize_email(&args.email).map_err(|error| anyhow::anyhow!("--email: {error}"))?;
    let name = validate_name(&args.name).map_err(|error| anyhow::anyhow!("--name: {error}"))?;
    let mut roles = Vec::new();
    for code in args
        .role
        .iter()
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|code| !code.is_empty())
    {
        roles.push(Role::from_code(code).ok_or_else(|| {
            anyhow::anyhow!(
                "--role: unknown role `{code}`; use admin, editor, author, translator or moderator"
            )
        })?);
    }
    if roles.is_empty() {
        anyhow::bail!("--role: give at least one role");
    }
    let password_hash = if args.password_stdin {
        let mut password = String::new();
        std::io::stdin()
            .read_to_string(&mut password)
            .context("reading the password from standard input")?;
        let password = password.trim_end_matches(['\n', '\r']).to_owned();
        validate_password(&password).map_err(|error| anyhow::anyhow!("password: {error}"))?;
        Some(hash_password(&password)?)
    } else {
        None
    };

    settings.prepare_data_dir()?;
    let store = crate::store::open_store(&settings).await?;
    let has_password = password_hash.is_some();
    let user = NewUser { email: email.clone(), name, roles: Roles::new(roles), password_hash };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let id = match store.create_user(&user, now).await {
        Ok(id) => id,
        Err(StoreError::Conflict { constraint: ashyq_store::Constraint::UserEmail }) => {
            anyhow::bail!("--email: an account with {email} already exists")
        }
        Err(other) => return Err(other).context("creating the account"),
    };
    if has_password {
        println!("Created {email} with roles {}.", user.roles.to_codes());
    } else {
        let link = ashyq_web::create_password_link(
            &store,
            &settings.public_url,
            id,
            ashyq_web::INVITATION_HOURS,
        )
        .await
        .map_err(|error| anyhow::anyhow!("creating the set-password link: {error:?}"))?;
        println!("Created {email} with roles {}.", user.roles.to_codes());
        println!("One-time link to set the password (valid 7 days): {link}");
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
