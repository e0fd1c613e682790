# Notifications: live updates and push (R-NOTIF-1).

notification-account-activated = Your account has been activated. You can sign in now.
push-not-configured = Push notifications are not configured on this server.
push-fcm-not-configured = Push notifications through FCM are not configured on this server.
push-subscription-invalid = The push subscription is not valid: check the field { $field }.
push-kind-unknown = “{ $kind }” is not a kind of notification.
push-subscription-not-found = There is no such push subscription.
