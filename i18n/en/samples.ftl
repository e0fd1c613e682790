# Laboratory samples (issue 14)
sample-not-found = Sample not found.
sample-status-unknown = There is no such sample status.
sample-finding-unknown = The finding the sample was taken for was not found.
sample-id-taken = Another sample has this id.
sample-number-taken = A sample with this number exists already.
sample-quantity-invalid = The sample's quantity must be above 0.
sample-in-future = A sample cannot be taken in the future.
sample-step-not-allowed = The step "{ $step }" is not possible for a sample that is { $status }.
sample-version-conflict = Someone changed this sample meanwhile (now version { $current }). Reload it and try again.
sample-laboratory-unknown = Laboratory not found.
sample-laboratory-required = Name the laboratory: an organisation or a laboratory object.
sample-organism-unknown = The organism { $code } is not in the reference list.
sample-conclusion-date-invalid = The conclusion date must be YYYY-MM-DD.
sample-report-invalid = The laboratory's report (PDF) must be attached to this sample.
notification-sample-confirmed = Sample { $number } confirmed a quarantine organism: { $organism }.
notification-sample-negative = Sample { $number }: the finding was not confirmed.
