# Texts of the web portal (web/). NCALayer is NCA RK's signing program on the user's computer.

web-sign-in-with-signature = Sign in with e-signature (NCALayer)
web-sign-act = Sign the act with e-signature
web-unexpected-error = Something unexpected went wrong. Please try again.

ncalayer-waiting = Choose your key and enter its password in the NCALayer window.
ncalayer-not-running = NCALayer is not running: start it and try again. If it is not installed, download it from ncl.pki.gov.kz.
ncalayer-cancelled = Signing was cancelled: the NCALayer window was closed without choosing a key.
ncalayer-failed = NCALayer could not sign: { $reason }
ncalayer-closed = NCALayer closed the connection without answering. Restart NCALayer and try again.
ncalayer-timeout = NCALayer did not answer in time. Please try again.
ncalayer-outdated = Your NCALayer is out of date: install the current version from ncl.pki.gov.kz.
ncalayer-bad-response = NCALayer gave an answer the portal cannot read. Update NCALayer from ncl.pki.gov.kz and try again.

api-unreachable = The server cannot be reached. Check your internet connection and try again.
api-bad-response = The server gave an unexpected answer. Please try again later.
