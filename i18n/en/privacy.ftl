# Personal data (R-PD-1, R-PD-2, R-PD-4): the privacy policy, consent, withdrawal of consent, erasure.

consent-required = To go on, accept version { $version } of the privacy policy.
policy-none = No privacy policy has been published yet.
policy-version-exists = Version { $version } of the policy is already published. Give the new version a new number.
policy-version-not-current = This version is not the one in force. The version in force is { $version }.
policy-date-invalid = Give the effective date as YYYY-MM-DD.
signature-not-the-user = Only your own e-signature can sign the policy: the IIN in the certificate is not yours.
withdrawal-already-open = You already have a request to withdraw consent that is not yet resolved.
withdrawal-not-found = The request was not found.
withdrawal-not-open = This request has already been resolved.
withdrawal-comment-required = Say in the comment why the request is rejected.
user-cannot-delete-self = You cannot delete or deactivate your own account.
user-status-deleted = Deleted
notification-withdrawal-resolved = { $outcome ->
    [account-deactivated] Your request to withdraw consent was resolved: your account is deactivated.
    [rejected] Your request to withdraw consent was rejected. The reason is given on the request.
   *[other] Your request to withdraw consent was resolved.
}
rectification-not-found = The rectification request was not found.
rectification-not-open = This rectification request has already been resolved.
rectification-comment-required = Say in the comment why the rectification request is rejected.
notification-withdrawal-filed = A new request to withdraw consent has been filed.
notification-rectification-filed = A new request to rectify personal data has been filed.
notification-rectification-resolved = { $outcome ->
    [corrected] Your request to rectify your data was done: the record is corrected.
    [rejected] Your request to rectify your data was rejected. The reason is given on the request.
   *[other] Your request to rectify your data was resolved.
}
