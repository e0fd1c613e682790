# Адамдарға көрсетілетін атаулар: рөлдер, мәртебелер және жүйе алғаш іске қосылғанда жасайтын нәрселер.

role-administrator = Әкімші
role-head = Басшы
role-inspector = Инспектор
role-operator = Оператор

user-status-pending = Белсендіруді күтуде
user-status-active = Белсенді
user-status-deactivated = Өшірілген

bootstrap-root-organization = Қазақстан Республикасы Ауыл шаруашылығы министрлігі
bootstrap-admin-surname = Әкімші
bootstrap-admin-first-name = Жүйелік
bootstrap-admin-position = Жүйе әкімшісі
