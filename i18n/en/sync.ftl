# Offline sync (R-MOB-2)
sync-batch-too-large = One push may carry at most { $max } records.
sync-record-id-mismatch = The record's id differs from the id in its data.
sync-act-survey-fixed = The survey and type of an act draft cannot be changed.
sync-cursor-invalid = The sync cursor is not valid; pull again from the start.
sync-limit-out-of-range = The limit must lie between { $min } and { $max }.
sync-outbox-format = The file is not a Fito app outbox (fito-outbox, version 1).
sync-outbox-user-inactive = This user is not active: their outbox cannot be applied.
