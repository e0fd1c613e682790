# Names shown to people: roles, statuses, and what the system creates on first start.

role-administrator = Administrator
role-head = Head
role-inspector = Inspector
role-operator = Operator

user-status-pending = Waiting for activation
user-status-active = Active
user-status-deactivated = Deactivated

bootstrap-root-organization = Ministry of Agriculture of the Republic of Kazakhstan
bootstrap-admin-surname = Administrator
bootstrap-admin-first-name = System
bootstrap-admin-position = System administrator
