# Texts of the web portal (web/src/app, web/src/portal).

portal-app-name = Fito centre
portal-loading = Loading…
portal-language = Language
portal-lang-kk = Kazakh
portal-lang-ru = Russian
portal-lang-en = English
portal-nav-label = Main menu
portal-menu = Menu
portal-notifications-unread = Notifications: { $count } unread
portal-sign-out = Sign out
portal-skip-to-content = Skip to content
portal-policy = Privacy policy
portal-not-found = Page not found
portal-forbidden = Not available
portal-forbidden-text = This page is not available to your role.
portal-home = Home
portal-welcome = Welcome, { $name }
portal-save = Save
portal-saved = Saved.
portal-role-administrator = Administrator
portal-role-head = Head
portal-role-inspector = Inspector
portal-role-operator = Operator

portal-sign-in = Sign in
portal-email = E-mail
portal-password = Password
portal-sign-in-button = Sign in
portal-back-to-sign-in = Back to sign-in

portal-password-title = New password
portal-password-intro = You signed in with a one-time password. Set your own password to continue.
portal-password-current = Current password
portal-password-new = New password
portal-password-again = Repeat the new password
portal-password-mismatch = The new passwords do not match.

portal-policy-version = Version { $version }, in force from { $date }
portal-policy-prevails = Where the texts differ, the Kazakh text prevails.
portal-policy-none = No privacy policy has been published yet.
portal-consent-title = Consent to the processing of personal data
portal-consent-intro = To use the system, accept the current version of the privacy policy.
portal-consent-agree = I have read the policy and accept it
portal-consent-accept = Accept
portal-consent-accept-signed = Accept with e-signature
