# Field mode (web/src/field): the inspector's phone, working without a connection.

field-day-title = Field work
field-outbox-title = Outbox
field-survey-title = Survey
field-act-title = Act draft
field-place-object = Register an object here
field-import-title = Import an outbox file
field-nav-label = Field mode menu

field-sync-label = Sync status
field-online = Online
field-offline = No connection — data is kept on this device
field-waiting-count = { $count ->
    [0] Nothing waiting to be sent
   *[other] Waiting to be sent: { $count }
}
field-problem-count = Need a decision: { $count }
field-last-sync = last sync: { $time }
field-sync-now = Send now
field-syncing = Sending…
field-update-ready = A new version of the app is ready. Unsent records are kept.
field-update-apply = Update

field-tasks = Tasks
field-no-tasks = No open tasks (or not loaded yet).
field-task-due = Due: { $date }
field-object-not-cached = The object is not on this device yet: it loads when online.
field-objects = Objects
field-no-objects = No other objects.
field-not-sent = not sent
field-start-survey = Start survey
field-start-survey-on = Start a survey of “{ $name }”
field-survey-adhoc = Survey without an object (any place)
field-surveys-in-progress = Surveys in progress
field-adhoc-place = Any place
field-point-count = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
field-none = None.
field-my-acts = My acts

field-act-status-draft = draft
field-act-status-submitted = submitted
field-act-status-approved = approved
field-act-status-returned = returned
field-act-status-signed = signed
field-act-status-registered = registered

field-basemap = Offline base map
field-basemap-needs-connection = The base map needs a connection: the configured tile source does not permit bulk saving. Objects and points show offline too.
field-basemap-saved = Tiles saved on this device: { $count }
field-basemap-download = Save my district's map
field-basemap-progress = Saving: { $done } / { $total }
field-map-needs-connection = No connection: the base map cannot show. Place the point by the objects or type its coordinates.
field-map-failed = The map could not open. Type the coordinates instead.
field-map-label = Map of objects and points
field-map-pick-label = Map: tap to place the point

field-crop = Crop
field-growth-phase = Growth stage of the crop
field-points = Points
field-record-point = Record point
field-place-here = Use my position
field-no-points = No points yet.
field-point-at = { $lat }, { $lon }
field-accuracy = accuracy ±{ $metres } m
field-accuracy-by-hand = placed by hand
field-position-reading = Reading the position…
field-position-by-hand = Place by hand
field-position-denied = Location access is not allowed. Place the point on the map or type its coordinates.
field-position-unavailable = The position could not be read. Place the point on the map or type its coordinates.
field-position-timeout = No position in time. Try again or place the point by hand.
field-position-unsupported = This device cannot read its position. Place the point by hand.
field-position-tap-map = Tap the point's place on the map, or type its coordinates.
field-position-typed = Coordinates (latitude, longitude)
field-position-typed-hint = For example: 43.238949, 76.889709
field-position-typed-invalid = Wrong coordinates: latitude −90…90, longitude −180…180.
field-position-use-typed = Use these coordinates
field-remove = Remove
field-remove-point = Remove point { $n }
field-add-finding = Add a finding
field-organism = Organism (EPPO code)
field-organism-hint = Pick from the list or type the code, e.g. ERWIAM.
field-organism-unknown = This code is not in the reference list.
field-category = Category
field-category-from-list = As in the reference list
field-category-quarantine = quarantine
field-category-especially_dangerous = especially dangerous
field-category-ordinary = ordinary
field-development-stage = Development stage
field-intensity-kind = Measure
field-intensity-value = Value
field-intensity-per_square_metre = per m²
field-intensity-per_plant = per plant
field-intensity-per_trap = per trap
field-intensity-prevalence_percent = prevalence, %
field-intensity-cover_percent = cover, %
field-area-surveyed = Area surveyed, ha
field-area-infested = Area infested, ha
field-notes = Notes
field-save-finding = Add
field-cancel = Cancel
field-finish-survey = Finish survey
field-discard-survey = Delete survey
field-discard-survey-confirm = Delete this survey from the device? It cannot be brought back.
field-survey-finished = The survey is finished and in the outbox (or already on the server).
field-make-act = Draft an act from this survey

field-act-type = Act type
field-act-type-quarantine-survey = Quarantine phytosanitary survey act
field-act-type-crop-monitoring = Crop monitoring act
field-act-type-sampling = Sampling act
field-act-type-prescription = Prescription to eliminate violations
field-act-language = Act language
field-act-language-kk = Kazakh
field-act-language-ru = Russian
field-act-language-kk-ru = Kazakh and Russian
field-act-location = Location (district, rural okrug, landmark)
field-act-conclusions = Conclusions
field-act-measures = Measures
field-act-measures-hint = One measure per line.
field-act-save = Save draft
field-act-saved = The act draft is saved and will be sent when there is a connection.

field-object-type = Object type
field-object-name = Name
field-object-save = Save object
field-object-incomplete = Give the type, the name and the place.

field-outbox-waiting = Waiting to be sent
field-outbox-conflicts = Conflicts
field-outbox-rejected = Rejected
field-outbox-sent = Sent
field-outbox-sent-hint = Records the server has are removed from the device; only a note of them stays here.
field-kind-object = Object
field-kind-survey = Survey
field-kind-act_draft = Act draft
field-state-waiting = waiting
field-state-sending = sending
field-state-conflict = conflict
field-state-rejected = rejected
field-attempts = attempts: { $count }
field-rejected-no-reason = The server gave no reason.
field-retry = Send again
field-discard = Delete
field-discard-confirm = Delete this record from the device? It will not reach the server.
field-conflict-text = Someone else changed this record on the server (server version { $version }). Which one stays?
field-conflict-mine = My version
field-conflict-server = Server version
field-keep-mine = Keep mine
field-take-server = Take the server's
field-version = version { $version }
field-storage = Storage on this device
field-persist-granted = The browser keeps the data persistently: it will not be evicted when space runs low.
field-persist-denied = The browser did not grant persistent storage: data may be evicted when space runs low. Send records in good time.
field-persist-unsupported = This browser does not support persistent storage.
field-persist-unknown = Checking persistent storage…
field-persist-ask = Ask for persistent storage
field-export-title = Save the outbox to a file
field-export-hint = Last resort: if the app cannot sync for a long time, save the unsent records to a file and give it to an administrator.
field-export = Export outbox

field-import-hint = Upload an outbox file a device exported: its records are applied as the user named in the file, and journalled.
field-import-file = Outbox file (JSON)
field-import-invalid = This is not an outbox file (format: fito-outbox).
field-import-submit = Import
field-import-results = Result: { $count } records
field-result-applied = applied
field-result-unchanged = already there
field-result-conflict = conflict
field-result-rejected = rejected
field-map-tiles-saved = Tiles of objects, findings and zones saved for the offline map: { $count }
