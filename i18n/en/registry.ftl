# Act registry numbers unique nationally: the organisation code (issue 15).
organization-code-invalid = An organisation code is 1 to 12 Latin capital letters or digits.
organization-code-taken = Another organisation already has this code.
