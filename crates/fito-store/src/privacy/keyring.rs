//! Master keys of personal data (R-PD-2) and the keyring a store holds them in.
//! A master key is a file outside the database; the database knows only its id.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

/// The master key, as two subkeys derived from the file's 32 bytes: one wraps person
/// keys, one keys the blind indexes. `id` names it without revealing it.
pub struct MasterKey {
    pub(crate) id: String,
    pub(crate) wrap: [u8; 32],
    pub(crate) index: [u8; 32],
}

pub(crate) fn hmac256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

impl MasterKey {
    pub fn from_bytes(raw: &[u8; 32]) -> MasterKey {
        let id = hex::encode(&hmac256(raw, &[b"fito master key id v1"])[..12]);
        MasterKey {
            id,
            wrap: hmac256(raw, &[b"fito person key wrap v1"]),
            index: hmac256(raw, &[b"fito blind index v1"]),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Reads the master key file (64 hex digits), or makes one with a fresh random key
/// (mode 0600) when there is none.
pub fn load_or_create_key_file(path: &Path) -> std::io::Result<MasterKey> {
    use std::io::{Error, ErrorKind};
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let bytes = hex::decode(text.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidData,
                        format!("{}: expected 64 hex digits", path.display()),
                    )
                })?;
            Ok(MasterKey::from_bytes(&bytes))
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let raw: [u8; 32] = rand::random();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(path)?;
            std::io::Write::write_all(&mut file, format!("{}\n", hex::encode(raw)).as_bytes())?;
            file.sync_all()?;
            Ok(MasterKey::from_bytes(&raw))
        }
        Err(e) => Err(e),
    }
}

/// The master keys a store was given, by id: the one its database is bound to, and
/// any older one that still wraps person keys.
#[derive(Default)]
pub struct Keyring {
    keys: RwLock<HashMap<String, Arc<MasterKey>>>,
}

impl Keyring {
    pub(crate) fn add(&self, key: MasterKey) -> Arc<MasterKey> {
        let mut keys = self.keys.write().expect("keyring");
        keys.entry(key.id.clone())
            .or_insert_with(|| Arc::new(key))
            .clone()
    }

    pub(crate) fn get(&self, id: &str) -> Option<Arc<MasterKey>> {
        self.keys.read().expect("keyring").get(id).cloned()
    }
}
