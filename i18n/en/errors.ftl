# Errors of the API. Each id is also the stable `code` of the problem+json answer.

request-malformed-json = The request body is not valid JSON.
request-invalid-field = The field “{ $field }” has a wrong value or type.
request-unknown-field = The field “{ $field }” is not expected here.
request-missing-field = The field “{ $field }” is required.
request-too-large = The request is too large (at most { $limit } bytes).
request-unsupported-media-type = Send the request body as JSON (Content-Type: application/json).
request-invalid-query = The query parameter “{ $param }” has a wrong value.
request-timeout = The request took too long and was stopped. Nothing was changed.
not-found = Nothing was found at this address.
method-not-allowed = This address does not accept this method.
internal = An unexpected error occurred. It has been logged; please try again later.
service-unavailable = The service is temporarily unavailable. Please try again later.

auth-required = Please sign in.
auth-invalid-credentials = Wrong e-mail or password.
auth-locked = Too many failed sign-in attempts. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
auth-account-pending = Your account is waiting for activation by an administrator.
auth-account-deactivated = Your account has been deactivated. Contact your administrator.
auth-csrf-failed = The request was refused as a possible forgery. Reload the page and try again.
auth-password-change-required = You signed in with a one-time password. Set your own password first.
auth-wrong-current-password = The current password is wrong.
password-too-short = The password must be at least { $min } characters long.
password-too-long = The password must be at most { $max } characters long.
password-same-as-email = The password must not be your e-mail address.
forbidden = Your role does not allow this action.

iin-format = The IIN must consist of exactly 12 digits.
iin-checksum = The IIN is not valid: its check digit does not match.
iin-birth-date = The IIN is not valid: it does not encode a real date of birth.
iin-underage = Only persons aged 18 or over can be registered.
bin-format = The BIN must consist of exactly 12 digits.
bin-checksum = The BIN is not valid: its check digit does not match.
email-invalid = The e-mail address is not valid.
phone-invalid = The phone number is not valid. Use the form +7 7XX XXX XX XX.
role-unknown = Unknown role. Choose administrator, head, inspector or operator.
field-required = The field “{ $field }” must not be empty.
field-too-long = The field “{ $field }” is too long (at most { $max } characters).
field-invalid-characters = The field “{ $field }” contains characters that are not allowed (control characters).

email-taken = A user with this e-mail address already exists.
iin-taken = A user with this IIN already exists.
organization-not-found = The organisation was not found.
user-not-found = The user was not found.
session-not-found = The session was not found.
user-already-active = The account is already active.
user-not-active = The account is not active.
user-cannot-deactivate-self = You cannot deactivate your own account.
user-cannot-change-own-role = You cannot change your own role.
user-role-required = Choose a role for the account.
user-organization-required = Choose an organisation for the account.

eppo-code-invalid = The EPPO code must be 5 or 6 Latin capital letters or digits (for example POPIJA).
kato-code-invalid = The KATO code must consist of exactly 9 digits.
reference-value-invalid = The field “{ $field }” must be one of: { $allowed }.
reference-code-invalid = The code may contain only lower-case Latin letters, digits and “_” (at most 64).
reference-parent-invalid = The parent unit does not exist or lies in another region.
reference-dictionary-unknown = There is no dictionary “{ $dictionary }”: choose organisms, crops, object-types or admin-units.
reference-import-xls = This is an old Excel (.xls) file. Save it as “Excel workbook (.xlsx)” or “CSV UTF-8” and send it again.
reference-import-image = This is an image file ({ $format }). A dictionary is loaded from a CSV or XLSX file only.
reference-import-file-type = The file is neither CSV (UTF-8) nor XLSX. In Excel, save it as “CSV UTF-8” or “Excel workbook (.xlsx)”.
reference-import-empty = The file is empty: the first row must name the columns, the entries follow.
reference-import-too-many-rows = The file has too many rows (at most { $max }).
reference-import-csv-invalid = The CSV file cannot be read at line { $row } (an unclosed quote?).
reference-import-xlsx-invalid = The XLSX file cannot be read: it is damaged or password-protected.
reference-import-xlsx-too-large = The XLSX file is too large when unpacked (at most { $max } MB). Split it into several files.
reference-import-columns-missing = The file lacks required columns: { $columns }. The first row must name the columns.
reference-import-column-duplicate = The column “{ $column }” appears twice in the file.
reference-import-key-missing = The key column “{ $column }” is empty.
reference-import-key-duplicate = The code { $key } appears twice in the file (first in row { $first }).
reference-import-active-invalid = The value “{ $value }” in the column “active” is not understood: write true or false.
reference-import-row-invalid = The row cannot be read.
reference-import-stale = The dictionary has changed since the check (someone corrected it). Check the file again.
reference-import-file-changed = This file or these options differ from the ones checked. Check the file again.
reference-import-token-invalid = The preview token is missing or damaged. Check the file first.
reference-import-rows-invalid = The file has { $count } errors (rows: { $rows }). Nothing was changed: correct the file and check it again.
rate-limited = Too many requests. Try again in { $seconds } s.
