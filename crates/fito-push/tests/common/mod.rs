//! The RFC 8291 §5 / Appendix A worked example, shared by the test files.
#![allow(dead_code)]

/// "When I grow up, I want to be a watermelon"
pub const PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";
/// Application server (ephemeral) public key.
pub const AS_PUBLIC: &str =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
/// Application server (ephemeral) private key.
pub const AS_PRIVATE: &str = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
/// User agent public key (`p256dh`).
pub const UA_PUBLIC: &str =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
/// User agent private key.
pub const UA_PRIVATE: &str = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
/// Salt.
pub const SALT: &str = "DGv6ra1nlYgDCS1FRnbzlw";
/// Authentication secret (`auth`).
pub const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";
/// The header (salt, rs = 4096, idlen = 65, keyid = AS_PUBLIC) as RFC 8291 §5 prints it.
pub const HEADER: &str = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
/// The ciphertext as RFC 8291 §5 prints it.
pub const CIPHERTEXT: &str =
    "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ";
/// The complete encrypted message body, base64url (RFC 8291 §5).
pub const BODY: &str = concat!(
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml",
    "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT",
    "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
);

pub fn unb64(s: &str) -> Vec<u8> {
    fito_push::b64::decode("test vector", s).expect("test vector is base64url")
}

pub fn auth() -> [u8; 16] {
    fito_push::b64::decode_array::<16>("auth", AUTH).expect("auth is 16 bytes")
}

pub fn ua_keys() -> fito_push::UserAgentKeys {
    fito_push::UserAgentKeys::from_bytes(&unb64(UA_PRIVATE), auth()).expect("RFC UA key")
}
