# Act registry numbers unique nationally: the organisation code (issue 15).
organization-code-invalid = Ұйым коды 1–12 латын бас әрпінен немесе цифрдан тұруы керек.
organization-code-taken = Бұл ұйым коды басқа ұйымда қолданылуда.
