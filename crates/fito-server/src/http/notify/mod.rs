//! The notification pipeline's HTTP side (R-NOTIF-1), mirroring `app::notify`: the
//! notification centre, the live stream and push subscriptions.

pub mod live;
pub mod notifications;
pub mod push;
