//! R-NOTIF-1: the push request for a subscription, built without network I/O.

mod common;

use fito_push::{
    MAX_PLAINTEXT_LEN, PushError, PushMessage, Subscription, Urgency, UserAgentKeys, Vapid,
    VapidKey, b64, build_request,
};

const ENDPOINT: &str = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABexample";
const NOW: u64 = 1_790_000_000;

fn setup() -> (UserAgentKeys, Subscription, Vapid) {
    let ua = UserAgentKeys::generate().unwrap();
    let keys = ua.subscription_keys();
    let subscription = Subscription {
        endpoint: ENDPOINT.to_owned(),
        p256dh: b64::encode(&keys.p256dh_bytes()),
        auth: b64::encode(keys.auth()),
    };
    let vapid = Vapid::new(VapidKey::generate().unwrap(), "mailto:ops@fito.kz").unwrap();
    (ua, subscription, vapid)
}

#[test]
fn r_notif_1_build_request_has_the_web_push_headers_and_an_encrypted_body() {
    let (ua, subscription, vapid) = setup();
    let payload = br#"{"title":"Karantin","body":"Fito act 17 signed"}"#.to_vec();
    let message = PushMessage {
        payload: payload.clone(),
        ttl_secs: 3600,
        urgency: Urgency::High,
        topic: Some("act-17".to_owned()),
    };
    let request = build_request(&subscription, &message, &vapid, NOW).unwrap();
    assert_eq!(request.method, "POST");
    assert_eq!(request.url, ENDPOINT);
    assert_eq!(request.header("content-encoding"), Some("aes128gcm"));
    assert_eq!(
        request.header("Content-Type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.header("TTL"), Some("3600"));
    assert_eq!(request.header("Urgency"), Some("high"));
    assert_eq!(request.header("Topic"), Some("act-17"));
    let length = request.body.len().to_string();
    assert_eq!(request.header("Content-Length"), Some(length.as_str()));
    let authorization = request.header("Authorization").unwrap();
    assert!(authorization.starts_with("vapid t="), "{authorization}");
    assert!(authorization.ends_with(&format!(", k={}", vapid.key().public_key_base64url())));
    assert_eq!(ua.decrypt(&request.body).unwrap(), payload);
}

#[test]
fn r_notif_1_push_message_defaults_and_urgency_values() {
    let message = PushMessage::new("hi");
    assert_eq!(message.ttl_secs, 86_400);
    assert_eq!(message.urgency, Urgency::Normal);
    assert_eq!(message.topic, None);
    let names: Vec<_> = [
        Urgency::VeryLow,
        Urgency::Low,
        Urgency::Normal,
        Urgency::High,
    ]
    .into_iter()
    .map(Urgency::as_str)
    .collect();
    assert_eq!(names, ["very-low", "low", "normal", "high"]);
    let (_, subscription, vapid) = setup();
    let request = build_request(&subscription, &message, &vapid, NOW).unwrap();
    assert_eq!(request.header("Urgency"), Some("normal"));
    assert_eq!(request.header("Topic"), None);
}

#[test]
fn r_notif_1_build_request_refuses_an_oversized_payload() {
    let (_, subscription, vapid) = setup();
    let ok = PushMessage::new(vec![b'x'; MAX_PLAINTEXT_LEN]);
    assert_eq!(
        build_request(&subscription, &ok, &vapid, NOW)
            .unwrap()
            .body
            .len(),
        4096
    );
    let big = PushMessage::new(vec![b'x'; MAX_PLAINTEXT_LEN + 1]);
    assert_eq!(
        build_request(&subscription, &big, &vapid, NOW),
        Err(PushError::PayloadTooLarge {
            len: MAX_PLAINTEXT_LEN + 1,
            max: MAX_PLAINTEXT_LEN
        })
    );
}

#[test]
fn r_notif_1_build_request_rejects_bad_subscriptions_and_topics() {
    let (_, subscription, vapid) = setup();
    let message = PushMessage::new("x");

    let mut bad = subscription.clone();
    bad.endpoint = "not a url".to_owned();
    assert!(matches!(
        build_request(&bad, &message, &vapid, NOW),
        Err(PushError::InvalidEndpoint(_))
    ));

    let mut bad = subscription.clone();
    bad.p256dh = "***".to_owned();
    assert_eq!(
        build_request(&bad, &message, &vapid, NOW),
        Err(PushError::InvalidBase64 { field: "p256dh" })
    );

    let mut bad = subscription.clone();
    bad.auth = b64::encode(&[0u8; 15]);
    assert_eq!(
        build_request(&bad, &message, &vapid, NOW),
        Err(PushError::InvalidLength {
            field: "auth",
            expected: 16,
            actual: 15
        })
    );

    for topic in [
        "",
        "has space",
        "way-too-long-topic-name-over-32-chars",
        "é",
    ] {
        let mut m = message.clone();
        m.topic = Some(topic.to_owned());
        assert!(
            matches!(
                build_request(&subscription, &m, &vapid, NOW),
                Err(PushError::InvalidTopic(_))
            ),
            "{topic:?}"
        );
    }
}

#[test]
fn r_notif_1_build_request_accepts_the_rfc_subscription_with_padding() {
    // Browsers deliver unpadded base64url; padded input is tolerated.
    let subscription = Subscription {
        endpoint: ENDPOINT.to_owned(),
        p256dh: format!("{}=", common::UA_PUBLIC),
        auth: format!("{}==", common::AUTH),
    };
    let vapid = Vapid::new(VapidKey::generate().unwrap(), "https://fito.kz").unwrap();
    let request = build_request(&subscription, &PushMessage::new("hello"), &vapid, NOW).unwrap();
    assert_eq!(common::ua_keys().decrypt(&request.body).unwrap(), b"hello");
}
