# Act registry numbers unique nationally: the organisation code (issue 15).
organization-code-invalid = Код организации — от 1 до 12 латинских заглавных букв или цифр.
organization-code-taken = Этот код уже занят другой организацией.
