# Fixed wording of phytosanitary acts (PDF). Ids start with "act-".

act-republic = Republic of Kazakhstan
act-title-quarantine-survey = Quarantine phytosanitary survey act
act-title-crop-monitoring = Crop phytosanitary survey (monitoring) act
act-title-sampling = Sampling act
act-title-prescription = Prescription to eliminate violations and carry out quarantine measures

act-number = Registry number
act-date = Date
act-page = Page
act-bin = BIN
act-address = Address
act-inspector = Inspector
act-position = Position
act-surveyed-at = Survey date and time

act-section-object = Surveyed object
act-object-name = Name
act-object-type = Object type
act-kato = KATO
act-owner = Owner (user)
act-bin-iin = BIN/IIN
act-location = Location
act-coordinates = Coordinates (WGS 84)
act-area = Area, ha

act-section-survey = Survey results
act-crop = Crop
act-growth-phase = Growth phase
act-section-findings = Harmful organisms found
act-no-findings = No harmful organisms were found.
act-col-number = No.
act-col-organism = Harmful organism (EPPO code)
act-col-category = Category
act-col-stage = Development stage
act-col-intensity = Density / prevalence
act-col-area = Area, ha
act-col-area-surveyed = surveyed
act-col-area-infested = infested
act-col-area-above-threshold = above threshold
act-col-samples = Samples (lab referral no.)

act-category-quarantine = Quarantine
act-category-especially-dangerous = Especially dangerous
act-category-ordinary = Other harmful

act-unit-per-square-metre = specimens/m²
act-unit-per-plant = specimens/plant
act-unit-per-trap = specimens/trap
act-unit-prevalence-percent = % prevalence
act-unit-cover-percent = % cover

act-section-samples = Samples taken
act-col-sample-number = Sample no.
act-col-lab-referral = Lab referral no.
act-no-samples = No samples were taken.

act-section-conclusions = Conclusions
act-section-grounds = Grounds for the prescription
act-section-measures = Prescribed measures
act-col-measure = Measure
act-measure-deadline = Deadline
act-no-measures = No measures were prescribed.
act-prescription-warning = Failure to comply with the prescription entails liability under the law of the Republic of Kazakhstan.

act-section-signatures = Signatures
act-signatory-inspector = Inspector
act-signatory-head = Head
act-signatory-owner-representative = Owner's representative
act-signatory-witness = Witness
act-signature-line = (signature)

act-qr-caption = Act authenticity check code
act-id = Act identifier
act-content-hash = Content hash (SHA-256)
