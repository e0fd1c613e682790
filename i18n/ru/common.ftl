# Названия для людей: роли, статусы и то, что система создаёт при первом запуске.

role-administrator = Администратор
role-head = Руководитель
role-inspector = Инспектор
role-operator = Оператор

user-status-pending = Ожидает активации
user-status-active = Активна
user-status-deactivated = Деактивирована

bootstrap-root-organization = Министерство сельского хозяйства Республики Казахстан
bootstrap-admin-surname = Администратор
bootstrap-admin-first-name = Системный
bootstrap-admin-position = Системный администратор
