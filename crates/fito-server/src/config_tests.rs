//! The configuration file and the environment.

use super::*;

#[test]
fn environment_overrides_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fito.toml");
    std::fs::write(
        &path,
        "listen = \"127.0.0.1:9000\"\ndatabase_url = \"sqlite://from-file.db\"\n[auth]\nlockout_failures = 3\n",
    )
    .unwrap();
    let env = |name: &str| match name {
        "FITO_DATABASE_URL" => Some("postgres://db/fito".to_string()),
        "FITO_DATA_DIR" => Some("/var/lib/fito".to_string()),
        _ => None,
    };
    let config = Config::load(Some(&path), env).unwrap();
    assert_eq!(config.listen.port(), 9000);
    assert_eq!(config.database_url(), "postgres://db/fito");
    assert_eq!(config.data_dir, PathBuf::from("/var/lib/fito"));
    assert_eq!(config.auth.lockout_failures, 3);
}

#[test]
fn default_database_lives_in_the_data_folder() {
    let config = Config::load(None, |_| None).unwrap();
    assert_eq!(config.database_url(), "sqlite://data/fito.db");
    assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
}

#[test]
fn unknown_keys_and_bad_listen_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fito.toml");
    std::fs::write(&path, "lisen = \"127.0.0.1:9000\"\n").unwrap();
    assert!(matches!(
        Config::load(Some(&path), |_| None),
        Err(ConfigError::Parse { .. })
    ));
    let env = |name: &str| (name == "FITO_LISTEN").then(|| "not-an-address".to_string());
    assert!(matches!(
        Config::load(None, env),
        Err(ConfigError::Env { .. })
    ));
}

#[test]
fn issue_15_seed_policy_switch_and_registry_format_are_read() {
    let config = Config::load(None, |_| None).unwrap();
    assert!(config.privacy.seed_policy);
    assert_eq!(
        config.acts.registry_format().unwrap().number("05", 2026, 1),
        "05-2026/000001"
    );
    let off = |name: &str| (name == "FITO_SEED_POLICY").then(|| "false".to_string());
    assert!(!Config::load(None, off).unwrap().privacy.seed_policy);
    let bad = |name: &str| (name == "FITO_SEED_POLICY").then(|| "maybe".to_string());
    assert!(matches!(
        Config::load(None, bad),
        Err(ConfigError::Env { .. })
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fito.toml");
    std::fs::write(&path, "[acts]\nregistry_number_format = \"{year}/{seq}\"\n").unwrap();
    let config = Config::load(Some(&path), |_| None).unwrap();
    assert!(config.acts.registry_format().is_err());
}
