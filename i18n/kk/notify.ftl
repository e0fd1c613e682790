# Хабарламалар: тікелей жаңарту және push (R-NOTIF-1).

notification-account-activated = Тіркелгіңіз белсендірілді. Жүйеге кіруге болады.
push-not-configured = Бұл серверде push-хабарламалар бапталмаған.
push-fcm-not-configured = Бұл серверде FCM арқылы хабарлама жіберу бапталмаған.
push-subscription-invalid = Push-жазылым жарамсыз: { $field } өрісін тексеріңіз.
push-kind-unknown = «{ $kind }» хабарлама түрі белгісіз.
push-subscription-not-found = Мұндай push-жазылым табылмады.
