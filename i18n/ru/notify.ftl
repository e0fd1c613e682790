# Уведомления: живые обновления и push (R-NOTIF-1).

notification-account-activated = Ваша учётная запись активирована. Можно входить в систему.
push-not-configured = На этом сервере push-уведомления не настроены.
push-fcm-not-configured = На этом сервере отправка уведомлений через FCM не настроена.
push-subscription-invalid = Push-подписка недействительна: проверьте поле { $field }.
push-kind-unknown = Неизвестный вид уведомления «{ $kind }».
push-subscription-not-found = Такой push-подписки нет.
